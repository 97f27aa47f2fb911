package cli

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// siteIn runs bp site over plans into out, with wd as bp's working
// directory.
func siteIn(t *testing.T, wd, plans, out string) result {
	t.Helper()
	return runBPIn(t, wd, "", nil, "-f", plans, "--today", "2026-11-27", "site", "--out", out)
}

// firstSite writes a site into dir/public and returns its path.
func firstSite(t *testing.T, dir, plans string) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	if r := siteIn(t, dir, plans, out); r.code != 0 {
		t.Fatalf("first run: exit %d: %s", r.code, r.stderr)
	}
	return out
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// entries is tree with the directories and symlinks too, so that an
// empty directory or a link that goes missing is seen.
func entries(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			out[filepath.ToSlash(rel)+"/"] = ""
		case d.Type()&fs.ModeSymlink != 0:
			l, err := os.Readlink(p)
			out[filepath.ToSlash(rel)] = "-> " + l
			return err
		default:
			data, err := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameEntries(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	if fmt.Sprint(before) == fmt.Sprint(after) {
		return
	}
	for k, v := range before {
		if w, ok := after[k]; !ok {
			t.Errorf("%s: %s is gone", what, k)
		} else if w != v {
			t.Errorf("%s: %s changed", what, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: %s appeared", what, k)
		}
	}
}

// eachSwap runs f with both ways of swapping a site in: one exchange,
// and two renames.
func eachSwap(t *testing.T, f func(t *testing.T)) {
	for _, exchange := range []bool{true, false} {
		t.Run(fmt.Sprintf("exchange=%v", exchange), func(t *testing.T) {
			if !exchange {
				saved := exchangeDirs
				exchangeDirs = func(a, b string) error { return errNoExchange }
				t.Cleanup(func() { exchangeDirs = saved })
			}
			f(t)
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
	eachSwap(t, func(t *testing.T) {
		plans := twoYearDir(t)
		dir := t.TempDir()
		out := firstSite(t, dir, plans)
		mustWrite(t, filepath.Join(out, "CNAME"), "example.org\n")
		mustWrite(t, filepath.Join(out, ".nojekyll"), "")
		mustWrite(t, filepath.Join(out, ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
		mustWrite(t, filepath.Join(out, ".well-known", "security.txt"), "Contact: mailto:a@example.org\n")
		mustWrite(t, filepath.Join(out, "mydocs", "a.txt"), "x\n")
		mustWrite(t, filepath.Join(out, "events", "mine.html"), "mine")
		if err := os.Mkdir(filepath.Join(out, "empty"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("index.html", filepath.Join(out, "home.html")); err != nil {
			t.Fatal(err)
		}
		before := entries(t, out)
		r := siteIn(t, dir, plans, out)
		wantRefused(t, r, "mydocs/", "events/mine.html", "empty/", "home.html")
		for _, kept := range []string{"CNAME", ".nojekyll", ".git", ".well-known"} {
			if strings.Contains(r.stderr, "    "+kept) {
				t.Errorf("%s, on the keep list, is named as refused:\n%s", kept, r.stderr)
			}
		}
		sameEntries(t, "after the refusal", before, entries(t, out))
		wantNoLeftovers(t, dir, "public")

		for _, p := range []string{"mydocs", "events/mine.html", "empty", "home.html"} {
			if err := os.RemoveAll(filepath.Join(out, p)); err != nil {
				t.Fatal(err)
			}
		}
		cname, err := os.Stat(filepath.Join(out, "CNAME"))
		if err != nil {
			t.Fatal(err)
		}
		r = siteIn(t, dir, plans, out)
		if r.code != 0 || !strings.HasSuffix(r.stderr, "; kept CNAME, .git, .nojekyll, .well-known\n") {
			t.Fatalf("exit %d, stderr %q; want exit 0 and the kept names said", r.code, r.stderr)
		}
		got := entries(t, out)
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
		wantNoLeftovers(t, dir, "public")
	})
}

// TestSiteOutManifest: the marker lists every file bp site wrote, with
// its size and SHA-256, and nothing else.
func TestSiteOutManifest(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	files := tree(t, out)
	m, err := readManifest(out)
	if err != nil || m == nil || m.legacy {
		t.Fatalf("readManifest = %v, %v", m, err)
	}
	if len(m.files) != len(files)-1 {
		t.Errorf("the manifest lists %d files; the site has %d besides it", len(m.files), len(files)-1)
	}
	for name, data := range files {
		if name == siteMarker {
			continue
		}
		want := fileSum{size: int64(len(data)), sum: sha256.Sum256([]byte(data))}
		if got, ok := m.files[name]; !ok || got != want {
			t.Errorf("%s: the manifest says %v, %v; want %v", name, got, ok, want)
		}
	}
	if !strings.HasPrefix(files[siteMarker], "# bp site wrote this directory.") {
		t.Errorf("the marker does not say what it is:\n%.200s", files[siteMarker])
	}
}

// TestSiteOutChangedFile: a file bp wrote and the user changed since,
// even to the same size, is named and refused; removed, it is written
// again.
func TestSiteOutChangedFile(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	page := filepath.Join(out, "2026", "status.html")
	data := readString(t, page)
	edited := strings.Replace(data, "<title>", "<title>X", 1)
	edited = edited[:len(data)] // same size, other bytes
	mustWrite(t, page, edited)
	mustWrite(t, filepath.Join(out, "index.html"), "my own front page")
	before := entries(t, out)
	r := siteIn(t, dir, plans, out)
	wantRefused(t, r, "2026/status.html", "index.html")
	if !strings.Contains(r.stderr, "changed since bp site wrote them:") {
		t.Errorf("stderr does not say the files were changed:\n%s", r.stderr)
	}
	sameEntries(t, "after the refusal", before, entries(t, out))
	os.Remove(page)
	os.Remove(filepath.Join(out, "index.html"))
	if r := siteIn(t, dir, plans, out); r.code != 0 {
		t.Fatalf("after removing the changed files: exit %d: %s", r.code, r.stderr)
	}
	if readString(t, page) != data {
		t.Error("the removed page was not written again")
	}
}

// TestSiteOutFirstRunKeeps: a directory that holds only names of the
// keep list (a gh-pages worktree: .git and CNAME) takes a first site.
func TestSiteOutFirstRunKeeps(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mustWrite(t, filepath.Join(out, ".git"), "gitdir: ../.git/worktrees/public\n")
	mustWrite(t, filepath.Join(out, "CNAME"), "example.org\n")
	r := siteIn(t, dir, plans, out)
	if r.code != 0 || !strings.HasSuffix(r.stderr, "; kept CNAME, .git\n") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	got := tree(t, out)
	if got[".git"] != "gitdir: ../.git/worktrees/public\n" || got["CNAME"] != "example.org\n" || got["index.html"] == "" {
		t.Errorf("the kept files or the site are missing: .git %q, CNAME %q", got[".git"], got["CNAME"])
	}
	wantNoLeftovers(t, dir, "public")
}

// TestSiteOutCopiedMarker: a site copied with its marker into a web root
// (cp -r public/. /var/www/html) does not make the web root bp's: what
// the manifest does not list is named and refused.
func TestSiteOutCopiedMarker(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	www := filepath.Join(dir, "html")
	mustWrite(t, filepath.Join(www, "index.nginx-debian.html"), "Welcome to nginx!")
	mustWrite(t, filepath.Join(www, "blog", "2025.html"), "a post")
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err == nil {
			mustWrite(t, filepath.Join(www, rel), string(data))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before := entries(t, www)
	r := siteIn(t, dir, plans, www)
	wantRefused(t, r, "index.nginx-debian.html", "blog/")
	sameEntries(t, "the web root", before, entries(t, www))
	wantNoLeftovers(t, dir, "public", "html")
}

// TestSiteOutLegacyMarker: the marker of a bp that listed no files makes
// bp's only the files this run writes again; anything else is named.
func TestSiteOutLegacyMarker(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	legacy := "This directory was written by bp site, which replaces it whole when it runs again:\nkeep nothing else in it.\n"
	mustWrite(t, filepath.Join(out, siteMarker), legacy)
	mustWrite(t, filepath.Join(out, "index.html"), "old site")
	mustWrite(t, filepath.Join(out, "notes.txt"), "mine")
	if err := os.Symlink("index.html", filepath.Join(out, "subscribe.html")); err != nil {
		t.Fatal(err)
	}
	before := entries(t, out)
	r := siteIn(t, dir, plans, out)
	wantRefused(t, r, "notes.txt", "subscribe.html") // a name bp writes, but a link
	if !strings.Contains(strings.Join(strings.Fields(r.stderr), " "), "written by an older bp, lists no files") {
		t.Errorf("stderr does not explain the old marker:\n%s", r.stderr)
	}
	sameEntries(t, "after the refusal", before, entries(t, out))
	wantNoLeftovers(t, dir, "public")

	os.Remove(filepath.Join(out, "notes.txt"))
	os.Remove(filepath.Join(out, "subscribe.html"))
	if r := siteIn(t, dir, plans, out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if m, err := readManifest(out); err != nil || m == nil || m.legacy || len(m.files) < 10 {
		t.Errorf("the second run left no manifest: %v, %v", m, err)
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
			mustWrite(t, filepath.Join(out, siteMarker), c.text)
			mustWrite(t, filepath.Join(out, "index.html"), "old site")
			before := entries(t, out)
			r := siteIn(t, dir, plans, out)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "nothing was written") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
			sameEntries(t, "after the refusal", before, entries(t, out))
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
			saved := beforeSiteSwap
			beforeSiteSwap = func(string) {
				c.during(out)
				before = entries(t, out)
			}
			t.Cleanup(func() { beforeSiteSwap = saved })
			r := runBPIn(t, dir, "", nil, "-f", plans, "--today", "2026-11-28", "site", "--out", out)
			wantRefused(t, r, c.want)
			if before == nil {
				t.Fatal("the hook did not run")
			}
			sameEntries(t, "after the refusal", before, entries(t, out))
			if strings.Contains(readString(t, filepath.Join(out, "2026", "index.html")), "as of 28 Nov 2026") {
				t.Error("the new site was swapped in")
			}
			wantNoLeftovers(t, dir, "public")
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
	before := entries(t, out)
	for _, wd := range []string{lnk, filepath.Join(lnk, "events")} {
		r := siteIn(t, wd, plans, out)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "holds the working directory") {
			t.Errorf("in %s: exit %d, stderr %q; want the working directory refused", wd, r.code, r.stderr)
		}
	}
	sameEntries(t, "after the refusals", before, entries(t, out))
	wantNoLeftovers(t, dir, "public", "lnk")
}

// TestSiteOutMissingParent: bp site creates --out, never a directory
// above it, whether named or behind a dangling symlink.
func TestSiteOutMissingParent(t *testing.T) {
	plans := twoYearDir(t)
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "file"), "x")
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
			before := entries(t, dir)
			r := siteIn(t, dir, plans, c.out)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "  hint: ") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, c.want)
			}
			sameEntries(t, "the directory", before, entries(t, dir))
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

// unusedPID is a process id no system gives (above Linux's largest
// pid_max, 2^22): kill says there is no such process.
const unusedPID = 1<<22 + 17

// TestSiteOutStaleBuilds: build directories a killed bp site left
// beside --out are removed when their process is gone and what they
// hold is bp's; others are named and left. (A real kill -9:
// TestSiteOutKilledBuild, with -tags integration.)
func TestSiteOutStaleBuilds(t *testing.T) {
	if _, known := processGone(unusedPID); !known {
		t.Skip("this system cannot tell whether a process runs")
	}
	plans := twoYearDir(t)
	dir := t.TempDir()
	out := firstSite(t, dir, plans)
	dead := strconv.Itoa(unusedPID)
	// A build killed half-way: its marker says so.
	build := filepath.Join(dir, ".public.tmp-"+dead+"-1")
	mustWrite(t, filepath.Join(build, buildMarker), "")
	mustWrite(t, filepath.Join(build, "events", "x.html"), "half")
	// An old site killed while it was removed: its manifest lists what
	// is bp's; a kept name moved there in the instant before a swap stays.
	old := filepath.Join(dir, ".public.tmp-"+dead+"-2.old")
	copyManifest := readString(t, filepath.Join(out, siteMarker))
	mustWrite(t, filepath.Join(old, siteMarker), copyManifest)
	mustWrite(t, filepath.Join(old, "index.html"), readString(t, filepath.Join(out, "index.html")))
	mustWrite(t, filepath.Join(old, "CNAME"), "example.org\n")
	// An old site whose removal went through but for the directory.
	clean := filepath.Join(dir, ".public.tmp-"+dead+"-3")
	mustWrite(t, filepath.Join(clean, siteMarker), copyManifest)
	mustWrite(t, filepath.Join(clean, "2026", "index.html"), "old page")
	// A build of a running process (pid 1), and one of an older bp
	// (no process id in the name), and one that only looks alike.
	running := filepath.Join(dir, ".public.tmp-1-4")
	mustWrite(t, filepath.Join(running, buildMarker), "")
	older := filepath.Join(dir, ".public.tmp-123456")
	mustWrite(t, filepath.Join(older, "index.html"), "x")
	other := filepath.Join(dir, ".public.tmp-notes")
	mustWrite(t, filepath.Join(other, "a.txt"), "x")

	r := siteIn(t, dir, plans, out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"bp: removed " + build + ", which a killed bp site left beside " + out + "\n",
		"bp: removed " + clean + ", which a killed bp site left beside " + out + "\n",
		"bp: left " + old + ", beside " + out + ": a killed bp site left it, and it holds what bp site did not write: CNAME\n",
		"bp: left " + running + " beside " + out + ": process 1, which made it, is running\n",
		"bp: " + older + ", beside " + out + ", looks like a site an older bp site left;",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "tmp-notes") {
		t.Errorf("a directory that is not bp's is named:\n%s", r.stderr)
	}
	wantNoLeftovers(t, dir, "public", filepath.Base(old), filepath.Base(running), filepath.Base(older), filepath.Base(other))
	if got := entries(t, old); !slices.Equal(sortedKeys(got), []string{"./", ".bp-site", "CNAME"}) {
		t.Errorf("the old site holds %v; want its marker and CNAME", sortedKeys(got))
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestSiteOutRemoveOld: after the swap, the old site loses only what the
// check found bp's; what reached it later is left and said.
func TestSiteOutRemoveOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".public.tmp-1-1")
	mustWrite(t, filepath.Join(dir, siteMarker), "bp-site 1\n")
	mustWrite(t, filepath.Join(dir, "index.html"), "old")
	mustWrite(t, filepath.Join(dir, "events", "a.html"), "old")
	mustWrite(t, filepath.Join(dir, "events", "late.html"), "mine")
	left := removeOld(dir, []string{"index.html", "events/a.html"}, nil)
	if !slices.Equal(left, []string{"events/late.html"}) {
		t.Errorf("left %v, want events/late.html", left)
	}
	if got := sortedKeys(entries(t, dir)); !slices.Equal(got, []string{"./", ".bp-site", "events/", "events/late.html"}) {
		t.Errorf("the old site holds %v", got)
	}
	os.Remove(filepath.Join(dir, "events", "late.html"))
	if left := removeOld(dir, nil, nil); len(left) != 0 {
		t.Errorf("left %v of an empty site", left)
	}
	if _, err := os.Lstat(dir); err == nil {
		t.Error("the old site's directory is still there")
	}
}

// TestSiteHelpSaysWhatOutTouches: bp site's help names the manifest, the
// keep list, and what is refused.
func TestSiteHelpSaysWhatOutTouches(t *testing.T) {
	r := runBP(t, "", nil, "site", "--help")
	help := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range append([]string{
		"replaces only the files it wrote",
		siteMarker,
		"SHA-256",
		"refuses",
		"changed since",
		"checks again just before the swap",
		"the directory above --out must exist",
		"killed",
	}, siteKeep...) {
		if !strings.Contains(help, want) {
			t.Errorf("bp site --help lacks %q", want)
		}
	}
}

// TestSiteOutStaleThroughSymlink: --out through a symlink in another
// directory: the stale build is beside the real site, and the message
// says where.
func TestSiteOutStaleThroughSymlink(t *testing.T) {
	if _, known := processGone(unusedPID); !known {
		t.Skip("this system cannot tell whether a process runs")
	}
	plans := twoYearDir(t)
	dir := t.TempDir()
	firstSite(t, dir, plans)
	link := filepath.Join(dir, "links", "site")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "public"), link); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".public.tmp-"+strconv.Itoa(unusedPID)+"-5")
	mustWrite(t, filepath.Join(stale, buildMarker), "")
	r := siteIn(t, dir, plans, link)
	if want := "bp: removed " + stale + ", which a killed bp site left beside " + link + "\n"; r.code != 0 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want it to start with %q", r.code, r.stderr, want)
	}
	wantNoLeftovers(t, dir, "public", "links")
}
