package cli

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// veventProps splits a calendar into its VEVENTs by UID, each as its
// unfolded content lines, and as written.
func veventProps(t *testing.T, cal string) (props map[string][]string, raw map[string]string) {
	t.Helper()
	props, raw = map[string][]string{}, map[string]string{}
	for _, part := range strings.Split(cal, "BEGIN:VEVENT\r\n")[1:] {
		ev, _, ok := strings.Cut(part, "END:VEVENT\r\n")
		if !ok {
			t.Fatalf("a VEVENT without its end:\n%s", part)
		}
		lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(ev, "\r\n ", ""), "\r\n"), "\r\n")
		uid := ""
		for _, l := range lines {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				uid = u
			}
		}
		if _, dup := raw[uid]; dup || uid == "" {
			t.Fatalf("UID %q twice, or none:\n%s", uid, ev)
		}
		props[uid], raw[uid] = lines, ev
	}
	return props, raw
}

// calendarShows is what a calendar shows of an event: every property but
// SEQUENCE, DTSTAMP and LAST-MODIFIED, which say when it last changed.
func calendarShows(lines []string) []string {
	return slices.DeleteFunc(slices.Clone(lines), func(l string) bool {
		for _, p := range []string{"SEQUENCE:", "DTSTAMP:", "LAST-MODIFIED:"} {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
		return false
	})
}

func sequenceIn(lines []string) int {
	for _, l := range lines {
		if s, ok := strings.CutPrefix(l, "SEQUENCE:"); ok {
			n, _ := strconv.Atoi(s)
			return n
		}
	}
	return -1
}

// TestSequenceExactly (issue 21): an event's calendar entry changes
// exactly when something a calendar shows changes, and its SEQUENCE
// rises exactly then. Every edit and action command runs on the plan as
// first published, in turn (outside git: each is a revision of its
// own); after each, every VEVENT of bp ics --include-undated is compared
// with the one before, property by property: one whose properties but
// SEQUENCE, DTSTAMP and LAST-MODIFIED are the same is the same to the
// byte, SEQUENCE included; one that differs has a higher SEQUENCE. Each
// step also names the events whose entry it must change (none, for a
// change no calendar shows: an internal action, a status held where it
// was confirmed), so that the test proves something.
func TestSequenceExactly(t *testing.T) {
	t.Parallel()
	dir, _ := planDir(t, publishedFormat2)
	ics := func() string {
		t.Helper()
		return mustRun(t, dir, "ics", "--year", "all", "--include-undated").stdout
	}
	steps := []struct {
		args    []string
		changed []string // the events whose entry the step changes
	}{
		{[]string{"set", "rg-2026-03", "--status", "confirmed"}, []string{"rg-2026-03"}},
		{[]string{"record", "rg-2026-03", "--summary", "The 2026 workplan was endorsed.", "--on", "2026-03-05"}, []string{"rg-2026-03"}},
		{[]string{"set", "rg-2026-07", "--status", "confirmed"}, []string{"rg-2026-07"}}, // TENTATIVE → CONFIRMED
		{[]string{"set", "rg-2026-07", "--status", "held"}, nil},                         // held and confirmed read alike
		{[]string{"record", "rg-2026-03", "--conclusion", "The workplan is endorsed."}, []string{"rg-2026-03"}},
		{[]string{"record", "rg-2026-03", "--conclusion", "The workplan is endorsed."}, nil}, // nothing to change
		{[]string{"action", "add", "rg-2026-03", "Circulate the paper", "--owner", "secretariat", "--due", "2026-04"}, nil},
		{[]string{"action", "set", "rg-2026-03-a1", "--due", "2026-05", "--owner", "twg-return"}, nil},
		{[]string{"action", "done", "rg-2026-03-a1", "--on", "2026-04-20"}, nil},
		{[]string{"action", "add", "rg-2026-03", "Name focal points", "--owner", "chair", "--due", "2026-06", "--public"}, []string{"rg-2026-03"}},
		{[]string{"action", "set", "rg-2026-03-a2", "--due", "2026-07"}, []string{"rg-2026-03"}},
		{[]string{"action", "set", "rg-2026-03-a2", "--report-to", "rg-2026-07"}, nil}, // where it is reported is not shown
		{[]string{"action", "set", "rg-2026-03-a1", "--public"}, []string{"rg-2026-03"}},
		{[]string{"action", "set", "rg-2026-03-a1", "--internal"}, []string{"rg-2026-03"}},
		{[]string{"action", "drop", "rg-2026-03-a2", "--reason", "The chairs name them."}, []string{"rg-2026-03"}},
		{[]string{"record", "rg-2026-03", "--clear-conclusions"}, []string{"rg-2026-03"}},
		{[]string{"set", "rg-2026-07", "--notes", "Online, two hours."}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--purpose", "To prepare the thematic meetings."}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--partner", "IOM"}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--link", "join=https://meet.example.org/j/7", "--link", "registration=https://example.org/r"}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--remove-link", "registration"}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--time", "10:00-12:00", "--tz", "Europe/Vienna"}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--format", "hybrid", "--place", "Vienna, Austria"}, []string{"rg-2026-07"}},
		{[]string{"set", "rg-2026-07", "--unset", "partners,purpose"}, []string{"rg-2026-07"}},
		{[]string{"set", "webinar-reintegration", "--product", "paper-skills-partnerships"}, []string{"webinar-reintegration"}},
		{[]string{"set", "syria-thematic-meeting", "--date", "2026-05-19"}, []string{"syria-thematic-meeting"}},
		{[]string{"confirm", "twg-return-2026", "--choose", "Baghdad"}, []string{"twg-return-2026"}},
		{[]string{"postpone", "twg-law-enforcement-2026", "--to", "2026-07-08..2026-07-09"}, []string{"twg-law-enforcement-2026"}},
		{[]string{"postpone", "twg-legal-pathways-2026", "--reason", "the host asked for a later date"}, []string{"twg-legal-pathways-2026"}},
		{[]string{"cancel", "webinar-missing-migrants", "--reason", "merged into the October meeting"}, []string{"webinar-missing-migrants"}},
		// the November pair: the Reference Group's entry names the
		// Senior Officials Meeting's title and date
		{[]string{"set", "som-2026", "--title", "Senior Officials Meeting 2026"}, []string{"som-2026", "rg-2026-11"}},
		{[]string{"set", "som-2026", "--notes", "Bring the year's reports."}, []string{"som-2026"}},
		{[]string{"set", "rg-2026-11", "--date", "2026-11-23", "--pair"}, []string{"rg-2026-11", "som-2026"}},
		{[]string{"add", "webinar-data-2026", "--title", "Webinar on migration data", "--type", "webinar", "--date", "2026-10-20",
			"--link", "join=https://meet.example.org/j/1"}, []string{"webinar-data-2026"}},
		{[]string{"migrate"}, nil},
	}
	before := ics()
	for i, s := range steps {
		r := runBPIn(t, dir, "", editEnv(), s.args...)
		if r.code != ExitOK {
			t.Fatalf("step %d: bp %s: exit %d\n%s", i+1, strings.Join(s.args, " "), r.code, r.stderr)
		}
		after := ics()
		oldProps, oldRaw := veventProps(t, before)
		newProps, newRaw := veventProps(t, after)
		var changed []string
		for uid, lines := range newProps {
			id, _, _ := strings.Cut(uid, "@")
			was, ok := oldProps[uid]
			switch {
			case !ok:
				changed = append(changed, id)
			case slices.Equal(calendarShows(was), calendarShows(lines)):
				if newRaw[uid] != oldRaw[uid] {
					t.Errorf("step %d, bp %s: %s shows the same, but its VEVENT changed (SEQUENCE %d → %d):\n%s\nwas\n%s",
						i+1, strings.Join(s.args, " "), id, sequenceIn(was), sequenceIn(lines), newRaw[uid], oldRaw[uid])
				}
			default:
				changed = append(changed, id)
				if sequenceIn(lines) <= sequenceIn(was) {
					t.Errorf("step %d, bp %s: %s shows something else, but its SEQUENCE went from %d to %d",
						i+1, strings.Join(s.args, " "), id, sequenceIn(was), sequenceIn(lines))
				}
			}
		}
		if gone := slices.Collect(maps.Keys(oldProps)); len(newProps) < len(gone) {
			t.Errorf("step %d: %d events, then %d", i+1, len(gone), len(newProps))
		}
		slices.Sort(changed)
		want := slices.Sorted(slices.Values(s.changed))
		if !slices.Equal(changed, want) {
			t.Errorf("step %d, bp %s: the entries of %q changed; want %q", i+1, strings.Join(s.args, " "), changed, want)
		}
		before = after
	}
}
