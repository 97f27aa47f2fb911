package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// The tests of ReplaceDir on its own, with a build of a few files. What
// bp site does with a real site, as a user meets it, is tested in
// pkg/cli (sitedir_test.go).

// fakeFiles is a site in bp site's shape, page by page.
var fakeFiles = map[string]string{
	"index.html":        "<title>front</title>",
	"subscribe.html":    "<title>subscribe</title>",
	"events.json":       `{"events": []}`,
	"2026/index.html":   "<title>2026</title>",
	"2026/status.html":  "<title>status 2026</title>",
	"2026/events.json":  `{"events": []}`,
	"2027/index.html":   "<title>2027</title>",
	"events/a.html":     "<title>a</title>",
	"events/a.ics":      "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
	"events/b.html":     "<title>b</title>",
	"events/b.ics":      "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
	"calendars/all.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
}

// fakeSite builds fakeFiles, in name order, as bp site hands its files
// to a sink.
func fakeSite(sink Sink) error {
	for _, name := range slices.Sorted(maps.Keys(fakeFiles)) {
		if err := sink(name, func(w io.Writer) error { _, err := io.WriteString(w, fakeFiles[name]); return err }); err != nil {
			return err
		}
	}
	return nil
}

// session is a Session in dir, its notes in stderr.
func session(dir string, stderr *bytes.Buffer) *Session {
	return &Session{Getwd: func() (string, error) { return dir, nil }, Stderr: stderr}
}

// firstSite writes the fake site into dir/public and returns its path.
func firstSite(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	if _, err := session(dir, &bytes.Buffer{}).ReplaceDir(out, false, fakeSite); err != nil {
		t.Fatalf("first run: %v", err)
	}
	return out
}

// TestSiteOutManifest: the marker lists every file bp site wrote, with
// its size and SHA-256, and nothing else.
func TestSiteOutManifest(t *testing.T) {
	dir := t.TempDir()
	out := firstSite(t, dir)
	files := testtool.Tree(t, out)
	m, err := readManifest(out)
	if err != nil || m == nil || m.legacy {
		t.Fatalf("readManifest = %v, %v", m, err)
	}
	if len(m.files) != len(files)-1 {
		t.Errorf("the manifest lists %d files; the site has %d besides it", len(m.files), len(files)-1)
	}
	for name, data := range files {
		if name == SiteMarker {
			continue
		}
		want := fileSum{size: int64(len(data)), sum: sha256.Sum256([]byte(data))}
		if got, ok := m.files[name]; !ok || got != want {
			t.Errorf("%s: the manifest says %v, %v; want %v", name, got, ok, want)
		}
	}
	if !strings.HasPrefix(files[SiteMarker], "# bp site wrote this directory.") {
		t.Errorf("the marker does not say what it is:\n%.200s", files[SiteMarker])
	}
}

// TestSiteFailureKeepsOld: a build that fails half-way leaves the old
// site as it was and no temporary directory beside it.
func TestSiteFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, SiteMarker), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("old site"), 0o644)
	s := session(dir, &bytes.Buffer{})
	boom := errors.New("boom")
	_, err := s.ReplaceDir("public", false, func(sink Sink) error {
		if err := sink("index.html", func(w io.Writer) error { _, err := io.WriteString(w, "new site"); return err }); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the build's error", err)
	}
	if got := testtool.ReadString(t, filepath.Join(out, "index.html")); got != "old site" {
		t.Errorf("index.html = %q, want the old site", got)
	}
	testtool.WantNoLeftovers(t, dir, "public")
	// A name that could climb out of the site is refused by the sink.
	_, err = s.ReplaceDir("public", false, func(sink Sink) error {
		return sink("../escape.html", func(w io.Writer) error { return nil })
	})
	if err == nil || !strings.Contains(err.Error(), "cannot be part of a site") {
		t.Errorf("err = %v, want a refused name", err)
	}
	testtool.WantNoLeftovers(t, dir, "public")
}

// unusedPID is a process id no system gives (above Linux's largest
// pid_max, 2^22): kill says there is no such process.
const unusedPID = 1<<22 + 17

// TestSiteOutStaleBuilds: build directories a killed bp site left
// beside --out are removed when their process is gone and what they
// hold is bp's; others are named and left. (A real kill -9:
// TestSiteOutKilledBuild in pkg/cli, with -tags integration.)
func TestSiteOutStaleBuilds(t *testing.T) {
	if _, known := processGone(unusedPID); !known {
		t.Skip("this system cannot tell whether a process runs")
	}
	dir := t.TempDir()
	out := firstSite(t, dir)
	dead := strconv.Itoa(unusedPID)
	// A build killed half-way: its marker says so.
	build := filepath.Join(dir, ".public.tmp-"+dead+"-1")
	testtool.MustWrite(t, filepath.Join(build, buildMarker), "")
	testtool.MustWrite(t, filepath.Join(build, "events", "x.html"), "half")
	// An old site killed while it was removed: its manifest lists what
	// is bp's; a kept name moved there in the instant before a swap stays.
	old := filepath.Join(dir, ".public.tmp-"+dead+"-2.old")
	copyManifest := testtool.ReadString(t, filepath.Join(out, SiteMarker))
	testtool.MustWrite(t, filepath.Join(old, SiteMarker), copyManifest)
	testtool.MustWrite(t, filepath.Join(old, "index.html"), testtool.ReadString(t, filepath.Join(out, "index.html")))
	testtool.MustWrite(t, filepath.Join(old, "CNAME"), "example.org\n")
	// An old site whose removal went through but for the directory.
	clean := filepath.Join(dir, ".public.tmp-"+dead+"-3")
	testtool.MustWrite(t, filepath.Join(clean, SiteMarker), copyManifest)
	testtool.MustWrite(t, filepath.Join(clean, "2026", "index.html"), "old page")
	// A build of a running process (pid 1), and one of an older bp
	// (no process id in the name), and one that only looks alike.
	running := filepath.Join(dir, ".public.tmp-1-4")
	testtool.MustWrite(t, filepath.Join(running, buildMarker), "")
	older := filepath.Join(dir, ".public.tmp-123456")
	testtool.MustWrite(t, filepath.Join(older, "index.html"), "x")
	other := filepath.Join(dir, ".public.tmp-notes")
	testtool.MustWrite(t, filepath.Join(other, "a.txt"), "x")

	var stderr bytes.Buffer
	if _, err := session(dir, &stderr).ReplaceDir(out, false, fakeSite); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"bp: removed " + build + ", which a killed bp site left beside " + out + "\n",
		"bp: removed " + clean + ", which a killed bp site left beside " + out + "\n",
		"bp: left " + old + ", beside " + out + ": a killed bp site left it, and it holds what bp site did not write: CNAME\n",
		"bp: left " + running + " beside " + out + ": process 1, which made it, is running\n",
		"bp: " + older + ", beside " + out + ", looks like a site an older bp site left;",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "tmp-notes") {
		t.Errorf("a directory that is not bp's is named:\n%s", stderr.String())
	}
	testtool.WantNoLeftovers(t, dir, "public", filepath.Base(old), filepath.Base(running), filepath.Base(older), filepath.Base(other))
	if got := testtool.Entries(t, old); !slices.Equal(testtool.SortedKeys(got), []string{"./", ".bp-site", "CNAME"}) {
		t.Errorf("the old site holds %v; want its marker and CNAME", testtool.SortedKeys(got))
	}
}

// TestSiteOutRemoveOld: after the swap, the old site loses only what the
// check found bp's; what reached it later is left and said.
func TestSiteOutRemoveOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".public.tmp-1-1")
	testtool.MustWrite(t, filepath.Join(dir, SiteMarker), "bp-site 1\n")
	testtool.MustWrite(t, filepath.Join(dir, "index.html"), "old")
	testtool.MustWrite(t, filepath.Join(dir, "events", "a.html"), "old")
	testtool.MustWrite(t, filepath.Join(dir, "events", "late.html"), "mine")
	left := removeOld(dir, []string{"index.html", "events/a.html"}, nil)
	if !slices.Equal(left, []string{"events/late.html"}) {
		t.Errorf("left %v, want events/late.html", left)
	}
	if got := testtool.SortedKeys(testtool.Entries(t, dir)); !slices.Equal(got, []string{"./", ".bp-site", "events/", "events/late.html"}) {
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

// TestSiteOutStaleThroughSymlink: --out through a symlink in another
// directory: the stale build is beside the real site, and the message
// says where.
func TestSiteOutStaleThroughSymlink(t *testing.T) {
	if _, known := processGone(unusedPID); !known {
		t.Skip("this system cannot tell whether a process runs")
	}
	dir := t.TempDir()
	firstSite(t, dir)
	link := filepath.Join(dir, "links", "site")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "public"), link); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".public.tmp-"+strconv.Itoa(unusedPID)+"-5")
	testtool.MustWrite(t, filepath.Join(stale, buildMarker), "")
	var stderr bytes.Buffer
	_, err := session(dir, &stderr).ReplaceDir(link, false, fakeSite)
	if want := "bp: removed " + stale + ", which a killed bp site left beside " + link + "\n"; err != nil || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("err %v, stderr %q; want it to start with %q", err, stderr.String(), want)
	}
	testtool.WantNoLeftovers(t, dir, "public", "links")
}
