package calendar_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

// scene is one step of the year of work on the 2026 plan: the changes a
// maintainer makes on a day, committed, and the events they change.
type scene struct {
	name    string
	day     string
	changes []edit.Change
	changed []string
}

func dates(t *testing.T, s string) *workplan.Dates {
	t.Helper()
	d, err := edit.ParseDates(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// TestYearOfWork is issue 12's year of work on the plan as first
// published, as one story: each scene's edits are made through pkg/edit
// (what the bp commands run) on a copy of the plan in a git repository,
// with the revision published at HEAD as bp reads it, and committed. After
// each scene, against the scene before, the calendar (bp ics
// --include-undated) keeps every event the scene did not change
// byte-identical, gives every event it changed a higher SEQUENCE, and
// carries the cancellation. TestYearOfWorkInterop (-tags integration) has
// the real calendar clients read each scene's calendar too.
func TestYearOfWork(t *testing.T) { yearOfWork(t, nil) }

// yearOfWork plays the scenes of TestYearOfWork; read, when not nil, is
// given each scene's plan and calendar.
func yearOfWork(t *testing.T, read func(t *testing.T, plan *workplan.Plan, data []byte)) {
	if _, err := exec.LookPath("git"); err != nil {
		testtool.Missing(t, "git is not installed: skipping the year of work")
	}
	dir := t.TempDir()
	git := gitIn(t, dir)
	file := filepath.Join(dir, "workplans", "2026.yaml")
	data, err := os.ReadFile(calendar.Published)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "the plan as first published")

	outcome := func(s, on string) edit.OutcomeSpec {
		o := edit.OutcomeSpec{Summary: s}
		if on != "" {
			d, _ := workplan.ParseDate(on)
			o.On = d
		}
		return o
	}
	inPerson, istanbul := workplan.FormatInPerson, "Europe/Istanbul"
	scenes := []scene{
		{"record the March meeting's outcome", "2026-11-28",
			[]edit.Change{edit.Record("rg-2026-03", outcome("The Reference Group endorsed the 2026 workplan.", "2026-03-05"))},
			[]string{"rg-2026-03"}},
		{"date the Syria meeting, 19 May 10:00-16:00 Ankara time", "2026-11-29",
			[]edit.Change{edit.Set("syria-thematic-meeting", edit.Fields{Dates: dates(t, "2026-05-19"), Times: &edit.Times{Start: workplan.ClockAt(10, 0), End: workplan.ClockAt(16, 0)}, TimeZone: &istanbul})},
			[]string{"syria-thematic-meeting"}},
		{"postpone the June TWG to 8-9 July", "2026-11-30",
			[]edit.Change{edit.Postpone("twg-law-enforcement-2026", dates(t, "2026-07-08..2026-07-09"), "")},
			[]string{"twg-law-enforcement-2026"}},
		{"confirm Legal Pathways for 15-16 Sep in person", "2026-12-01",
			[]edit.Change{edit.Confirm("twg-legal-pathways-2026", edit.ConfirmSpec{Dates: dates(t, "2026-09-15..2026-09-16"), Format: &inPerson})},
			[]string{"twg-legal-pathways-2026"}},
		{"choose Baghdad", "2026-12-02",
			[]edit.Change{edit.Confirm("twg-return-2026", edit.ConfirmSpec{Choose: "Baghdad"})},
			[]string{"twg-return-2026"}},
		{"cancel the missing-migrants webinar", "2026-12-03",
			[]edit.Change{edit.Cancel("webinar-missing-migrants", "")},
			[]string{"webinar-missing-migrants"}},
		{"record the November outcomes", "2026-12-04",
			[]edit.Change{
				edit.Record("som-2026", outcome("Senior officials adopted the conclusions of the year.", "")),
				edit.Record("rg-2026-11", outcome("The Reference Group agreed the priorities for 2027.", "")),
			},
			[]string{"som-2026", "rg-2026-11"}},
	}

	plan, before := yearCalendar(t, file)
	sequences := []string{"published: " + sequenceLine(plan)}
	for i, sc := range scenes {
		t.Run(strconv.Itoa(i+1)+" "+sc.name, func(t *testing.T) {
			today, _ := workplan.ParseDate(sc.day)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			head := string(git("show", "HEAD:workplans/2026.yaml"))
			base, _ := workplan.Parse("HEAD", []byte(head), workplan.DefaultLimits)
			res, err := edit.Apply(edit.Input{File: "workplans/2026.yaml", Data: data, Today: today,
				Limits: workplan.DefaultLimits, Published: base.Revision}, sc.changes...)
			if err != nil {
				t.Fatalf("%s: %v", sc.name, err)
			}
			if !res.Changed() || res.New.Revision != base.Revision+1 {
				t.Fatalf("%s: changed %v, revision %d (HEAD %d)", sc.name, res.Changed(), res.New.Revision, base.Revision)
			}
			if err := os.WriteFile(file, res.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			git("commit", "-q", "-am", sc.name)

			next, after := yearCalendar(t, file)
			sequences = append(sequences, strconv.Itoa(i+1)+" "+sc.name+": "+sequenceLine(next))
			old, now := calendar.VEvents(before), calendar.VEvents(after)
			for uid, ev := range now {
				id, _, _ := strings.Cut(uid, "@")
				changed := slices.Contains(sc.changed, id)
				so, sn := sequenceOf(old[uid]), sequenceOf(ev)
				switch {
				case changed && sn <= so:
					t.Errorf("%s changed, but its SEQUENCE went from %d to %d", id, so, sn)
				case changed && sn != next.Revision:
					t.Errorf("%s changed in revision %d, but its SEQUENCE is %d", id, next.Revision, sn)
				case !changed && ev != old[uid]:
					t.Errorf("%s did not change, but its VEVENT did:\n%s\nwas\n%s", id, ev, old[uid])
				}
			}
			if len(now) != len(old) || len(now) != 11 {
				t.Errorf("%d events, then %d; want the 11 of the plan each time", len(old), len(now))
			}
			if ev := now["webinar-missing-migrants@"+next.ID]; i >= 5 && (!strings.Contains(ev, "STATUS:CANCELLED\r\n") || !strings.Contains(ev, "SUMMARY:[cancelled] ")) {
				t.Errorf("the cancellation is not in the feed:\n%s", ev)
			}
			if i == 2 && !strings.Contains(now["twg-law-enforcement-2026@"+next.ID], "Moved from: 25–26 Jun 2026") {
				t.Errorf("the moved event does not say where it moved from:\n%s", now["twg-law-enforcement-2026@"+next.ID])
			}
			if read != nil {
				read(t, next, after)
			}
			plan, before = next, after
		})
	}
	t.Logf("SEQUENCE per event after each scene:\n%s", strings.Join(sequences, "\n"))
}

// gitIn returns a function that runs git in dir, with a fixed identity
// and no user configuration, and returns its output; it fails the test
// on an error.
func gitIn(t *testing.T, dir string) func(args ...string) []byte {
	return func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null", "LC_ALL=C")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %s: %v", strings.Join(args, " "), err)
		}
		return out
	}
}

// yearCalendar reads the plan file and writes its calendar as bp ics
// --include-undated does.
func yearCalendar(t *testing.T, file string) (*workplan.Plan, []byte) {
	t.Helper()
	plan := calendar.LoadPlan(t, file)
	cal, err := calendar.Build(plan, plan.Select(workplan.Filter{}), calendar.Options{IncludeUndated: true})
	if err != nil {
		t.Fatal(err)
	}
	return plan, calendar.Serialize(t, cal)
}

func sequenceOf(vevent string) int {
	for _, l := range strings.Split(vevent, "\r\n") {
		if s, ok := strings.CutPrefix(l, "SEQUENCE:"); ok {
			n, _ := strconv.Atoi(s)
			return n
		}
	}
	return -1
}

// sequenceLine lists each event's SEQUENCE, in date order.
func sequenceLine(plan *workplan.Plan) string {
	var b bytes.Buffer
	for i, e := range plan.Select(workplan.Filter{}) {
		if i > 0 {
			b.WriteString(", ")
		}
		seq, _ := calendar.Sequence(plan, e)
		b.WriteString(e.ID + " " + strconv.Itoa(seq))
	}
	return b.String()
}
