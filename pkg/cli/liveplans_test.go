package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/workplans"
)

// The live plans, workplans/*.yaml and the copies built into bp, are data
// that maintainers edit every few weeks: a date confirmed, a meeting held,
// an outcome recorded. The tests here check them only as data, the way a
// plan repository's CI does: bp validate passes, bp fmt --check passes,
// every built-in plan is valid. None of them looks at what a plan says;
// tests of bp's output read testdata/plans/2026-published.yaml.
//
// They judge dates by the real clock, as CI does: an outcome recorded
// today is valid today, whatever day the other tests pretend it is.

// runLive runs bp in dir with an empty environment and the real clock.
func runLive(dir string, args ...string) result {
	return runApp(dir, "", nil, time.Now, args...)
}

// $ bp validate workplans/
func TestLivePlansValidate(t *testing.T) {
	r := runLive(repoRoot, "validate", filepath.Join(repoRoot, "workplans"))
	if r.code != ExitOK {
		t.Fatalf("bp validate workplans/: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// $ bp fmt --check workplans/
func TestLivePlansFormatted(t *testing.T) {
	r := runLive(repoRoot, "fmt", "--check", filepath.Join(repoRoot, "workplans"))
	if r.code != ExitOK || r.stdout != "" {
		t.Fatalf("bp fmt --check workplans/: exit %d\n%s%s(run 'bp fmt -w workplans/')", r.code, r.stdout, r.stderr)
	}
}

// builtInDay is a day as of which the plans built into bp are judged by
// a test that runs bp on them: the later of the test clock's day and each
// plan's revised date. A maintainer's edit dates the plan (and an
// outcome) the day it is made, which may be after the test clock's; a
// test must not fail because the live plan moved on.
func builtInDay(t testing.TB) time.Time {
	t.Helper()
	today := fixedNow()
	for _, name := range workplans.Names() {
		data, err := workplans.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := workplan.Parse("workplans/"+name, data, workplan.DefaultLimits)
		if p != nil && p.Revised.After(today) {
			today = p.Revised
		}
		if p == nil {
			continue
		}
		for _, e := range p.Events {
			if o := e.Outcome; o != nil && o.Recorded.After(today) {
				today = o.Recorded
			}
		}
	}
	return today
}

// TestBuiltInPlansValid: every plan built into bp loads without an error.
func TestBuiltInPlansValid(t *testing.T) {
	names := workplans.Names()
	if len(names) == 0 {
		t.Fatal("no plan is built into bp")
	}
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		data, err := workplans.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		plan, diags := workplan.Check("workplans/"+name, data, workplan.DefaultLimits, workplan.Options{Today: today})
		for _, d := range workplan.Errors(diags) {
			t.Errorf("%s", d)
		}
		if plan == nil {
			t.Errorf("workplans/%s: no plan", name)
		}
	}
}

// Outside a checkout (a fresh directory, no BP_FILE), bp reads the plan
// built into it: list works, and validate checks that plan and says so.
func TestBuiltInPlanOutsideCheckout(t *testing.T) {
	dir := t.TempDir()
	r := runLive(dir, "list")
	if r.code != ExitOK || r.stdout == "" {
		t.Errorf("bp list: exit %d, %d bytes out\n%s", r.code, len(r.stdout), r.stderr)
	}
	r = runLive(dir, "validate")
	if r.code != ExitOK {
		t.Fatalf("bp validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "(built in): 0 errors") {
		t.Errorf("bp validate does not say it checked the built-in plan: %q", r.stderr)
	}
}

// TestLivePlansPointAtSchema: every plan file in workplans/ tells editors
// where its schema is on its first line (README, "Editor support").
func TestLivePlansPointAtSchema(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "workplans", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workplans/*.yaml (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=./workplan.schema.json\n") {
			t.Errorf("%s does not point editors at the schema on its first line", filepath.Base(f))
		}
	}
}
