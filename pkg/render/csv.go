package render

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/workplan"
)

// csvHeader is the published column list of `bp list -o csv`.
var csvHeader = []string{"id", "title", "type", "start", "end", "month", "dateTBC", "date",
	"format", "location", "locationTBC", "status", "groups", "partners", "product", "backToBack"}

// EventsCSV writes the events as CSV (RFC 4180 quoting, LF line ends, as
// encoding/csv writes them) with a header row. Cells a
// spreadsheet would run as a formula are defused.
func EventsCSV(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, e := range evs {
		j := NewEventJSON(plan, e)
		row := []string{j.ID, j.Title, j.Type, deref(j.Start), deref(j.End), j.Month,
			strconv.FormatBool(j.DateTBC), j.DateText, deref(j.Format), deref(j.Location),
			strconv.FormatBool(j.LocationTBC), j.Status, strings.Join(j.Groups, ";"),
			strings.Join(j.Partners, ";"), deref(j.Product), deref(j.BackToBack)}
		for i := range row {
			row[i] = CSVCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// CSVCell makes text safe as a CSV cell. Control characters go, as on
// the terminal (bp list -o csv prints to one): [Clean] drops escape
// sequences and turns line breaks and tabs into spaces. Then formula
// injection is defused: a cell starting with = + - @ (or a tab or CR) is
// prefixed with a single quote, as OWASP advises, so Excel and
// LibreOffice show it as text instead of running it. The full-width forms
// (＝ ＋ － ＠) count too: Excel reads them as formulas in East Asian
// locales.
func CSVCell(s string) string {
	s = Clean(s)
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r == '＝' || r == '＋' || r == '－' || r == '＠'
}
