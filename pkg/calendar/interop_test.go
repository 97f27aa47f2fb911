package calendar

// Interop tests: the calendars bp writes go through real third-party
// parsers — khal (Debian), python-icalendar (Debian, /usr/bin/python3)
// and ical.js (npm, Thunderbird's parser) — and each must read every
// event back with the right UID, start, end, all-day flag, status,
// location and summary. A parser that is not installed is skipped with a
// message saying how to install it; CI installs all three.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

const interopDir = "../../testdata/interop"

// readEvent is one event as a parser read it, in the shape the reader
// scripts print. Start and End are "YYYY-MM-DD" for dates (End
// exclusive, as in the file) and UTC "YYYY-MM-DDTHH:MM:SSZ" for times.
type readEvent struct {
	UID         string   `json:"uid"`
	Summary     string   `json:"summary"`
	Status      string   `json:"status"`
	Location    string   `json:"location"`
	Description string   `json:"description"`
	Sequence    int      `json:"sequence"`
	Categories  []string `json:"categories"`
	AllDay      bool     `json:"allDay"`
	Start       string   `json:"start"`
	End         *string  `json:"end"`
	StartVTZ    *string  `json:"startVTZ"` // python: through the file's VTIMEZONE
	EndVTZ      *string  `json:"endVTZ"`
}

type readCalendar struct {
	Name    string      `json:"name"`
	Refresh string      `json:"refresh"`
	Events  []readEvent `json:"events"`
}

// parser reads an .ics file; it skips the test when its tool is absent.
type parser struct {
	name string
	// full: the parser reports description, categories and sequence.
	full bool
	// inclusiveEnd: all-day ends are the last day, not the day after.
	inclusiveEnd bool
	// defaultEnd: an event without DTEND gets an end of the parser's
	// choosing (khal: one hour), so End is not compared.
	defaultEnd bool
	read       func(t *testing.T, file string) readCalendar
}

var parsers = []parser{
	{name: "python-icalendar", full: true, read: readPython},
	{name: "ical.js", full: true, read: readICALJS},
	{name: "khal", inclusiveEnd: true, defaultEnd: true, read: func(t *testing.T, file string) readCalendar {
		k := newKhal(t)
		k.importFile(t, file)
		return k.list(t)
	}},
}

func runJSON(t *testing.T, cmd *exec.Cmd) readCalendar {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var cal readCalendar
	if err := json.Unmarshal(out, &cal); err != nil {
		t.Fatalf("%s: bad JSON: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return cal
}

func readPython(t *testing.T, file string) readCalendar {
	t.Helper()
	// Debian's python3-icalendar serves /usr/bin/python3, not a python
	// found earlier on PATH (pyenv).
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		testtool.Missing(t, "python-icalendar not available (%v): apt-get install python3-icalendar", err)
	}
	script, _ := filepath.Abs(filepath.Join(interopDir, "read_icalendar.py"))
	return runJSON(t, exec.Command(py, script, file))
}

func readICALJS(t *testing.T, file string) readCalendar {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found: install Node.js, then run npm ci in testdata/interop")
	}
	if _, err := os.Stat(filepath.Join(interopDir, "node_modules", "ical.js")); err != nil {
		testtool.Missing(t, "ical.js not installed: run npm ci in testdata/interop")
	}
	cmd := exec.Command(node, "read_icaljs.mjs", file)
	cmd.Dir = interopDir
	return runJSON(t, cmd)
}

// khal is a khal with its own configuration and calendar folder in a
// temporary directory, never the user's.
type khal struct {
	bin, dir string
	env      []string
}

func newKhal(t *testing.T) *khal {
	t.Helper()
	bin, err := exec.LookPath("khal")
	if err != nil {
		testtool.Missing(t, "khal not found: apt-get install khal")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config", "khal")
	cal := filepath.Join(dir, "data", "calendars", "bp")
	for _, d := range []string{cfg, cal} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Times are listed in UTC, so they compare with the other parsers.
	// The path is quoted: configobj reads an unquoted comma (a test name
	// can put one into the temporary directory's name) as a list.
	conf := `[calendars]
[[bp]]
path = "` + cal + `"
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC
`
	if err := os.WriteFile(filepath.Join(cfg, "config"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "TZ=UTC", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	return &khal{bin: bin, dir: dir, env: env}
}

func (k *khal) run(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(k.bin, args...)
	cmd.Env = k.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("khal %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if s := strings.TrimSpace(stderr.String()); s != "" {
		t.Logf("khal %s: %s", args[0], s)
	}
	return out
}

func (k *khal) importFile(t *testing.T, file string) { k.run(t, "import", "--batch", file) }

// list returns every event khal knows, over a range wider than any plan.
func (k *khal) list(t *testing.T) readCalendar {
	t.Helper()
	const sep = "\x1f"
	out := k.run(t, "list", "--once", "--day-format", "",
		"--format", strings.Join([]string{"{uid}", "{start}", "{end}", "{status}", "{location}", "{title}", "{all-day}"}, sep),
		"1990-01-01", "2100-01-01")
	var cal readCalendar
	for _, l := range strings.Split(string(out), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, sep)
		if len(f) != 7 {
			t.Fatalf("khal list: unexpected line %q", l)
		}
		ev := readEvent{UID: f[0], Status: strings.TrimSpace(f[3]), Location: f[4], Summary: f[5], AllDay: f[6] == "True"}
		ev.Start, ev.End = khalTime(t, f[1]), ptr(khalTime(t, f[2]))
		cal.Events = append(cal.Events, ev)
	}
	return cal
}

// khalTime turns "2026-06-10 08:00" (UTC, as configured) into RFC 3339;
// a date stays a date.
func khalTime(t *testing.T, s string) string {
	if len(s) == len("2006-01-02") {
		return s
	}
	tm, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		t.Fatalf("khal time %q: %v", s, err)
	}
	return tm.UTC().Format(time.RFC3339)
}

func ptr(s string) *string { return &s }

// expected is what every parser must read for a plan's dated events,
// computed from the plan without the calendar package's date code.
func expected(t *testing.T, plan *workplan.Plan, evs []*workplan.Event) map[string]readEvent {
	t.Helper()
	want := map[string]readEvent{}
	for _, e := range evs {
		w := readEvent{
			UID: e.ID + "@" + plan.ID, Summary: Summary(e), Status: string(Status(e)), Location: Location(e),
			Description: Description(plan, e), Sequence: plan.Revision, Categories: Categories(plan, e),
		}
		first, last := e.Span()
		if e.StartTime == "" {
			w.AllDay = true
			w.Start = first.Format("2006-01-02")
			w.End = ptr(last.AddDate(0, 0, 1).Format("2006-01-02"))
		} else {
			loc, err := time.LoadLocation(e.Zone(plan))
			if err != nil {
				t.Fatal(err)
			}
			instant := func(day time.Time, hhmm string) string {
				tm, err := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+hhmm, loc)
				if err != nil {
					t.Fatal(err)
				}
				return tm.UTC().Format(time.RFC3339)
			}
			w.Start = instant(first, e.StartTime)
			if e.EndTime != "" {
				w.End = ptr(instant(last, e.EndTime))
			}
		}
		want[w.UID] = w
	}
	return want
}

func str(p *string) string {
	if p == nil {
		return "<none>"
	}
	return *p
}

// compare checks what a parser read against want.
func compare(t *testing.T, p parser, got readCalendar, want map[string]readEvent) {
	t.Helper()
	seen := map[string]int{}
	for _, g := range got.Events {
		seen[g.UID]++
		w, ok := want[g.UID]
		if !ok {
			t.Errorf("%s: unexpected event %q", p.name, g.UID)
			continue
		}
		wantEnd := w.End
		if p.inclusiveEnd && w.AllDay {
			d, _ := time.Parse("2006-01-02", *w.End)
			wantEnd = ptr(d.AddDate(0, 0, -1).Format("2006-01-02"))
		}
		if p.defaultEnd && w.End == nil {
			wantEnd = g.End
		}
		check := func(what, got, want string) {
			if got != want {
				t.Errorf("%s: %s: %s\n got: %q\nwant: %q", p.name, g.UID, what, got, want)
			}
		}
		check("start", g.Start, w.Start)
		check("end", str(g.End), str(wantEnd))
		check("all-day", boolText(g.AllDay), boolText(w.AllDay))
		check("status", g.Status, w.Status)
		check("location", g.Location, w.Location)
		check("summary", g.Summary, w.Summary)
		if p.full {
			check("description", g.Description, w.Description)
			check("categories", strings.Join(g.Categories, " | "), strings.Join(w.Categories, " | "))
			check("sequence", strconv.Itoa(g.Sequence), strconv.Itoa(w.Sequence))
		}
		if g.StartVTZ != nil {
			check("start through the file's VTIMEZONE", *g.StartVTZ, w.Start)
		}
		if g.EndVTZ != nil && w.End != nil {
			check("end through the file's VTIMEZONE", *g.EndVTZ, *w.End)
		}
	}
	for uid := range want {
		if seen[uid] != 1 {
			t.Errorf("%s: event %q read %d times, want once", p.name, uid, seen[uid])
		}
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestInterop(t *testing.T) {
	cases := []struct {
		name, plan string
		opts       Options
	}{
		{"2026 as published", published, Options{}},
		{"2026 as published with undated", published, Options{IncludeUndated: true}},
		{"times and statuses", fixtures + "times.yaml", Options{IncludeUndated: true}},
		{"hostile text", fixtures + "hostile.yaml", Options{}},
	}
	for _, tc := range cases {
		plan := loadPlan(t, tc.plan)
		evs := plan.Select(workplan.Filter{})
		if !tc.opts.IncludeUndated {
			evs = slices.DeleteFunc(evs, func(e *workplan.Event) bool { return !e.HasDay() })
		}
		want := expected(t, plan, evs)
		_, data := write(t, plan, tc.opts)
		file := writeTemp(t, "cal.ics", data)
		for _, p := range parsers {
			t.Run(tc.name+"/"+p.name, func(t *testing.T) {
				got := p.read(t, file)
				if len(got.Events) != len(want) {
					t.Errorf("%s read %d events, want %d", p.name, len(got.Events), len(want))
				}
				compare(t, p, got, want)
				name := got.Name
				if p.name == "ical.js" {
					// ical.js does not know X-WR-CALNAME (nor RFC 7986's
					// NAME) as TEXT and hands back the escaped value.
					name = ics.FromText(name)
				}
				if p.full && name != line(plan.Title) {
					t.Errorf("calendar name %q, want %q", got.Name, plan.Title)
				}
			})
		}
	}
}

// TestInteropKnownInstants pins a few instants by hand, so that the test
// does not only compare Go's zone data with itself.
func TestInteropKnownInstants(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	_, data := write(t, plan, Options{})
	file := writeTemp(t, "times.ics", data)
	known := map[string]string{
		"webinar-vienna@fixture-times":      "2026-06-10T08:00:00Z", // 10:00 CEST
		"winter-vienna@fixture-times":       "2026-01-20T08:30:00Z", // 09:30 CET
		"new-york-after-dst@fixture-times":  "2026-03-09T13:00:00Z", // 09:00 EDT, the day after the change
		"kabul-no-dst@fixture-times":        "2026-04-14T06:30:00Z", // 11:00 +0430
		"lord-howe-half-hour@fixture-times": "2026-11-30T21:00:00Z", // 08:00 +1100
		"istanbul-two-days@fixture-times":   "2026-10-06T06:00:00Z", // 09:00 +03
	}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			got := p.read(t, file)
			n := 0
			for _, ev := range got.Events {
				if w, ok := known[ev.UID]; ok {
					n++
					if ev.Start != w {
						t.Errorf("%s: start %s, want %s", ev.UID, ev.Start, w)
					}
				}
			}
			if n != len(known) {
				t.Errorf("found %d of the %d events", n, len(known))
			}
		})
	}
}

// TestInteropUpdate changes the plan as an editor would — moves a date,
// bumps the revision — and shows that UIDs stay, SEQUENCE rises, and
// khal, re-importing, keeps one event per UID with the new date.
func TestInteropUpdate(t *testing.T) {
	plan := loadPlan(t, published)
	_, v1 := write(t, plan, Options{})

	moved := plan.Event("som-2026")
	moved.Start, moved.End = moved.Start.AddDate(0, 0, -7), moved.End.AddDate(0, 0, -7) // 17–19 Nov
	plan.Revision++
	plan.Revised = plan.Revised.AddDate(0, 0, 1)
	_, v2 := write(t, plan, Options{})

	uids := func(data []byte) []string {
		var out []string
		for _, l := range strings.Split(string(data), "\r\n") {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				out = append(out, u)
			}
		}
		slices.Sort(out)
		return out
	}
	if a, b := uids(v1), uids(v2); !slices.Equal(a, b) || len(a) != 9 {
		t.Fatalf("UIDs changed or missing:\n v1 %v\n v2 %v", a, b)
	}
	if !bytes.Contains(v1, []byte("SEQUENCE:1\r\n")) || !bytes.Contains(v2, []byte("SEQUENCE:2\r\n")) || bytes.Contains(v2, []byte("SEQUENCE:1\r\n")) {
		t.Errorf("SEQUENCE does not follow the revision (1, then 2)")
	}

	f1, f2 := writeTemp(t, "v1.ics", v1), writeTemp(t, "v2.ics", v2)
	t.Run("python-icalendar", func(t *testing.T) {
		a, b := readPython(t, f1), readPython(t, f2)
		for i := range b.Events {
			if b.Events[i].UID != a.Events[i].UID || b.Events[i].Sequence <= a.Events[i].Sequence {
				t.Errorf("%s: SEQUENCE %d then %d; want it to rise with the same UID", b.Events[i].UID, a.Events[i].Sequence, b.Events[i].Sequence)
			}
		}
	})
	t.Run("khal", func(t *testing.T) {
		k := newKhal(t)
		k.importFile(t, f1)
		k.importFile(t, f2)
		got := k.list(t)
		count := map[string]int{}
		for _, ev := range got.Events {
			count[ev.UID]++
			if ev.UID == "som-2026@budapest-process-2026" && (ev.Start != "2026-11-17" || str(ev.End) != "2026-11-19") {
				t.Errorf("moved event: %s – %s, want 2026-11-17 – 2026-11-19", ev.Start, str(ev.End))
			}
		}
		if len(count) != 9 {
			t.Errorf("khal holds %d events, want 9: %v", len(count), count)
		}
		for uid, n := range count {
			if n != 1 {
				t.Errorf("khal holds %d copies of %s, want 1", n, uid)
			}
		}
	})
}
