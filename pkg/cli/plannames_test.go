//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests of which files of a plans directory are plans (issue 24,
// item 7).

// TestEditorFilesAreNotPlans: what editors keep beside a plan (Emacs's
// lock .#2026.yaml, a dangling symlink, and #2026.yaml#; Vim's swap
// .2026.yaml.swp; backups 2026.yaml~) and hidden directories are not
// read as plans; a plan's extension counts in any case, so that bp new
// sees 2027.YAML. Before, the lock made every command fail with "stat
// …/.#2026.yaml: no such file or directory", 2027.YAML was ignored and
// bp new 2027 wrote a second plan of 2027.
func TestEditorFilesAreNotPlans(t *testing.T) {
	dir := t.TempDir()
	junk := "formatVersion: 2\nplan: [\n"
	put(t, dir, map[string]string{
		"workplans/2026.yaml":        planWithTitle(t, "Plan 2026"),
		"workplans/2027.YAML":        plan2027(t),
		"workplans/.2026.yaml.swp":   junk,
		"workplans/2026.yaml~":       junk,
		"workplans/#2026.yaml#":      junk,
		"workplans/.hidden.yaml":     junk,
		"workplans/.old/2025.yaml":   junk,
		"workplans/notes/README.txt": junk,
	})
	if err := os.Symlink("root@host.1234:1700000000", filepath.Join(dir, "workplans", ".#2026.yaml")); err != nil {
		t.Fatal(err)
	}
	r := runBPIn(t, dir, "", nil, "version")
	if r.code != 0 || !strings.Contains(r.stdout, "Plan 2026") || !strings.Contains(r.stdout, "Plan 2027") || r.stderr != "" {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runBPIn(t, dir, "", nil, "validate"); r.code != 0 {
		t.Errorf("validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runBPIn(t, dir, "", map[string]string{EnvToday: "2026-11-28"}, "new", "2027")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "a plan for 2027 exists already: workplans/2027.YAML") {
		t.Errorf("new 2027: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, "workplans", "2027.yaml")); err == nil {
		t.Error("bp new wrote a second plan of 2027")
	}
}

// TestDanglingPlanLink: a *.yaml symlink whose target is gone is called
// a dangling link, with its target, not "no such file".
func TestDanglingPlanLink(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"workplans/2026.yaml": planWithTitle(t, "Plan")})
	if err := os.Symlink("../elsewhere/2027.yaml", filepath.Join(dir, "workplans", "2027.yaml")); err != nil {
		t.Fatal(err)
	}
	want := "workplans/2027.yaml is a dangling symbolic link: its target, ../elsewhere/2027.yaml, does not exist"
	for _, args := range [][]string{{"list"}, {"fmt", "--check"}, {"validate"}} {
		r := runBPIn(t, dir, "", nil, args...)
		if r.code != ExitUsage || !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("bp %q: exit %d, want %d and %q:\n%s%s", args, r.code, ExitUsage, want, r.stdout, r.stderr)
		}
	}
}

// plan2027 is the published plan moved to 2027, titled "Plan 2027", its
// event ids made its own.
func plan2027(t *testing.T) string {
	t.Helper()
	head, events, ok := strings.Cut(strings.ReplaceAll(planWithTitle(t, "Plan 2027"), "2026", "2027"), "\nevents:\n")
	if !ok {
		t.Fatal("the published plan has no events: line")
	}
	lines := strings.Split(events, "\n")
	for i, l := range lines {
		if id, ok := strings.CutPrefix(l, "  - id: "); ok && !strings.Contains(id, "2027") {
			lines[i] = l + "-2027"
		}
	}
	return head + "\nevents:\n" + strings.Join(lines, "\n")
}

// TestSymlinkedPlansDir: a workplans/ that is a symlink to the directory
// of plans is read, found upward or named. Before, bp listed no file in
// it ("no .yaml files in the directory"): the walk did not follow the
// link.
func TestSymlinkedPlansDir(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"real/2026.yaml": planWithTitle(t, "Linked Plan"), "w/x.txt": ""})
	if err := os.Symlink("../real", filepath.Join(dir, "w", "workplans")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"version"}, {"-f", "workplans", "version"}} {
		r := runBPIn(t, filepath.Join(dir, "w"), "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Linked Plan") || !strings.Contains(r.stdout, "from workplans/2026.yaml") {
			t.Errorf("bp %q: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}
