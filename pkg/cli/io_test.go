//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// Tests of how bp writes files (issue 9): through symlinks, keeping mode,
// owner and hard links, never over its own input, and a feed set only
// when every feed can be written.

// Item 7: --out onto a symlink and fmt -w on a symlinked plan replaced
// the link with a regular file, leaving the target stale.
func TestWritesGoThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	plan, _ := copyPlan(t, dir, "plan.yaml")
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)

	t.Run("ics --out", func(t *testing.T) {
		target := filepath.Join(real, "cal.ics")
		os.WriteFile(target, []byte("old"), 0o644)
		link := filepath.Join(dir, "cal.ics")
		if err := os.Symlink("real/cal.ics", link); err != nil {
			t.Fatal(err)
		}
		r := runBP(t, "", nil, "ics", "-f", plan, "--out", link)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		wantSymlink(t, link, "real/cal.ics")
		if got := testtool.ReadString(t, target); !strings.HasPrefix(got, "BEGIN:VCALENDAR") {
			t.Errorf("the link's target was not written: %q", got[:min(len(got), 40)])
		}
		testtool.WantNoLeftovers(t, real, "cal.ics", "m.yaml", "new.ics")
	})

	t.Run("ics --out dangling symlink", func(t *testing.T) {
		link := filepath.Join(dir, "new.ics")
		if err := os.Symlink("real/new.ics", link); err != nil {
			t.Fatal(err)
		}
		r := runBP(t, "", nil, "ics", "-f", plan, "--out", link)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		wantSymlink(t, link, "real/new.ics")
		if got := testtool.ReadString(t, filepath.Join(real, "new.ics")); !strings.HasPrefix(got, "BEGIN:VCALENDAR") {
			t.Errorf("the link's target was not created")
		}
	})

	t.Run("fmt -w", func(t *testing.T) {
		target, _ := messyPlan(t, real, "m.yaml")
		link := filepath.Join(dir, "m.yaml")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		r := runBP(t, "", nil, "fmt", "-w", link)
		if r.code != ExitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		wantSymlink(t, link, target)
		wantFile(t, target, readBytes(t, "../../testdata/fmt/messy.golden"))
		testtool.WantNoLeftovers(t, real, "cal.ics", "m.yaml", "new.ics")
	})
}

func wantSymlink(t *testing.T, link, target string) {
	t.Helper()
	st, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symlink (mode %v)", filepath.Base(link), st.Mode())
	}
	if got, _ := os.Readlink(link); got != target {
		t.Errorf("%s points to %q, want %q", filepath.Base(link), got, target)
	}
}

func nlink(t *testing.T, path string) uint64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return uint64(st.Sys().(*syscall.Stat_t).Nlink)
}

// Item 7: a hard link was broken by the rename (the other name kept the
// old content). bp refuses, and both names stay one file.
func TestHardLinkedFileRefused(t *testing.T) {
	dir := t.TempDir()
	a, orig := messyPlan(t, dir, "a.yaml")
	b := filepath.Join(dir, "b.yaml")
	if err := os.Link(a, b); err != nil {
		t.Fatal(err)
	}
	plan, _ := copyPlan(t, dir, "plan.yaml")
	ics := filepath.Join(dir, "a.ics")
	os.WriteFile(ics, []byte("old calendar"), 0o644)
	os.Link(ics, filepath.Join(dir, "b.ics"))

	for _, args := range [][]string{
		{"fmt", "-w", a},
		{"ics", "-f", plan, "--out", ics},
		{"status", "-f", plan, "--out", ics},
	} {
		r := runBP(t, "", nil, args...)
		if r.code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
		if !strings.Contains(r.stderr, "2 hard links") || !strings.Contains(r.stderr, "nothing was written") {
			t.Errorf("%v: stderr does not say why:\n%s", args, r.stderr)
		}
	}
	wantFile(t, a, orig)
	wantFile(t, b, orig)
	wantFile(t, filepath.Join(dir, "b.ics"), []byte("old calendar"))
	if n := nlink(t, a); n != 2 {
		t.Errorf("a.yaml has %d links, want 2", n)
	}
	if n := nlink(t, ics); n != 2 {
		t.Errorf("a.ics has %d links, want 2", n)
	}
	testtool.WantNoLeftovers(t, dir, "a.yaml", "b.yaml", "plan.yaml", "a.ics", "b.ics")
}

// Item 7: fmt -w gave the file to whoever ran it. As root, the owner and
// group are kept; the mode always is.
func TestFmtWriteKeepsOwnerAndMode(t *testing.T) {
	dir := t.TempDir()
	path, _ := messyPlan(t, dir, "p.yaml")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(path, 1234, 1235); err != nil {
			t.Fatal(err)
		}
	}
	r := runBP(t, "", nil, "fmt", "-w", path)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	wantFile(t, path, readBytes(t, "../../testdata/fmt/messy.golden"))
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", st.Mode().Perm())
	}
	s := st.Sys().(*syscall.Stat_t)
	if root && (s.Uid != 1234 || s.Gid != 1235) {
		t.Errorf("owner = %d:%d, want 1234:1235", s.Uid, s.Gid)
	}
	if !root && int(s.Uid) != os.Geteuid() {
		t.Errorf("owner = %d, want %d", s.Uid, os.Geteuid())
	}
	testtool.WantNoLeftovers(t, dir, "p.yaml")
}

// Item 15: bp ics -f plan.yaml --out plan.yaml replaced the plan with
// calendar text.
func TestNoCommandWritesOverItsInput(t *testing.T) {
	dir := t.TempDir()
	plan, orig := copyPlan(t, dir, "plan.yaml")
	sym := filepath.Join(dir, "sym.yaml")
	os.Symlink("plan.yaml", sym)
	hard := filepath.Join(dir, "hard.yaml")
	os.Link(plan, hard)
	for _, args := range [][]string{
		{"ics", "-f", plan, "--out", plan},
		{"ics", "-f", sym, "--out", plan},
		{"ics", "-f", plan, "--out", sym},
		{"ics", "-f", plan, "--out", hard},
		{"status", "-f", plan, "--out", plan},
		{"status", "-f", plan, "--out", sym},
	} {
		r := runBP(t, "", nil, args...)
		if r.code != ExitUsage {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "the workplan this command reads") && !strings.Contains(r.stderr, "hard links") {
			t.Errorf("%v: stderr does not say why:\n%s", args, r.stderr)
		}
		wantFile(t, plan, orig)
		wantSymlink(t, sym, "plan.yaml")
	}
	// --feeds into the plan's directory clashes when the plan has a
	// feed's name.
	feedPlan, _ := copyPlan(t, dir, "rg.ics")
	r := runBP(t, "", nil, "ics", "-f", feedPlan, "--feeds", dir)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "the workplan this command reads") {
		t.Errorf("--feeds over the plan: exit %d\n%s", r.code, r.stderr)
	}
	wantFile(t, feedPlan, orig)
	testtool.WantNoLeftovers(t, dir, "plan.yaml", "sym.yaml", "hard.yaml", "rg.ics")
}

// Standard input redirected from the plan counts as reading the plan.
func TestNoWriteOverInputReadFromStdin(t *testing.T) {
	dir := t.TempDir()
	plan, orig := copyPlan(t, dir, "plan.yaml")
	f, err := os.Open(plan)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out, errb bytes.Buffer
	app := &App{Stdin: f, Stdout: &out, Stderr: &errb, Now: fixedNow, Getenv: func(string) string { return "" }}
	if code := app.Run([]string{"ics", "-f", "-", "--out", plan}); code != ExitUsage {
		t.Errorf("exit %d, want 2\n%s", code, errb.String())
	}
	wantFile(t, plan, orig)
}

// Item 2: a group with the id "all" overwrote all.ics, the feed of every
// event.
func TestFeedsGroupAllRefused(t *testing.T) {
	dir := t.TempDir()
	data := string(readBytes(t, publishedPlan))
	data = strings.NewReplacer("id: som\n", "id: all\n", "[som]", "[all]").Replace(data)
	plan := filepath.Join(dir, "plan.yaml")
	os.WriteFile(plan, []byte(data), 0o644)
	if r := runBP(t, "", nil, "validate", plan); r.code != ExitOK {
		t.Fatalf("the fixture is not valid: %s%s", r.stdout, r.stderr)
	}
	feeds := filepath.Join(dir, "feeds")
	os.Mkdir(feeds, 0o755)
	os.WriteFile(filepath.Join(feeds, "all.ics"), []byte("published feed"), 0o644)
	r := runBP(t, "", nil, "ics", "-f", plan, "--feeds", feeds)
	if r.code != ExitUsage {
		t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, `group "all"`) || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("stderr does not say why:\n%s", r.stderr)
	}
	wantFile(t, filepath.Join(feeds, "all.ics"), []byte("published feed"))
	testtool.WantNoLeftovers(t, feeds, "all.ics")

	// Without the clash every feed is written, all.ics with every event.
	r = runBP(t, "", nil, "ics", "-f", publishedPlan, "--feeds", feeds)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	all := testtool.ReadString(t, filepath.Join(feeds, "all.ics"))
	if n := strings.Count(all, "BEGIN:VEVENT"); n != 9 {
		t.Errorf("all.ics has %d events, want the plan's 9 dated events", n)
	}
	testtool.WantNoLeftovers(t, feeds, "all.ics", "rg.ics", "twg-return.ics", "twg-legal-pathways.ics", "twg-law-enforcement.ics", "som.ics")
}

// Item 12: --out "" wrote to standard output, --feeds "" too.
func TestEmptyOutputNamesRefused(t *testing.T) {
	for _, args := range [][]string{
		{"ics", "-f", publishedPlan, "--out", ""},
		{"ics", "-f", publishedPlan, "--out="},
		{"ics", "-f", publishedPlan, "--feeds", ""},
	} {
		r := runBP(t, "", nil, args...)
		if r.code != ExitUsage || r.stdout != "" {
			t.Errorf("%v: exit %d, %d bytes on stdout; want 2 and nothing", args, r.code, len(r.stdout))
		}
	}
	// writeOut itself never takes "" for standard output.
	app := &App{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	if err := app.writeOut("", nil); err == nil {
		t.Error(`writeOut("") succeeded`)
	}
}
