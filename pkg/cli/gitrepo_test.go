//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEditAsksThePlansRepository: an edit run from outside the plan's
// repository, with -f pointing in, asks git about the plan's repository,
// not the working directory's (issue 24, item 4). Before, three edits
// from /tmp raised the revision 1→2→3→4 (inside the repository it stays
// at 2), and remove could not tell that an event was published.
func TestEditAsksThePlansRepository(t *testing.T) {
	repo := t.TempDir()
	put(t, repo, map[string]string{"workplans/2026.yaml": planWithTitle(t, "In Git")})
	gitIn(t, repo, "init", "-q")
	gitIn(t, repo, "add", ".")
	gitIn(t, repo, "commit", "-q", "-m", "plan")
	plan := filepath.Join(repo, "workplans", "2026.yaml")
	env := map[string]string{EnvToday: "2026-11-28"}

	for _, wd := range []string{t.TempDir(), filepath.Join(repo, "workplans")} {
		// a working directory in another repository must not matter either
		if !strings.HasPrefix(wd, repo) {
			gitIn(t, wd, "init", "-q")
		}
		for i, notes := range []string{"one", "two", "three"} {
			r := runBPIn(t, wd, "", env, "-f", plan, "set", "rg-2026-03", "--notes", notes)
			if r.code != 0 {
				t.Fatalf("set #%d: exit %d\n%s", i+1, r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "revision 2 of 2026-11-28") {
				t.Errorf("from %s, set #%d: want revision 2 (1 is published at HEAD):\n%s", wd, i+1, r.stderr)
			}
		}
		r := runBPIn(t, wd, "", env, "-f", plan, "remove", "rg-2026-03")
		if r.code != ExitInvalid || !strings.Contains(r.stderr, "was published (it is in HEAD:workplans/2026.yaml") {
			t.Errorf("remove: exit %d, want %d and \"was published\":\n%s", r.code, ExitInvalid, r.stderr)
		}
		r = runBPIn(t, wd, "", env, "-f", plan, "diff")
		if r.code != ExitInvalid || !strings.Contains(r.stdout, "rg-2026-03") {
			t.Errorf("diff against HEAD: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		r = runBPIn(t, wd, "", env, "validate", "--against", "HEAD", plan)
		if r.code != 0 {
			t.Errorf("validate --against HEAD: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		gitIn(t, repo, "checkout", "-q", "--", ".")
	}
}
