package cli

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	ids := []string{"som-2026", "rg-2026-03", "rg-2026-07", "webinar-missing-migrants", "twg-return-2026"}
	for _, c := range []struct{ s, want string }{
		{"som2026", "som-2026"},
		{"SOM-2026", "som-2026"},
		{"Söm 2026", "som-2026"},
		{"som-2062", "som-2026"}, // a swap is one edit
		{"rg-2026", "rg-2026-03 rg-2026-07"},
		{"twg-return", "twg-return-2026"}, // contained
		{"nothing-like-it", ""},
		{"x", ""},
	} {
		if got := strings.Join(closest(c.s, ids, 3), " "); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if d := editDistance("juen", "june"); d != 1 {
		t.Errorf("editDistance(juen, june) = %d, want 1", d)
	}
}
