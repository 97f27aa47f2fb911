package cli

import (
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestSearchFlag: --search ignores case and accents and knows Turkey, and
// its help names the fields it looks in.
func TestSearchFlag(t *testing.T) {
	for _, text := range []string{"Türkiye", "turkiye", "TURKIYE", "turkey"} {
		r := runPublished(t, "list", "--search", text, "-o", "csv")
		if r.code != 0 {
			t.Fatalf("list --search %s: exit %d: %s", text, r.code, r.stderr)
		}
		for _, id := range []string{"syria-thematic-meeting", "twg-law-enforcement-2026", "twg-return-2026"} {
			if !strings.Contains(r.stdout, id) {
				t.Errorf("list --search %s: %s missing from\n%s", text, id, r.stdout)
			}
		}
		if n := strings.Count(r.stdout, "\n"); n != 4 {
			t.Errorf("list --search %s: %d lines, want a header and 3 events:\n%s", text, n, r.stdout)
		}
	}
	r := runPublished(t, "list", "--help")
	// The help wraps at 80 columns: read it with its line breaks as spaces.
	if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), workplan.SearchFields) {
		t.Errorf("list --help does not name the fields --search looks in (%q):\n%s", workplan.SearchFields, r.stdout)
	}
}
