package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// gitRepoAt makes a git repository in a new temporary directory with the
// published plan committed as workplans/2026.yaml, and returns the
// directory. It changes no process state: bp is run there with runIn.
func gitRepoAt(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testtool.Missing(t, "git is not installed: skipping the git argument tests")
	}
	dir := t.TempDir()
	put(t, dir, map[string]string{"workplans/2026.yaml": planWithTitle(t, "In Git")})
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "plan"}} {
		testtool.Git(t, dir, args...)
	}
	return dir
}

// TestGitArgumentInjection: no revision a user, a branch name or a CI
// variable gives can become a git option. Before, `bp diff -- --output=o`
// made git write a file named "o:workplans/2026.yaml", and
// `bp validate --against --output=o` passed with "revision not compared".
func TestGitArgumentInjection(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"diff", "--", "--output=o"},
		{"diff", "--", "--output=o", "HEAD"},
		{"diff", "--", "--output=o:workplans/2026.yaml"},
		{"diff", "--", "-p"},
		{"validate", "--against=--output=o", "workplans/2026.yaml"},
		{"validate", "--against", "--output=o", "workplans/2026.yaml"},
		{"validate", "--against=-p"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			dir := gitRepoAt(t)
			r := runBPIn(t, dir, "", nil, args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "a revision cannot start with '-'") {
				t.Errorf("exit %d (want %d), stderr:\n%s", r.code, ExitUsage, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("output: %q", r.stdout)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != ".git" && e.Name() != "workplans" {
					t.Errorf("git wrote %s", e.Name())
				}
			}
		})
	}
}

// TestGitRevisions: revisions are checked to be commits (by git's exit
// code, not its words), git runs in the App's working directory, and a
// file that did not exist at the revision is new, not an error.
func TestGitRevisions(t *testing.T) {
	t.Parallel()
	dir := gitRepoAt(t)
	sub := filepath.Join(dir, "workplans")
	cases := []struct {
		name string
		dir  string
		args []string
		code int
		want string // in stdout+stderr
	}{
		{"diff HEAD, file found upward", dir, []string{"diff", "HEAD"}, ExitOK, "The plans are the same."},
		{"from a subdirectory", sub, []string{"diff", "HEAD"}, ExitOK, "The plans are the same."},
		{"REV:PATH, relative to the working directory", sub, []string{"diff", "HEAD:2026.yaml", "2026.yaml"}, ExitOK, "The plans are the same."},
		{"unknown revision", dir, []string{"diff", "no-such-rev"}, ExitUsage, `"no-such-rev" is not a commit in this git repository`},
		{"a tree is not a commit", dir, []string{"diff", "HEAD^{tree}"}, ExitUsage, "is not a commit"},
		{"not at the revision", dir, []string{"diff", "HEAD:nope.yaml"}, ExitUsage, "git show HEAD:nope.yaml: not in that revision"},
		{"validate --against HEAD", dir, []string{"validate", "--against", "HEAD"}, ExitOK, "workplans/2026.yaml: 0 errors, 0 warnings"},
		{"validate --against an unknown revision", dir, []string{"validate", "--against", "nope", "workplans/2026.yaml"}, ExitUsage, `--against: "nope" is not a commit`},
		{"standard input has no history", dir, []string{"-f", "-", "diff", "HEAD"}, ExitUsage, "standard input has no git history"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, c.dir, "", nil, c.args...)
			if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
				t.Errorf("bp %s: exit %d (want %d)\n%s%s\nwant %q", strings.Join(c.args, " "), r.code, c.code, r.stdout, r.stderr, c.want)
			}
		})
	}
	// A plan new since the revision is reported as new.
	dir = gitRepoAt(t)
	put(t, dir, map[string]string{"workplans/2027.yaml": planOfYear(t, "2027", "Next")})
	r := runBPIn(t, dir, "", nil, "validate", "--against", "HEAD", "workplans/2027.yaml")
	if r.code != ExitOK || !strings.Contains(r.stderr, "workplans/2027.yaml is new since HEAD") {
		t.Errorf("new plan: exit %d\n%s", r.code, r.stderr)
	}
}
