package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestValidateFix: after a hand edit (a date moved, a note reworded in a
// layout bp fmt would not write, an event added without its revision),
// validate --against HEAD --fix writes the revision values validate
// prescribes and nothing else: the file's diff is those lines alone;
// then the plan validates against HEAD.
func TestValidateFix(t *testing.T) {
	dir, p2026, _ := yearsRepo(t)
	plan := readFixture(t, p2026)
	plan = replaceOnce(t, plan, "    start: 2026-07-07\n", "    start: 2026-07-08   # moved by hand\n")
	plan = replaceOnce(t, plan, "    notes: If held in Iraq, the first Thematic Working Group meeting there.\n",
		"    notes:    If held in Iraq, the first TWG meeting there.\n")
	plan += "\n  # added by hand\n  - id: webinar-x-2026\n    title: Webinar X\n    type: webinar\n    start: 2026-12-10\n    format: online\n    status: planned\n    notes: >-\n      Two lines\n      of notes."
	writeFile(t, p2026, plan)
	r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD", "--fix")
	if r.code != ExitOK {
		t.Fatalf("validate --fix: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"bp: validate --fix: workplans/2026.yaml: plan: revision 2, revised 2026-11-28\n",
		"bp: validate --fix: workplans/2026.yaml: event \"webinar-x-2026\": revision 2, revised 2026-11-28\n",
		"bp: wrote workplans/2026.yaml\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("validate --fix says:\n%s\nwant it to hold %q", r.stderr, want)
		}
	}
	got := readFixture(t, p2026)
	// the diff: the revision lines of the plan and of the three events
	// that changed, and the end of line the last one needs before the
	// keys added to it
	d := lineDiff(plan, got)
	var minus, plus int
	for _, l := range strings.Split(strings.TrimSuffix(d, "\n"), "\n") {
		_, text, _ := strings.Cut(l, ": ")
		if !revisionLine.MatchString(text) && text != "" {
			t.Errorf("validate --fix changed a line that is no revision value: %q", l)
		}
		if l[0] == '-' {
			minus++
		} else {
			plus++
		}
	}
	if minus != 6 || plus != 9 {
		t.Errorf("validate --fix changed %d lines and added %d, want 6 and 9 (3 pairs of revision lines changed, 1 added, and an end of line):\n%s", minus, plus, d)
	}
	p := validPlanFile(t, p2026)
	for _, id := range []string{"rg-2026-07", "twg-return-2026", "webinar-x-2026"} {
		if e := p.Event(id); e.Revision != 2 || e.Revised.Format("2006-01-02") != "2026-11-28" {
			t.Errorf("%s: revision %d of %s, want 2 of 2026-11-28", id, e.Revision, e.Revised.Format("2006-01-02"))
		}
	}
	if e := p.Event("som-2026"); e.Revision != 1 {
		t.Errorf("som-2026, unchanged, got revision %d", e.Revision)
	}
	if r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD"); r.code != ExitOK {
		t.Errorf("after --fix: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// nothing left to fix: the file stays as it is
	if r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD", "--fix"); r.code != ExitOK || readFixture(t, p2026) != got ||
		!strings.Contains(r.stderr, "no revision value to write") {
		t.Errorf("a second --fix: exit %d\n%s", r.code, r.stderr)
	}
}

// TestValidateFixLeavesTheRest: --fix writes revision values only; an
// event gone is still reported (exit 1), and --fix alone is a usage
// error.
func TestValidateFixLeavesTheRest(t *testing.T) {
	dir, p2026, _ := yearsRepo(t)
	plan := readFixture(t, p2026)
	i, j := strings.Index(plan, "  - id: rg-2026-07\n"), strings.Index(plan, "  - id: webinar-skills-partnerships\n")
	writeFile(t, p2026, plan[:i]+plan[j:])
	r := runBPIn(t, dir, "", editEnv(), "validate", "--against", "HEAD", "--fix")
	if r.code != ExitInvalid || !strings.Contains(r.stdout, `event "rg-2026-07", published at HEAD:workplans/2026.yaml`) ||
		strings.Contains(r.stdout, "[revision]") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if p := validPlanFile(t, p2026); p.Revision != 2 {
		t.Errorf("revision %d after --fix, want 2", p.Revision)
	}
	if r := runBPIn(t, dir, "", editEnv(), "validate", "--fix"); r.code != ExitUsage || !strings.Contains(r.stderr, "--fix goes with --against REV") {
		t.Errorf("--fix alone: exit %d\n%s", r.code, r.stderr)
	}
}

// revisionLine is a line of a revision value, as --fix writes them.
var revisionLine = regexp.MustCompile(`^ *(revision: \d+|revised: \d{4}-\d\d-\d\d)$`)

// validPlanFile reads a plan file that must be valid, in whatever layout.
func validPlanFile(t *testing.T, path string) *workplan.Plan {
	t.Helper()
	plan, diags := workplan.Check(path, []byte(readFixture(t, path)), workplan.DefaultLimits, workplan.Options{})
	if plan == nil || workplan.HasErrors(diags) {
		t.Fatalf("%s is not valid: %v", path, diags)
	}
	return plan
}
