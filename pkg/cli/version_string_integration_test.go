//go:build integration

package cli

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// TestVersionGoBuild builds bp with a plain `go build` in a git clone of
// this source (a scratch repository with one commit of a known date), as
// someone who builds from a clone does, and checks that bp version names
// the commit; then the tag, once the commit is tagged; then local changes.
func TestVersionGoBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds bp three times")
	}
	if _, err := exec.LookPath("git"); err != nil {
		testtool.Missing(t, "git is not installed: apt-get install git")
	}
	dir := t.TempDir()
	copySource(t, repoRoot, dir)
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=bp test", "-c", "user.email=bp@example.org",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-11-27T10:11:12Z", "GIT_COMMITTER_DATE=2026-11-27T10:11:12Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "bp source")
	rev := git("rev-parse", "HEAD")

	bin := filepath.Join(t.TempDir(), "bp")
	build := func() string {
		t.Helper()
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/bp")
		cmd.Dir = dir
		// -buildvcs=auto is Go's default; the environment variable wins
		// over a GOFLAGS=-buildvcs=false in the machine's go env file.
		cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=auto")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		out, err := exec.Command(bin, "--version").Output()
		if err != nil {
			t.Fatalf("bp --version: %v", err)
		}
		return string(out)
	}
	for _, step := range []struct {
		change func()
		want   string
	}{
		{func() {}, "bp devel " + rev[:12] + " of 2026-11-27 10:11 UTC\n"},
		{func() { git("tag", "v1.2.3") }, "bp v1.2.3\n"},
		{func() {
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("a local change\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "bp devel " + rev[:12] + " of 2026-11-27 10:11 UTC with local changes\n"},
	} {
		step.change()
		if got := build(); got != step.want {
			t.Errorf("bp --version = %q, want %q", got, step.want)
		}
	}
}

// copySource copies what `go build ./cmd/bp` needs (go.mod, go.sum and
// the Go and embedded files of cmd/, pkg/ and workplans/, without tests
// and test data) from the repository at src to dst.
func copySource(t *testing.T, src, dst string) {
	t.Helper()
	for _, name := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(src, name), filepath.Join(dst, name))
	}
	for _, top := range []string{"cmd", "pkg", "workplans"} {
		err := filepath.WalkDir(filepath.Join(src, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(path, "_test.go") || !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(src, path)
			copyFile(t, path, filepath.Join(dst, rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
