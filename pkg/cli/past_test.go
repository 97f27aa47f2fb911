package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestPastMeetingWarnings: changing the date, place, format or status of
// a meeting whose last day is past warns, naming its date, and the edit
// still happens; -q silences the warning. Recording what came of it, or
// changing its notes, does not warn; a meeting to come does not either.
// Choosing a place among the alternatives warns when the notes name one
// out of the running now.
func TestPastMeetingWarnings(t *testing.T) {
	// the warnings as one line each: they are wrapped at 80 columns
	past := "bp: warning: twg-return-2026 was due on 6–7 Oct 2026, which has passed; changing its place and status anyway\n"
	stale := "bp: warning: the notes of twg-return-2026 mention Iraq, no longer in the running, and may be stale:"
	cases := []struct {
		today string
		args  []string
		want  []string // warnings, in order; none when empty
	}{
		{"2026-12-07", []string{"confirm", "twg-return-2026", "--choose", "istanbul"}, []string{past, stale}},
		{"2026-06-01", []string{"confirm", "twg-return-2026", "--choose", "istanbul"}, []string{stale}},
		{"2026-12-07", []string{"confirm", "twg-return-2026", "--choose", "baghdad"}, []string{past}},
		{"2026-11-28", []string{"set", "som-2026", "--format", "hybrid"}, []string{"bp: warning: som-2026 was due on 24–26 Nov 2026, which has passed; changing its format anyway\n"}},
		{"2026-11-28", []string{"cancel", "rg-2026-07"}, []string{"bp: warning: rg-2026-07 was due on 7 Jul 2026, which has passed; changing its status anyway\n"}},
		{"2026-11-28", []string{"set", "syria-thematic-meeting", "--date", "2026-05-19"}, []string{"bp: warning: syria-thematic-meeting was due in May 2026, which has passed; changing its date anyway\n"}},
		{"2026-11-28", []string{"record", "som-2026", "--summary", "Adopted."}, nil},
		{"2026-11-28", []string{"set", "som-2026", "--notes", "Held in Istanbul."}, nil},
		{"2026-06-01", []string{"set", "twg-law-enforcement-2026", "--format", "hybrid"}, nil},
	}
	for _, c := range cases {
		for _, quiet := range []bool{false, true} {
			args := c.args
			if quiet {
				args = append([]string{"-q"}, args...)
			}
			t.Run(c.today+" "+strings.Join(args, " "), func(t *testing.T) {
				dir, plan := planDir(t, publishedFormat2)
				if c.today < "2026-11-27" {
					// a plan revised before that day
					writeFile(t, plan, strings.ReplaceAll(readFixture(t, plan), "revised: 2026-11-27", "revised: 2026-01-10"))
				}
				was := readFixture(t, plan)
				r := runBPIn(t, dir, "", map[string]string{EnvToday: c.today}, args...)
				r.stderr = strings.ReplaceAll(r.stderr, "\n  ", " ")
				if r.code != ExitOK || readFixture(t, plan) == was {
					t.Fatalf("exit %d, file changed: %v\n%s", r.code, readFixture(t, plan) != was, r.stderr)
				}
				var warnings []string
				for _, block := range strings.SplitAfter(r.stderr, "\n") {
					if strings.HasPrefix(block, "bp: warning: ") {
						warnings = append(warnings, block)
					}
				}
				if quiet || len(c.want) == 0 {
					if strings.Contains(r.stderr, "warning") {
						t.Errorf("warned:\n%s", r.stderr)
					}
					return
				}
				if len(warnings) != len(c.want) {
					t.Fatalf("%d warnings, want %d:\n%s", len(warnings), len(c.want), r.stderr)
				}
				rest := r.stderr
				for _, w := range c.want {
					i := strings.Index(rest, w)
					if i < 0 {
						t.Errorf("stderr lacks, in order, %q:\n%s", w, r.stderr)
						break
					}
					rest = rest[i+len(w):]
				}
			})
		}
	}
}

// TestPastWarningWords: a meeting the plan says was held "took place";
// one whose days merely passed "was due" then (the plan does not know
// that it was held); a cancelled or postponed one "was dated".
func TestPastWarningWords(t *testing.T) {
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		status  workplan.Status
		outcome bool
		want    string
	}{
		{workplan.StatusHeld, true, "m took place on 4 Mar 2026; changing its format anyway"},
		{workplan.StatusPlanned, false, "m was due on 4 Mar 2026, which has passed; changing its format anyway"},
		{workplan.StatusConfirmed, false, "m was due on 4 Mar 2026, which has passed; changing its format anyway"},
		{workplan.StatusCancelled, false, "m was dated 4 Mar 2026; changing its format anyway"},
	} {
		o := &workplan.Event{ID: "m", Start: day, End: day, Status: c.status, Format: workplan.FormatOnline}
		if c.outcome {
			o.Outcome = &workplan.Outcome{Summary: "Done.", Recorded: day}
		}
		n := *o
		n.Format = workplan.FormatHybrid
		if got := pastWarning(o, &n, today); got != c.want {
			t.Errorf("%s: %q, want %q", c.status, got, c.want)
		}
	}
}

// TestPastMeetingMovedWarns: a past meeting moved into next year's plan
// warns too.
func TestPastMeetingMovedWarns(t *testing.T) {
	dir, _, _ := yearsRepo(t)
	r := runBPIn(t, dir, "", map[string]string{EnvToday: "2026-12-07"}, "postpone", "twg-return-2026", "--to", "2027-02-10")
	if r.code != ExitOK || !strings.Contains(r.stderr, "bp: warning: twg-return-2026 was due on 6–7 Oct 2026, which has passed; changing\n  its date anyway\n") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}
