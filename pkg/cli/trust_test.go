//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests of which workplans/ bp trusts (issue 24, item 3). Each runs
// bp the way a user meets it: real directories, owners and modes under a
// temporary directory.

// needRoot skips a test that must create files owned by another user.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("not root: cannot give a directory to another user (os.Chown)")
	}
}

// strangerUID owns what a test plants as another user's.
const strangerUID = 4242

// chownTree gives dir and everything in it to uid.
func chownTree(t *testing.T, dir string, uid int) {
	t.Helper()
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, uid)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// plantedTree makes base/x/workplans holding a plan titled "Planted
// Plan", and base/x/y, the working directory the tests run bp in.
func plantedTree(t *testing.T) (base, plans, wd string) {
	t.Helper()
	base = t.TempDir()
	put(t, base, map[string]string{"x/workplans/2026.yaml": planWithTitle(t, "Planted Plan")})
	wd = filepath.Join(base, "x", "y")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	return base, filepath.Join(base, "x", "workplans"), wd
}

// TestUntrustedPlansDirOwner: a workplans/ above the working directory
// that another user owns is not read. bp says which directory it skipped,
// why and how to trust it, once, and goes on with the plans built into
// it; BP_SAFE_DIRECTORY or --file makes it read the directory. Before,
// list showed the planted plan and set wrote into it.
func TestUntrustedPlansDirOwner(t *testing.T) {
	needRoot(t)
	_, plans, wd := plantedTree(t)
	chownTree(t, plans, strangerUID)
	planted := filepath.Join(plans, "2026.yaml")
	before, err := os.ReadFile(planted)
	if err != nil {
		t.Fatal(err)
	}

	r := runBPIn(t, wd, "", nil, "version")
	if r.code != 0 || strings.Contains(r.stdout, "Planted Plan") || !strings.Contains(r.stdout, "built in") {
		t.Errorf("bp version read the planted plan, or not the built-in ones: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"skipped " + plans, "another user (uid 4242", "--file", "BP_SAFE_DIRECTORY"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	r = runBPIn(t, wd, "", nil, "list", "--year", "all")
	if r.code != 0 || strings.Contains(r.stdout, "Planted") {
		t.Errorf("list: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// An edit looks for the plans several times; it says so once, and
	// writes nothing into the stranger's plan.
	r = runBPIn(t, wd, "", map[string]string{EnvToday: "2026-11-28"}, "set", "rg-2026-03", "--notes", "mine")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "built into bp cannot be changed") {
		t.Errorf("set: exit %d, want %d and the built-in refusal\n%s", r.code, ExitUsage, r.stderr)
	}
	if n := strings.Count(r.stderr, "skipped "); n != 1 {
		t.Errorf("the skip is said %d times, want once:\n%s", n, r.stderr)
	}
	if after, _ := os.ReadFile(planted); string(after) != string(before) {
		t.Error("set changed the stranger's plan")
	}

	// Trusted by name: the directory, or the one that holds it, or "*".
	for _, safe := range []string{plans, filepath.Dir(plans), "/nowhere" + string(os.PathListSeparator) + plans, "*"} {
		r = runBPIn(t, wd, "", map[string]string{EnvSafeDirectory: safe}, "version")
		if r.code != 0 || !strings.Contains(r.stdout, "Planted Plan") || strings.Contains(r.stderr, "skipped") {
			t.Errorf("BP_SAFE_DIRECTORY=%s: exit %d\n%s%s", safe, r.code, r.stdout, r.stderr)
		}
	}
	r = runBPIn(t, wd, "", nil, "-f", plans, "version")
	if r.code != 0 || !strings.Contains(r.stdout, "Planted Plan") || r.stderr != "" {
		t.Errorf("--file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestUntrustedPlansDirMode: a workplans/ every user may write into is
// not read either, sticky bit or not (anyone could add a plan file); one
// its group may write is (a team's shared checkout).
func TestUntrustedPlansDirMode(t *testing.T) {
	for _, tc := range []struct {
		mode    os.FileMode
		trusted bool
	}{
		{0o777, false},
		{0o777 | os.ModeSticky, false},
		{0o757, false},
		{0o775, true},
		{0o755, true},
	} {
		t.Run(tc.mode.String(), func(t *testing.T) {
			_, plans, wd := plantedTree(t)
			if err := os.Chmod(plans, tc.mode); err != nil {
				t.Fatal(err)
			}
			r := runBPIn(t, wd, "", nil, "version")
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if got := strings.Contains(r.stdout, "Planted Plan"); got != tc.trusted {
				t.Errorf("read the plan: %v, want %v\n%s%s", got, tc.trusted, r.stdout, r.stderr)
			}
			if !tc.trusted && !strings.Contains(r.stderr, "every user may write into it") {
				t.Errorf("stderr does not say why:\n%s", r.stderr)
			}
			if tc.trusted && r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
		})
	}
}

// TestUntrustedEmptyPlansDir: an empty or unreadable planted workplans/
// makes no command fail; before, every command exited 2.
func TestUntrustedEmptyPlansDir(t *testing.T) {
	needRoot(t)
	for _, mode := range []os.FileMode{0o755, 0o000} {
		t.Run(mode.String(), func(t *testing.T) {
			base := t.TempDir()
			plans := filepath.Join(base, "workplans")
			wd := filepath.Join(base, "y")
			for _, d := range []string{plans, wd} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			chownTree(t, plans, strangerUID)
			if err := os.Chmod(plans, mode); err != nil {
				t.Fatal(err)
			}
			// the built-in plans are live data: judged as of a day they
			// can have been written by
			env := map[string]string{EnvToday: builtInDay(t).Format("2006-01-02")}
			for _, args := range [][]string{{"list"}, {"validate"}, {"version"}} {
				r := runBPIn(t, wd, "", env, args...)
				if r.code != 0 || !strings.Contains(r.stderr, "skipped "+plans) {
					t.Errorf("%s: exit %d\n%s", args[0], r.code, r.stderr)
				}
			}
		})
	}
}

// TestPlansSearchStopsAtRepository: the search upward ends at the top of
// the enclosing git repository (the directory with the .git, a directory
// or a worktree's file), which is itself looked in.
func TestPlansSearchStopsAtRepository(t *testing.T) {
	for _, gitIsFile := range []bool{false, true} {
		base := t.TempDir()
		put(t, base, map[string]string{
			"workplans/2026.yaml": planWithTitle(t, "Outside Plan"),
			"repo/sub/readme.txt": "x",
		})
		wd := filepath.Join(base, "repo", "sub")
		r := runBPIn(t, wd, "", nil, "version")
		if !strings.Contains(r.stdout, "Outside Plan") {
			t.Fatalf("without a .git, the plans above are found: %s%s", r.stdout, r.stderr)
		}
		git := filepath.Join(base, "repo", ".git")
		if gitIsFile {
			put(t, base, map[string]string{"repo/.git": "gitdir: /nowhere\n"})
		} else if err := os.Mkdir(git, 0o755); err != nil {
			t.Fatal(err)
		}
		r = runBPIn(t, wd, "", nil, "version")
		if r.code != 0 || strings.Contains(r.stdout, "Outside Plan") || !strings.Contains(r.stdout, "built in") {
			t.Errorf(".git file %v: the search went above the repository: exit %d\n%s%s", gitIsFile, r.code, r.stdout, r.stderr)
		}
		put(t, base, map[string]string{"repo/workplans/2026.yaml": planWithTitle(t, "Repo Plan")})
		r = runBPIn(t, wd, "", nil, "version")
		if !strings.Contains(r.stdout, "Repo Plan") {
			t.Errorf("the plans at the repository's top are not found: %s%s", r.stdout, r.stderr)
		}
	}
}
