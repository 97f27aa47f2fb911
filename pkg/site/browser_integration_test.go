//go:build integration

package site

import (
	"image"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/icmpd/bp/pkg/internal/browsertest"
	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

// screenshots are the pictures of the site README shows, each the top of
// a page's screenshot at 1280 px, by the page's name in the test: the
// front page, a meeting with its conclusions, what changed, a group. The
// test rewrites them only with -update, so that a normal run leaves the
// tree clean.
var screenshots = []struct {
	page, file string
	height     int
}{
	{"two-years-index.html", "../../testdata/site/screenshot-index.png", 1100},
	{"present-events-rg-2026-03.html", "../../testdata/site/screenshot-event.png", 1000},
	{"history-changes.html", "../../testdata/site/screenshot-changes.png", 1000},
	{"history-groups-rg.html", "../../testdata/site/screenshot-group.png", 1000},
}

// writeSite writes the site's files under dir.
func writeSite(t *testing.T, dir string, f *files) {
	t.Helper()
	for _, name := range f.names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSiteInBrowser opens the pages of two sites from file:// in headless
// Chromium, on a phone (375 px) and a desktop (1280 px): every page of the
// 2026 and 2027 plans as first published, and the pages of the status
// fixture's front page and an event page of each state (held with an
// outcome, happening now, postponed, cancelled, …), and the event pages
// with a meeting brief of the follow-up fixture's site; every page of the
// history fixture's site (what changed, read from its revisions, and the
// group pages) and of the site with a meeting in each state of its
// schema.org data. On each: no axe-core violation
// (WCAG 2.1 A and AA, best practices), no sideways scrolling, no text
// drawn over text or out of its box, nothing loaded from outside the
// file system. The Nu HTML checker finds no error in any page of the
// three sites, opened in the browser or not. Screenshots and PDFs are kept
// (BP_ARTIFACTS); with -update the front page's screenshot is copied for
// README.
func TestSiteInBrowser(t *testing.T) {
	out := browsertest.ArtifactDir(t, "site")
	fixture := load(t, statusFixture)
	sites := []struct {
		name string
		site *Site
	}{
		{"two-years", withStatus(twoYears(t))},
		{"fixture", &Site{Plans: []*workplan.Plan{fixture}, Current: fixture, Today: date("2026-06-17")}},
		{"actions", actionsSite(t)},
		{"history", historySite(t)}, // what changed, from its revisions; the group pages
		{"states", jsonldSite(t)},   // an event page with schema.org data of each state
		{"present", presentSite(t)}, // a meeting with its conclusions and public actions
	}
	// Of the follow-up fixture's site: the event pages with a brief.
	withBrief := map[string]bool{EventPage("rg-2027-03"): true, EventPage("som-2026"): true, EventPage("joint-2028-02"): true}
	oneOfEachState := map[string]bool{}
	seen := map[present.State]bool{}
	for _, es := range report.Status(fixture, date("2026-06-17")).Events {
		if !seen[es.State] {
			seen[es.State] = true
			oneOfEachState[EventPage(es.Event.ID)] = true
		}
	}
	var pages []browsertest.Page
	var files []string // every page of the sites, for the Nu HTML checker
	for _, s := range sites {
		dir := filepath.Join(out, s.name)
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		f := build(t, s.site)
		writeSite(t, dir, f)
		for _, name := range f.names {
			if path.Ext(name) != ".html" {
				continue
			}
			files = append(files, filepath.Join(dir, filepath.FromSlash(name)))
			// Of the fixture: its front page, and an event page of each
			// state (its status page is the status test's).
			if s.name == "fixture" && name != IndexPage && !oneOfEachState[name] {
				continue
			}
			if s.name == "actions" && !withBrief[name] {
				continue
			}
			if s.name == "present" && name != EventPage("rg-2026-03") {
				continue
			}
			pages = append(pages, browsertest.Page{
				Name: s.name + "-" + filepath.ToSlash(name),
				URL:  browsertest.FileURL(t, filepath.Join(dir, filepath.FromSlash(name))),
				// On paper: the front page, a year's status, an event.
				PDF: s.name == "two-years" && (name == IndexPage || name == StatusPage(2026) || name == EventPage("som-2026")),
			})
		}
	}
	for i := range pages {
		pages[i].Name = sanitize(pages[i].Name)
	}
	results := browsertest.Check(t, out, pages)
	browsertest.Assert(t, results)
	browsertest.Validate(t, files...)

	if golden.Updating() {
		for _, sh := range screenshots {
			if err := keepTop(filepath.Join(out, sanitize(sh.page)+"-1280.png"), sh.file, sh.height); err != nil {
				t.Fatal(err)
			}
			t.Logf("README's screenshot: %s", sh.file)
		}
	}
}

// presentSite is the site of the presentation fixture, whose meetings
// have outcomes, conclusions, and public and internal actions, as of a
// day in September.
func presentSite(t *testing.T) *Site {
	t.Helper()
	p := load(t, "../../testdata/present/2026.yaml")
	return &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-09-20")}
}

// withStatus is the site with its status reports, as bp site
// --with-status builds it: every page of it is checked.
func withStatus(s *Site) *Site {
	s.WithStatus = true
	return s
}

// sanitize makes a page name a file name: events/x.html → events-x.html.
func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '/' {
			b[i] = '-'
		}
	}
	return string(b)
}

// keepTop writes the top height pixels of the PNG from into to.
func keepTop(from, to string, height int) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return err
	}
	r := img.Bounds()
	if r.Dy() > height {
		r.Max.Y = r.Min.Y + height
	}
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)
	o, err := os.Create(to)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(o, sub); err != nil {
		o.Close()
		return err
	}
	return o.Close()
}
