package present

// Tables for a terminal, drawn by tablewriter.

import (
	"bytes"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/icmpd/bp/pkg/safetext"
)

// termTable is a plain table for the terminal: a header, rows, and the widest
// each column may grow before its text wraps.
type termTable struct {
	Header []string
	Rows   [][]string
	Max    []int // per column; 0 = no limit
}

// Write renders the table with tablewriter, cleaning every cell of
// control characters and wrapping it at its column's width first (our own
// greedy wrap: it keeps words together the way a reader expects).
func (t termTable) Write(w io.Writer) error {
	var buf bytes.Buffer
	tbl := newTableWriter(&buf)
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = safetext.Terminal(h)
	}
	tbl.Header(header...)
	for _, r := range t.Rows {
		if err := tbl.Append(t.cells(r)); err != nil {
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

// cells cleans a row's cells and wraps each line at its column's width.
func (t termTable) cells(r []string) []string {
	row := make([]string, len(r))
	for i, c := range r {
		lines := strings.Split(c, "\n")
		for j, l := range lines {
			l = safetext.Terminal(l)
			if i < len(t.Max) && t.Max[i] > 0 {
				l = strings.Join(Wrap(l, t.Max[i]), "\n")
			}
			lines[j] = l
		}
		row[i] = strings.Join(lines, "\n")
	}
	return row
}

// newTableWriter is tablewriter set to draw bp's tables: light lines
// between columns and rows, no outer border, left aligned, no wrapping
// of its own (cells come wrapped).
func newTableWriter(buf *bytes.Buffer) *tablewriter.Table {
	return tablewriter.NewTable(buf,
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
}
