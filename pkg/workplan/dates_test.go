package workplan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// layoutFiles are the non-test files allowed to hold Go date layouts:
// this package's dates.go, where every date bp reads or writes is
// formatted.
var layoutFiles = []string{"pkg/workplan/dates.go"}

// TestDateLayoutsInOneFile: no other non-test Go file of the module holds
// a Go date layout, a string literal passed to Format, AppendFormat or
// time.Parse, or one that holds the reference year or clock ("2006",
// "15:04").
func TestDateLayoutsInOneFile(t *testing.T) {
	root := filepath.Join("..", "..")
	found := map[string][]string{}
	for _, dir := range []string{"pkg", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			for _, lit := range layoutLiterals(t, path) {
				found[filepath.ToSlash(rel)] = append(found[filepath.ToSlash(rel)], lit)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found["pkg/workplan/dates.go"]) == 0 {
		t.Fatal("the check finds no layout in dates.go: it proves nothing")
	}
	for file, lits := range found {
		if !slices.Contains(layoutFiles, file) {
			t.Errorf("%s holds date layouts %q: format dates with workplan.ISODay, DayText and the rest of dates.go", file, lits)
		}
	}
}

// layoutLiterals returns the date layouts among the string literals of
// a Go file.
func layoutLiterals(t *testing.T, path string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if name := callName(n); name == "Format" || name == "AppendFormat" || name == "Parse" || name == "ParseInLocation" {
				for _, a := range n.Args {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING && (name != "Parse" || isTimePkg(n)) {
						out = append(out, lit.Value)
					}
				}
			}
		case *ast.BasicLit:
			if s, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && (strings.Contains(s, "2006") || strings.Contains(s, "15:04")) {
				out = append(out, n.Value)
			}
		}
		return true
	})
	return out
}

func callName(c *ast.CallExpr) string {
	if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return ""
}

func isTimePkg(c *ast.CallExpr) bool {
	sel, _ := c.Fun.(*ast.SelectorExpr)
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == "time"
}

// mustDate reads a YYYY-MM-DD the test writes.
func mustDate(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDateWords: the forms every package shows dates in.
func TestDateWords(t *testing.T) {
	d := mustDate
	at := time.Date(2026, 6, 25, 10, 30, 5, 0, time.FixedZone("x", 2*3600))
	for got, want := range map[string]string{
		ISODay(d("2026-06-25")):                     "2026-06-25",
		ISOMonth(d("2026-06-25")):                   "2026-06",
		ISOUTC(at):                                  "2026-06-25T08:30:05Z",
		BasicDay(d("2026-06-25")):                   "20260625",
		BasicUTC(at):                                "20260625T083005Z",
		BasicLocal(at):                              "20260625T103005",
		Stamp(at):                                   "2026-06-25 08:30 UTC",
		DayText(d("2026-06-05")):                    "5 Jun 2026",
		DayMonthText(d("2026-06-05")):               "5 Jun",
		MonthText(d("2026-06-05")):                  "Jun 2026",
		LongMonthText(d("2026-06-05")):              "June 2026",
		LongDayText(d("2026-06-05")):                "5 June 2026",
		WeekdayText(d("2026-06-05")):                "Fri 5 Jun 2026",
		DayRange(d("2026-06-25"), d("2026-06-26")):  "25–26 Jun 2026",
		DayRange(d("2026-06-30"), d("2026-07-02")):  "30 Jun – 2 Jul 2026",
		DayRange(d("2026-12-30"), d("2027-01-02")):  "30 Dec 2026 – 2 Jan 2027",
		(Dates{Month: d("2026-05-01")}).Text():      "May 2026",
		(&Event{Month: d("2026-05-01")}).DateText(): "May 2026 · day TBC",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestOneMonthParser: a month as a file writes it reads the same through
// ParseYearMonth and ParseMonth, and neither takes what is not a month.
func TestOneMonthParser(t *testing.T) {
	for _, s := range []string{"2026-05", " 2026-12 "} {
		a, err1 := ParseYearMonth(s)
		b, _, err2 := ParseMonth(s, 1999)
		if err1 != nil || err2 != nil || !a.Equal(b) {
			t.Errorf("%q: ParseYearMonth %v %v, ParseMonth %v %v", s, a, err1, b, err2)
		}
	}
	for _, s := range []string{"2026-13", "2026-00", "2026-5", "May", "2026-05-01", "20x6-05", ""} {
		if _, err := ParseYearMonth(s); err == nil {
			t.Errorf("ParseYearMonth(%q) took it", s)
		}
	}
}

// TestTimeTextOffset: a time is given with its zone's abbreviation and
// its offset from UTC on the event's own day (summer and winter differ),
// the offset alone where the zone has no abbreviation in letters, and
// UTC as UTC.
func TestTimeTextOffset(t *testing.T) {
	day := mustDate
	plan := &Plan{TimeZone: "Europe/Vienna"}
	cases := []struct {
		zone, start, from, to string
		want                  string
	}{
		{"", "2026-01-15", "10:00", "12:00", "10:00–12:00 CET, UTC+1"},
		{"", "2026-06-25", "10:00", "", "10:00 CEST, UTC+2"},
		{"Asia/Kabul", "2026-06-25", "09:00", "11:00", "09:00–11:00 UTC+4:30"},
		{"Europe/Istanbul", "2026-06-25", "09:00", "", "09:00 UTC+3"},
		{"America/Sao_Paulo", "2026-06-25", "09:00", "", "09:00 UTC-3"},
		{"Europe/London", "2026-01-25", "09:00", "", "09:00 GMT, UTC+0"},
		{"UTC", "2026-06-25", "09:00", "", "09:00 UTC"},
		{"Etc/UTC", "2026-06-25", "09:00", "", "09:00 UTC"},
	}
	for _, c := range cases {
		e := &Event{TimeZone: c.zone, Start: day(c.start), End: day(c.start)}
		e.StartTime, _ = ParseClock(c.from)
		if c.to != "" {
			e.EndTime, _ = ParseClock(c.to)
		}
		if got := e.TimeText(plan); got != c.want {
			t.Errorf("%s %s %s: TimeText = %q, want %q", c.zone, c.start, c.from, got, c.want)
		}
	}
	if got := (&Event{Start: day("2026-06-25"), End: day("2026-06-25")}).TimeText(plan); got != "" {
		t.Errorf("an event without times: %q", got)
	}
}
