package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Antalya, Türkiye", "Antalya, Türkiye"},
		{"=1+1", "'=1+1"},
		{"-2", "'-2"},
		{"＠x", "'＠x"},
		// leading white space does not hide a formula
		{" =1+1", "' =1+1"},
		{"\t=1+1", "' =1+1"},
		{"\u00a0+1", "'\u00a0+1"},
		{"\u3000@A1", "'\u3000@A1"},
		{"\u2003\u205f-1", "'\u2003\u205f-1"},
		{"\"=1+1", "'\"=1+1"},
		// each ";"-part is defused
		{"Safe;=1+1;=cmd|' /C calc'!A0", "Safe;'=1+1;'=cmd|' /C calc'!A0"},
		{"a; -2;b", "a;' -2;b"},
		{"a;b", "a;b"},
		// controls go first: an escape cannot hide a formula
		{"\x1b=1", "'=1"},
		{"\u200b=1", "'=1"},
		{"a - b", "a - b"},
	} {
		if got := CSVCell(tc.in); got != tc.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestEventsCSVSemicolons: the partners cell is quoted (a
// spreadsheet splitting at ";" must not split it), and no part of it is
// a live formula; a cell starting with white space before "=" is
// defused.
func TestEventsCSVSemicolons(t *testing.T) {
	day := time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)
	e := &workplan.Event{
		ID: "e", Title: "\t=HYPERLINK(\"http://x\")", Type: "webinar", Status: "planned",
		Start: day, End: day, Month: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		Partners: []string{"Safe", "=1+1", "=cmd|' /C calc'!A0"},
		Groups:   []string{"rg", " @x"},
	}
	plan := &workplan.Plan{ID: "p", Title: "P", Year: 2026, Events: []*workplan.Event{e}}
	var buf bytes.Buffer
	if err := EventsCSV(&buf, plan, plan.Events); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`,"' =HYPERLINK(""http://x"")",`,
		`,"rg;' @x",`,
		`,"Safe;'=1+1;'=cmd|' /C calc'!A0",`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %s:\n%s", want, out)
		}
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][13]; got != "Safe;'=1+1;'=cmd|' /C calc'!A0" {
		t.Errorf("partners read back as %q", got)
	}
}
