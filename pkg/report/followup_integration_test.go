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
)

// TestFollowUpHTMLAccessible: the status page with its follow-up section
// passes axe-core on a phone and a desktop, and the Nu HTML checker, as
// the other status pages do.
func TestFollowUpHTMLAccessible(t *testing.T) {
	out := browsertest.ArtifactDir(t, "status-followup-a11y")
	r := followUpReport(t, loadYears(t), 2026, d("2026-11-28"), time.Time{})
	var page bytes.Buffer
	if err := present.WriteHTML(&page, r.Doc()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, "status-followup.html")
	if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	results := browsertest.Check(t, out, []browsertest.Page{{Name: "status-followup", URL: browsertest.FileURL(t, path)}}, "#followup")
	browsertest.Assert(t, results)
	browsertest.Validate(t, path)
	for _, res := range results {
		if res.Measured["#followup"].Count != 1 {
			t.Errorf("%s at %d px: no follow-up heading", res.Name, res.Width)
		}
	}
}
