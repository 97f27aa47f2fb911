package present

import (
	"strings"
	"testing"
)

// TestHangLongWord (issue 24, item 10): a word wider than its lines (a
// long address in a change) was cut once for the first line's width and
// again for the narrower lines after it: the change summary showed a
// 74-column piece, then a 2-column one, and the pieces joined again with
// a space inside the word. Now it is cut once, each piece as wide as its
// line, so that only the word's last piece is narrower than its line,
// and the pieces, put together, give the word back.
func TestHangLongWord(t *testing.T) {
	for _, tc := range []struct {
		first, indent string
		before, word  string // before: words on the first line
	}{
		{"    ", "      ", "", strings.Repeat("x", 152)}, // was 76, 74, 2
		{"    ", "      ", "", strings.Repeat("x", 300)}, // was 76, 74, 2, 74, 2, 72
		{"    ", "      ", "notes added: \"See", "https://example.org/" + strings.Repeat("a", 300) + "\""},
		{"~ som-2026  ", "  ", "", strings.Repeat("é", 200)},
		{"    ", "      ", "", strings.Repeat("会議", 60)}, // 2 cells each
	} {
		text := strings.TrimSpace(tc.before + " " + tc.word)
		got := Hang(tc.first, tc.indent, text, 80)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		var pieces strings.Builder
		for i, l := range lines {
			prefix := tc.indent
			if i == 0 {
				prefix = tc.first
			}
			body, ok := strings.CutPrefix(l, prefix)
			if !ok {
				t.Fatalf("line %d, %q, does not start with %q", i, l, prefix)
			}
			if w := Width(l); w > 80 {
				t.Errorf("line %d is %d columns: %q", i, w, l)
			}
			if i == 0 && tc.before != "" {
				if body != tc.before {
					t.Errorf("first line %q, want %q", body, tc.before)
				}
				continue
			}
			// every piece but the last fills its line (a wide rune that
			// would stick out goes to the next)
			if i < len(lines)-1 && Width(l) < 79 {
				t.Errorf("line %d of %d is %d columns, not full:\n%s", i+1, len(lines), Width(l), got)
			}
			pieces.WriteString(body)
		}
		if pieces.String() != tc.word {
			t.Errorf("the pieces do not give the word back (a space in it, or a piece lost):\n%s", got)
		}
	}
}
