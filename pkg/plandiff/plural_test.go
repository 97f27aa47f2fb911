package plandiff

import (
	"bufio"
	"strings"
	"testing"
)

// TestEventsPlural: the revision rule counts "1 event added", not
// "1 events".
func TestEventsPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 events", 1: "1 event", 2: "2 events"} {
		if got := events(n); got != want {
			t.Errorf("events(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWriteWrapped: a long line is wrapped at spaces to fit 80 columns,
// its further lines indented.
func TestWriteWrapped(t *testing.T) {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	writeWrapped(w, "  ~ an-id  ", "    ", strings.Repeat("word ", 30))
	w.Flush()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "  ~ an-id  word") || !strings.HasPrefix(lines[1], "    word") {
		t.Fatalf("wrapped:\n%s", b.String())
	}
	for _, l := range lines {
		if len(l) > 80 {
			t.Errorf("a line of %d columns: %q", len(l), l)
		}
	}
}
