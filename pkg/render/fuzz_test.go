package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
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

// runsAsFormula reports whether a spreadsheet may run a cell (or a part
// of one that a ";"-splitting spreadsheet makes a cell) as a formula: its
// first character after white space and double quotes is one of
// = + - @ or their full-width forms. Written apart from formulaStart, so
// that the test does not check the code against itself.
func runsAsFormula(cell string) bool {
	t := strings.TrimLeftFunc(cell, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
	r, _ := utf8.DecodeRuneInString(t)
	return t != "" && strings.ContainsRune("=+-@＝＋－＠", r)
}

// defusedLike checks that got is want with a ' before each ";"-part that
// would run as a formula, and only before those.
func defusedLike(got, want string) bool {
	gp, wp := strings.Split(got, ";"), strings.Split(want, ";")
	if len(gp) != len(wp) {
		return false
	}
	for i := range wp {
		if runsAsFormula(wp[i]) {
			wp[i] = "'" + wp[i]
		}
		if gp[i] != wp[i] {
			return false
		}
	}
	return true
}

func FuzzEventsCSV(f *testing.F) {
	f.Add("=HYPERLINK(\"http://x\")", "id", "+Antalya", "@SUM(A1)")
	f.Add("Safe;=1+1;=cmd|' /C calc'!A0", "id", " \t=1+1", "\u00a0-2;\u3000@x")
	f.Add("a;\"=1+1", "x", "\t\t+1", "Prague Process")
	f.Fuzz(func(t *testing.T, title, id, city, partner string) {
		plan, evs := fuzzEvent(title, id, city, partner)
		// lists of several items, each of which may hold a ";" itself
		evs[0].Partners = []string{partner, city, title}
		evs[0].Groups = []string{city, id}
		var buf bytes.Buffer
		if err := EventsCSV(&buf, plan, evs); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read our CSV back: %v\n%q", err, out)
		}
		if len(recs) != 2 {
			t.Fatalf("read back %d records, want 2 (header + event):\n%q", len(recs), out)
		}
		for i, rec := range recs {
			if len(rec) != len(csvHeader) {
				t.Fatalf("record %d has %d fields, want %d", i, len(rec), len(csvHeader))
			}
		}
		for i, cell := range recs[1] {
			for _, part := range strings.Split(cell, ";") {
				if runsAsFormula(part) {
					t.Errorf("column %s: cell %q has a part %q that would run as a formula", csvHeader[i], cell, part)
				}
			}
			if strings.Contains(cell, ";") && !strings.Contains(out, `"`+strings.ReplaceAll(cell, `"`, `""`)+`"`) {
				t.Errorf("column %s: cell %q holds a ; but is not quoted:\n%q", csvHeader[i], cell, out)
			}
		}
		// A spreadsheet that splits at ";" starts a cell after each ";",
		// quoted or not.
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			for _, piece := range strings.Split(l, ";")[1:] {
				if runsAsFormula(piece) {
					t.Errorf("split at ;, the line %q starts a formula cell %q", l, piece)
				}
			}
		}
		semi := csv.NewReader(strings.NewReader(out))
		semi.Comma, semi.LazyQuotes, semi.FieldsPerRecord = ';', true, -1
		if recs, err := semi.ReadAll(); err == nil {
			for _, rec := range recs {
				for _, cell := range rec {
					if runsAsFormula(cell) {
						t.Errorf("read with ; as the separator, cell %q would run as a formula", cell)
					}
				}
			}
		}
		// The text survives, apart from the control characters and the
		// defusing quotes; no escape sequence reaches a terminal.
		if got := recs[1][1]; !defusedLike(got, Clean(title)) {
			t.Errorf("title cell = %q, want %q defused", got, Clean(title))
		}
		if got, want := recs[1][13], Clean(partner+";"+city+";"+title); !defusedLike(got, want) {
			t.Errorf("partners cell = %q, want %q defused", got, want)
		}
		for _, r := range out {
			if r != '\n' && safetext.Unsafe(r) {
				t.Fatalf("%U reaches the CSV: %q", r, out)
			}
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
		if err := present.WriteMarkdown(&buf, EventsDoc(plan, evs, time.Time{})); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("no final newline: %q", out)
		}
		lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(out, "# \n\n"), "\n"), "\n")
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
			if n := unescapedPipes(l); n != 5 {
				t.Errorf("row has %d cell separators, want 5: %q", n, l)
			}
		}
		if strings.ContainsAny(strings.ReplaceAll(out, "<br>", ""), "<>") {
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
