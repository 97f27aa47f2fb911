package plandiff

import (
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/present"
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

// TestTextWrapped: a long change is wrapped at spaces to fit 80 columns,
// its further lines indented under it.
func TestTextWrapped(t *testing.T) {
	d := &Diff{Old: Side{Name: "a"}, New: Side{Name: "b"}, Events: []EventChange{{ID: "an-id", Title: "T", Kind: KindChanged,
		Changes: []Change{{Kind: KindField, Text: strings.Repeat("word ", 30)}}}}}
	var b strings.Builder
	if err := present.WriteText(&b, d.Doc()); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "word") {
			lines = append(lines, l)
		}
		if len(l) > 80 {
			t.Errorf("a line of %d columns: %q", len(l), l)
		}
	}
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "  word") || !strings.HasPrefix(lines[1], "  word") {
		t.Fatalf("wrapped:\n%s", b.String())
	}
}
