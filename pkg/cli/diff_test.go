package cli

import (
	"github.com/icmpd/bp/pkg/internal/testtool"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

// gitRepo makes a temporary git repository, changes into it for the
// rest of the test (so such tests must not run in parallel) and returns
// a function that runs git there.
func gitRepo(t *testing.T) func(args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testtool.Missing(t, "git is not installed: skipping the git transcript")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q")
	return run
}

func readFixture(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("fixture lacks %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

// TestRevisionTranscript is the maintainer's story: a commit that moves a
// meeting without raising the revision fails validate --against; with the
// revision raised it passes, and bp diff says what moved, in words.
func TestRevisionTranscript(t *testing.T) {
	plan := readFixture(t, "../../testdata/diff/old.yaml")
	git := gitRepo(t)
	writeFile(t, "workplans/2026.yaml", plan)
	git("add", ".")
	git("commit", "-q", "-m", "plan, revision 3")

	moved := replaceOnce(t, plan, "start: 2026-10-06\n    end: 2026-10-07", "start: 2026-10-13\n    end: 2026-10-14")
	writeFile(t, "workplans/2026.yaml", moved)
	git("commit", "-q", "-am", "move the Return and Reintegration meeting")

	// $ bp validate --against HEAD~1 workplans/2026.yaml
	r := runBP(t, "", nil, "validate", "--against", "HEAD~1", "workplans/2026.yaml")
	if r.code != ExitInvalid {
		t.Fatalf("moved without a new revision: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	want := "workplans/2026.yaml:7:13: error: the plan changed since HEAD~1:workplans/2026.yaml " +
		"(0 events added, 0 removed, 1 changed), but revision is still 3 [revision]\n" +
		"  hint: set revision: 4 and revised: 2026-11-27 (calendar apps take an event's update only when its SEQUENCE, the revision, goes up)\n" +
		"workplans/2026.yaml:36:5: error: event \"twg-return-2026\" changed since HEAD~1:workplans/2026.yaml, but its revision is still 3: calendar apps would keep the old entry [revision]\n" +
		"  hint: set revision: 4 and revised: 2026-11-27 on event \"twg-return-2026\"\n"
	if r.stdout != want {
		t.Errorf("validate --against:\n got %q\nwant %q", r.stdout, want)
	}

	// the same as annotations for a pull request
	r = runBP(t, "", nil, "validate", "--against", "HEAD~1", "--format", "github", "workplans/2026.yaml")
	if r.code != ExitInvalid || !strings.HasPrefix(r.stdout, "::error file=workplans/2026.yaml,line=7,col=13,title=bp revision::") {
		t.Errorf("github format: exit %d\n%s", r.code, r.stdout)
	}

	// the revision raised, but not its date: a warning (two revisions
	// may share a day), an error with --strict
	bumped := replaceOnce(t, moved, "revision: 3", "revision: 4")
	writeFile(t, "workplans/2026.yaml", bumped)
	for _, strict := range []bool{false, true} {
		args := []string{"validate", "--against", "HEAD~1", "workplans/2026.yaml"}
		want := ExitOK
		if strict {
			args, want = append(args, "--strict"), ExitInvalid
		}
		r = runBP(t, "", nil, args...)
		if r.code != want || !strings.Contains(r.stdout, "workplans/2026.yaml:8:12: warning: revision went up to 4, but revised is still 2026-05-01, the date of revision 3 [revision]") ||
			!strings.Contains(r.stdout, "hint: set revised: 2026-11-27 unless both revisions are of that day") {
			t.Errorf("revised not moved (strict %v): exit %d\n%s%s", strict, r.code, r.stdout, r.stderr)
		}
	}
	// the date going back is an error
	writeFile(t, "workplans/2026.yaml", replaceOnce(t, bumped, "revised: 2026-05-01", "revised: 2026-04-01"))
	r = runBP(t, "", nil, "validate", "--against", "HEAD~1", "workplans/2026.yaml")
	if r.code != ExitInvalid || !strings.Contains(r.stdout, "error: revised (2026-04-01) is before the date of the plan at HEAD~1:workplans/2026.yaml (2026-05-01): a revision date never goes back [revision]") {
		t.Errorf("revised went back: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// the revision going back is an error
	writeFile(t, "workplans/2026.yaml", replaceOnce(t, moved, "revision: 3", "revision: 2"))
	r = runBP(t, "", nil, "validate", "--against", "HEAD~1", "workplans/2026.yaml")
	if r.code != ExitInvalid || !strings.Contains(r.stdout, "workplans/2026.yaml:7:13: error: revision went back from 3 to 2 since HEAD~1:workplans/2026.yaml [revision]") {
		t.Errorf("revision went back: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// both raised: valid
	bumped = replaceOnce(t, bumped, "revised: 2026-05-01", "revised: 2026-11-27")
	writeFile(t, "workplans/2026.yaml", bumped)
	r = runBP(t, "", nil, "validate", "--against", "HEAD~1", "workplans/2026.yaml")
	if r.code != ExitOK {
		t.Fatalf("with the revision raised: exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	git("commit", "-q", "-am", "revision 4")

	// $ bp diff HEAD~2 (the plan file found in ./workplans)
	r = runBP(t, "", nil, "diff", "HEAD~2")
	if r.code != ExitInvalid {
		t.Fatalf("bp diff HEAD~2: exit %d, want 1 (the plans differ)\n%s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join(origDir, "testdata/diff/transcript.golden"), []byte(r.stdout))
	if !strings.Contains(r.stdout, "moved from 6–7 Oct 2026 to 13–14 Oct 2026") {
		t.Errorf("bp diff does not describe the move:\n%s", r.stdout)
	}

	// $ bp diff (HEAD against the working copy): the same
	if r = runBP(t, "", nil, "diff"); r.code != ExitOK || !strings.Contains(r.stdout, "The plans are the same.") {
		t.Errorf("bp diff with a clean working copy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// from a subdirectory, with the path relative to it
	t.Chdir("workplans")
	r = runBP(t, "", nil, "diff", "HEAD~2", "HEAD", "-f", "2026.yaml", "-o", "json")
	if r.code != ExitInvalid || !strings.Contains(r.stdout, `"name": "HEAD~2:workplans/2026.yaml"`) {
		t.Errorf("bp diff from a subdirectory: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestDiffErrors(t *testing.T) {
	git := gitRepo(t)
	writeFile(t, "workplans/2026.yaml", readFixture(t, filepath.Join(origDir, "testdata/diff/old.yaml")))
	writeFile(t, "broken.yaml", "formatVersion: 1\nplan: [\n")
	git("add", ".")
	git("commit", "-q", "-m", "plan")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown revision", []string{"diff", "no-such-rev"}, ExitUsage, "hint: no-such-rev is neither a file nor a git revision of workplans/2026.yaml"},
		{"file not at revision", []string{"diff", "HEAD:nope.yaml"}, ExitUsage, "git show HEAD:nope.yaml"},
		{"broken side", []string{"diff", "broken.yaml", "workplans/2026.yaml"}, ExitUsage, "broken.yaml cannot be read as a workplan"},
		{"bad output", []string{"diff", "-o", "xml"}, ExitUsage, "unknown format \"xml\""},
		{"too many", []string{"diff", "a", "b", "c"}, ExitUsage, "bp diff: takes 2 plans at most, got 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runBP(t, "", nil, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", r.code, tc.code, r.stderr, tc.want)
			}
		})
	}
	// standard input has no history
	r := runBP(t, readFixture(t, "workplans/2026.yaml"), nil, "validate", "--against", "HEAD", "-")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--against compares a file with its git history") {
		t.Errorf("validate --against on stdin: exit %d\n%s", r.code, r.stderr)
	}
	// a new file has no revision to compare with: valid, with a note
	writeFile(t, "workplans/2027.yaml", strings.NewReplacer("2026-", "2027-", "year: 2026", "year: 2027").Replace(readFixture(t, "workplans/2026.yaml")))
	r = runBP(t, "", nil, "validate", "--against", "HEAD", "workplans/2026.yaml", "workplans/2027.yaml")
	if r.code != ExitOK || !strings.Contains(r.stderr, "workplans/2027.yaml is new since HEAD") {
		t.Errorf("unchanged plan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runBP(t, "", nil, "diff", "workplans/2026.yaml", "workplans/2026.yaml", "-o", "markdown")
	if r.code != ExitOK || !strings.Contains(r.stdout, "The plans are the same.") {
		t.Errorf("same file: exit %d\n%s", r.code, r.stdout)
	}
}

// origDir is the package directory, for fixtures after a t.Chdir.
var origDir = func() string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "../..")
}()
