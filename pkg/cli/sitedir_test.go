package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/store"
)

// siteIn runs bp site over plans into out, with wd as bp's working
// directory.
// setup, if given, sets the App up first (see runAppWith).
func siteIn(t *testing.T, wd, plans, out string, setup ...func(*App)) result {
	t.Helper()
	return runAppWith(first(setup), wd, "", nil, fixedNow, "-f", plans, "--today", "2026-11-27", "site", "--out", out)
}

// first is the first of fs, or nil.
func first(fs []func(*App)) func(*App) {
	if len(fs) == 0 {
		return nil
	}
	return fs[0]
}

// firstSite writes a site into dir/public and returns its path.
func firstSite(t *testing.T, dir, plans string, setup ...func(*App)) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	if r := siteIn(t, dir, plans, out, setup...); r.code != 0 {
		t.Fatalf("first run: exit %d: %s", r.code, r.stderr)
	}
	return out
}

// eachSwap runs f with both ways of swapping a site in: one exchange,
// and two renames. f passes swap to each run of bp site.
func eachSwap(t *testing.T, f func(t *testing.T, swap func(*App))) {
	for _, exchange := range []bool{true, false} {
		t.Run(fmt.Sprintf("exchange=%v", exchange), func(t *testing.T) {
			swap := func(*App) {}
			if !exchange {
				swap = func(app *App) {
					app.store.Exchange = func(a, b string) error { return store.ErrNoExchange }
				}
			}
			f(t, swap)
		})
	}
}

// wantRefused checks a refusal: exit 2, nothing written, each name in
// the message, and a hint.
func wantRefused(t *testing.T, r result, names ...string) {
	t.Helper()
	if r.code != ExitUsage || !strings.Contains(r.stderr, "refused, nothing was written") || !strings.Contains(r.stderr, "\n  hint: ") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2, refused, nothing was written, and a hint", r.code, r.stderr)
	}
	for _, n := range names {
		if !strings.Contains(r.stderr, "\n    "+n+"\n") {
			t.Errorf("stderr does not name %q on a line of its own:\n%s", n, r.stderr)
		}
	}
}

// TestSiteOutKeepsWhatItDidNotWrite is issue 24's reproduction: a file
// and a folder the user adds to a site are named and refused, nothing is
// written; the names of the keep list survive a run, with either way of
// swapping.
func TestSiteOutKeepsWhatItDidNotWrite(t *testing.T) {
	eachSwap(t, func(t *testing.T, swap func(*App)) {
		plans := twoYearDir(t)
		dir := t.TempDir()
		out := firstSite(t, dir, plans, swap)
		testtool.MustWrite(t, filepath.Join(out, "CNAME"), "example.org\n")
		testtool.MustWrite(t, filepath.Join(out, ".nojekyll"), "")
		testtool.MustWrite(t, filepath.Join(out, ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
		testtool.MustWrite(t, filepath.Join(out, ".well-known", "security.txt"), "Contact: mailto:a@example.org\n")
		testtool.MustWrite(t, filepath.Join(out, "mydocs", "a.txt"), "x\n")
		testtool.MustWrite(t, filepath.Join(out, "events", "mine.html"), "mine")
		if err := os.Mkdir(filepath.Join(out, "empty"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("index.html", filepath.Join(out, "home.html")); err != nil {
			t.Fatal(err)
		}
		before := testtool.Entries(t, out)
		r := siteIn(t, dir, plans, out, swap)
		wantRefused(t, r, "mydocs/", "events/mine.html", "empty/", "home.html")
		for _, kept := range []string{"CNAME", ".nojekyll", ".git", ".well-known"} {
			if strings.Contains(r.stderr, "    "+kept) {
				t.Errorf("%s, on the keep list, is named as refused:\n%s", kept, r.stderr)
			}
		}
		testtool.SameEntries(t, "after the refusal", before, testtool.Entries(t, out))
		testtool.WantNoLeftovers(t, dir, "public")

		for _, p := range []string{"mydocs", "events/mine.html", "empty", "home.html"} {
			if err := os.RemoveAll(filepath.Join(out, p)); err != nil {
				t.Fatal(err)
			}
		}
		cname, err := os.Stat(filepath.Join(out, "CNAME"))
		if err != nil {
			t.Fatal(err)
		}
		r = siteIn(t, dir, plans, out, swap)
		if r.code != 0 || !strings.HasSuffix(r.stderr, "; kept CNAME, .git, .nojekyll, .well-known\n") {
			t.Fatalf("exit %d, stderr %q; want exit 0 and the kept names said", r.code, r.stderr)
		}
		got := testtool.Entries(t, out)
		for name, want := range map[string]string{
			"CNAME":                    "example.org\n",
			".nojekyll":                "",
			".git/HEAD":                "ref: refs/heads/gh-pages\n",
			".well-known/security.txt": "Contact: mailto:a@example.org\n",
		} {
			if g, ok := got[name]; !ok || g != want {
				t.Errorf("%s = %q, %v after the second run; want %q", name, g, ok, want)
			}
		}
		if _, ok := got["events/rg-2027-03.html"]; !ok {
			t.Error("the new site is not there")
		}
		if st, err := os.Stat(filepath.Join(out, "CNAME")); err != nil || !os.SameFile(st, cname) {
			t.Errorf("CNAME is not the same file after the swap (%v): kept by copy, not moved", err)
		}
		testtool.WantNoLeftovers(t, dir, "public")
	})
}

// TestSiteOutChangedFile: a file bp wrote and the user changed since,
// even to the same size, is named and refused; removed, it is written
// again.
func TestSiteOutChangedFile(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	page := filepath.Join(out, "2026", "index.html")
	data := testtool.ReadString(t, page)
	edited := strings.Replace(data, "<title>", "<title>X", 1)
	edited = edited[:len(data)] // same size, other bytes
	testtool.MustWrite(t, page, edited)
	testtool.MustWrite(t, filepath.Join(out, "index.html"), "my own front page")
	before := testtool.Entries(t, out)
	r := siteIn(t, dir, plans, out)
	wantRefused(t, r, "2026/index.html", "index.html")
	if !strings.Contains(r.stderr, "changed since bp site wrote them:") {
		t.Errorf("stderr does not say the files were changed:\n%s", r.stderr)
	}
	testtool.SameEntries(t, "after the refusal", before, testtool.Entries(t, out))
	os.Remove(page)
	os.Remove(filepath.Join(out, "index.html"))
	if r := siteIn(t, dir, plans, out); r.code != 0 {
		t.Fatalf("after removing the changed files: exit %d: %s", r.code, r.stderr)
	}
	if testtool.ReadString(t, page) != data {
		t.Error("the removed page was not written again")
	}
}

// TestSiteOutFirstRunKeeps: a directory that holds only names of the
// keep list (a gh-pages worktree: .git and CNAME) takes a first site.
func TestSiteOutFirstRunKeeps(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	testtool.MustWrite(t, filepath.Join(out, ".git"), "gitdir: ../.git/worktrees/public\n")
	testtool.MustWrite(t, filepath.Join(out, "CNAME"), "example.org\n")
	r := siteIn(t, dir, plans, out)
	if r.code != 0 || !strings.HasSuffix(r.stderr, "; kept CNAME, .git\n") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	got := testtool.Tree(t, out)
	if got[".git"] != "gitdir: ../.git/worktrees/public\n" || got["CNAME"] != "example.org\n" || got["index.html"] == "" {
		t.Errorf("the kept files or the site are missing: .git %q, CNAME %q", got[".git"], got["CNAME"])
	}
	testtool.WantNoLeftovers(t, dir, "public")
}

// TestSiteOutCopiedMarker: a site copied with its marker into a web root
// (cp -r public/. /var/www/html) does not make the web root bp's: what
// the manifest does not list is named and refused.
func TestSiteOutCopiedMarker(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	www := filepath.Join(dir, "html")
	testtool.MustWrite(t, filepath.Join(www, "index.nginx-debian.html"), "Welcome to nginx!")
	testtool.MustWrite(t, filepath.Join(www, "blog", "2025.html"), "a post")
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err == nil {
			testtool.MustWrite(t, filepath.Join(www, rel), string(data))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before := testtool.Entries(t, www)
	r := siteIn(t, dir, plans, www)
	wantRefused(t, r, "index.nginx-debian.html", "blog/")
	testtool.SameEntries(t, "the web root", before, testtool.Entries(t, www))
	testtool.WantNoLeftovers(t, dir, "public", "html")
}

// TestSiteOutLegacyMarker: the marker of a bp that listed no files makes
// bp's only the files this run writes again; anything else is named.
func TestSiteOutLegacyMarker(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	legacy := "This directory was written by bp site, which replaces it whole when it runs again:\nkeep nothing else in it.\n"
	testtool.MustWrite(t, filepath.Join(out, store.SiteMarker), legacy)
	testtool.MustWrite(t, filepath.Join(out, "index.html"), "old site")
	testtool.MustWrite(t, filepath.Join(out, "notes.txt"), "mine")
	if err := os.Symlink("index.html", filepath.Join(out, "subscribe.html")); err != nil {
		t.Fatal(err)
	}
	before := testtool.Entries(t, out)
	r := siteIn(t, dir, plans, out)
	wantRefused(t, r, "notes.txt", "subscribe.html") // a name bp writes, but a link
	if !strings.Contains(strings.Join(strings.Fields(r.stderr), " "), "written by an older bp, lists no files") {
		t.Errorf("stderr does not explain the old marker:\n%s", r.stderr)
	}
	testtool.SameEntries(t, "after the refusal", before, testtool.Entries(t, out))
	testtool.WantNoLeftovers(t, dir, "public")

	os.Remove(filepath.Join(out, "notes.txt"))
	os.Remove(filepath.Join(out, "subscribe.html"))
	if r := siteIn(t, dir, plans, out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := manifestLines(t, out); n < 10 {
		t.Errorf("the second run left no manifest: it lists %d files", n)
	}
}

// TestSiteOutDamagedMarker: a marker bp cannot read is refused, naming
// its line; the directory stays as it was.
func TestSiteOutDamagedMarker(t *testing.T) {
	plans := twoYearDir(t)
	for _, c := range []struct{ name, text, want string }{
		{"bad line", "bp-site 1\nnot a line\n", ".bp-site: line 2: want a SHA-256, a size and a name"},
		{"climbs out", "bp-site 1\n" + strings.Repeat("0", 64) + " 1 ../x\n", `line 2: a file named "../x" cannot be part of a site`},
		{"cut short", "bp-site 1\n" + strings.Repeat("0", 64) + " 1 index.h", "line 2: the file ends inside a line"},
		{"newer", "# x\nbp-site 2\n", `line 2: "bp-site 2": written by a newer bp`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			testtool.MustWrite(t, filepath.Join(out, store.SiteMarker), c.text)
			testtool.MustWrite(t, filepath.Join(out, "index.html"), "old site")
			before := testtool.Entries(t, out)
			r := siteIn(t, dir, plans, out)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "nothing was written") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
			testtool.SameEntries(t, "after the refusal", before, testtool.Entries(t, out))
		})
	}
}

// TestSiteOutRechecksBeforeSwap: a file that reaches --out while the
// site is built, or a page changed meanwhile, is named and refused just
// before the swap; the old site stays as it was and the build is
// removed.
func TestSiteOutRechecksBeforeSwap(t *testing.T) {
	for _, c := range []struct {
		name   string
		during func(out string)
		want   string
	}{
		{"a file added", func(out string) { os.WriteFile(filepath.Join(out, "late.txt"), []byte("mine"), 0o644) }, "late.txt"},
		{"a folder added", func(out string) { os.Mkdir(filepath.Join(out, "late"), 0o755) }, "late/"},
		{"a page changed", func(out string) { os.WriteFile(filepath.Join(out, "subscribe.html"), []byte("mine"), 0o644) }, "subscribe.html"},
		{"a page changed in place, same size", func(out string) {
			p := filepath.Join(out, "2027", "index.html")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append([]byte("x"), data[1:]...), 0o644)
		}, "2027/index.html"},
	} {
		t.Run(c.name, func(t *testing.T) {
			plans := twoYearDir(t)
			dir := t.TempDir()
			out := firstSite(t, dir, plans)
			var before map[string]string
			hook := func(app *App) {
				app.store.BeforeSwap = func(string) {
					c.during(out)
					before = testtool.Entries(t, out)
				}
			}
			r := runAppWith(hook, dir, "", nil, fixedNow, "-f", plans, "--today", "2026-11-28", "site", "--out", out)
			wantRefused(t, r, c.want)
			if before == nil {
				t.Fatal("the hook did not run")
			}
			testtool.SameEntries(t, "after the refusal", before, testtool.Entries(t, out))
			if strings.Contains(testtool.ReadString(t, filepath.Join(out, "2026", "index.html")), "as of 28 Nov 2026") {
				t.Error("the new site was swapped in")
			}
			testtool.WantNoLeftovers(t, dir, "public")
		})
	}
}

// TestSiteOutWorkdirThroughSymlink: a shell that entered the site through
// a symlink (its $PWD names the link) is still inside it: refused.
func TestSiteOutWorkdirThroughSymlink(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	lnk := filepath.Join(dir, "lnk")
	if err := os.Symlink("public", lnk); err != nil {
		t.Fatal(err)
	}
	before := testtool.Entries(t, out)
	for _, wd := range []string{lnk, filepath.Join(lnk, "events")} {
		r := siteIn(t, wd, plans, out)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "holds the working directory") {
			t.Errorf("in %s: exit %d, stderr %q; want the working directory refused", wd, r.code, r.stderr)
		}
	}
	testtool.SameEntries(t, "after the refusals", before, testtool.Entries(t, out))
	testtool.WantNoLeftovers(t, dir, "public", "lnk")
}

// TestSiteOutMissingParent: bp site creates --out, never a directory
// above it, whether named or behind a dangling symlink.
func TestSiteOutMissingParent(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	testtool.MustWrite(t, filepath.Join(dir, "file"), "x")
	for _, c := range []struct {
		name, link, out, want string
	}{
		{"named", "", "no/such/site", "--out: no/such does not exist; refused, nothing was written"},
		{"a file above", "", "file/site", "--out: file is not a directory; refused"},
		{"dangling link", filepath.Join(dir, "gone", "deeper", "site"), "d",
			"--out: d is a symlink to " + filepath.Join(dir, "gone", "deeper", "site") + ", and " + filepath.Join(dir, "gone", "deeper") + " does not exist; refused"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.link != "" {
				if err := os.Symlink(c.link, filepath.Join(dir, c.out)); err != nil {
					t.Fatal(err)
				}
			}
			before := testtool.Entries(t, dir)
			r := siteIn(t, dir, plans, c.out)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "  hint: ") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
			testtool.SameEntries(t, "the directory", before, testtool.Entries(t, dir))
		})
	}
	// A dangling link whose target's parent exists: the target is made,
	// the link stays.
	target := filepath.Join(dir, "made")
	if err := os.Symlink(target, filepath.Join(dir, "ok")); err != nil {
		t.Fatal(err)
	}
	if r := siteIn(t, dir, plans, "ok"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if st, err := os.Lstat(filepath.Join(dir, "ok")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link is gone: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("the site is not at the link's target: %v", err)
	}
}

// TestSiteHelpSaysWhatOutTouches: bp site's help names the manifest, the
// keep list, and what is refused.
func TestSiteHelpSaysWhatOutTouches(t *testing.T) {
	r := runBP(t, "", nil, "site", "--help")
	help := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range append([]string{
		"replaces only the files it wrote",
		store.SiteMarker,
		"SHA-256",
		"refuses",
		"changed since",
		"checks again just before the swap",
		"the directory above --out must exist",
		"killed",
	}, store.KeptNames()...) {
		if !strings.Contains(help, want) {
			t.Errorf("bp site --help lacks %q", want)
		}
	}
}

// manifestLines counts the files the manifest of the site out lists:
// its lines after the header ("bp-site 1"); 0 when there is none (a
// marker of a bp that listed no files).
func manifestLines(t *testing.T, out string) int {
	t.Helper()
	_, list, ok := strings.Cut(testtool.ReadString(t, filepath.Join(out, store.SiteMarker)), "\nbp-site 1\n")
	if !ok {
		return 0
	}
	return strings.Count(list, "\n")
}
