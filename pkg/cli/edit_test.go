package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// editDir holds the edit commands' transcripts and fixtures.
var editDir = filepath.Join(repoRoot, "testdata", "edit")

// editEnv is the day the edits are made: the day after the plan as first
// published was revised, as in README.
func editEnv() map[string]string { return map[string]string{EnvToday: "2026-11-28"} }

// publishedFormat2 is the plan as first published, upgraded to format 2
// by bp migrate (TestPublishedFormat2 keeps it so): the edits' diffs then
// show the change alone, not the upgrade that the first edit of a format
// 1 file makes too.
var publishedFormat2 = filepath.Join(editDir, "2026-published-format-2.yaml")

// planDir makes a scratch directory with the plan from fixture as
// workplans/2026.yaml (outside git: every edit raises the revision), and
// returns it and the plan's path.
func planDir(t *testing.T, fixture string) (dir, plan string) {
	t.Helper()
	dir = t.TempDir()
	plan = filepath.Join(dir, "workplans", "2026.yaml")
	if err := os.MkdirAll(filepath.Dir(plan), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(plan, []byte(readFixture(t, fixture)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, plan
}

// TestPublishedFormat2: the fixture is what bp migrate makes of the plan
// as first published, and migrating changes nothing else: every event's
// calendar entry is the same.
func TestPublishedFormat2(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedPlan)
	if r := runBPIn(t, dir, "", editEnv(), "migrate"); r.code != ExitOK {
		t.Fatalf("bp migrate: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, plan) != readFixture(t, publishedFormat2) {
		t.Errorf("%s is not what bp migrate makes of %s", publishedFormat2, publishedPlan)
	}
	if r := runBPIn(t, dir, "", editEnv(), "migrate"); r.code != ExitOK || !strings.Contains(r.stderr, fmt.Sprintf("at format version %d already", workplan.FormatVersion)) {
		t.Errorf("a second bp migrate: exit %d\n%s", r.code, r.stderr)
	}
	a := runBP(t, "", map[string]string{EnvFile: publishedPlan}, "ics")
	b := runBP(t, "", map[string]string{EnvFile: publishedFormat2}, "ics")
	if a.code != ExitOK || a.stdout != b.stdout {
		t.Errorf("the calendar of the migrated plan differs from the original's")
	}
}

// lineDiff lists the lines of b that are not in a ("+") and of a that
// are not in b ("-"), in order, by their longest common subsequence:
// enough to read what an edit changed in a golden file.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out.WriteString("+" + strconv.Itoa(j+1) + ": " + y[j] + "\n")
			j++
		default:
			out.WriteString("-" + strconv.Itoa(i+1) + ": " + x[i] + "\n")
			i++
		}
	}
	return out.String()
}

// editCase is one transcript: the command, run in a scratch copy of the
// plan as first published, after the commands in before.
type editCase struct {
	before [][]string
	args   []string
}

// TestEditTranscripts runs every edit command three ways, each in its own
// copy of the plan: a change that succeeds (the file changes as the
// golden diff shows), the same with --dry-run (the same words, the file
// byte-identical), and a change refused because the result would be
// invalid (exit 1, the diagnostics as bp validate prints them, the file
// byte-identical).
func TestEditTranscripts(t *testing.T) {
	t.Parallel()
	record := []string{"record", "som-2026", "--summary", "Senior officials adopted the conclusions."}
	cases := []struct {
		cmd     string
		ok      []string
		refused editCase
	}{
		{"add", []string{"add", "webinar-labour-2026", "--title", "Webinar on labour migration", "--type", "webinar", "--date", "2026-10-20", "--format", "online", "-g", "twg-legal-pathways"},
			editCase{args: []string{"add", "webinar-x", "--title", "X", "--type", "webinar", "--date", "2026-10-20", "-g", "twg-labour"}}},
		{"set", []string{"set", "syria-thematic-meeting", "--date", "2026-05-19", "--time", "10:00-16:00", "--tz", "Europe/Istanbul"},
			editCase{args: []string{"set", "rg-2026-03", "--time", "10:00-12:00"}}},
		{"confirm", []string{"confirm", "twg-return-2026", "--choose", "Baghdad"},
			editCase{args: []string{"confirm", "rg-2026-03", "--date", "2027-03-04"}}},
		{"postpone", []string{"postpone", "twg-law-enforcement-2026", "--to", "2026-07-08..2026-07-09"},
			editCase{args: []string{"postpone", "twg-law-enforcement-2026", "--to", "2026-12-31..2027-01-01"}}},
		{"cancel", []string{"cancel", "webinar-missing-migrants", "--reason", "merged into the October meeting"},
			editCase{before: [][]string{record}, args: []string{"cancel", "som-2026"}}},
		{"record", []string{"record", "rg-2026-03", "--summary", "The 2026 workplan was endorsed.", "--link", "https://example.org/rg-2026-03", "--on", "2026-03-05"},
			editCase{args: []string{"record", "som-2026", "--summary", "Adopted.", "--on", "2026-11-20"}}},
		{"remove", []string{"remove", "webinar-missing-migrants", "--force"},
			editCase{args: []string{"remove", "rg-2026-11", "--force"}}},
		{"migrate", []string{"migrate"},
			editCase{before: [][]string{{"!break"}}, args: []string{"migrate"}}},
	}
	for _, c := range cases {
		t.Run(c.cmd, func(t *testing.T) {
			t.Parallel()
			var transcript bytes.Buffer
			// success
			fixture := publishedFormat2
			if c.cmd == "migrate" {
				fixture = publishedPlan
			}
			dir, plan := planDir(t, fixture)
			before := readFixture(t, plan)
			r := runBPIn(t, dir, "", editEnv(), c.ok...)
			after := readFixture(t, plan)
			transcript.Write(editTranscript(c.ok, r))
			transcript.WriteString("-- file --\n" + lineDiff(before, after))
			if r.code != ExitOK || after == before {
				t.Fatalf("%v: exit %d, file changed %v\n%s", c.ok, r.code, after != before, r.stderr)
			}
			checkPlanFile(t, plan)

			// --dry-run: the same words, nothing written
			dir, plan = planDir(t, fixture)
			dry := runBPIn(t, dir, "", editEnv(), append(append([]string{}, c.ok...), "--dry-run")...)
			if dry.code != ExitOK || dry.stdout != r.stdout || !strings.Contains(dry.stderr, "dry run: workplans/2026.yaml not written") {
				t.Errorf("--dry-run: exit %d\nstdout %q\nwant   %q\nstderr %q", dry.code, dry.stdout, r.stdout, dry.stderr)
			}
			if got := readFixture(t, plan); got != before {
				t.Errorf("--dry-run changed the file")
			}
			transcript.WriteString("\n")
			transcript.Write(editTranscript(append(append([]string{}, c.ok...), "--dry-run"), dry))

			// refused: the result would be invalid
			dir, plan = planDir(t, fixture)
			for _, b := range c.refused.before {
				if b[0] == "!break" { // a plan that is invalid already
					writeFile(t, plan, strings.Replace(before, "status: planned", "status: planed", 1))
					continue
				}
				if r := runBPIn(t, dir, "", editEnv(), b...); r.code != ExitOK {
					t.Fatalf("%v: exit %d\n%s", b, r.code, r.stderr)
				}
			}
			was := readFixture(t, plan)
			ref := runBPIn(t, dir, "", editEnv(), c.refused.args...)
			if ref.code != ExitInvalid || ref.stdout != "" || !strings.Contains(ref.stderr, "nothing was written") {
				t.Errorf("%v: exit %d, want 1\nstdout %q\nstderr %q", c.refused.args, ref.code, ref.stdout, ref.stderr)
			}
			if !diagLine.MatchString(strings.SplitN(ref.stderr, "\n", 2)[0]) {
				t.Errorf("refusal does not start with a diagnostic as bp validate prints it:\n%s", ref.stderr)
			}
			if got := readFixture(t, plan); got != was {
				t.Errorf("a refused change changed the file")
			}
			transcript.WriteString("\n")
			transcript.Write(editTranscript(c.refused.args, ref))
			golden.Assert(t, filepath.Join(editDir, c.cmd+".golden"), transcript.Bytes())
		})
	}
}

func editTranscript(args []string, r result) []byte {
	var b bytes.Buffer
	b.WriteString("$ bp")
	for _, a := range args {
		if strings.ContainsAny(a, " \"") || a == "" {
			a = strconv.Quote(a)
		}
		b.WriteString(" " + a)
	}
	b.WriteString("\n" + r.stdout + "-- stderr --\n" + r.stderr + "-- exit " + strconv.Itoa(r.code) + " --\n")
	return b.Bytes()
}

// checkPlanFile checks what every edit leaves: a valid plan of the newest
// format, in bp fmt's layout.
func checkPlanFile(t *testing.T, path string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check(path, data, workplan.DefaultLimits, workplan.Options{})
	if plan == nil || workplan.HasErrors(diags) {
		t.Fatalf("%s is not valid after the edit: %v", path, diags)
	}
	if plan.FormatVersion != workplan.FormatVersion {
		t.Errorf("%s: format %d after the edit, want %d", path, plan.FormatVersion, workplan.FormatVersion)
	}
	if f, err := yamlfmt.Format(data, workplan.Schema); err != nil || !bytes.Equal(f, data) {
		t.Errorf("%s is not in bp fmt's layout after the edit (%v)", path, err)
	}
	return plan
}

// TestRevisionOncePerChangeSet: in a git checkout the first edit since
// the last commit raises the revision; the next ones leave it (the file's
// revision is above HEAD's); after a commit the next edit raises it again.
// Each event changed carries the revision of the change set it changed in.
func TestRevisionOncePerChangeSet(t *testing.T) {
	git := gitRepo(t)
	writeFile(t, "workplans/2026.yaml", readFixture(t, publishedPlan))
	git("add", ".")
	git("commit", "-q", "-m", "the plan as first published")
	env := editEnv()
	step := func(want int, args ...string) *workplan.Plan {
		t.Helper()
		r := runBP(t, "", env, args...)
		if r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		p := checkPlanFile(t, "workplans/2026.yaml")
		if p.Revision != want {
			t.Errorf("%v: revision %d, want %d", args, p.Revision, want)
		}
		return p
	}
	step(2, "record", "rg-2026-03", "--summary", "Endorsed.", "--on", "2026-03-05")
	p := step(2, "postpone", "twg-law-enforcement-2026", "--to", "2026-07-08..2026-07-09")
	if e := p.Event("rg-2026-03"); e.Revision != 2 {
		t.Errorf("rg-2026-03 changed in revision 2, carries %d", e.Revision)
	}
	if e := p.Event("rg-2026-07"); e.Revision != 1 || e.Revised.Format("2006-01-02") != "2026-11-27" {
		t.Errorf("rg-2026-07 did not change, carries %d of %s", e.Revision, e.Revised.Format("2006-01-02"))
	}
	if r := runBP(t, "", env, "validate", "--against", "HEAD"); r.code != ExitOK {
		t.Errorf("validate --against HEAD after two edits: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	git("commit", "-q", "-am", "revision 2")
	env[EnvToday] = "2026-11-30"
	p = step(3, "confirm", "twg-return-2026", "--choose", "Baghdad")
	if e := p.Event("twg-return-2026"); e.Revision != 3 || e.Revised.Format("2006-01-02") != "2026-11-30" {
		t.Errorf("twg-return-2026: revision %d of %s, want 3 of 2026-11-30", e.Revision, e.Revised.Format("2006-01-02"))
	}
	if e := p.Event("rg-2026-03"); e.Revision != 2 {
		t.Errorf("rg-2026-03 did not change since revision 2, carries %d", e.Revision)
	}
	// a change that changes nothing writes nothing
	before := readFixture(t, "workplans/2026.yaml")
	if r := runBP(t, "", env, "confirm", "twg-return-2026", "--choose", "Baghdad"); r.code != ExitOK || !strings.Contains(r.stderr, "nothing to change") {
		t.Errorf("confirming again: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, "workplans/2026.yaml") != before {
		t.Error("a change that changes nothing wrote the file")
	}
	// a new revision dated before the last one: refused
	git("commit", "-q", "-am", "revision 3")
	env[EnvToday] = "2026-11-29"
	if r := runBP(t, "", env, "cancel", "rg-2026-07"); r.code != ExitUsage || !strings.Contains(r.stderr, "today, 2026-11-29, is before the plan's revised date 2026-11-30") {
		t.Errorf("an edit dated before the last revision: exit %d\n%s", r.code, r.stderr)
	}
}

// TestRemovePublished: bp remove refuses an event subscribers have (in the
// plan at HEAD, not cancelled there), with a hint to cancel it; takes an
// event added since, or one cancelled at HEAD; --force overrides. A
// published event deleted by hand is the "removed" error of validate
// --against, unless it was cancelled there.
func TestRemovePublished(t *testing.T) {
	git := gitRepo(t)
	writeFile(t, "workplans/2026.yaml", readFixture(t, publishedFormat2))
	git("add", ".")
	git("commit", "-q", "-m", "the plan as first published")
	env := editEnv()
	plan := "workplans/2026.yaml"
	before := readFixture(t, plan)
	r := runBP(t, "", env, "remove", "webinar-missing-migrants")
	if r.code != ExitInvalid || !strings.Contains(r.stderr, `"webinar-missing-migrants" was published`) ||
		!strings.Contains(r.stderr, "hint: cancel it instead, so that they see it go: bp cancel webinar-missing-migrants") {
		t.Errorf("removing a published event: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, plan) != before {
		t.Error("a refused remove changed the file")
	}
	// added since HEAD: it may go
	if r := runBP(t, "", env, "add", "webinar-test", "--title", "Test", "--type", "webinar", "--date", "2026-10-01"); r.code != ExitOK {
		t.Fatalf("add: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBP(t, "", env, "remove", "webinar-test"); r.code != ExitOK || !strings.Contains(r.stdout, "- webinar-test  Test") {
		t.Errorf("removing an event added since HEAD: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// cancelled and committed: it may go
	if r := runBP(t, "", env, "cancel", "webinar-missing-migrants"); r.code != ExitOK {
		t.Fatalf("cancel: exit %d\n%s", r.code, r.stderr)
	}
	git("commit", "-q", "-am", "cancel the webinar")
	if r := runBP(t, "", env, "remove", "webinar-missing-migrants"); r.code != ExitOK {
		t.Errorf("removing an event cancelled at HEAD: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBP(t, "", env, "validate", "--against", "HEAD"); r.code != ExitOK {
		t.Errorf("validate --against HEAD after removing a cancelled event: exit %d\n%s", r.code, r.stdout)
	}
	git("checkout", "-q", "--", plan)
	// --force removes a published one; validate --against names it
	if r := runBP(t, "", env, "remove", "rg-2026-07", "--force"); r.code != ExitOK {
		t.Fatalf("remove --force: exit %d\n%s", r.code, r.stderr)
	}
	r = runBP(t, "", env, "validate", "--against", "HEAD")
	if r.code != ExitInvalid || !strings.Contains(r.stdout, `error: event "rg-2026-07", published at HEAD:workplans/2026.yaml (7 Jul 2026, online, planned), is gone: subscribers would keep it in their calendars [removed]`) ||
		!strings.Contains(r.stdout, "hint: put it back and cancel it (bp cancel rg-2026-07), so that subscribers see it go") {
		t.Errorf("validate --against after deleting a published event: exit %d\n%s", r.code, r.stdout)
	}
}

// A plan whose version at HEAD cannot be read as a workplan tells
// nothing of what was published: remove refuses, asks for --force, and
// writes nothing. (bp panicked there: "internal error".)
func TestRemoveUnreadableAtHEAD(t *testing.T) {
	git := gitRepo(t)
	writeFile(t, "workplans/2026.yaml", "events: [\n")
	git("add", ".")
	git("commit", "-q", "-m", "a broken plan")
	writeFile(t, "workplans/2026.yaml", readFixture(t, publishedFormat2))
	before := readFixture(t, "workplans/2026.yaml")
	r := runBP(t, "", editEnv(), "remove", "webinar-missing-migrants")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `bp: remove: cannot tell whether "webinar-missing-migrants" was published (HEAD:workplans/2026.yaml cannot be read as a workplan)`) ||
		!strings.Contains(r.stderr, "--force") {
		t.Errorf("remove with an unreadable plan at HEAD: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, "workplans/2026.yaml") != before {
		t.Error("the refused remove changed the file")
	}
}

// Outside git bp cannot tell what was published: remove asks for --force.
func TestRemoveOutsideGit(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	before := readFixture(t, plan)
	r := runBPIn(t, dir, "", editEnv(), "remove", "webinar-missing-migrants")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "cannot tell whether") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("remove outside git: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, plan) != before {
		t.Error("the refused remove changed the file")
	}
}

// TestEditFindsThePlanFile: with a plan per year, an edit goes to the file
// holding the event, and bp add to the file of the date's year; a date no
// plan covers is refused with a hint. The plans built into bp cannot be
// changed.
func TestEditFindsThePlanFile(t *testing.T) {
	t.Parallel()
	dir, p2026 := planDir(t, publishedFormat2)
	p2027 := filepath.Join(dir, "workplans", "2027.yaml")
	writeFile(t, p2027, strings.NewReplacer("year: 2026", "year: 2027", "budapest-process-2026", "budapest-process-2027").Replace(
		"formatVersion: 2\nplan:\n  id: budapest-process-2026\n  title: Workplan 2027\n  year: 2026\n  revision: 1\n  revised: 2026-12-01\n"+
			"events:\n  - id: rg-2027-03\n    title: Reference Group Meeting\n    type: reference-group\n    start: 2027-03-03\n    status: planned\n    revision: 1\n    revised: 2026-12-01\n"))
	env := map[string]string{EnvToday: "2026-12-02"}
	a2026, a2027 := readFixture(t, p2026), readFixture(t, p2027)
	if r := runBPIn(t, dir, "", env, "confirm", "rg-2027-03"); r.code != ExitOK || !strings.Contains(r.stderr, "wrote workplans/2027.yaml") {
		t.Errorf("confirm in 2027: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, p2026) != a2026 || readFixture(t, p2027) == a2027 {
		t.Error("the edit went to the wrong file")
	}
	if r := runBPIn(t, dir, "", env, "add", "webinar-2027", "--title", "Webinar", "--type", "webinar", "--month", "2027-05"); r.code != ExitOK || !strings.Contains(r.stderr, "wrote workplans/2027.yaml") {
		t.Errorf("add in 2027: exit %d\n%s", r.code, r.stderr)
	}
	// an id is unique across the years: 2026 has rg-2026-03
	a2027 = readFixture(t, p2027)
	for _, dry := range []string{"", "--dry-run"} {
		args := []string{"add", "rg-2026-03", "--title", "Webinar", "--type", "webinar", "--date", "2027-05-05"}
		if dry != "" {
			args = append(args, dry)
		}
		r := runBPIn(t, dir, "", env, args...)
		if r.code != ExitInvalid || !strings.Contains(r.stderr, `event id "rg-2026-03" is used in the 2026 plan too`) ||
			!strings.Contains(r.stderr, "the plans of the set would disagree (1 error, above); nothing was written") {
			t.Errorf("add %s an id of 2026 to 2027: exit %d\n%s", dry, r.code, r.stderr)
		}
		if readFixture(t, p2027) != a2027 {
			t.Errorf("the refused add %s changed the file", dry)
		}
	}
	r := runBPIn(t, dir, "", env, "add", "webinar-2030", "--title", "Webinar", "--type", "webinar", "--date", "2030-05-05")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "no plan file covers 2030; the plans cover 2026 (workplans/2026.yaml), 2027 (workplans/2027.yaml)") {
		t.Errorf("add in 2030: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBPIn(t, dir, "", env, "cancel", "no-such-event"); r.code != ExitUsage || !strings.Contains(r.stderr, `no event "no-such-event" in 2 plan files`) {
		t.Errorf("an unknown event: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBPIn(t, t.TempDir(), "", env, "cancel", "rg-2026-07"); r.code != ExitUsage || !strings.Contains(r.stderr, "the plans built into bp cannot be changed") {
		t.Errorf("editing the built-in plan: exit %d\n%s", r.code, r.stderr)
	}
}

// TestEditUsageErrors: what the commands refuse before reading a plan.
func TestEditUsageErrors(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	before := readFixture(t, plan)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", "rg-2026-03"}, "nothing to set"},
		{[]string{"set", "rg-2026-03", "--date", "2026-03-32"}, `"2026-03-32" is not a real date`},
		{[]string{"set", "rg-2026-03", "--date", "2026-03-05..2026-03-04"}, "ends before it starts"},
		{[]string{"set", "rg-2026-03", "--time", "9:00"}, "is not a time range"},
		{[]string{"set", "rg-2026-03", "--place", "Vienna"}, `write the place as "City, Country"`},
		{[]string{"set", "rg-2026-03", "--status", "done"}, `--status: unknown value "done"; use one of: planned, confirmed, held, postponed, cancelled`},
		{[]string{"set", "rg-2026-03", "--unset", "title"}, "cannot remove \"title\": it is required"},
		{[]string{"set", "rg-2026-03", "--unset", "format", "--format", "online"}, "format is both set and removed"},
		{[]string{"set", "rg-2026-03", "--date", "2026-03-05", "--month", "2026-03"}, "bp: --date and --month cannot be given together: give one of them\n"},
		{[]string{"add", "x", "--title", "X", "--type", "party", "--date", "2026-03-05"}, `--type: unknown value "party"`},
		{[]string{"add", "x", "--title", "X", "--type", "webinar"}, "bp: give --date or --month: one of them is required\n"},
		{[]string{"add", "rg-2026-03", "--title", "X", "--type", "webinar", "--date", "2026-03-05"}, `already has an event "rg-2026-03"`},
		{[]string{"confirm", "syria-thematic-meeting"}, "has only a month (2026-05); give its day with --date"},
		{[]string{"confirm", "twg-return-2026"}, "choose one with --choose CITY"},
		{[]string{"confirm", "twg-return-2026", "--choose", "Vienna"}, `"Vienna" is not one of the places in the running`},
		{[]string{"record", "rg-2026-03"}, "give --summary, --conclusion, --clear-conclusions, --link or --on: one of them is required"},
		{[]string{"record", "rg-2026-03", "--conclusion", "Endorsed."}, `event "rg-2026-03" has no outcome recorded yet: give its --summary`},
		{[]string{"set", "rg-2026-03", "--link", "join=http://meet.example.org/j/1"}, `--link "http://meet.example.org/j/1" is plain http: write https://`},
		{[]string{"set", "rg-2026-03", "--link", "join=javascript:alert(1)"}, `--link "javascript:alert(1)" is a javascript: address, not https`},
		{[]string{"set", "rg-2026-03", "--link", "page=data:text/html,x"}, `--link "data:text/html,x" is a data: address, not https`},
		{[]string{"set", "rg-2026-03", "--link", "jion=https://meet.example.org/j/1"}, `unknown kind "jion"; did you mean "join"?`},
		{[]string{"set", "rg-2026-03", "--link", "https://meet.example.org/j/1"}, `--link "https://meet.example.org/j/1": write KIND=URL (or KIND=URL LABEL)`},
		{[]string{"set", "rg-2026-03", "--remove-link", "registration"}, "no link to remove (--remove-link registration): the event has none"},
		{[]string{"set", "rg-2026-03", "--unset", "links", "--link", "page=https://example.org"}, "links is both set and removed"},
		{[]string{"postpone", "rg-2026-07", "--to", "July"}, "not a date"},
		{[]string{"cancel", "rg-2026-7"}, `no event "rg-2026-7" in the plan; did you mean "rg-2026-07"?`},
	} {
		r := runBPIn(t, dir, "", editEnv(), c.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, want 2 and %q in\n%s", c.args, r.code, c.want, r.stderr)
		}
	}
	if readFixture(t, plan) != before {
		t.Error("a refused command changed the file")
	}
}

// commentRE finds a comment on a line of the commented fixture, whose
// values hold no '#'.
var commentRE = regexp.MustCompile(`(?:^|\s)(#.*?)\s*$`)

func commentsOf(text string) map[string]int {
	out := map[string]int{}
	for _, l := range strings.Split(text, "\n") {
		if m := commentRE.FindStringSubmatch(l); m != nil {
			out[m[1]]++
		}
	}
	return out
}

// TestEditKeepsComments runs every edit command in turn on a plan full of
// comments (above events and keys, at the end of lines, inside a
// location, between the lists, at the end of the file), some of them on
// keys the edits remove: after each, every comment of the file is still
// in it, and the file is valid and in bp fmt's layout. The golden file
// shows where each comment ended up.
func TestEditKeepsComments(t *testing.T) {
	t.Parallel()
	fixture := filepath.Join(editDir, "commented.yaml")
	dir, plan := planDir(t, fixture)
	want := commentsOf(readFixture(t, fixture))
	if len(want) < 30 {
		t.Fatalf("the fixture has only %d comments", len(want))
	}
	env := map[string]string{EnvToday: "2026-06-01"}
	steps := [][]string{
		{"migrate"},
		{"add", "webinar-new", "--title", "New webinar", "--type", "webinar", "--date", "2026-06-10", "--format", "online"},
		{"set", "syria", "--date", "2026-05-19", "--time", "10:00-16:00", "--tz", "Europe/Istanbul", "--unset", "format"},
		{"confirm", "twg-october", "--choose", "Baghdad"},
		{"postpone", "twg-june", "--to", "2026-07-08..2026-07-09"},
		{"cancel", "webinar-extra", "--reason", "no funding"},
		{"record", "rg-march", "--summary", "The workplan was endorsed.", "--on", "2026-03-05"},
		{"remove", "draft-event", "--force"},
		{"set", "webinar-extra", "--unset", "startTime", "--unset", "endTime", "--unset", "notes"},
	}
	for _, args := range steps {
		r := runBPIn(t, dir, "", env, args...)
		if r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		got := commentsOf(readFixture(t, plan))
		for c, n := range want {
			if got[c] < n {
				t.Errorf("after %v: comment %q lost", args, c)
			}
		}
		checkPlanFile(t, plan)
	}
	golden.Assert(t, filepath.Join(editDir, "commented.golden"), []byte(readFixture(t, plan)))
}

// TestUpgradeKeepsPublishedRevisions: a format 1 plan changed by hand
// (its revision raised, an event moved) and not yet committed. The first
// edit command upgrades it: the event moved by hand and the one the
// command changes carry the new revision; every other event keeps the
// revision it was published with, so subscribers are not sent it again.
// bp migrate does the same.
func TestUpgradeKeepsPublishedRevisions(t *testing.T) {
	git := gitRepo(t)
	plan := "workplans/2026.yaml"
	writeFile(t, plan, readFixture(t, publishedPlan))
	git("add", ".")
	git("commit", "-q", "-m", "the plan as first published")
	byHand := strings.NewReplacer("revision: 1\n  revised: 2026-11-27", "revision: 2\n  revised: 2026-11-28",
		"start: 2026-10-06\n    end: 2026-10-07", "start: 2026-10-13\n    end: 2026-10-14").Replace(readFixture(t, publishedPlan))
	for _, args := range [][]string{
		{"record", "rg-2026-03", "--summary", "Endorsed.", "--on", "2026-03-05"},
		{"migrate"},
	} {
		writeFile(t, plan, byHand)
		if r := runBP(t, "", editEnv(), args...); r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		p := checkPlanFile(t, plan)
		for _, e := range p.Events {
			want := 1
			if e.ID == "twg-return-2026" || e.ID == "rg-2026-03" && args[0] == "record" {
				want = 2
			}
			if e.Revision != want {
				t.Errorf("%v: %s carries revision %d, want %d", args, e.ID, e.Revision, want)
			}
		}
		if r := runBP(t, "", editEnv(), "validate", "--against", "HEAD"); r.code != ExitOK {
			t.Errorf("%v: validate --against HEAD: exit %d\n%s", args, r.code, r.stdout)
		}
	}
}

// TestEditCompletion: the shell completes event ids, types, statuses,
// formats, groups, keys to unset, the cities in the running and time
// zones, with descriptions cleaned for the terminal.
func TestEditCompletion(t *testing.T) {
	t.Parallel()
	dir, _ := planDir(t, publishedFormat2)
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "set", ""}, []string{"rg-2026-03\t4 Mar 2026 Reference Group Meeting", "twg-return-2026\t"}},
		{[]string{"__complete", "postpone", ""}, []string{"som-2026\t24–26 Nov 2026 Annual Senior Officials Meeting"}},
		{[]string{"__complete", "add", "x", "--type", ""}, []string{"reference-group\n", "senior-officials\n"}},
		{[]string{"__complete", "set", "x", "--status", ""}, []string{"planned\n", "cancelled\n"}},
		{[]string{"__complete", "confirm", "x", "--format", ""}, []string{"online\n", "in-person\n", "hybrid\n"}},
		{[]string{"__complete", "add", "x", "-g", ""}, []string{"twg-return\tThematic Working Group on Return and Reintegration"}},
		{[]string{"__complete", "set", "x", "--unset", ""}, []string{"dateTBC\n", "movedFrom\n", "outcome\n"}},
		{[]string{"__complete", "confirm", "twg-return-2026", "--choose", ""}, []string{"Baghdad\tBaghdad, Iraq", "Istanbul\tIstanbul, Türkiye"}},
		{[]string{"__complete", "set", "x", "--tz", ""}, []string{"UTC\n"}},
	} {
		r := runBPIn(t, dir, "", editEnv(), c.args...)
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("bp %q: no %q in\n%s", c.args, w, r.stdout)
			}
		}
		if !strings.Contains(r.stdout, ":4\n") {
			t.Errorf("bp %q: completion offers files too:\n%s", c.args, r.stdout)
		}
	}
	if _, err := os.Stat("/usr/share/zoneinfo/zone1970.tab"); err == nil {
		if r := runBPIn(t, dir, "", editEnv(), "__complete", "set", "x", "--tz", ""); !strings.Contains(r.stdout, "Europe/Istanbul\n") {
			t.Errorf("the system's time zones are not offered")
		}
	}
}

// TestEditHostileStrings runs the edit commands over the hostile-strings
// plan (under a hostile file name), with hostile values: no control, bidi
// or zero-width character reaches stdout or stderr, whether the change is
// made, printed with --dry-run, or refused.
func TestEditHostileStrings(t *testing.T) {
	t.Parallel()
	src, _, _ := hostilePlans(t)
	bad := "x \x1b[31m\u202e\u200b\x9b\x07 y"
	for _, args := range [][]string{
		{"migrate", "--dry-run"},
		{"set", "held-event", "--title", "Renamed " + bad, "--dry-run"},
		{"set", "held-event", "--notes", "Notes " + bad},
		{"cancel", "webinar", "--reason", "Reason " + bad},
		{"record", "tbc-event", "--summary", "Summary " + bad},
		{"confirm", "tbc-event", "--choose", "Nowhere " + bad},
		{"confirm", "tbc-event", "--place", "Hall " + bad + ", City, Country"},
		{"add", "new " + bad, "--title", "T", "--type", "webinar", "--date", "2026-10-01"},
		{"remove", "no-such " + bad, "--force"},
		{"postpone", "held-event", "--to", "2026-13-01" + bad},
		{"__complete", "confirm", "tbc-event", "--choose", ""},
		{"__complete", "set", "x", "-g", ""},
	} {
		plan := filepath.Join(t.TempDir(), filepath.Base(src))
		writeFile(t, plan, readFixture(t, src))
		r := runBP(t, "", editEnv(), append([]string{"-f", plan}, args...)...)
		if strings.Contains(r.stderr, "internal error") {
			t.Errorf("%q: %s", args, r.stderr)
		}
		ok := ""
		if args[0] == "__complete" {
			ok = "\t"
		}
		assertNoUnsafe(t, fmt.Sprintf("%q stdout", args), r.stdout, ok)
		assertNoUnsafe(t, fmt.Sprintf("%q stderr", args), r.stderr, "")
		if r.stdout+r.stderr == "" {
			t.Errorf("%q printed nothing", args)
		}
	}
}

// TestEditNewPlanOneChangeSet: a plan file git does not have yet was
// never published, so the events added to a plan started with bp new keep
// its revision 1 (one change set, the first); once committed, the next
// edit raises it.
func TestEditNewPlanOneChangeSet(t *testing.T) {
	t.Parallel()
	dir := gitRepoAt(t)
	env := map[string]string{EnvToday: "2026-11-28"}
	p2027 := filepath.Join(dir, "workplans", "2027.yaml")
	revision := func() int {
		t.Helper()
		p, _ := workplan.Parse(p2027, []byte(readFixture(t, p2027)), workplan.DefaultLimits)
		if p == nil {
			t.Fatalf("%s does not parse", p2027)
		}
		return p.Revision
	}
	if r := runBPIn(t, dir, "", env, "new", "2027"); r.code != ExitOK {
		t.Fatalf("bp new: exit %d\n%s", r.code, r.stderr)
	}
	for _, id := range []string{"rg-2027-03", "rg-2027-07"} {
		month := map[string]string{"rg-2027-03": "2027-03", "rg-2027-07": "2027-07"}[id]
		if r := runBPIn(t, dir, "", env, "add", id, "--title", "Reference Group Meeting", "--type", "reference-group", "--month", month); r.code != ExitOK {
			t.Fatalf("bp add %s: exit %d\n%s", id, r.code, r.stderr)
		}
		if got := revision(); got != 1 {
			t.Errorf("after adding %s to a plan never committed: revision %d, want 1", id, got)
		}
	}
	cmd := exec.Command("git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "2027")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	add := exec.Command("git", "add", "workplans/2027.yaml")
	add.Dir, add.Env = dir, cmd.Env
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("git add: %v\n%s", err, out)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	if r := runBPIn(t, dir, "", env, "confirm", "rg-2027-03", "--date", "2027-03-03"); r.code != ExitOK {
		t.Fatalf("bp confirm: exit %d\n%s", r.code, r.stderr)
	}
	if got := revision(); got != 2 {
		t.Errorf("after the first edit since the plan was committed: revision %d, want 2", got)
	}
}
