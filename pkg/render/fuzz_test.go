package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// fuzzEvent builds a plan of one event whose free text comes from the
// fuzzer: the parts of an event a hostile workplan controls.
func fuzzEvent(title, id, city, partner string) (*workplan.Plan, []*workplan.Event) {
	day := time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)
	e := &workplan.Event{
		ID: id, Title: title, Type: "webinar", Status: "planned", Format: "in-person",
		Start: day, End: day, Month: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		Location: &workplan.Location{Place: workplan.Place{City: city, Country: partner}},
		Partners: []string{partner}, Product: id, Groups: []string{city},
	}
	plan := &workplan.Plan{ID: "p", Title: "P", Year: 2026, Events: []*workplan.Event{e}}
	return plan, plan.Events
}

// formulaChars are the characters a spreadsheet runs a cell as a formula
// (or a DDE command) for when the cell starts with one.
const formulaChars = "=+-@\t\r＝＋－＠"

func FuzzEventsCSV(f *testing.F) {
	f.Add("=HYPERLINK(\"http://x\")", "id", "+Antalya", "@SUM(A1)")
	f.Fuzz(func(t *testing.T, title, id, city, partner string) {
		plan, evs := fuzzEvent(title, id, city, partner)
		var buf bytes.Buffer
		if err := EventsCSV(&buf, plan, evs); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read our CSV back: %v\n%q", err, buf.String())
		}
		if len(recs) != 2 {
			t.Fatalf("read back %d records, want 2 (header + event):\n%q", len(recs), buf.String())
		}
		for i, rec := range recs {
			if len(rec) != len(csvHeader) {
				t.Fatalf("record %d has %d fields, want %d", i, len(rec), len(csvHeader))
			}
		}
		for i, cell := range recs[1] {
			if r := []rune(cell); len(r) > 0 && strings.ContainsRune(formulaChars, r[0]) {
				t.Errorf("column %s: cell %q would run as a formula", csvHeader[i], cell)
			}
		}
		// The text survives, apart from the control characters and the
		// defusing quote; no escape sequence reaches a terminal.
		if got := recs[1][1]; got != Clean(title) && got != "'"+Clean(title) {
			t.Errorf("title cell = %q, want %q", got, Clean(title))
		}
		if strings.ContainsAny(buf.String(), "\x1b\x07\x00\u009b") {
			t.Errorf("a control character reaches the CSV: %q", buf.String())
		}
	})
}

// unescapedPipes counts the pipes of a Markdown table line that are not
// escaped by a backslash: the cell separators.
func unescapedPipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // skip the escaped character
		case '|':
			n++
		}
	}
	return n
}

func FuzzEventsMarkdown(f *testing.F) {
	f.Add("<script>alert(1)</script>", "a|b", "[x](javascript:alert(1))", "&lt;b&gt;")
	f.Fuzz(func(t *testing.T, title, id, city, partner string) {
		plan, evs := fuzzEvent(title, id, city, partner)
		var buf bytes.Buffer
		if err := EventsMarkdown(&buf, plan, evs); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("no final newline: %q", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d lines, want 3 (header, rule, one row):\n%q", len(lines), out)
		}
		for _, l := range lines {
			if strings.ContainsRune(l, '\r') {
				t.Errorf("carriage return inside a row: %q", l)
			}
			if !strings.HasPrefix(l, "| ") || !strings.HasSuffix(l, " |") {
				t.Errorf("row does not start and end with a pipe: %q", l)
			}
			if n := unescapedPipes(l); n != 6 {
				t.Errorf("row has %d cell separators, want 6: %q", n, l)
			}
		}
		if strings.ContainsAny(out, "<>") {
			t.Errorf("raw < or > reaches the Markdown: %q", out)
		}
		for i := strings.IndexByte(out, '&'); i >= 0; i = strings.IndexByte(out[i+1:], '&') + i + 1 {
			rest := out[i:]
			if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
				t.Errorf("raw & (an entity the title wrote) reaches the Markdown: %q", rest)
				break
			}
			if strings.IndexByte(out[i+1:], '&') < 0 {
				break
			}
		}
	})
}

// TestMarkdownCellStrikethrough: GitHub renders ~~text~~ as struck out,
// so a title must not be able to do it.
func TestMarkdownCellStrikethrough(t *testing.T) {
	if got := MarkdownCell("~~cancelled~~"); got != `\~\~cancelled\~\~` {
		t.Errorf("MarkdownCell(~~cancelled~~) = %q", got)
	}
}
