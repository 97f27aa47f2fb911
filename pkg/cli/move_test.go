package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// yearsRepo makes a git repository whose last commit holds two plans:
// the 2026 plan as first published (format 3; twg-return-2026 with a
// comment above it and one at the end of a line) and the 2027 fixture of
// testdata/years/two (upgraded to format 3 by bp migrate), each at
// revision 1. It returns the
// repository and the two plans' paths.
func yearsRepo(t *testing.T) (dir, p2026, p2027 string) {
	t.Helper()
	dir = t.TempDir()
	plan := replaceOnce(t, readFixture(t, publishedFormat2), "  - id: twg-return-2026\n",
		"  # Return: the city is still open.\n  - id: twg-return-2026\n")
	plan = replaceOnce(t, plan, "    notes: If held in Iraq,", "    format: in-person # as every TWG\n    notes: If held in Iraq,")
	put(t, dir, map[string]string{
		"workplans/2026.yaml": plan,
		"workplans/2027.yaml": readFixture(t, filepath.Join(repoRoot, "testdata", "years", "two", "2027.yaml")),
	})
	if r := runBPIn(t, dir, "", editEnv(), "migrate"); r.code != ExitOK {
		t.Fatalf("bp migrate: exit %d\n%s", r.code, r.stderr)
	}
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "the plans as published")
	return dir, filepath.Join(dir, "workplans", "2026.yaml"), filepath.Join(dir, "workplans", "2027.yaml")
}

// vevents returns the VEVENTs of a calendar whose UID starts with uid.
func vevents(ics, uid string) []string {
	var out []string
	for _, v := range strings.Split(ics, "BEGIN:VEVENT\r\n")[1:] {
		if strings.Contains(v, "\r\nUID:"+uid) || strings.HasPrefix(v, "UID:"+uid) {
			out = append(out, v)
		}
	}
	return out
}

// TestPostponeIntoNextYear: bp postpone moves an event whose new date
// lies in the next year into that year's plan file, keeping its id,
// calendar UID, comments and the dates it had; each file's revision goes
// up once; the set validates against the last commit, and the calendar
// of every year holds the event once, with a higher SEQUENCE.
func TestPostponeIntoNextYear(t *testing.T) {
	dir, p2026, p2027 := yearsRepo(t)
	env := editEnv()
	before := runBPIn(t, dir, "", env, "ics")
	if n := len(vevents(before.stdout, "twg-return-2026@")); before.code != ExitOK || n != 1 {
		t.Fatalf("before: exit %d, %d VEVENTs of twg-return-2026\n%s", before.code, n, before.stderr)
	}
	r := runBPIn(t, dir, "", env, "postpone", "twg-return-2026", "--to", "2027-02-10..2027-02-11")
	if r.code != ExitOK {
		t.Fatalf("postpone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"~ twg-return-2026  Thematic Working Group Meeting on Return and Reintegration\n" +
			"    moved from workplans/2026.yaml to workplans/2027.yaml\n" +
			"    moved from 6–7 Oct 2026 to 10–11 Feb 2027\n",
		"plan workplans/2026.yaml: revision 1 → 2; revised 2026-11-27 → 2026-11-28\n",
		"plan workplans/2027.yaml: revision 1 → 2; revised 2026-11-27 → 2026-11-28\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("postpone prints:\n%s\nwant it to hold:\n%s", r.stdout, want)
		}
	}
	old, now := checkPlanFile(t, p2026), checkPlanFile(t, p2027)
	if old.Event("twg-return-2026") != nil {
		t.Error("the event is still in the 2026 plan")
	}
	e := now.Event("twg-return-2026")
	if e == nil {
		t.Fatal("the event is not in the 2027 plan")
	}
	if e.DateText() != "10–11 Feb 2027" || e.MovedText() != "moved from 6–7 Oct 2026" || e.UIDPlan != "budapest-process-2026" {
		t.Errorf("moved event: %s, %q, uidPlan %q", e.DateText(), e.MovedText(), e.UIDPlan)
	}
	if old.Revision != 2 || now.Revision != 2 || e.Revision != 2 {
		t.Errorf("revisions: 2026 %d, 2027 %d, event %d; want 2 each", old.Revision, now.Revision, e.Revision)
	}
	data := readFixture(t, p2027)
	for _, c := range []string{"  # Return: the city is still open.\n  - id: twg-return-2026\n", "    format: in-person # as every TWG\n"} {
		if !strings.Contains(data, c) {
			t.Errorf("2027.yaml lost the comment %q:\n%s", c, data)
		}
		if strings.Contains(readFixture(t, p2026), strings.TrimSpace(c)) {
			t.Errorf("2026.yaml still has the comment %q", c)
		}
	}
	if i, j := strings.Index(data, "id: webinar-migration-data-2027"), strings.Index(data, "id: twg-return-2026"); i < 0 || j < i || j > strings.Index(data, "id: rg-2027-03") {
		t.Errorf("the event is not in date order in 2027.yaml:\n%s", data)
	}
	for _, args := range [][]string{{"validate", "--against", "HEAD"}, {"fmt", "--check"}} {
		if r := runBPIn(t, dir, "", env, args...); r.code != ExitOK {
			t.Errorf("bp %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	after := runBPIn(t, dir, "", env, "ics")
	got := vevents(after.stdout, "twg-return-2026@")
	if after.code != ExitOK || len(got) != 1 || !strings.Contains(got[0], "UID:twg-return-2026@budapest-process-2026\r\n") ||
		!strings.Contains(got[0], "SEQUENCE:2\r\n") || !strings.Contains(got[0], "DTSTART;VALUE=DATE:20270210\r\n") {
		t.Errorf("the calendar after the move: exit %d, VEVENTs %q", after.code, got)
	}
	feeds := t.TempDir()
	if r := runBPIn(t, dir, "", env, "ics", "--feeds", feeds); r.code != ExitOK {
		t.Fatalf("ics --feeds: exit %d\n%s", r.code, r.stderr)
	}
	for _, f := range []string{"all.ics", "twg-return.ics"} {
		if n := len(vevents(readFixture(t, filepath.Join(feeds, f)), "twg-return-2026@")); n != 1 {
			t.Errorf("feed %s holds twg-return-2026 %d times, want once", f, n)
		}
	}
	// a second edit of the same change set raises nothing
	if r := runBPIn(t, dir, "", env, "set", "twg-return-2026", "--notes", "Moved to February."); r.code != ExitOK || checkPlanFile(t, p2027).Revision != 2 {
		t.Errorf("a second edit: exit %d\n%s", r.code, r.stderr)
	}
}

// TestMoveRaisesTheTargetAboveTheEventsRevision: an event at revision 5
// moved to a plan at revision 1 carries 6, and so does that plan: its
// calendar SEQUENCE must go up for calendars to take the move.
func TestMoveRaisesTheTargetAboveTheEventsRevision(t *testing.T) {
	dir, _, p2027 := yearsRepo(t)
	p2026 := filepath.Join(dir, "workplans", "2026.yaml")
	plan := strings.Replace(readFixture(t, p2026), "  revision: 1\n  revised: 2026-11-27\n", "  revision: 5\n  revised: 2026-11-27\n", 1)
	plan = replaceOnce(t, plan, "If held in Iraq, the first Thematic Working Group meeting there.\n    revision: 1\n", "If held in Iraq, the first Thematic Working Group meeting there.\n    revision: 5\n")
	writeFile(t, p2026, plan)
	gitIn(t, dir, "commit", "-q", "-am", "revision 5")
	if r := runBPIn(t, dir, "", editEnv(), "set", "twg-return-2026", "--date", "2027-02-10"); r.code != ExitOK {
		t.Fatalf("set: exit %d\n%s", r.code, r.stderr)
	}
	now := checkPlanFile(t, p2027)
	if e := now.Event("twg-return-2026"); now.Revision != 6 || e.Revision != 6 {
		t.Errorf("2027 plan at %d, event at %d; want 6 and 6", now.Revision, e.Revision)
	}
	if r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD"); r.code != ExitOK {
		t.Errorf("validate --against HEAD: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestMoveWithoutThatYearsPlan: with no plan for the year, nothing is
// created: bp says to run bp new, exit 2, and the file is unchanged.
func TestMoveWithoutThatYearsPlan(t *testing.T) {
	dir, plan := planDir(t, publishedFormat2)
	was := readFixture(t, plan)
	for _, args := range [][]string{
		{"postpone", "twg-return-2026", "--to", "2027-02-10..2027-02-11"},
		{"set", "twg-return-2026", "--month", "2027-02"},
	} {
		r := runBPIn(t, dir, "", editEnv(), args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "no plan covers 2027\n  (the plans: 2026 in workplans/2026.yaml); nothing was written\n") ||
			!strings.Contains(r.stderr, "hint: start the 2027 plan with 'bp new 2027', then run this again") {
			t.Errorf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		if readFixture(t, plan) != was {
			t.Errorf("bp %s changed the file", strings.Join(args, " "))
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "workplans", "*")); len(m) != 1 {
			t.Errorf("bp %s left files: %v", strings.Join(args, " "), m)
		}
	}
}

// TestMoveSecondWriteFails: the target file is written first; when the
// second write (the file the event leaves) fails, the first is put back,
// and nothing is lost or doubled. When even that fails, the event is in
// both files (never in neither), and bp says so and how to mend it.
func TestMoveSecondWriteFails(t *testing.T) {
	args := []string{"postpone", "twg-return-2026", "--to", "2027-02-10..2027-02-11"}
	// failing makes the renames from the nth on fail (their temporary
	// file removed), up to the mth (0: all after n)
	failing := func(n, m int) func(*App) {
		calls := 0
		return func(app *App) {
			app.store.BeforeRename = func(tmp string) {
				calls++
				if calls >= n && (m == 0 || calls <= m) {
					os.Remove(tmp)
				}
			}
		}
	}
	t.Run("put back", func(t *testing.T) {
		dir, p2026, p2027 := yearsRepo(t)
		was26, was27 := readFixture(t, p2026), readFixture(t, p2027)
		r := runAppWith(failing(2, 2), dir, "", editEnv(), fixedNow, args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "nothing was written (workplans/2027.yaml, written first, was put back as it was)") {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
		if readFixture(t, p2026) != was26 || readFixture(t, p2027) != was27 {
			t.Error("the files changed")
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "workplans", ".*tmp*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
	t.Run("cannot put back", func(t *testing.T) {
		dir, p2026, p2027 := yearsRepo(t)
		was26 := readFixture(t, p2026)
		r := runAppWith(failing(2, 0), dir, "", editEnv(), fixedNow, args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "workplans/2027.yaml, written first, could not be put back: twg-return-2026 in both files now") {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
		if readFixture(t, p2026) != was26 || checkPlanFile(t, p2027).Event("twg-return-2026") == nil {
			t.Error("the event is not in both files")
		}
		if r := runBPIn(t, dir, "", editEnv(), "validate"); r.code != ExitInvalid || !strings.Contains(r.stdout, `event id "twg-return-2026" is used in the 2026 plan too`) {
			t.Errorf("validate does not report the event in both files: exit %d\n%s", r.code, r.stdout)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		dir, p2026, p2027 := yearsRepo(t)
		was26, was27 := readFixture(t, p2026), readFixture(t, p2027)
		r := runBPIn(t, dir, "", editEnv(), append(args, "--dry-run")...)
		if r.code != ExitOK || !strings.Contains(r.stdout, "moved from workplans/2026.yaml to workplans/2027.yaml") ||
			!strings.Contains(r.stderr, "dry run: workplans/2027.yaml and workplans/2026.yaml not written") {
			t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if readFixture(t, p2026) != was26 || readFixture(t, p2027) != was27 {
			t.Error("a dry run changed the files")
		}
	})
}

// TestMoveRefusedWhenTargetInvalid: an event whose group the target
// year's plan does not have is refused there, with bp validate's words,
// and neither file changes.
func TestMoveRefusedWhenTargetInvalid(t *testing.T) {
	dir, p2026, p2027 := yearsRepo(t)
	was26, was27 := readFixture(t, p2026), readFixture(t, p2027)
	r := runBPIn(t, dir, "", editEnv(), "postpone", "twg-law-enforcement-2026", "--to", "2027-06-24")
	if r.code != ExitInvalid || !strings.Contains(r.stderr, `unknown group "twg-law-enforcement"`) || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, p2026) != was26 || readFixture(t, p2027) != was27 {
		t.Error("the files changed")
	}
}

// TestValidateAgainstAcceptsAMove: an event moved by hand from one plan
// of the set to another is not gone, provided it keeps its calendar UID
// and carries a higher revision; the set validates. An event removed
// from one plan and in none is still gone, and a move that loses the
// UID or the revision is reported.
func TestValidateAgainstAcceptsAMove(t *testing.T) {
	event := "  - id: twg-return-2026\n"
	cut := func(t *testing.T, plan string) (rest, ev string) {
		i := strings.Index(plan, "  # Return: the city")
		j := strings.Index(plan, "  - id: som-2026\n")
		if i < 0 || j < i {
			t.Fatal("fixture lacks twg-return-2026")
		}
		return plan[:i] + plan[j:], plan[i:j]
	}
	cases := []struct {
		name  string
		moved func(ev string) string // the event as written into 2027.yaml; nil: nowhere
		code  int
		want  string
	}{
		{"moved", func(ev string) string {
			ev = strings.Replace(ev, "start: 2026-10-06\n    end: 2026-10-07\n", "start: 2027-02-10\n    end: 2027-02-11\n", 1)
			return strings.Replace(ev, "    revision: 1\n", "    uidPlan: budapest-process-2026\n    revision: 2\n", 1)
		}, ExitOK, ""},
		{"removed", nil, ExitInvalid, `error: event "twg-return-2026", published at HEAD:workplans/2026.yaml`},
		{"moved, UID lost", func(ev string) string {
			ev = strings.Replace(ev, "start: 2026-10-06\n    end: 2026-10-07\n", "start: 2027-02-10\n    end: 2027-02-11\n", 1)
			return strings.Replace(ev, "    revision: 1\n", "    revision: 2\n", 1)
		}, ExitInvalid, "but its calendar UID changed (twg-return-2026@budapest-process-2026, now twg-return-2026@budapest-process-2027)"},
		{"moved, revision kept", func(ev string) string {
			ev = strings.Replace(ev, "start: 2026-10-06\n    end: 2026-10-07\n", "start: 2027-02-10\n    end: 2027-02-11\n", 1)
			return strings.Replace(ev, "    revision: 1\n", "    uidPlan: budapest-process-2026\n    revision: 1\n", 1)
		}, ExitInvalid, `event "twg-return-2026" moved here from workplans/2026.yaml since HEAD:workplans/2027.yaml, but its revision is still 1`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, p2026, p2027 := yearsRepo(t)
			rest, ev := cut(t, readFixture(t, p2026))
			rest = strings.Replace(rest, "  revision: 1\n  revised: 2026-11-27\n", "  revision: 2\n  revised: 2026-11-28\n", 1)
			writeFile(t, p2026, rest)
			if c.moved != nil {
				plan := readFixture(t, p2027)
				plan = strings.Replace(plan, "  revision: 1\n  revised: 2026-11-27\n", "  revision: 2\n  revised: 2026-11-28\n", 1)
				plan = replaceOnce(t, plan, "  - id: twg-return-2027\n", c.moved(ev)+"  - id: twg-return-2027\n")
				writeFile(t, p2027, plan)
				if !strings.Contains(plan, event) {
					t.Fatal("the event was not written")
				}
			}
			r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD")
			if r.code != c.code || !strings.Contains(r.stdout, c.want) {
				t.Errorf("validate --against HEAD: exit %d, want %d and %q\n%s%s", r.code, c.code, c.want, r.stdout, r.stderr)
			}
			if c.name == "moved, revision kept" {
				// --fix gives it the revision it needs
				r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD", "--fix")
				if e := validPlanFile(t, p2027).Event("twg-return-2026"); r.code != ExitOK || e.Revision != 2 {
					t.Errorf("validate --fix: exit %d, revision %d\n%s%s", r.code, e.Revision, r.stdout, r.stderr)
				}
			}
		})
	}
}

// hintedCommand returns the arguments of the command a refusal gives on
// the line after its "hint: move both" line.
func hintedCommand(t *testing.T, stderr string) []string {
	t.Helper()
	lines := strings.Split(stderr, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "  hint: move both") && i+1 < len(lines) {
			args, ok := shellArgs(strings.TrimSpace(lines[i+1]))
			if !ok || len(args) < 2 || args[0] != "bp" {
				t.Fatalf("the hint's command is not one a user can copy: %q", lines[i+1])
			}
			return args[1:]
		}
	}
	t.Fatalf("no hint that moves both:\n%s", stderr)
	return nil
}

// TestBackToBackPair: moving one half of a back-to-back pair alone, so
// that the two are no longer back-to-back, is refused with the command
// that moves both (--pair), for either half, through bp postpone and bp
// set; that command moves both by the same number of days. A move that
// keeps the pair adjacent needs no --pair.
func TestBackToBackPair(t *testing.T) {
	cases := []struct {
		args    []string
		partner string
		want    string // the partner's new dates
	}{
		{[]string{"postpone", "som-2026", "--to", "2026-12-08..2026-12-10"}, "rg-2026-11", "8–10 Dec 2026"},
		{[]string{"postpone", "rg-2026-11", "--to", "2026-12-01"}, "som-2026", "1–3 Dec 2026"},
		{[]string{"set", "rg-2026-11", "--date", "2026-11-17..2026-11-19", "--notes", "Moved a week earlier."}, "som-2026", "17–19 Nov 2026"},
		{[]string{"set", "som-2026", "--month", "2026-12"}, "rg-2026-11", "Dec 2026 · day TBC"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args[:2], " "), func(t *testing.T) {
			dir, plan := planDir(t, publishedFormat2)
			was := readFixture(t, plan)
			r := runBPIn(t, dir, "", editEnv(), c.args...)
			if c.args[2] == "--month" {
				// a month leaves the day open: bp validate does not judge
				// the pair yet, and neither does the move
				if r.code != ExitOK {
					t.Fatalf("exit %d\n%s", r.code, r.stderr)
				}
				writeFile(t, plan, was)
				r = runBPIn(t, dir, "", editEnv(), append(c.args, "--pair")...)
				if p := checkPlanFile(t, plan); r.code != ExitOK || p.Event(c.partner).DateText() != c.want {
					t.Errorf("--pair: exit %d, %s on %s, want %s\n%s", r.code, c.partner, p.Event(c.partner).DateText(), c.want, r.stderr)
				}
				return
			}
			if r.code != ExitInvalid || !strings.Contains(r.stderr, "is held back-to-back with "+c.partner) {
				t.Fatalf("exit %d, want %d and a refusal\n%s", r.code, ExitInvalid, r.stderr)
			}
			if readFixture(t, plan) != was {
				t.Fatal("the refusal changed the file")
			}
			hinted := hintedCommand(t, r.stderr)
			if strings.Join(hinted, " ") != strings.Join(append(c.args, "--pair"), " ") {
				t.Errorf("the hint's command is %q, want the one typed and --pair", hinted)
			}
			r = runBPIn(t, dir, "", editEnv(), hinted...)
			if r.code != ExitOK {
				t.Fatalf("the hinted command: exit %d\n%s", r.code, r.stderr)
			}
			p := checkPlanFile(t, plan)
			e, o := p.Event(c.args[1]), p.Event(c.partner)
			if o.DateText() != c.want || o.MovedText() != "moved from 24–26 Nov 2026" || e.MovedText() != "moved from 24–26 Nov 2026" {
				t.Errorf("%s on %s (%s), %s %s, want the partner on %s", c.partner, o.DateText(), o.MovedText(), c.args[1], e.MovedText(), c.want)
			}
			if e.Revision != 2 || o.Revision != 2 || p.Revision != 2 {
				t.Errorf("revisions %d, %d, plan %d; want 2", e.Revision, o.Revision, p.Revision)
			}
		})
	}
	t.Run("adjacent still", func(t *testing.T) {
		dir, plan := planDir(t, publishedFormat2)
		r := runBPIn(t, dir, "", editEnv(), "set", "rg-2026-11", "--date", "2026-11-23..2026-11-24")
		if p := checkPlanFile(t, plan); r.code != ExitOK || p.Event("som-2026").DateText() != "24–26 Nov 2026" {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("no partner", func(t *testing.T) {
		dir, _ := planDir(t, publishedFormat2)
		r := runBPIn(t, dir, "", editEnv(), "postpone", "rg-2026-03", "--to", "2026-03-11", "--pair")
		if r.code != ExitUsage || !strings.Contains(r.stderr, "rg-2026-03 is not held back-to-back with another event") {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
}

// TestBackToBackPairIntoNextYear: a pair moves into the next year's plan
// together, each keeping its UID; one half alone is refused.
func TestBackToBackPairIntoNextYear(t *testing.T) {
	dir, p2026, p2027 := yearsRepo(t)
	was26, was27 := readFixture(t, p2026), readFixture(t, p2027)
	args := []string{"postpone", "rg-2026-11", "--to", "2027-01-12..2027-01-14"}
	r := runBPIn(t, dir, "", editEnv(), args...)
	if r.code != ExitInvalid || readFixture(t, p2026) != was26 || readFixture(t, p2027) != was27 {
		t.Fatalf("one half alone: exit %d, want %d and no file changed\n%s", r.code, ExitInvalid, r.stderr)
	}
	if r = runBPIn(t, dir, "", editEnv(), hintedCommand(t, r.stderr)...); r.code != ExitOK {
		t.Fatalf("the hinted command: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	old, now := checkPlanFile(t, p2026), checkPlanFile(t, p2027)
	for _, id := range []string{"som-2026", "rg-2026-11"} {
		e := now.Event(id)
		if old.Event(id) != nil || e == nil || e.DateText() != "12–14 Jan 2027" || e.UIDPlan != "budapest-process-2026" {
			t.Errorf("%s: not moved to 12–14 Jan 2027 with its UID", id)
		}
	}
	if now.Event("som-2026").BackToBack != "rg-2026-11" || old.Revision != 2 || now.Revision != 2 {
		t.Errorf("the pair or the revisions: %q, %d, %d", now.Event("som-2026").BackToBack, old.Revision, now.Revision)
	}
	if r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD"); r.code != ExitOK {
		t.Errorf("validate --against HEAD: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// shellArgs splits a command line as a POSIX shell does for plain words
// and words in single or double quotes (without escapes); anything else a
// shell reads otherwise is refused.
func shellArgs(line string) ([]string, bool) {
	var args []string
	var cur strings.Builder
	var quote rune // the quote open, if any
	word := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, word = r, true
		case r == ' ':
			if word {
				args, word = append(args, cur.String()), false
				cur.Reset()
			}
		case strings.ContainsRune("\\|&;<>()$`*?[", r), !word && strings.ContainsRune("#~", r):
			return nil, false
		default:
			cur.WriteRune(r)
			word = true
		}
	}
	if quote != 0 {
		return nil, false
	}
	if word {
		args = append(args, cur.String())
	}
	return args, true
}

// TestMoveIntoNewPlanValidates: a meeting moved into next year's plan
// started since the last commit (bp new, then bp postpone, nothing
// committed yet) is a move to validate --against HEAD, not a deletion:
// the new file is compared with an empty plan, so the moved event is
// found there, with the revision it needs. Removing an event for real
// beside it is still an error.
func TestMoveIntoNewPlanValidates(t *testing.T) {
	dir, p2026, p2027 := yearsRepo(t)
	gitIn(t, dir, "rm", "-q", "workplans/2027.yaml")
	gitIn(t, dir, "commit", "-q", "-m", "2027 not started yet")
	for _, args := range [][]string{{"new", "2027"}, {"postpone", "som-2026", "--to", "2027-02-10..2027-02-12", "--pair"}} {
		if r := runBPIn(t, dir, "", editEnv(), args...); r.code != ExitOK {
			t.Fatalf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if !strings.Contains(readFixture(t, p2027), "id: som-2026") {
		t.Fatal("som-2026 did not move into the new 2027 plan")
	}
	r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD")
	if r.code != ExitOK || !strings.Contains(r.stderr, "workplans/2027.yaml is new since HEAD: its events are checked as added\n") {
		t.Fatalf("validate --against HEAD after the move: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// a deletion beside the move is still caught
	plan := readFixture(t, p2026)
	i := strings.Index(plan, "  - id: rg-2026-07\n")
	j := strings.Index(plan[i+1:], "\n  - id: ") + i + 1
	writeFile(t, p2026, plan[:i]+plan[j+1:])
	r = runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD")
	if r.code != ExitInvalid || !strings.Contains(r.stdout+r.stderr, `event "rg-2026-07", published at HEAD:workplans/2026.yaml`) ||
		strings.Contains(r.stdout+r.stderr, `event "som-2026", published`) {
		t.Errorf("validate --against HEAD with rg-2026-07 deleted: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
