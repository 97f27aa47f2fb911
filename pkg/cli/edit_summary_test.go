package cli

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestEditSummaryLongWord (issue 24, item 10): the account an edit
// command gives of a change cut a long word (an address in the notes)
// into a 74-column line and a 2-column one, again and again, with a space
// put inside the word where its pieces met. Each piece now fills its
// line; only the last is shorter, and together they are the address.
func TestEditSummaryLongWord(t *testing.T) {
	t.Parallel()
	url := "https://example.org/" + strings.Repeat("a", 300)
	dir, _ := yearsDir(t)
	r := runBPIn(t, dir, "", editEnv(), "set", "som-2026", "--notes", "See "+url, "--dry-run")
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(r.stdout, "\n")
	var first, last int
	for i, l := range lines {
		if strings.HasPrefix(l, "    notes added: ") {
			first = i + 1
		}
		if first > 0 && i >= first && strings.HasSuffix(l, `"`) {
			last = i
			break
		}
	}
	if first == 0 || last == 0 {
		t.Fatalf("no notes added in:\n%s", r.stdout)
	}
	var word strings.Builder
	for i := first; i <= last; i++ {
		body, ok := strings.CutPrefix(lines[i], "      ")
		if !ok || strings.Contains(body, " ") {
			t.Errorf("line %q: not a piece of the address under the change", lines[i])
		}
		if w := runewidth.StringWidth(lines[i]); w > 80 || (i < last && w != 80) {
			t.Errorf("a line of %d columns:\n%s", w, r.stdout)
		}
		word.WriteString(body)
	}
	if word.String() != url+`"` {
		t.Errorf("the pieces are not the address:\n%s", r.stdout)
	}
}
