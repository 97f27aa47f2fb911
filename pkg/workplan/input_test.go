package workplan

import "testing"

// markerLine finds a line after the first that starts a document ("---")
// or ends one ("..."); oneDocument parses again only then.
func TestMarkerLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"a: 1\n---\nb: 2\n", true},
		{"a: 1\n...\n", true},
		{"a: 1\n---", true},
		{"a: 1\n... # end\n", true},
		{"---\na: 1\n", false}, // the first line: a document's own start
		{"a: 1\n--\n", false},
		{"a: 1\n-.-\n", false},
		{"a: 1\n - ---\n", false},
		{"a: 1\n\n", false},
		{"a: 1\n", false},
		{"", false},
	} {
		if got := markerLine([]byte(c.in)); got != c.want {
			t.Errorf("markerLine(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
