package render

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/workplan"
)

// csvHeader is the published column list of `bp list -o csv`. Columns
// are only ever added at the end, so that a script reading by position
// keeps working.
var csvHeader = []string{"id", "title", "type", "start", "end", "month", "dateTBC", "date",
	"format", "location", "locationTBC", "status", "groups", "partners", "product", "backToBack", "movedFrom",
	"startTime", "endTime", "timezone"}

// EventsCSV writes the events as CSV with a header row: RFC 4180
// quoting, LF line ends. A list (groups, partners) is one cell, its
// items joined by ";". Every cell goes through [CSVCell], so no cell,
// and no ";"-separated part of one, runs as a formula in a spreadsheet;
// and a cell holding a ";" is quoted, as one holding a "," is, for the
// spreadsheets of locales whose decimal mark is a comma (most of
// Europe), which split CSV at ";" too.
func EventsCSV(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	bw := bufio.NewWriter(w)
	writeCSVRecord(bw, csvHeader)
	row := make([]string, len(csvHeader))
	for _, e := range evs {
		j := NewEventJSON(plan, e)
		row = append(row[:0], j.ID, j.Title, j.Type, deref(j.Start), deref(j.End), j.Month,
			strconv.FormatBool(j.DateTBC), j.DateText, deref(j.Format), deref(j.Location),
			strconv.FormatBool(j.LocationTBC), j.Status, strings.Join(j.Groups, ";"),
			strings.Join(j.Partners, ";"), deref(j.Product), deref(j.BackToBack), movedCell(j.MovedFrom),
			deref(j.StartTime), deref(j.EndTime), deref(j.TimeZone))
		for i := range row {
			row[i] = CSVCell(row[i])
		}
		writeCSVRecord(bw, row)
	}
	return bw.Flush()
}

// movedCell lists the dates an event moved from, oldest first, each as
// the dateText: "25–26 Jun 2026;8–9 Jul 2026".
func movedCell(ds []DatesJSON) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.DateText
	}
	return strings.Join(parts, ";")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// CSVCell makes text safe as one CSV cell.
//
// First, control characters go, as on the terminal (bp list -o csv
// prints to one): [Clean] drops escape sequences, bidi and zero-width
// characters, and turns line breaks and tabs into spaces.
//
// Then formula injection is defused, as OWASP advises, by prefixing a
// single quote, so that Excel and LibreOffice show the text instead of
// running it. The rule: the cell is cut at every ";" (a spreadsheet
// that splits at ";", or a user splitting a list cell, would start a
// new cell there), and each part whose first character, after any white
// space (space, tab, no-break space, every Unicode space) and double
// quotes, is = + - or @, or their full-width forms ＝ ＋ － ＠ (Excel
// reads those as formulas in East Asian locales), gets a ' in front:
// "Safe;=1+1; -2" becomes "Safe;'=1+1;' -2".
func CSVCell(s string) string {
	s = Clean(s)
	if !strings.Contains(s, ";") {
		if formulaStart(s) {
			return "'" + s
		}
		return s
	}
	parts := strings.Split(s, ";")
	for i, p := range parts {
		if formulaStart(p) {
			parts[i] = "'" + p
		}
	}
	return strings.Join(parts, ";")
}

// formulaStart reports whether a spreadsheet may run s as a formula (see
// [CSVCell]).
func formulaStart(s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '"' {
			continue
		}
		switch r {
		case '=', '+', '-', '@', '＝', '＋', '－', '＠':
			return true
		}
		return false
	}
	return false
}

// writeCSVRecord writes one CSV record as encoding/csv would, but
// quotes a field that holds a ";" too (see [EventsCSV]). A field is
// quoted when it holds a , ; " CR or LF, or starts with white space;
// inner quotes are doubled.
func writeCSVRecord(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if !csvNeedsQuotes(f) {
			w.WriteString(f)
			continue
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteByte('\n')
}

func csvNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",;\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}
