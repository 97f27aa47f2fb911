package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/icmpd/bp/pkg/workplan"
)

// Table is a plain table for the terminal: a header, rows, and the widest
// each column may grow before its text wraps.
type Table struct {
	Header []string
	Rows   [][]string
	Max    []int // per column; 0 = no limit
}

// Write renders the table with tablewriter, cleaning every cell of
// control characters and wrapping it at its column's width first (our own
// greedy wrap: it keeps words together the way a reader expects).
func (t Table) Write(w io.Writer) error {
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
			},
			Row: tw.CellConfig{
				Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
			},
		}),
		tablewriter.WithRendition(tw.Rendition{
			Symbols: tw.NewSymbols(tw.StyleLight),
			Borders: tw.Border{Left: tw.Off, Right: tw.Off, Top: tw.Off, Bottom: tw.Off},
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenRows: tw.On, BetweenColumns: tw.On},
				Lines:      tw.Lines{ShowHeaderLine: tw.On},
			},
		}),
	)
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = Clean(h)
	}
	tbl.Header(header...)
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, c := range r {
			lines := strings.Split(c, "\n")
			for j, l := range lines {
				l = Clean(l)
				if i < len(t.Max) && t.Max[i] > 0 {
					l = strings.Join(Wrap(l, t.Max[i]), "\n")
				}
				lines[j] = l
			}
			row[i] = strings.Join(lines, "\n")
		}
		if err := tbl.Append(row); err != nil {
			return err
		}
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	// tablewriter pads the last column; trailing blanks only get in the
	// way of copying and diffing.
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	for i, l := range lines {
		nl := bytes.HasSuffix(l, []byte("\n"))
		l = bytes.TrimRight(l, " \n")
		if nl {
			l = append(l, '\n')
		}
		lines[i] = l
	}
	_, err := w.Write(bytes.Join(lines, nil))
	return err
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
// a word longer than width is cut.
func Wrap(s string, width int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		for runewidth.StringWidth(w) > width {
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			head := runewidth.Truncate(w, width, "")
			lines = append(lines, head)
			w = w[len(head):]
		}
		switch {
		case cur == "":
			cur = w
		case runewidth.StringWidth(cur)+1+runewidth.StringWidth(w) > width:
			lines = append(lines, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}
