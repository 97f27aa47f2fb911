//go:build integration

package calendar

// Interop tests: the calendars bp writes go through four real third-party
// parsers — khal (Debian), python-icalendar (Debian, /usr/bin/python3),
// ical.js (npm, Thunderbird's parser) and libical (Debian's libical-dev,
// through a small C program) — and each must
//   - say nothing: no parse error, no warning on stderr or the console,
//     no X-LIC-ERROR property (libical), no Component.errors (python);
//   - read every event back as bp meant it: UID, every occurrence's start
//     and end, all-day flag, status, location, summary, description,
//     categories and sequence;
//   - agree with the other three on all of it.
// A parser that is not installed is skipped with a message saying how to
// install it (the test fails instead when BP_REQUIRE_TOOLS is set); CI
// installs all four.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

const interopDir = "../../testdata/interop"

// readEvent is one event as a parser read it, in the shape the reader
// programs print. Start and End are "YYYY-MM-DD" for dates (End
// exclusive, as in the file) and UTC "YYYY-MM-DDTHH:MM:SSZ" for times;
// End is DTEND, or DTSTART + DURATION, or null with neither.
type readEvent struct {
	UID         string   `json:"uid"`
	Summary     string   `json:"summary"`
	Status      string   `json:"status"`
	Location    string   `json:"location"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	Sequence    int      `json:"sequence"`
	Categories  []string `json:"categories"`
	AllDay      bool     `json:"allDay"`
	Start       string   `json:"start"`
	End         *string  `json:"end"`
	StartVTZ    *string  `json:"startVTZ"` // python: through the file's VTIMEZONE
	EndVTZ      *string  `json:"endVTZ"`
	// Occurrences are the [start, end] of every occurrence, the RRULE
	// expanded by the parser (python: by dateutil).
	Occurrences [][2]*string `json:"occurrences"`
	// Links are the CONFERENCE and ATTACH properties, each "NAME value
	// extra": a CONFERENCE's LABEL, an ATTACH's FMTTYPE.
	Links []string `json:"links"`
}

// readCalendar is one file as a parser read it.
type readCalendar struct {
	Name     string      `json:"name"`
	Refresh  string      `json:"refresh"`
	Events   []readEvent `json:"events"`
	Warnings []string    `json:"warnings"`
}

// parser reads .ics files; it skips the test when its tool is absent.
type parser struct {
	name string
	// inclusiveEnd: all-day ends are the last day, not the day after.
	inclusiveEnd bool
	// noSequence: the parser does not report SEQUENCE.
	noSequence bool
	// noLinks: the parser does not report CONFERENCE and ATTACH.
	noLinks bool
	// merges: all files go into one calendar, and read returns one
	// readCalendar for them all (khal imports them into one folder).
	merges bool
	read   func(t *testing.T, w window, files ...string) []readCalendar
}

// window is the first and last day khal lists: khal lists day by day
// (1990–2100 takes 10 s), so each test gives the days its events span.
// An event outside shows as not read, so the test fails.
type window [2]string

// plan2026 is the window of the 2026 plans.
var plan2026 = window{"2026-01-01", "2026-12-31"}

// windowOf returns the days the expected events span, a day more on each
// side, within what khal can list (it adds a day to the last one).
func windowOf(want map[string]readEvent) window {
	if len(want) == 0 {
		return plan2026
	}
	w := window{"9999-12-30", "0001-01-02"}
	for _, ev := range want {
		for _, o := range ev.Occurrences {
			w[0] = min(w[0], (*o[0])[:10])
			w[1] = max(w[1], str(o[1])[:10])
		}
	}
	day := func(s string, n int) string {
		d, _ := time.Parse("2006-01-02", s)
		d = d.AddDate(0, 0, n)
		if d.After(time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC)) {
			return "9999-12-30"
		}
		return d.Format("2006-01-02")
	}
	return window{day(w[0], -1), day(w[1], 1)}
}

var parsers = []parser{
	{name: "python-icalendar", read: func(t *testing.T, _ window, files ...string) []readCalendar { return readPython(t, files...) }},
	{name: "ical.js", read: func(t *testing.T, _ window, files ...string) []readCalendar { return readICALJS(t, files...) }},
	{name: "libical", read: func(t *testing.T, _ window, files ...string) []readCalendar { return readLibical(t, files...) }},
	{name: "khal", inclusiveEnd: true, noSequence: true, noLinks: true, merges: true, read: func(t *testing.T, w window, files ...string) []readCalendar {
		k := newKhal(t)
		k.importFile(t, files...)
		cal := k.list(t, w)
		cal.Warnings = append(k.warnings, cal.Warnings...)
		return []readCalendar{cal}
	}},
}

func runJSON(t *testing.T, cmd *exec.Cmd, files int) []readCalendar {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var cals []readCalendar
	if err := json.Unmarshal(out, &cals); err != nil {
		t.Fatalf("%s: bad JSON: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if len(cals) != files {
		t.Fatalf("%s: %d calendars for %d files", cmd.Args[0], len(cals), files)
	}
	// Whatever a parser says on stderr is a warning too.
	if s := strings.TrimSpace(stderr.String()); s != "" {
		for i := range cals {
			cals[i].Warnings = append(cals[i].Warnings, "stderr: "+s)
		}
	}
	return cals
}

func readPython(t *testing.T, files ...string) []readCalendar {
	t.Helper()
	// Debian's python3-icalendar serves /usr/bin/python3, not a python
	// found earlier on PATH (pyenv).
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar, dateutil").Run(); err != nil {
		testtool.Missing(t, "python-icalendar not available (%v): apt-get install python3-icalendar", err)
	}
	script, _ := filepath.Abs(filepath.Join(interopDir, "read_icalendar.py"))
	return runJSON(t, exec.Command(py, append([]string{"-W", "always", script}, files...)...), len(files))
}

func readICALJS(t *testing.T, files ...string) []readCalendar {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found: install Node.js, then run npm ci in testdata/interop")
	}
	if _, err := os.Stat(filepath.Join(interopDir, "node_modules", "ical.js")); err != nil {
		testtool.Missing(t, "ical.js not installed: run npm ci in testdata/interop")
	}
	cmd := exec.Command(node, append([]string{"read_icaljs.mjs"}, files...)...)
	cmd.Dir = interopDir
	return runJSON(t, cmd, len(files))
}

// libicalReader is read_libical.c, compiled once per test binary into
// tempRoot (removed by TestMain).
var libicalReader struct {
	once    sync.Once
	bin     string
	missing string // why it could not be built: the tools are absent
	err     error  // it did not compile for another reason
}

var tempRoot string

func TestMain(m *testing.M) {
	code := m.Run()
	if tempRoot != "" {
		_ = os.RemoveAll(tempRoot)
	}
	os.Exit(code)
}

func readLibical(t *testing.T, files ...string) []readCalendar {
	t.Helper()
	r := &libicalReader
	r.once.Do(func() {
		cc, err := exec.LookPath("cc")
		if err != nil {
			r.missing = "no C compiler (cc): apt-get install gcc libical-dev"
			return
		}
		if tempRoot, err = os.MkdirTemp("", "bp-calendar-test-"); err != nil {
			r.err = err
			return
		}
		src, _ := filepath.Abs(filepath.Join(interopDir, "read_libical.c"))
		r.bin = filepath.Join(tempRoot, "read_libical")
		out, err := exec.Command(cc, "-O1", "-Wall", "-o", r.bin, src, "-lical").CombinedOutput()
		switch {
		case err != nil && (bytes.Contains(out, []byte("libical/ical.h")) || bytes.Contains(out, []byte("-lical"))):
			r.missing = "libical not available: apt-get install libical-dev\n" + string(out)
		case err != nil:
			r.err = fmt.Errorf("cc read_libical.c: %v\n%s", err, out)
		}
	})
	if r.missing != "" {
		testtool.Missing(t, "%s", r.missing)
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	return runJSON(t, exec.Command(r.bin, files...), len(files))
}

// khal is a khal with its own configuration and calendar folder in a
// temporary directory, never the user's.
type khal struct {
	bin, dir string
	env      []string
	warnings []string // what import printed on stderr
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

// run runs khal and returns its stdout and what it said on stderr.
func (k *khal) run(t *testing.T, args ...string) ([]byte, string) {
	t.Helper()
	cmd := exec.Command(k.bin, args...)
	cmd.Env = k.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("khal %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, strings.TrimSpace(stderr.String())
}

// importFile imports the files into khal's one calendar, as a user adds
// each downloaded file.
func (k *khal) importFile(t *testing.T, files ...string) {
	t.Helper()
	if _, s := k.run(t, append([]string{"import", "--batch"}, files...)...); s != "" {
		k.warnings = append(k.warnings, "khal import: "+s)
	}
}

// list returns every event khal knows in the window.
// Not --once, which shows only the first occurrence of a recurring event:
// khal lists an event under each day it spans, with the same start and
// end each time, and each occurrence with its own; they are gathered here
// under their UID.
func (k *khal) list(t *testing.T, w window) readCalendar {
	t.Helper()
	const sep, end = "\x1f", "\x1e"
	out, stderr := k.run(t, "list", "--day-format", "",
		"--format", strings.Join([]string{"{uid}", "{start}", "{end}", "{status}", "{location}", "{title}", "{all-day}", "{categories}", "{description}", "{url}"}, sep)+end,
		w[0], w[1])
	var cal readCalendar
	if stderr != "" {
		cal.Warnings = append(cal.Warnings, "khal list: "+stderr)
	}
	index := map[string]int{}
	for _, rec := range strings.Split(string(out), end+"\n") {
		if strings.TrimSpace(rec) == "" {
			continue
		}
		f := strings.Split(rec, sep)
		if len(f) != 10 {
			t.Fatalf("khal list: unexpected record %q", rec)
		}
		start, stop := khalTime(t, f[1]), khalTime(t, f[2])
		if i, ok := index[f[0]]; ok {
			occ := &cal.Events[i].Occurrences
			if last := (*occ)[len(*occ)-1]; *last[0] != start || *last[1] != stop {
				*occ = append(*occ, [2]*string{&start, &stop})
			}
			continue
		}
		index[f[0]] = len(cal.Events)
		cal.Events = append(cal.Events, readEvent{
			UID: f[0], Status: strings.TrimSpace(f[3]), Location: f[4], Summary: f[5], AllDay: f[6] == "True",
			Categories: khalCategories(f[7]), Description: f[8], URL: f[9],
			Start: start, End: &stop, Occurrences: [][2]*string{{&start, &stop}},
		})
	}
	return cal
}

// khalCategories reads khal's {categories}: python-icalendar's vCategory
// written back as a CATEGORIES value (escaped, comma-separated), or ""
// when khal found no single CATEGORIES property.
func khalCategories(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, b.String())
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

// expected is what every parser must read for the given events of a
// plan, computed from the plan without the calendar package's date code:
// an all-day event from its first day to the day after its last; an
// event with times once a day, each day from its start time to its end
// time (to the end time of the next day when the end time is not after
// the start time: a meeting that runs past midnight), or a zero-length
// moment at its start time when it has no end time.
func expected(t *testing.T, plan *workplan.Plan, evs []*workplan.Event) map[string]readEvent {
	t.Helper()
	want := map[string]readEvent{}
	all := plan
	for _, e := range evs {
		plan := eventPlan(all, e) // events of several plan years: each with its own
		seq := e.Revision         // the event's own revision; the plan's for a plan built in code
		if seq == 0 {
			seq = plan.Revision
		}
		w := readEvent{
			UID: EventUID(plan, e), Summary: Summary(e), Status: string(Status(e)), Location: Location(e),
			Description: Description(plan, e), Sequence: seq, Categories: Categories(plan, e),
			Links: expectedLinks(e),
		}
		first, last := e.Span()
		if e.StartTime.IsZero() || !e.HasDay() {
			w.AllDay = true
			w.Start = first.Format("2006-01-02")
			w.End = ptr(last.AddDate(0, 0, 1).Format("2006-01-02"))
			w.Occurrences = [][2]*string{{&w.Start, w.End}}
			want[w.UID] = w
			continue
		}
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
		overnight := !e.EndTime.IsZero() && e.EndTime.String() <= e.StartTime.String()
		for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
			if overnight && day.Equal(last) {
				break
			}
			s, end := instant(day, e.StartTime.String()), ""
			switch {
			case e.EndTime.IsZero():
				end = s
			case overnight:
				end = instant(day.AddDate(0, 0, 1), e.EndTime.String())
			default:
				end = instant(day, e.EndTime.String())
			}
			w.Occurrences = append(w.Occurrences, [2]*string{&s, &end})
		}
		w.Start, w.End = *w.Occurrences[0][0], w.Occurrences[0][1]
		want[w.UID] = w
	}
	return want
}

// expectedLinks is what a parser reads of an event's links: a join link
// as CONFERENCE with its label (or "Join online"), the agenda and
// documents as ATTACH with the media type of a .pdf or .docx.
func expectedLinks(e *workplan.Event) []string {
	out := []string{}
	for _, l := range e.Links {
		switch l.Kind {
		case workplan.LinkJoin:
			label := l.Label
			if label == "" {
				label = "Join online"
			}
			out = append(out, "CONFERENCE "+l.URL+" "+strings.ReplaceAll(label, `"`, "'"))
		case workplan.LinkAgenda, workplan.LinkDocuments:
			s := "ATTACH " + l.URL
			switch strings.ToLower(filepath.Ext(strings.SplitN(l.URL, "#", 2)[0])) {
			case ".pdf":
				s += " application/pdf"
			case ".docx":
				s += " application/vnd.openxmlformats-officedocument.wordprocessingml.document"
			}
			out = append(out, s)
		}
	}
	return out
}

// expectedWith is expected for a calendar written with opts: with each
// event's URL when opts gives one.
func expectedWith(t *testing.T, plan *workplan.Plan, evs []*workplan.Event, opts Options) map[string]readEvent {
	want := expected(t, plan, evs)
	if opts.URL != nil {
		for _, e := range evs {
			w := want[e.ID+"@"+plan.ID]
			w.URL = opts.URL(e)
			want[w.UID] = w
		}
	}
	return want
}

// pageURL is an event's page on a site published at a long address with
// a space and non-ASCII letters in its path, as bp site --base-url
// writes it (percent-encoded): its URL must reach every parser whole,
// unfolded and not unescaped.
func pageURL(e *workplan.Event) string {
	return "https://xn--bcher-kva.example/plans%20and%20papers/budapest-process/calendars-and-meetings/events/" + e.ID + ".html"
}

func str(p *string) string {
	if p == nil {
		return "<none>"
	}
	return *p
}

// exclusive turns a parser's inclusive all-day end into the exclusive
// end the file holds.
func exclusive(p parser, allDay bool, end *string) *string {
	if !p.inclusiveEnd || !allDay || end == nil {
		return end
	}
	d, err := time.Parse("2006-01-02", *end)
	if err != nil {
		return end
	}
	return ptr(d.AddDate(0, 0, 1).Format("2006-01-02"))
}

// fields is what a parser read of an event, field by field, with a
// parser's own conventions undone (khal's inclusive all-day end); a
// field the parser does not report is absent.
func fields(p parser, ev readEvent) map[string]string {
	f := map[string]string{
		"start":       ev.Start,
		"end":         str(exclusive(p, ev.AllDay, ev.End)),
		"all-day":     strconv.FormatBool(ev.AllDay),
		"status":      ev.Status,
		"location":    ev.Location,
		"summary":     ev.Summary,
		"description": ev.Description,
		"url":         ev.URL,
		"categories":  strings.Join(ev.Categories, " | "),
		"sequence":    strconv.Itoa(ev.Sequence),
	}
	var occ []string
	for _, o := range ev.Occurrences {
		occ = append(occ, str(o[0])+" – "+str(exclusive(p, ev.AllDay, o[1])))
	}
	f["occurrences"] = strings.Join(occ, ", ")
	f["links"] = strings.Join(slices.Sorted(slices.Values(ev.Links)), " | ")
	if p.noSequence {
		delete(f, "sequence")
	}
	if p.noLinks {
		delete(f, "links")
	}
	return f
}

// events gathers the events of the calendars a parser read, by UID;
// a UID read twice is an error.
func events(t *testing.T, p parser, cals []readCalendar) map[string]readEvent {
	t.Helper()
	out := map[string]readEvent{}
	for _, c := range cals {
		for _, ev := range c.Events {
			if _, dup := out[ev.UID]; dup {
				t.Errorf("%s: event %q read twice", p.name, ev.UID)
			}
			out[ev.UID] = ev
		}
	}
	return out
}

// compare checks what a parser read against want.
func compare(t *testing.T, p parser, got, want map[string]readEvent) {
	t.Helper()
	for uid, g := range got {
		w, ok := want[uid]
		if !ok {
			t.Errorf("%s: unexpected event %q", p.name, uid)
			continue
		}
		// want is in the file's own terms: no parser's conventions.
		gf, wf := fields(p, g), fields(parser{noSequence: p.noSequence, noLinks: p.noLinks}, w)
		for _, k := range slices.Sorted(maps.Keys(wf)) {
			if gf[k] != wf[k] {
				t.Errorf("%s: %s: %s\n got: %q\nwant: %q", p.name, uid, k, gf[k], wf[k])
			}
		}
		if g.StartVTZ != nil && *g.StartVTZ != w.Start {
			t.Errorf("%s: %s: start through the file's VTIMEZONE %s, want %s", p.name, uid, *g.StartVTZ, w.Start)
		}
		if g.EndVTZ != nil && *g.EndVTZ != str(w.End) {
			t.Errorf("%s: %s: end through the file's VTIMEZONE %s, want %s", p.name, uid, *g.EndVTZ, str(w.End))
		}
	}
	for uid := range want {
		if _, ok := got[uid]; !ok {
			t.Errorf("%s: event %q not read", p.name, uid)
		}
	}
}

// agree checks that the parsers read the same thing, field by field, on
// the fields both report.
func agree(t *testing.T, read map[string]map[string]readEvent) {
	t.Helper()
	names := slices.Sorted(maps.Keys(read))
	byName := map[string]parser{}
	for _, p := range parsers {
		byName[p.name] = p
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			pa, pb := byName[a], byName[b]
			if len(read[a]) != len(read[b]) {
				t.Errorf("%s read %d events, %s %d", a, len(read[a]), b, len(read[b]))
			}
			for uid, ea := range read[a] {
				eb, ok := read[b][uid]
				if !ok {
					t.Errorf("%s read %s, %s did not", a, uid, b)
					continue
				}
				fa, fb := fields(pa, ea), fields(pb, eb)
				for _, k := range slices.Sorted(maps.Keys(fa)) {
					if v, ok := fb[k]; ok && v != fa[k] {
						t.Errorf("%s: %s and %s differ on %s:\n %s: %q\n %s: %q", uid, a, b, k, a, fa[k], b, v)
					}
				}
			}
		}
	}
}

// noWarnings fails the test for each warning a parser gave.
func noWarnings(t *testing.T, p parser, cals []readCalendar) {
	t.Helper()
	for _, c := range cals {
		for _, w := range c.Warnings {
			t.Errorf("%s warns: %s", p.name, w)
		}
	}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// interopCase is a set of files that every parser reads; want is what bp
// meant.
type interopCase struct {
	files []string
	want  map[string]readEvent
	// calName is each file's X-WR-CALNAME; "" for one-event files, which
	// carry none.
	calName string
}

// runInterop reads the case's files with every parser and checks what
// they say, what they read, and that they agree.
func runInterop(t *testing.T, tc interopCase) {
	read := map[string]map[string]readEvent{}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			cals := p.read(t, windowOf(tc.want), tc.files...)
			noWarnings(t, p, cals)
			got := events(t, p, cals)
			read[p.name] = got
			compare(t, p, got, tc.want)
			if !p.merges {
				for i, c := range cals {
					name := c.Name
					if p.name == "ical.js" {
						// ical.js does not know X-WR-CALNAME as TEXT and
						// hands back the escaped value.
						name = ics.FromText(name)
					}
					if name != tc.calName {
						t.Errorf("%s: calendar name %q, want %q", filepath.Base(tc.files[i]), name, tc.calName)
					}
				}
			}
		})
	}
	if len(read) > 1 {
		t.Run("agreement", func(t *testing.T) { agree(t, read) })
	}
}

// ReadByEveryClient has every client read a calendar of plan's events
// as the interop tests read theirs (for TestYearOfWorkInterop, in
// package calendar_test).
func ReadByEveryClient(t *testing.T, plan *workplan.Plan, data []byte) {
	path := writeTemp(t, "scene.ics", data)
	want := expected(t, plan, plan.Select(workplan.Filter{}))
	runInterop(t, interopCase{files: []string{path}, want: want, calName: line(plan.Title)})
}

// ReadFeedsByEveryClient has every client read each feed file (bp ics
// --feeds) of the events of plans, as the interop tests read theirs: each
// event of a feed as the plans say it, with no warning.
func ReadFeedsByEveryClient(t *testing.T, plans []*workplan.Plan, files []string) {
	byUID := map[string]*workplan.Event{}
	for _, p := range plans {
		for _, e := range p.Events {
			byUID[EventUID(p, e)] = e
		}
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var evs []*workplan.Event
			for uid := range vevents(data) {
				e := byUID[uid]
				if e == nil {
					t.Fatalf("%s: no event of the plans has the UID %s", f, uid)
				}
				evs = append(evs, e)
			}
			var name string
			for _, l := range strings.Split(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n") {
				if v, ok := strings.CutPrefix(l, "X-WR-CALNAME:"); ok {
					name = ics.FromText(v)
				}
			}
			runInterop(t, interopCase{files: []string{f}, want: expected(t, plans[0], evs), calName: name})
		})
	}
}

// datedOrAll returns the events Build writes with opts.
func datedOrAll(plan *workplan.Plan, opts Options) []*workplan.Event {
	evs := plan.Select(workplan.Filter{})
	if !opts.IncludeUndated {
		evs = slices.DeleteFunc(evs, func(e *workplan.Event) bool { return !e.HasDay() })
	}
	return evs
}

func TestInterop(t *testing.T) {
	feeds := []struct {
		name, plan string
		opts       Options
	}{
		{"2026 plan", published, Options{}},
		{"2026 plan with undated", published, Options{IncludeUndated: true}},
		{"times and statuses", fixtures + "times.yaml", Options{IncludeUndated: true}},
		{"hostile text", fixtures + "hostile.yaml", Options{}},
		{"links and reasons", fixtures + "links.yaml", Options{}},
		{"times with each event's page", fixtures + "times.yaml", Options{IncludeUndated: true, URL: pageURL}},
	}
	for _, tc := range feeds {
		plan := loadPlan(t, tc.plan)
		_, data := write(t, plan, tc.opts)
		t.Run(tc.name, func(t *testing.T) {
			runInterop(t, interopCase{
				files:   []string{writeTemp(t, "cal.ics", data)},
				want:    expectedWith(t, plan, datedOrAll(plan, tc.opts), tc.opts),
				calName: line(plan.Title),
			})
		})
	}

	// The one-event files the site offers ("add to calendar"), and that
	// a CalDAV client PUTs: one per event, each with only its own zone.
	for _, tc := range []struct{ name, plan string }{
		{"one-event files of the 2026 plan", published},
		{"one-event files of the times fixture", fixtures + "times.yaml"},
		{"one-event files of the links fixture", fixtures + "links.yaml"},
	} {
		plan := loadPlan(t, tc.plan)
		opts := Options{IncludeUndated: true, URL: pageURL} // as the site writes them
		evs := datedOrAll(plan, opts)
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for _, e := range evs {
				cal, err := BuildOne(plan, e, opts)
				if err != nil {
					t.Fatal(err)
				}
				f := filepath.Join(dir, e.ID+".ics")
				if err := os.WriteFile(f, serialize(t, cal), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			runInterop(t, interopCase{files: files, want: expectedWith(t, plan, evs, opts)})
		})
	}

	// The last days a calendar file can hold: an all-day event on 30
	// December 9999 (its exclusive end is the last date RFC 5545 can
	// write; Build refuses the 31st, see TestYear9999) and a time on the
	// evening of the 30th in Tokyo, with a VTIMEZONE for the year 9999.
	t.Run("year 9999", func(t *testing.T) {
		d := time.Date(9999, time.December, 30, 0, 0, 0, 0, time.UTC)
		plan := &workplan.Plan{ID: "y9999", Title: "Year 9999", Year: 9999, Revision: 4, Revised: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
			Events: []*workplan.Event{
				{ID: "last-day", Title: "Last day", Type: "webinar", Status: "planned", Start: d, End: d, Month: d.AddDate(0, 0, -29)},
				{ID: "tokyo-evening", Title: "Tokyo evening", Type: "webinar", Status: "confirmed", Start: d, End: d, Month: d.AddDate(0, 0, -29),
					StartTime: workplan.ClockAt(22, 0), EndTime: workplan.ClockAt(23, 30), TimeZone: "Asia/Tokyo"},
			}}
		cal, err := Build(plan, plan.Events, Options{})
		if err != nil {
			t.Fatal(err)
		}
		runInterop(t, interopCase{
			files:   []string{writeTemp(t, "y9999.ics", serialize(t, cal))},
			want:    expected(t, plan, plan.Events),
			calName: "Year 9999",
		})
	})

	// A feed with no events (a group with nothing planned) is a valid
	// calendar that every parser reads as empty, without a word.
	t.Run("feed with no events", func(t *testing.T) {
		plan := loadPlan(t, published)
		cal, err := Feed(plan, nil, Options{Name: "Empty group"})
		if err != nil {
			t.Fatal(err)
		}
		runInterop(t, interopCase{
			files:   []string{writeTemp(t, "empty.ics", serialize(t, cal))},
			want:    map[string]readEvent{},
			calName: "Empty group",
		})
	})
}

// TestInteropKnownInstants pins a few instants by hand, so that the test
// does not only compare Go's zone data with itself.
func TestInteropKnownInstants(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	_, data := write(t, plan, Options{})
	file := writeTemp(t, "times.ics", data)
	known := map[string]string{
		"webinar-vienna@fixture-times":      "2026-06-10T08:00:00Z–2026-06-10T10:00:00Z", // 10:00 CEST
		"winter-vienna@fixture-times":       "2026-01-20T08:30:00Z–2026-01-20T16:00:00Z", // 09:30 CET
		"new-york-after-dst@fixture-times":  "2026-03-09T13:00:00Z–2026-03-09T14:30:00Z", // 09:00 EDT, the day after the change
		"kabul-no-dst@fixture-times":        "2026-04-14T06:30:00Z–2026-04-14T07:30:00Z", // 11:00 +0430
		"lord-howe-half-hour@fixture-times": "2026-11-30T21:00:00Z–2026-11-30T22:00:00Z", // 08:00 +1100
		"start-only@fixture-times":          "2026-07-01T13:00:00Z–2026-07-01T13:00:00Z", // 15:00 CEST, no length
		// Two mornings, 09:00–13:00 +03 each.
		"istanbul-two-days@fixture-times": "2026-10-06T06:00:00Z–2026-10-06T10:00:00Z, 2026-10-07T06:00:00Z–2026-10-07T10:00:00Z",
		// Three mornings, 09:00–13:00 in Vienna; the clocks go back in the
		// night of the 24th to the 25th.
		"vienna-three-mornings@fixture-times": "2026-10-24T07:00:00Z–2026-10-24T11:00:00Z, 2026-10-25T08:00:00Z–2026-10-25T12:00:00Z, 2026-10-26T08:00:00Z–2026-10-26T12:00:00Z",
		// 22:00 CET to 04:00 CEST: the clocks go forward at 02:00.
		"overnight-vienna@fixture-times": "2026-03-28T21:00:00Z–2026-03-29T02:00:00Z",
	}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			n := 0
			for _, c := range p.read(t, plan2026, file) {
				for _, ev := range c.Events {
					w, ok := known[ev.UID]
					if !ok {
						continue
					}
					n++
					var occ []string
					for _, o := range ev.Occurrences {
						occ = append(occ, str(o[0])+"–"+str(o[1]))
					}
					if got := strings.Join(occ, ", "); got != w {
						t.Errorf("%s:\n got %s\nwant %s", ev.UID, got, w)
					}
				}
			}
			if n != len(known) {
				t.Errorf("found %d of the %d events", n, len(known))
			}
		})
	}
}

// TestInteropUpdate changes the plan as bp's edit commands do — moves a
// date, raises the revision, and gives the moved event (and its
// back-to-back partner, whose entry names its dates) the new revision —
// and shows that UIDs stay, the changed events' SEQUENCE rises, the other
// events are written byte for byte as before, and khal, re-importing,
// keeps one event per UID with the new date.
func TestInteropUpdate(t *testing.T) {
	plan := loadPlan(t, published)
	_, v1 := write(t, plan, Options{})

	plan.Revision++
	plan.Revised = plan.Revised.AddDate(0, 0, 1)
	moved := plan.Event("som-2026")
	moved.Start, moved.End = moved.Start.AddDate(0, 0, -7), moved.End.AddDate(0, 0, -7) // 17–19 Nov
	changed := map[string]bool{"som-2026@budapest-process-2026": true, "rg-2026-11@budapest-process-2026": true}
	for _, e := range []*workplan.Event{moved, plan.Event("rg-2026-11")} {
		e.Revision, e.Revised = plan.Revision, plan.Revised
	}
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
	before, after := vevents(v1), vevents(v2)
	for uid, ev := range after {
		switch {
		case changed[uid] && !strings.Contains(ev, "SEQUENCE:2\r\n"):
			t.Errorf("%s changed, but its SEQUENCE is not 2:\n%s", uid, ev)
		case !changed[uid] && ev != before[uid]:
			t.Errorf("%s did not change, but its VEVENT did:\n%s\nwas\n%s", uid, ev, before[uid])
		}
	}

	f1, f2 := writeTemp(t, "v1.ics", v1), writeTemp(t, "v2.ics", v2)
	t.Run("python-icalendar", func(t *testing.T) {
		cals := readPython(t, f1, f2)
		a, b := cals[0], cals[1]
		for i := range b.Events {
			rose := b.Events[i].Sequence > a.Events[i].Sequence
			if b.Events[i].UID != a.Events[i].UID || rose != changed[b.Events[i].UID] {
				t.Errorf("%s: SEQUENCE %d then %d; want it to rise only for a changed event, with the same UID", b.Events[i].UID, a.Events[i].Sequence, b.Events[i].Sequence)
			}
		}
	})
	t.Run("khal", func(t *testing.T) {
		k := newKhal(t)
		k.importFile(t, f1)
		k.importFile(t, f2)
		got := k.list(t, plan2026)
		if len(k.warnings) > 0 || len(got.Warnings) > 0 {
			t.Errorf("khal warns: %q %q", k.warnings, got.Warnings)
		}
		count := map[string]int{}
		for _, ev := range got.Events {
			count[ev.UID] += len(ev.Occurrences)
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
