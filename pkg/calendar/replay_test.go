package calendar_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/cli"
	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

// replayScene is one scene of the year replayed with commands: the bp
// command lines a maintainer types on a day, and what the calendar
// feeds must then say.
type replayScene struct {
	name  string
	day   string
	cmds  [][]string
	check func(t *testing.T, feed string)
}

// TestYearReplay (issue 21's "must show"): a year replayed with bp
// commands only, in a git repository holding the 2026 and 2027 plans,
// a commit after each scene. After each one, the plans validate against
// the last commit (bp validate --against HEAD), are in bp fmt's layout
// (bp fmt --check) with every comment of the plans as they started, and
// the subscription feeds (bp ics --feeds) say what the scene did.
// TestYearReplayInterop (-tags integration) has khal, python-icalendar,
// ical.js and libical read the feeds after each scene, with no warning.
func TestYearReplay(t *testing.T) { yearReplay(t, nil) }

// yearReplay plays the scenes of TestYearReplay; read, when not nil, is
// given each scene's plans and the feeds written.
func yearReplay(t *testing.T, read func(t *testing.T, plans []*workplan.Plan, feeds []string)) {
	if _, err := exec.LookPath("git"); err != nil {
		testtool.Missing(t, "git is not installed: skipping the year replay")
	}
	dir := t.TempDir()
	git := gitIn(t, dir)
	day := "2026-11-27"
	bp := func(want int, args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		app := &cli.App{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Now:    func() time.Time { return time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC) },
			Getenv: func(k string) string { return map[string]string{"BP_TODAY": day}[k] },
			Getwd:  func() (string, error) { return dir, nil }}
		if code := app.Run(args); code != want {
			t.Fatalf("%s: bp %s: exit %d, want %d\n%s%s", day, strings.Join(args, " "), code, want, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}

	// The 2026 plan as first published, with a maintainer's comments,
	// and the 2027 plan as started in November; both upgraded to the
	// current format and in bp fmt's layout before the first commit.
	plan2026 := readFile(t, "../../testdata/edit/2026-published-format-2.yaml")
	for _, c := range [][2]string{
		{"  - id: rg-2026-03\n", "  # the March meeting endorses the workplan\n  - id: rg-2026-03\n"},
		{"  - id: twg-legal-pathways-2026\n", "  # may slip into 2027 (host not found)\n  - id: twg-legal-pathways-2026\n"},
		{"  - id: webinar-missing-migrants\n", "  - id: webinar-missing-migrants # speakers not confirmed\n"},
		{"  - id: som-2026\n", "  # held back-to-back with the November Reference Group\n  - id: som-2026\n"},
	} {
		if !strings.Contains(plan2026, c[0]) {
			t.Fatalf("the fixture has no %q", c[0])
		}
		plan2026 = strings.Replace(plan2026, c[0], c[1], 1)
	}
	files := map[string]string{
		"workplans/2026.yaml": plan2026,
		"workplans/2027.yaml": readFile(t, "../../testdata/years/two/2027.yaml"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bp(0, "migrate")
	bp(0, "fmt")
	comments := planComments(t, dir)
	if len(comments) < 8 {
		t.Fatalf("only %d comments in the plans: the test proves little", len(comments))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "the plans as published")

	vevent := func(t *testing.T, feed, id string) string {
		t.Helper()
		for uid, ev := range calendar.VEvents([]byte(feed)) {
			if strings.HasPrefix(uid, id+"@") {
				return strings.ReplaceAll(ev, "\r\n ", "")
			}
		}
		t.Fatalf("no event %s in the feed", id)
		return ""
	}
	has := func(t *testing.T, feed, id string, want ...string) {
		t.Helper()
		ev := vevent(t, feed, id)
		for _, w := range want {
			if !strings.Contains(ev, w) {
				t.Errorf("%s: its entry lacks %q:\n%s", id, w, ev)
			}
		}
	}
	scenes := []replayScene{
		{"record the March meeting with its conclusions", "2026-11-28", [][]string{
			{"record", "rg-2026-03", "--summary", "The Reference Group endorsed the 2026 workplan.", "--on", "2026-03-05",
				"--conclusion", "The 2026 workplan is endorsed.", "--conclusion", "Iraq offers to host the meeting on return."},
		}, func(t *testing.T, feed string) {
			has(t, feed, "rg-2026-03", `Conclusions:\n- The 2026 workplan is endorsed.\n- Iraq offers to host the meeting on return.`)
		}},
		{"add an action", "2026-11-29", [][]string{
			{"action", "add", "rg-2026-03", "Circulate the draft paper on return", "--owner", "secretariat", "--due", "2026-12", "--public"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "rg-2026-03", `Actions:\n- Circulate the draft paper on return: Secretariat (ICMPD)\; Open\, due Dec 2026`)
		}},
		{"change its owner and due date", "2026-11-30", [][]string{
			{"action", "set", "rg-2026-03-a1", "--owner", "secretariat", "--owner", "twg-return", "--due", "2027-01"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "rg-2026-03", `Circulate the draft paper on return: Secretariat (ICMPD)\, Thematic Working Group on Return and Reintegration\; Open\, due Jan 2027`)
		}},
		{"mark it done", "2026-12-01", [][]string{
			{"action", "done", "rg-2026-03-a1", "--on", "2026-12-01"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "rg-2026-03", `Reintegration\; Done 1 Dec 2026`)
		}},
		{"add a webinar with a join link and a time", "2026-12-02", [][]string{
			{"add", "webinar-data-2026", "--title", "Webinar on migration data", "--type", "webinar", "-g", "twg-return",
				"--date", "2026-12-15", "--time", "10:00-11:30", "--tz", "Europe/Vienna", "--format", "online",
				"--link", "join=https://meet.example.org/j/2026?pwd=a=b,c Join the webinar"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "webinar-data-2026", "DTSTART;TZID=Europe/Vienna:20261215T100000\r\n",
				"CONFERENCE;FEATURE=VIDEO,AUDIO;LABEL=Join the webinar;VALUE=URI:https://meet.example.org/j/2026?pwd=a=b,c\r\n",
				`Join online: Join the webinar (https://meet.example.org/j/2026?pwd=a=b\,c)`)
		}},
		{"postpone a meeting into next year", "2026-12-03", [][]string{
			{"postpone", "twg-legal-pathways-2026", "--to", "2027-02-10..2027-02-11", "--reason", "no host was found in time"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "twg-legal-pathways-2026", "UID:twg-legal-pathways-2026@budapest-process-2026\r\n",
				"DTSTART;VALUE=DATE:20270210\r\n", `Moved from: Sep 2026`, `Reason: no host was found in time`)
		}},
		{"cancel one with a reason", "2026-12-04", [][]string{
			{"cancel", "webinar-missing-migrants", "--reason", "merged into the October meeting"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "webinar-missing-migrants", "STATUS:CANCELLED\r\n", `Status: Cancelled\nReason: merged into the October meeting`)
		}},
		{"move a back-to-back pair", "2026-12-05", [][]string{
			{"set", "rg-2026-11", "--date", "2026-12-15", "--pair"},
		}, func(t *testing.T, feed string) {
			has(t, feed, "rg-2026-11", "DTSTART;VALUE=DATE:20261215\r\n", "Moved from: 24–26 Nov 2026",
				`Back-to-back: Annual Senior Officials Meeting\, 15–17 Dec 2026`)
			has(t, feed, "som-2026", "DTSTART;VALUE=DATE:20261215\r\n", "Moved from: 24–26 Nov 2026",
				`Back-to-back: Reference Group Meeting\, 15 Dec 2026`)
		}},
	}
	feeds := filepath.Join(dir, "feeds")
	for i, sc := range scenes {
		t.Run(sc.name, func(t *testing.T) {
			day = sc.day
			for _, c := range sc.cmds {
				bp(0, c...)
			}
			bp(0, "validate", "--against", "HEAD")
			bp(0, "fmt", "--check")
			if got := planComments(t, dir); !slices.Equal(got, comments) {
				t.Errorf("the comments of the plans changed:\n%q\nwere\n%q", got, comments)
			}
			git("add", "-A", "workplans")
			git("commit", "-q", "-m", sc.name)
			if err := os.RemoveAll(feeds); err != nil {
				t.Fatal(err)
			}
			bp(0, "ics", "--feeds", feeds)
			all, err := os.ReadFile(filepath.Join(feeds, "all.ics"))
			if err != nil {
				t.Fatal(err)
			}
			sc.check(t, string(all))
			if read != nil {
				names, _ := filepath.Glob(filepath.Join(feeds, "*.ics"))
				if i < len(scenes)-1 {
					names = []string{filepath.Join(feeds, "all.ics")} // every feed once, at the end
				}
				read(t, loadPlans(t, dir), names)
			}
		})
	}
	// The move into 2027 is in both plans' history: nothing was deleted.
	out, errs := bp(0, "validate", "--against", "HEAD~8")
	if !strings.Contains(out+errs, ": 0 errors") {
		t.Errorf("the year against the plans as published:\n%s%s", out, errs)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// planComments is every comment line of the plan files, sorted: an
// event that moves from one year's file to the other takes its comments
// with it.
func planComments(t *testing.T, dir string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "workplans", "*.yaml"))
	var out []string
	for _, n := range names {
		for _, l := range strings.Split(readFile(t, n), "\n") {
			if _, c, ok := strings.Cut(l, "#"); ok && (strings.HasPrefix(strings.TrimSpace(l), "#") || strings.Contains(l, " #")) {
				out = append(out, strings.TrimSpace(c))
			}
		}
	}
	slices.Sort(out)
	return out
}

// loadPlans reads the plan files of dir.
func loadPlans(t *testing.T, dir string) []*workplan.Plan {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "workplans", "*.yaml"))
	var plans []*workplan.Plan
	for _, n := range names {
		plans = append(plans, calendar.LoadPlan(t, n))
	}
	return plans
}
