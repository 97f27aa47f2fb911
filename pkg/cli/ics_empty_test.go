package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An empty selection writes nothing: no VCALENDAR without a component on
// stdout, no --out file, no feeds that would blank a subscriber's calendar.
func TestICSEmptySelection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "jan.ics")
	for _, args := range [][]string{
		{"ics", "-f", publishedPlan, "--month", "jan"},
		{"ics", "-f", publishedPlan, "--month", "jan", "--out", out},
		{"ics", "-f", publishedPlan, "--month", "jan", "--feeds", filepath.Join(dir, "feeds")},
	} {
		r := runBPIn(t, dir, "", nil, args...)
		if r.code != ExitInvalid || r.stdout != "" || !strings.Contains(r.stderr, "bp: no events match: nothing written") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1, nothing on stdout, 'nothing written'", args, r.code, r.stdout, r.stderr)
		}
	}
	for _, p := range []string{out, filepath.Join(dir, "feeds")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists after an empty selection (err %v)", p, err)
		}
	}
	// Only month-only events selected: they are named, with the way to add them.
	r := runBPIn(t, dir, "", nil, "ics", "-f", publishedPlan, "--month", "may", "--type", "thematic-meeting")
	if r.code != ExitInvalid || !strings.Contains(r.stderr, "syria-thematic-meeting: May 2026 · day TBC") {
		t.Errorf("month-only selection: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A group with nothing in the selection keeps a valid feed with no event.
func TestICSFeedsEmptyGroup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runBPIn(t, dir, "", nil, "ics", "-f", publishedPlan, "--month", "sep", "--feeds", "feeds")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "feeds/rg.ics (0 events: nothing planned for this group)") {
		t.Errorf("stderr does not announce the empty rg feed:\n%s", r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "feeds", "rg.ics"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if strings.Contains(s, "BEGIN:VEVENT") || !strings.Contains(s, "BEGIN:VTIMEZONE") {
		t.Errorf("empty feed should hold no VEVENT and one component (a VTIMEZONE):\n%s", s)
	}
}
