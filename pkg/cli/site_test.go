package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/site"
	"github.com/icmpd/bp/pkg/store"
)

// twoYearDir makes a workplans/ directory with the 2026 plan as first
// published and the 2027 fixture, and returns it.
func twoYearDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "workplans")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, from := range map[string]string{
		"2026.yaml": publishedPlan,
		"2027.yaml": filepath.Join(repoRoot, "testdata", "site", "2027.yaml"),
	} {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSite: bp site writes every plan year's pages, and its feeds and
// events.json are what bp ics --feeds and bp list -o json give, byte for
// byte (bp ics --feeds given the same --base-url): one code path, not
// two. The status reports are the Secretariat's:
// only --with-status adds them.
func TestSite(t *testing.T) {
	plans := twoYearDir(t)
	internal := filepath.Join(t.TempDir(), "internal")
	r := runBP(t, "", nil, "-f", plans, "--today", "2026-11-27", "site", "--out", internal, "--with-status")
	if want := "bp: wrote the site into " + internal + ": 2 plans (2026, 2027), 25 pages, 6 calendar feeds, 6 change feeds, 10 event files, 3 JSON files\n"; r.code != 0 || r.stderr != want {
		t.Errorf("--with-status: exit %d, stderr = %q, want %q", r.code, r.stderr, want)
	}
	if got := testtool.Tree(t, internal); got["2026/status.html"] == "" || !strings.Contains(got["2026/index.html"], `status.html"`) {
		t.Error("--with-status: no 2026/status.html linked from the year's page")
	}
	out := filepath.Join(t.TempDir(), "public")
	r = runBP(t, "", nil, "-f", plans, "--today", "2026-11-27", "site", "--out", out, "--base-url", "https://example.org/plans")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "bp: wrote the site into " + out + ": 2 plans (2026, 2027), 23 pages, 6 calendar feeds, 6 change feeds, 10 event files, 3 JSON files\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	got := testtool.Tree(t, out)
	for _, name := range []string{".bp-site", "index.html", "subscribe.html", "style.css", "2026/index.html", "2027/index.html",
		"events/rg-2027-03.html", "events/rg-2027-03.ics", "events/som-2026.ics"} {
		if _, ok := got[name]; !ok {
			t.Errorf("the site has no %s", name)
		}
	}
	if _, ok := got["2026/status.html"]; ok {
		t.Error("the public site has a status report")
	}
	if !strings.Contains(got["subscribe.html"], "webcal://example.org/plans/calendars/all.ics") {
		t.Error("--base-url did not reach the subscribe page")
	}

	feeds := filepath.Join(t.TempDir(), "feeds")
	if r := runBP(t, "", nil, "-f", plans, "--today", "2026-11-27", "ics", "--feeds", feeds, "--base-url", "https://example.org/plans"); r.code != 0 {
		t.Fatalf("bp ics --feeds: exit %d: %s", r.code, r.stderr)
	}
	want := testtool.Tree(t, feeds)
	n := 0
	for name, data := range got {
		if strings.HasPrefix(name, site.FeedDir+"/") {
			n++
			if data != want[strings.TrimPrefix(name, site.FeedDir+"/")] {
				t.Errorf("%s differs from what bp ics --feeds writes", name)
			}
		}
	}
	if n != len(want) {
		t.Errorf("the site has %d feeds, bp ics --feeds writes %d", n, len(want))
	}
	for name, args := range map[string][]string{
		"events.json":      {"-f", plans, "--today", "2026-11-27", "list", "-o", "json"},
		"2026/events.json": {"-f", filepath.Join(plans, "2026.yaml"), "list", "-o", "json"},
		"2027/events.json": {"-f", filepath.Join(plans, "2027.yaml"), "list", "-o", "json"},
	} {
		r := runBP(t, "", nil, args...)
		if r.code != 0 || r.stdout != got[name] {
			t.Errorf("%s differs from bp %s (exit %d)", name, strings.Join(args, " "), r.code)
		}
	}
}

// TestSiteReplaces: a second run replaces the site (a file the first
// site had and the second has not is gone), writes through a
// symlink to the directory, keeps the directory's mode, and leaves
// nothing beside it; both ways of swapping (one exchange, two renames).
func TestSiteReplaces(t *testing.T) {
	eachSwap(t, func(t *testing.T, swap func(*App)) {
		plans := twoYearDir(t)
		dir := t.TempDir()
		real := filepath.Join(dir, "real")
		link := filepath.Join(dir, "public")
		if err := os.Symlink("real", link); err != nil {
			t.Fatal(err)
		}
		if r := runAppWith(swap, dir, "", nil, fixedNow, "-f", plans, "--today", "2026-11-27", "site", "--out", link); r.code != 0 {
			t.Fatalf("first run: exit %d: %s", r.code, r.stderr)
		}
		if err := os.Chmod(real, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(plans, "2027.yaml")); err != nil {
			t.Fatal(err)
		}
		if r := runAppWith(swap, dir, "", nil, fixedNow, "-f", plans, "--today", "2026-11-28", "site", "--out", link); r.code != 0 {
			t.Fatalf("second run: exit %d: %s", r.code, r.stderr)
		}
		got := testtool.Tree(t, real)
		for _, name := range []string{"2027/index.html", "events/rg-2027-03.html"} {
			if _, ok := got[name]; ok {
				t.Errorf("%s is still there after the site was replaced", name)
			}
		}
		if !strings.Contains(got["index.html"], "as of 28 Nov 2026") {
			t.Error("the site was not replaced")
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the symlink is gone: %v %v", st, err)
		}
		if st, err := os.Stat(real); err != nil || st.Mode().Perm() != 0o750 {
			t.Errorf("mode %v, want the old directory's 0750 (%v)", st.Mode().Perm(), err)
		}
		testtool.WantNoLeftovers(t, dir, "real", "public")
	})
}

// TestSiteRefuses: what bp site will not replace is left as it was, with
// exit 2 and a message that says why.
func TestSiteRefuses(t *testing.T) {
	plans := twoYearDir(t)
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) (out, wd string)
		want  string
	}{
		{"a directory bp did not write", func(t *testing.T, dir string) (string, string) {
			out := filepath.Join(dir, "docs")
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
			return out, dir
		}, "was not written by bp site"},
		{"a file", func(t *testing.T, dir string) (string, string) {
			out := filepath.Join(dir, "site.txt")
			os.WriteFile(out, []byte("mine"), 0o644)
			return out, dir
		}, "is not a directory"},
		{"a site that holds the plans", func(t *testing.T, dir string) (string, string) {
			out := filepath.Join(dir, "public")
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, store.SiteMarker), nil, 0o644)
			os.Rename(filepath.Join(plans, "2027.yaml"), filepath.Join(out, "2027.yaml"))
			t.Cleanup(func() { os.Rename(filepath.Join(out, "2027.yaml"), filepath.Join(plans, "2027.yaml")) })
			return out, dir
		}, "a plan this command reads"},
		{"the working directory", func(t *testing.T, dir string) (string, string) {
			os.WriteFile(filepath.Join(dir, store.SiteMarker), nil, 0o644)
			return ".", dir
		}, "holds the working directory"},
		{"a parent of the working directory", func(t *testing.T, dir string) (string, string) {
			os.WriteFile(filepath.Join(dir, store.SiteMarker), nil, 0o644)
			sub := filepath.Join(dir, "sub")
			os.Mkdir(sub, 0o755)
			return "..", sub
		}, "holds the working directory"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out, wd := c.setup(t, dir)
			before := testtool.Tree(t, dir)
			args := []string{"-f", plans, "--today", "2026-11-27", "site", "--out", out}
			if c.name == "a site that holds the plans" {
				args = append([]string{"-f", filepath.Join(out, "2027.yaml")}, args[2:]...)
			}
			r := runBPIn(t, wd, "", nil, args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "nothing was written") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
			if after := testtool.Tree(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the directory changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"site"}, `required flag(s) "out" not set`},
		{[]string{"site", "--out", ""}, "--out: empty value"},
		{[]string{"site", "--out", t.TempDir(), "--base-url", "example.org/plans"}, "--base-url:"},
	} {
		r := runBP(t, "", nil, append([]string{"-f", plans}, c.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("bp %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestSiteInvalidSet: plans that cannot make one site (an event id in two
// years) exit 1 and write nothing.
func TestSiteInvalidSet(t *testing.T) {
	plans := twoYearDir(t)
	p27 := filepath.Join(plans, "2027.yaml")
	data, _ := os.ReadFile(p27)
	os.WriteFile(p27, bytes.Replace(data, []byte("id: rg-2027-03"), []byte("id: rg-2026-03"), 1), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	r := runBP(t, "", nil, "-f", plans, "site", "--out", out)
	if r.code != ExitInvalid || !strings.Contains(r.stderr, `event id "rg-2026-03" is used in the 2026 plan too`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists: %v", out, err)
	}
}

// BenchmarkSite is bp site in-process, to a directory, against bp list on
// the same plan: the 2026 plan as first published and a synthetic plan
// of 10,000 events.
func BenchmarkSite(b *testing.B) {
	dir := b.TempDir()
	p10k := filepath.Join(dir, "plan-10000.yaml")
	if err := os.WriteFile(p10k, synth.Plan(10_000, 1), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		plan string
	}{{"2026", publishedPlan}, {"10000", p10k}} {
		for _, cmd := range []string{"list", "site"} {
			b.Run(cmd+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				out := filepath.Join(b.TempDir(), "public")
				for b.Loop() {
					args := []string{"--max-size", "100000000", "-f", c.plan, "--today", "2026-06-15", cmd}
					if cmd == "site" {
						args = append(args, "--out", out)
					}
					var errb bytes.Buffer
					app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errb, Now: fixedNow,
						Getenv: func(string) string { return "" }}
					if code := app.Run(args); code != 0 {
						b.Fatalf("bp %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
					}
				}
			})
		}
	}
}

// TestSiteHostileStrings: bp site over the hostile-strings plan (every
// free-text field holding escape sequences, C1, bidi and zero-width
// characters) writes no such character into any page, feed or JSON file,
// nor into its message; the text itself is there.
func TestSiteHostileStrings(t *testing.T) {
	plan, _, _ := hostilePlans(t)
	out := filepath.Join(t.TempDir(), "site \x1b[31m\u202e")
	r := runBP(t, "", nil, "-f", plan, "--today", "2026-07-01", "site", "--out", out, "--base-url", "https://example.org/")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	assertNoUnsafe(t, "stderr", r.stderr, "")
	files := testtool.Tree(t, out)
	if len(files) < 10 {
		t.Fatalf("only %d files", len(files))
	}
	for name, data := range files {
		ok := ""
		if strings.HasSuffix(name, ".ics") {
			ok = "\r"
		}
		assertNoUnsafe(t, name, data, ok)
	}
	if !strings.Contains(files["events/held-event.html"], "Held title") || !strings.Contains(files["index.html"], "Held title") {
		t.Error("the held event's title is not on its page and the front page")
	}
}
