package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/clipperhouse/displaywidth"

	"github.com/icmpd/bp/pkg/workplan"
)

// Table is a plain table for the terminal: a header, rows, and the widest
// each column may grow before its text wraps.
type Table struct {
	Header []string
	Rows   [][]string
	Max    []int // per column; 0 = no limit
}

// Write renders the table: each cell cleaned of control characters and
// wrapped at its column's width (a greedy wrap that keeps words together
// the way a reader expects), padded to the widest line of its column,
// columns split by " │ ", the header and the rows by a rule of ─ and ┼.
// No line ends in blanks: they only get in the way of copying and diffing.
//
// It draws what tablewriter drew for us before, byte for byte, without
// linking it: tablewriter's width cache (663 KB, made at init) and its
// per-table set-up were a third of the start-up of every bp command.
// Widths are counted narrow (an East Asian ambiguous character is one
// cell) whatever the locale, so a table is the same on every machine.
func (t Table) Write(w io.Writer) error {
	c := newCells()
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	width := make([]int, cols)
	measure := func(i int, l string) { width[i] = max(width[i], c.width(l)) }
	header := make([][]string, cols)
	for i, h := range t.Header {
		header[i] = []string{Clean(h)}
		measure(i, header[i][0])
	}
	rows := make([][][]string, len(t.Rows))
	for k, r := range t.Rows {
		row := make([][]string, cols)
		for i, cell := range r {
			for l := range strings.SplitSeq(cell, "\n") {
				ls := []string{Clean(l)}
				if i < len(t.Max) && t.Max[i] > 0 {
					ls = Wrap(ls[0], t.Max[i])
				}
				for _, l := range ls {
					row[i] = append(row[i], l)
					measure(i, l)
				}
			}
		}
		rows[k] = row
	}

	var buf bytes.Buffer
	// line writes a row's lines, the first of each cell side by side, then
	// the second... A line after the first that is empty in every cell is
	// left out (tablewriter's rule).
	line := func(cells [][]string) {
		n := 1
		for _, ls := range cells {
			n = max(n, len(ls))
		}
		for j := range n {
			if j > 0 && blankLine(cells, j) {
				continue
			}
			start := buf.Len()
			for i, ls := range cells {
				if i > 0 {
					buf.WriteString("│")
				}
				buf.WriteByte(' ')
				l := ""
				if j < len(ls) {
					l = ls[j]
				}
				buf.WriteString(l)
				for range width[i] - c.width(l) + 1 {
					buf.WriteByte(' ')
				}
			}
			buf.Truncate(start + len(bytes.TrimRight(buf.Bytes()[start:], " ")))
			buf.WriteByte('\n')
		}
	}
	rule := func() {
		for i, wd := range width {
			if i > 0 {
				buf.WriteString("┼")
			}
			buf.WriteString(strings.Repeat("─", wd+2))
		}
		buf.WriteByte('\n')
	}
	line(header)
	for _, row := range rows {
		rule()
		line(row)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// blankLine reports whether line j of a row is empty in every cell.
func blankLine(cells [][]string, j int) bool {
	for _, ls := range cells {
		if j < len(ls) && ls[j] != "" {
			return false
		}
	}
	return true
}

// Where joins format and place: "In person · Antalya, Türkiye".
func Where(e *workplan.Event) string {
	parts := make([]string, 0, 2)
	if f := e.Format.Label(); f != "" {
		parts = append(parts, f)
	}
	if l := e.Location.String(); l != "" {
		parts = append(parts, l)
	}
	return strings.Join(parts, " · ")
}

// EventsTable writes the events as a terminal table that fits 80 columns.
func EventsTable(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	t := Table{
		Header: []string{"Date", "Event", "Where", "Status"},
		Max:    []int{14, 29, 17, 9},
	}
	for _, e := range evs {
		t.Rows = append(t.Rows, []string{strings.Replace(e.DateText(), " · ", "\n", 1), e.Title + "\n" + "(" + e.ID + ")", Where(e), e.Status.Label()})
	}
	return t.Write(w)
}

// Wrap breaks text into lines of at most width display cells, at spaces;
// a word wider than width is cut. A cut never splits a character's UTF-8
// bytes, a wide (CJK) character, or a combining mark from the character
// it belongs to (a zero-width rune stays with the one before it). A
// single character wider than width gets a line of its own.
//
// Wrap measures each character once, as tablewriter does (so the table
// it pads agrees): its time is linear in the length of s, whatever the
// length of its words.
func Wrap(s string, width int) []string {
	c := newCells()
	var (
		lines []string
		cur   strings.Builder // the line being filled
		curW  int             // its display width
	)
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for word := range strings.FieldsSeq(s) {
		ww := 0
		for _, r := range word {
			ww += c.rune(r)
		}
		if ww > width {
			// Cut the word into pieces of at most width cells; the last
			// piece stays open for the words that follow.
			if cur.Len() > 0 {
				flush()
			}
			start, pw := 0, 0
			for i, r := range word {
				rw := c.rune(r)
				if pw+rw > width && rw > 0 && i > start {
					lines = append(lines, word[start:i])
					start, pw = i, 0
				}
				pw += rw
			}
			word, ww = word[start:], pw
		}
		switch {
		case cur.Len() == 0:
		case curW+1+ww > width:
			flush()
		default:
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(word)
		curW += ww
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cells measures display widths, one rule for wrapping and padding, so
// that a wrapped line is as wide as the table thinks it is. East Asian
// ambiguous characters count as narrow, as in most terminals and fonts
// today.
type cells displaywidth.Options

func newCells() cells { return cells{} }

// width returns the display width of s.
func (c cells) width(s string) int {
	n := 0
	for _, r := range s {
		n += c.rune(r)
	}
	return n
}

// rune returns the display width of r: 0, 1 or 2.
func (c cells) rune(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	return displaywidth.Options(c).Rune(r)
}
