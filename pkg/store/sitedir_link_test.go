//go:build unix

package store

import (
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// siteOf builds files in name order, as fakeSite does; before runs
// first.
func siteOf(files map[string]string, before func()) func(Sink) error {
	return func(sink Sink) error {
		if before != nil {
			before()
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := sink(name, func(w io.Writer) error { _, err := io.WriteString(w, files[name]); return err }); err != nil {
				return err
			}
		}
		return nil
	}
}

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestSiteOutLinksUnchanged: a site built again takes the old site's
// file, as a second link, where it would write the same bytes under the
// same name, and the old name goes with the old site; a file whose bytes
// changed is written anew, and so is one the user gave another mode, a
// second name, or put in the old one's place during the build. The
// manifest lists every file as written, and the next run finds all of
// them bp's.
func TestSiteOutLinksUnchanged(t *testing.T) {
	dir := t.TempDir()
	out := firstSite(t, dir)
	was := map[string]os.FileInfo{}
	for name := range fakeFiles {
		was[name] = stat(t, filepath.Join(out, name))
	}
	if err := os.Chmod(filepath.Join(out, "events", "a.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "b.html")
	if err := os.Link(filepath.Join(out, "events", "b.html"), backup); err != nil {
		t.Fatal(err)
	}
	files := maps.Clone(fakeFiles)
	files["index.html"] = "<title>front, again</title>"
	// During the build, a copy of subscribe.html takes its place.
	var copied os.FileInfo
	swapped := func() {
		p := filepath.Join(out, "subscribe.html")
		testtool.MustWrite(t, p+".copy", fakeFiles["subscribe.html"])
		copied = stat(t, p+".copy")
		if err := os.Rename(p+".copy", p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := session(dir, &bytes.Buffer{}).ReplaceDir(out, false, siteOf(files, swapped)); err != nil {
		t.Fatal(err)
	}
	if got := testtool.Tree(t, out); !maps.Equal(withoutMarker(got), files) {
		t.Errorf("the site holds %v; want %v", got, files)
	}
	anew := map[string]bool{"index.html": true, "events/a.html": true, "events/b.html": true, "subscribe.html": true}
	fresh := stat(t, filepath.Join(out, SiteMarker))
	for name := range files {
		st := stat(t, filepath.Join(out, name))
		switch {
		case anew[name] && os.SameFile(st, was[name]):
			t.Errorf("%s is the old file; want it written anew", name)
		case !anew[name] && !os.SameFile(st, was[name]):
			t.Errorf("%s was written anew; want the old file linked", name)
		case linkCount(st) != 1:
			t.Errorf("%s has %d links; want 1 (the old site's is gone)", name, linkCount(st))
		case st.Mode() != fresh.Mode():
			t.Errorf("%s has mode %v, a new file %v", name, st.Mode(), fresh.Mode())
		}
	}
	if os.SameFile(stat(t, filepath.Join(out, "subscribe.html")), copied) {
		t.Error("subscribe.html is the copy put in its place during the build; want it written anew")
	}
	if got := testtool.ReadString(t, backup); got != fakeFiles["events/b.html"] || linkCount(stat(t, backup)) != 1 {
		t.Errorf("the second name of the old events/b.html holds %q", got)
	}
	if _, err := session(dir, &bytes.Buffer{}).ReplaceDir(out, false, siteOf(files, nil)); err != nil {
		t.Errorf("a third run: %v", err)
	}
	testtool.WantNoLeftovers(t, dir, "public", "b.html")
}

func withoutMarker(files map[string]string) map[string]string {
	out := maps.Clone(files)
	delete(out, SiteMarker)
	return out
}

// TestSiteOutLinkedChangedBeforeSwap: a file of the old site that the
// build linked and that is then changed in place, before the swap,
// changes in the build too; the check before the swap finds it changed
// and refuses, and the old site keeps the change.
func TestSiteOutLinkedChangedBeforeSwap(t *testing.T) {
	dir := t.TempDir()
	out := firstSite(t, dir)
	s := session(dir, &bytes.Buffer{})
	p := filepath.Join(out, "subscribe.html")
	s.BeforeSwap = func(tmp string) {
		if !os.SameFile(stat(t, p), stat(t, filepath.Join(tmp, "subscribe.html"))) {
			t.Error("the build did not link subscribe.html")
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("<!-- mine -->")
		f.Close()
	}
	_, err := s.ReplaceDir(out, false, fakeSite)
	if err == nil || !strings.Contains(err.Error(), "changed since bp site wrote them:\n    subscribe.html") {
		t.Fatalf("err = %v; want subscribe.html refused as changed", err)
	}
	if got := testtool.ReadString(t, p); got != fakeFiles["subscribe.html"]+"<!-- mine -->" {
		t.Errorf("subscribe.html holds %q", got)
	}
	testtool.WantNoLeftovers(t, dir, "public")
}
