package cli

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestListTimes: a timed event shows its times and their zone in the
// table's date column (within 80 columns), in markdown, and in three
// CSV columns added at the end (startTime, endTime, timezone); an
// untimed event leaves them empty.
func TestListTimes(t *testing.T) {
	t.Parallel()
	two := filepath.Join(repoRoot, "testdata", "years", "two")
	run := func(args ...string) string {
		t.Helper()
		r := runBP(t, "", map[string]string{EnvFile: two}, append([]string{"--today", "2027-01-10", "list"}, args...)...)
		if r.code != 0 {
			t.Fatalf("bp list %v: exit %d: %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	table := run("--month", "january")
	for _, want := range []string{" 20 Jan 2027   │", " 10:00–12:00   │", " Europe/Vienna │"} {
		if !strings.Contains(table, want) {
			t.Errorf("table: no %q in\n%s", want, table)
		}
	}
	for _, l := range strings.Split(table, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("table line of %d columns: %q", n, l)
		}
	}
	if md := run("--month", "january", "-o", "markdown"); !strings.Contains(md, "| 20 Jan 2027<br>10:00–12:00<br>Europe/Vienna |") {
		t.Errorf("markdown: no time in\n%s", md)
	}
	recs, err := csv.NewReader(strings.NewReader(run("-o", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(recs[0][len(recs[0])-3:], ",")
	if head != "startTime,endTime,timezone" || recs[0][0] != "id" {
		t.Fatalf("csv header ends %q", head)
	}
	for _, rec := range recs[1:] {
		got := strings.Join(rec[len(rec)-3:], ",")
		want := ",,"
		if rec[0] == "webinar-migration-data-2027" {
			want = "10:00,12:00,Europe/Vienna"
		}
		if got != want {
			t.Errorf("csv %s: times %q, want %q", rec[0], got, want)
		}
	}
}
