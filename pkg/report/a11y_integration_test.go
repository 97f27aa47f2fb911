//go:build integration

package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/browsertest"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// TestHTMLAccessible opens the status pages in headless Chromium on a phone
// (375 px) and a desktop (1280 px): axe-core finds no violation of WCAG 2.1
// A and AA or of its best practices, the page never scrolls sideways, no
// text is drawn over other text or out of its box (the timeline's months
// and state labels), nothing is loaded from outside, a one-day event's bar
// is visible, and the Nu HTML checker finds no error in the markup.
// Screenshots and PDFs are kept (see browsertest).
func TestHTMLAccessible(t *testing.T) {
	out := browsertest.ArtifactDir(t, "status-a11y")
	var pages []browsertest.Page
	var files []string
	for _, c := range []struct {
		name string
		plan *workplan.Plan
		asOf time.Time
	}{
		{"status-2026-as-of-2026-11-27", loadPublished(t), d("2026-11-27")},
		{"status-fixture-as-of-2026-06-17", loadFixture(t), d("2026-06-17")},
	} {
		var page bytes.Buffer
		if err := present.WriteHTML(&page, Status(c.plan, c.asOf).Doc()); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(out, c.name+".html")
		if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, browsertest.Page{Name: c.name, URL: browsertest.FileURL(t, path), PDF: true})
		files = append(files, path)
	}
	results := browsertest.Check(t, out, pages, ".bar")
	browsertest.Assert(t, results)
	browsertest.Validate(t, files...)
	for _, r := range results {
		if r.Width == browsertest.Widths[0] {
			if st, err := os.Stat(r.PDF); err != nil || st.Size() < 10000 {
				t.Errorf("%s: printed to %q: %v", r.Name, r.PDF, err)
			}
		}
	}
	for _, r := range results {
		// A one-day event is 1/365 of the track: about 2 px on a phone.
		// Its bar must be a mark one can see, not a hairline.
		if bar := r.Measured[".bar"]; bar.Count == 0 || bar.MinWidth < 8 {
			t.Errorf("%s at %d px: the narrowest of %d timeline bars is %.1f px wide; want at least 8", r.Name, r.Width, bar.Count, bar.MinWidth)
		}
	}
}
