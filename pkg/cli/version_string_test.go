package cli

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func buildInfo(mod string, settings ...string) *debug.BuildInfo {
	info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/icmpd/bp", Version: mod}}
	for i := 0; i+1 < len(settings); i += 2 {
		info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return info
}

// TestVersionFrom: what bp version says for each way bp can be built.
func TestVersionFrom(t *testing.T) {
	const rev = "84ce1d2c1a2b3c4d5e6f708192a3b4c5d6e7f809"
	clean := []string{"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-27T10:11:12Z", "vcs.modified", "false"}
	dirty := []string{"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-27T10:11:12Z", "vcs.modified", "true"}
	for _, tc := range []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"release: -ldflags -X wins", "v9.8.7", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b", clean...), "v9.8.7"},
		{"no build information", "", nil, "devel"},
		{"go run, go test, -buildvcs=false, a git worktree", "", buildInfo("(devel)"), "devel"},
		{"go build in a clone (Go before 1.24)", "", buildInfo("(devel)", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build in a clone, untagged commit", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build in a clone after a tag", "", buildInfo("v1.2.4-0.20261127101112-84ce1d2c1a2b", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build with local changes", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b+dirty", dirty...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC with local changes"},
		{"go build at a clean tag", "", buildInfo("v1.2.3", clean...), "v1.2.3"},
		{"go build at a tag, with local changes", "", buildInfo("v1.2.3+dirty", dirty...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC with local changes"},
		{"go install @v1.2.3", "", buildInfo("v1.2.3"), "v1.2.3"},
		{"go install @commit", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b"), "v0.0.0-20261127101112-84ce1d2c1a2b"},
		{"commit time in another zone", "", buildInfo("(devel)", "vcs.revision", "abc123", "vcs.time", "2026-11-27T11:11:12+01:00"), "devel abc123 of 2026-11-27 10:11 UTC"},
		{"no commit time", "", buildInfo("(devel)", "vcs.revision", rev), "devel 84ce1d2c1a2b"},
	} {
		if got := versionFrom(tc.ldflags, tc.info); got != tc.want {
			t.Errorf("%s: version %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersionGoBuild builds bp with a plain `go build` in a git clone of
// this source (a scratch repository with one commit of a known date), as
// someone who builds from a clone does, and checks that bp version names
// the commit; then the tag, once the commit is tagged; then local changes.
func TestVersionGoBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds bp three times")
	}
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("BP_REQUIRE_TOOLS") != "" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
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
