//go:build integration

package site

// The site's Atom feeds and its schema.org data as real readers take
// them: Debian's python3-feedparser (bozo 0), npm's
// @rowanmanning/feed-parser and libxml2's xmllint read every feed (and
// the sitemap) with no complaint and find the entries bp meant; the
// structured-data checker of testdata/interop (structured-data-testing-
// tool with Google's event rules, and schema-dts's types through
// typescript) finds no error in the Event data of any state. A reader
// that is not installed skips the test, or fails it with
// BP_REQUIRE_TOOLS set.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/browsertest"
	"github.com/icmpd/bp/pkg/internal/testtool"
)

// atomOf writes the site's Atom feeds (and its sitemap) under dir and
// returns their paths and, for each, the entry ids bp wrote.
func atomOf(t *testing.T, dir string, s *Site) (files []string, ids map[string][]string) {
	t.Helper()
	f := build(t, s)
	writeSite(t, dir, f)
	ids = map[string][]string{}
	for _, name := range f.names {
		if path.Ext(name) != ".atom" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		files = append(files, p)
		for _, part := range strings.Split(string(f.data[name]), "<entry>")[1:] {
			id, _, _ := strings.Cut(strings.SplitN(part, "<id>", 2)[1], "</id>")
			ids[p] = append(ids[p], id)
		}
	}
	return files, ids
}

// feedSites are the sites whose feeds the readers read: the history
// fixture's (its git history, a base URL) and the two years' (what the
// plans record, relative links, no base URL).
func feedSites(t *testing.T) (files []string, ids map[string][]string, sitemap string) {
	out := t.TempDir()
	files, ids = atomOf(t, filepath.Join(out, "history"), historySite(t))
	s := twoYears(t)
	s.BaseURL = ""
	more, moreIDs := atomOf(t, filepath.Join(out, "two-years"), s)
	for k, v := range moreIDs {
		ids[k] = v
	}
	if len(ids[files[0]]) != 5 {
		t.Fatalf("%s: %d entries, want 5", files[0], len(ids[files[0]]))
	}
	return append(files, more...), ids, filepath.Join(out, "history", Sitemap)
}

func TestFeedsXMLLint(t *testing.T) {
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		testtool.Missing(t, "xmllint not found: apt-get install libxml2-utils")
	}
	files, _, sitemap := feedSites(t)
	out, err := exec.Command(bin, append([]string{"--noout"}, append(files, sitemap)...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("xmllint --noout: %v\n%s", err, out)
	}
}

func TestFeedsFeedparser(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import feedparser").Run(); err != nil {
		testtool.Missing(t, "python3-feedparser not found: apt-get install python3-feedparser")
	}
	files, ids, _ := feedSites(t)
	const script = `import feedparser, json, sys
out = []
for f in sys.argv[1:]:
    d = feedparser.parse(f)
    out.append({"bozo": int(d.bozo), "exception": str(d.get("bozo_exception", "")), "version": d.version,
        "title": d.feed.get("title", ""), "ids": [e.get("id", "") for e in d.entries],
        "updated": [e.get("updated", "") for e in d.entries], "links": [e.get("link", "") for e in d.entries]})
json.dump(out, sys.stdout)`
	out, err := exec.Command(py, append([]string{"-c", script}, files...)...).Output()
	if err != nil {
		t.Fatalf("feedparser: %v", err)
	}
	var read []struct {
		Bozo                int
		Exception, Version  string
		Title               string
		IDs, Updated, Links []string
	}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatal(err)
	}
	for i, r := range read {
		if r.Bozo != 0 || r.Version != "atom10" || r.Title == "" {
			t.Errorf("%s: bozo %d (%s), version %q, title %q", files[i], r.Bozo, r.Exception, r.Version, r.Title)
		}
		if !slices.Equal(r.IDs, ids[files[i]]) || slices.Contains(r.Updated, "") || slices.Contains(r.Links, "") {
			t.Errorf("%s: ids %q (want %q), updated %q, links %q", files[i], r.IDs, ids[files[i]], r.Updated, r.Links)
		}
	}
	t.Logf("feedparser read %d feeds, bozo 0", len(read))
}

// interopNode runs a script of testdata/interop with node, or skips.
func interopNode(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		testtool.Missing(t, "node not found: apt-get install nodejs")
	}
	dir := filepath.Join(browsertest.Root(t), "testdata", "interop")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "structured-data-testing-tool")); err != nil {
		testtool.Missing(t, "the npm modules of testdata/interop are not installed: npm ci there")
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir, script)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	return out
}

func TestFeedsNodeFeedParser(t *testing.T) {
	files, ids, _ := feedSites(t)
	var read []struct {
		Type, Title string
		Items       []struct{ ID, Title, URL, Updated, Content string }
		Warnings    []string
	}
	if err := json.Unmarshal(interopNode(t, "read_atom.mjs", files...), &read); err != nil {
		t.Fatal(err)
	}
	for i, r := range read {
		var got []string
		for _, it := range r.Items {
			got = append(got, it.ID)
			if it.Title == "" || it.Updated == "" || it.URL == "" || it.Content == "" {
				t.Errorf("%s: an item without its title, date, link or content: %+v", files[i], it)
			}
		}
		if r.Type != "atom" || len(r.Warnings) > 0 || !slices.Equal(got, ids[files[i]]) {
			t.Errorf("%s: type %q, warnings %q, ids %q (want %q)", files[i], r.Type, r.Warnings, got, ids[files[i]])
		}
	}
	t.Logf("@rowanmanning/feed-parser read %d feeds", len(read))
}

// TestEventDataValidator: the Event data of a meeting in each state
// (scheduled, rescheduled, postponed, cancelled; in person, online,
// hybrid) has no error for Google's event rules nor for schema.org's
// vocabulary; the warnings (image, offers, performer, which a plan does
// not have) are logged.
func TestEventDataValidator(t *testing.T) {
	dir := t.TempDir()
	f := build(t, jsonldSite(t))
	writeSite(t, dir, f)
	var pages []string
	for _, id := range []string{"scheduled", "rescheduled", "postponed", "cancelled", "online"} {
		pages = append(pages, filepath.Join(dir, "events", id+".html"))
	}
	var read []struct {
		File             string
		Events           []map[string]any
		Errors, Warnings []string
	}
	if err := json.Unmarshal(interopNode(t, "check_event_data.mjs", pages...), &read); err != nil {
		t.Fatal(err)
	}
	for _, r := range read {
		if len(r.Events) != 1 || len(r.Errors) > 0 {
			t.Errorf("%s: %d events, errors %q", filepath.Base(r.File), len(r.Events), r.Errors)
		}
		t.Logf("%s: %s, no error; warnings: %s", filepath.Base(r.File), r.Events[0]["eventStatus"], strings.Join(r.Warnings, "; "))
	}
	// The checker finds what is wrong: a previousStartDate on a
	// postponed meeting, and a property schema.org does not have.
	bad := filepath.Join(dir, "bad.html")
	page := strings.Replace(string(f.data[EventPage("postponed")]), `"eventStatus"`, `"previousStartDate":["2026-09-01"],"startTime":"x","eventStatus"`, 1)
	testtool.MustWrite(t, bad, page)
	if err := json.Unmarshal(interopNode(t, "check_event_data.mjs", bad), &read); err != nil {
		t.Fatal(err)
	}
	if errs := strings.Join(read[0].Errors, "\n"); !strings.Contains(errs, "EventRescheduled only") || !strings.Contains(errs, `'"startTime"' does not exist`) {
		t.Errorf("the checker misses errors:\n%s", errs)
	}
}
