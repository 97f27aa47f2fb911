//go:build unix

package cli

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// historyFixture is a plan and its next four revisions: a move, a
// confirmation, a cancellation, an outcome.
var historyFixture = filepath.Join(repoRoot, "testdata", "site", "history")

// atomFeed is what the tests read of an Atom feed.
type atomFeed struct {
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func readAtom(t *testing.T, data string) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal([]byte(data), &f); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, data)
	}
	return f
}

// historyRepo commits the history fixture's revisions in turn as
// workplans/2026.yaml of a new git repository, with a commit between
// them that changes the plan without a new revision (a typo fixed):
// only the last commit of a revision is that revision as published.
func historyRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	gitIn(t, repo, "init", "-q")
	for i := 1; i <= 5; i++ {
		data := testtool.ReadString(t, filepath.Join(historyFixture, "r"+string(rune('0'+i))+".yaml"))
		if i == 2 {
			put(t, repo, map[string]string{"workplans/2026.yaml": strings.Replace(data, "Meeting on Return", "Meetng on Return", 1)})
			gitIn(t, repo, "add", ".")
			gitIn(t, repo, "commit", "-q", "-m", "r2, with a typo")
		}
		put(t, repo, map[string]string{"workplans/2026.yaml": data})
		gitIn(t, repo, "add", ".")
		gitIn(t, repo, "commit", "-q", "-m", "revision")
	}
	return repo
}

// TestSiteHistoryFromGit: in a git repository, bp site reads each
// published revision as committed and tells, on the change page and in
// the Atom feeds, what happened to each meeting in each: the entries of
// the fixture's four revisions (a move, a confirmation, a cancellation
// with its reason, an outcome) and its first, newest first, dated by the
// revision, with stable tag: ids; a group's feed has only its meetings'.
// The same repository gives the same bytes.
func TestSiteHistoryFromGit(t *testing.T) {
	repo := historyRepo(t)
	out := filepath.Join(t.TempDir(), "site")
	r := runBPIn(t, repo, "", nil, "--today", "2026-03-10", "site", "--out", out, "--base-url", "https://example.org/plans/")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	site := testtool.Tree(t, out)
	feed := readAtom(t, site["changes.atom"])
	type want struct{ id, title, updated, words string }
	wants := []want{
		{"tag:example.org,2026-03-06:/plans/changes/history-2026/5", "Revision 5 of History Workplan 2026, 6 Mar 2026", "2026-03-06T00:00:00Z", "Outcome published: The workplan was endorsed."},
		{"tag:example.org,2026-03-02:/plans/changes/history-2026/4", "Revision 4 of History Workplan 2026, 2 Mar 2026", "2026-03-02T00:00:00Z", "Cancelled: merged into the 2027 meeting"},
		{"tag:example.org,2026-03-01:/plans/changes/history-2026/3", "Revision 3 of History Workplan 2026, 1 Mar 2026", "2026-03-01T00:00:00Z", "Place confirmed: Istanbul, Türkiye"},
		{"tag:example.org,2026-02-10:/plans/changes/history-2026/2", "Revision 2 of History Workplan 2026, 10 Feb 2026", "2026-02-10T00:00:00Z", "Moved from 25–26 Jun 2026 to 8–9 Jul 2026"},
		{"tag:example.org,2026-01-15:/plans/changes/history-2026/1", "Revision 1 of History Workplan 2026, 15 Jan 2026", "2026-01-15T00:00:00Z", "Published, with 3 meetings."},
	}
	if len(feed.Entries) != len(wants) {
		t.Fatalf("%d entries, want %d:\n%s", len(feed.Entries), len(wants), site["changes.atom"])
	}
	for i, w := range wants {
		e := feed.Entries[i]
		if e.ID != w.id || e.Title != w.title || e.Updated != w.updated || !strings.Contains(e.Content, w.words) {
			t.Errorf("entry %d: %q %q %q\n%s\nwant %q %q %q with %q", i, e.ID, e.Title, e.Updated, e.Content, w.id, w.title, w.updated, w.words)
		}
	}
	if strings.Contains(site["changes.atom"], "Meetng") {
		t.Error("a commit within revision 2, not the last of it, reached the feed")
	}
	if feed.ID != "https://example.org/plans/changes.atom" || feed.Updated != "2026-03-06T00:00:00Z" {
		t.Errorf("feed id %q updated %q", feed.ID, feed.Updated)
	}
	page := site["changes.html"]
	if !strings.Contains(page, "history in git") || strings.Index(page, "Revision 5 of") > strings.Index(page, "Revision 4 of") {
		t.Errorf("the change page does not say where its history comes from, or is not newest first:\n%s", page)
	}
	// The Reference Group's feed: its outcome, the SOM it is part of, its
	// first revision; not the working group's move.
	var rg []string
	for _, e := range readAtom(t, site["groups/rg.atom"]).Entries {
		rg = append(rg, e.ID)
	}
	if want := []string{wants[0].id + "/rg", wants[1].id + "/rg", wants[4].id + "/rg"}; !slices.Equal(rg, want) {
		t.Errorf("rg.atom entries %q, want %q", rg, want)
	}
	if !strings.Contains(site["index.html"], `<link rel="alternate" type="application/atom+xml" title="What changed: History Workplan" href="changes.atom">`) {
		t.Error("the front page does not link the feed for autodiscovery")
	}
	again := filepath.Join(t.TempDir(), "again")
	if r := runBPIn(t, repo, "", nil, "--today", "2026-03-10", "site", "--out", again, "--base-url", "https://example.org/plans/"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	delete(site, ".bp-site")
	for name, data := range testtool.Tree(t, again) {
		if name != ".bp-site" && site[name] != data {
			t.Errorf("%s differs between two builds of the same repository", name)
		}
	}
}

// TestSiteHistoryFromPlans: outside a git repository, the change page
// says that its history is what the plans record, and gives each
// meeting's last change.
func TestSiteHistoryFromPlans(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workplans")
	data, err := os.ReadFile(filepath.Join(historyFixture, "r5.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	put(t, dir, map[string]string{"2026.yaml": string(data)})
	out := filepath.Join(t.TempDir(), "site")
	if r := runBP(t, "", nil, "-f", dir, "--today", "2026-03-10", "site", "--out", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	site := testtool.Tree(t, out)
	page := site["changes.html"]
	for _, want := range []string{"what the plans themselves record", "Revision 5 of History Workplan 2026, 6 Mar 2026", "Outcome published: The workplan was endorsed.",
		"Revision 4 of", "Cancelled: merged into the 2027 meeting", "Revision 3 of", "Moved from 25–26 Jun 2026 to 8–9 Jul 2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("the change page lacks %q:\n%s", want, page)
		}
	}
	if f := readAtom(t, site["changes.atom"]); len(f.Entries) != 3 || !strings.HasPrefix(f.ID, "tag:bp.invalid,2026-01-01:/") {
		t.Errorf("without a base URL: %d entries, id %q", len(f.Entries), f.ID)
	}
}
