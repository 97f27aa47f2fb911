//go:build integration

package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/icmpd/bp/pkg/internal/browsertest"
	"github.com/icmpd/bp/pkg/present"
)

// TestBriefHTMLAccessible: the brief's page passes axe-core on a phone
// and a desktop with no sideways scrolling, and the Nu HTML checker, for
// a meeting with every section filled and for one with none.
func TestBriefHTMLAccessible(t *testing.T) {
	out := browsertest.ArtifactDir(t, "brief-a11y")
	plans := loadBriefYears(t)
	b := NewBriefs(plans)
	var pages []browsertest.Page
	var files []string
	for _, id := range []string{"joint-2028-02", "som-2026", "rg-2027-03", "webinar-data-2026"} {
		var page bytes.Buffer
		if err := present.WriteHTML(&page, b.Brief(eventOf(t, plans, id), d("2026-11-28")).Doc()); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(out, "brief-"+id+".html")
		if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, browsertest.Page{Name: "brief-" + id, URL: browsertest.FileURL(t, path), PDF: id == "joint-2028-02"})
		files = append(files, path)
	}
	results := browsertest.Check(t, out, pages, "h2", "table")
	browsertest.Assert(t, results)
	browsertest.Validate(t, files...)
	for _, res := range results {
		if res.Measured["h2"].Count < 5 {
			t.Errorf("%s at %d px: %d sections, want at least 5", res.Name, res.Width, res.Measured["h2"].Count)
		}
	}
}
