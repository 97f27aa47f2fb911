package plandiff

import "testing"

// TestEventsPlural: the revision rule counts "1 event added", not
// "1 events".
func TestEventsPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 events", 1: "1 event", 2: "2 events"} {
		if got := events(n); got != want {
			t.Errorf("events(%d) = %q, want %q", n, got, want)
		}
	}
}
