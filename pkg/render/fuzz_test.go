package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

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

// tableText returns the runes of s a table must show, in order: all but
// white space (where lines may break) and the unsafe characters Clean
// drops; a byte of invalid UTF-8 shows as U+FFFD.
func tableText(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) && !safetext.Unsafe(r) {
			out = append(out, r)
		}
	}
	return out
}

// displayWidth measures a line as the table pads it.
func displayWidth(s string) int {
	c, n := newCells(), 0
	for _, r := range s {
		n += c.rune(r)
	}
	return n
}

func FuzzTable(f *testing.F) {
	f.Add("Thematic Working Group Meeting on Law Enforcement Cooperation", "Antalya, Türkiye", uint8(27), uint8(15))
	f.Add(strings.Repeat("Wörterbuch", 90), "x", uint8(0), uint8(3))
	f.Add("漢字の表 テーブル 全角ＡＢＣ 한국어", "e\u0301\u0323 a\u0300\u0301\u0302b n\u0303", uint8(1), uint8(0))
	f.Add("\x1b[31mred\x1b]8;;http://x\x07link\x1b]8;;\x07\u009b31m", "\u202eevil\u2066 \u200bz\ufeff\r\n\tx\u0085y", uint8(5), uint8(7))
	f.Add("a\xffb\xc3", "│─┼ | ─", uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, a, b string, wa, wb uint8) {
		// tablewriter spends ~10 µs a line (more when instrumented), and
		// the fuzzer minimizes an interesting input with thousands of
		// runs: 1 KiB, cut into up to 512 lines, keeps a run short. Long
		// words are BenchmarkWrapLongWord's and TestWrapLongWordAllocs'.
		if len(a) > 1<<10 || len(b) > 1<<10 {
			t.Skip("input over 1 KiB")
		}
		ma, mb := 2+int(wa%40), 2+int(wb%40)

		// Two columns: nothing unsafe, every line within the widths.
		var buf bytes.Buffer
		tbl := Table{Header: []string{"A", "B"}, Max: []int{ma, mb}, Rows: [][]string{{a, b}, {b, a}}}
		if err := tbl.Write(&buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !utf8.ValidString(out) {
			t.Fatalf("the table is not valid UTF-8: %q", out)
		}
		for _, r := range out {
			if r != '\n' && safetext.Unsafe(r) {
				t.Fatalf("%U reaches the table:\n%q", r, out)
			}
		}
		limit := 1 + ma + 3 + mb + 1 // " a │ b "
		for _, l := range strings.Split(out, "\n") {
			if w := displayWidth(l); w > limit {
				t.Fatalf("line %q is %d cells wide, more than the table's %d:\n%s", l, w, limit, out)
			}
		}

		// One column: the cell shows every character, in order.
		for _, tc := range []struct {
			s string
			w int
		}{{a, ma}, {b, mb}} {
			buf.Reset()
			tbl := Table{Header: []string{"H"}, Max: []int{tc.w}, Rows: [][]string{{tc.s}}}
			if err := tbl.Write(&buf); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if len(lines) < 3 {
				t.Fatalf("%d lines, want a header, a rule and the cell:\n%q", len(lines), buf.String())
			}
			got := tableText(strings.Join(lines[2:], "\n"))
			if want := tableText(tc.s); string(got) != string(want) {
				t.Fatalf("the cell shows %q, want %q (input %q)", string(got), string(want), tc.s)
			}
		}
	})
}
