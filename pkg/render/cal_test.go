package render

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

func calPlan(t *testing.T, path string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Parse(path, data, workplan.Limits{})
	if plan == nil || workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", path, diags)
	}
	return plan
}

func day(s string) time.Time {
	t, err := workplan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func cal(t *testing.T, plan *workplan.Plan, first string, n int, today string, colour bool) string {
	t.Helper()
	var b bytes.Buffer
	if err := Cal(&b, plan.Events, day(first), n, day(today), colour); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// calCases are the outputs the goldens hold, plain and in colour.
var calCases = []struct {
	name, first string
	n           int
	today       string
}{
	{"june", "2026-06-01", 1, "2026-06-15"},     // a meeting from 30 Jun to 2 Jul
	{"july", "2026-07-01", 1, "2026-06-15"},     // its last two days; today elsewhere
	{"may", "2026-05-01", 1, "2026-05-20"},      // month-only; today on a TBC day
	{"november", "2026-11-01", 1, "2026-11-25"}, // back-to-back and cancelled on the same days; today among them
	{"december", "2026-12-01", 1, "2026-11-25"}, // postponed; a title to clean
	{"april", "2026-04-01", 1, "2026-11-25"},    // no meetings
	{"year", "2026-01-01", 12, "2026-11-25"},    // three months side by side
	{"year-no-today", "2026-01-01", 12, "2027-01-05"},
}

// TestCalGolden: bp cal's text for the test plan, plain and in colour.
// Colour adds escape codes and nothing else.
func TestCalGolden(t *testing.T) {
	plan := calPlan(t, "../../testdata/cal/plan.yaml")
	for _, tc := range calCases {
		t.Run(tc.name, func(t *testing.T) {
			plain := cal(t, plan, tc.first, tc.n, tc.today, false)
			colour := cal(t, plan, tc.first, tc.n, tc.today, true)
			golden.Assert(t, "../../testdata/cal/"+tc.name+".golden", []byte(plain))
			golden.Assert(t, "../../testdata/cal/"+tc.name+".colour.golden", []byte(colour))
			if strings.Contains(plain, "\x1b") {
				t.Errorf("plain output has an escape code:\n%s", plain)
			}
			if got := sgr.ReplaceAllString(colour, ""); got != plain {
				t.Errorf("colour output without its escape codes differs from the plain output:\n%s\nplain:\n%s", got, plain)
			}
			if tc.name != "april" && !strings.Contains(colour, "\x1b[") {
				t.Errorf("colour output has no colour:\n%s", colour)
			}
		})
	}
}

// TestCalWidth: every line of every output fits 80 columns, as the
// terminal shows it (escape codes take none; 漢字 take two each).
func TestCalWidth(t *testing.T) {
	plans := map[string]*workplan.Plan{
		"test plan":      calPlan(t, "../../testdata/cal/plan.yaml"),
		"published plan": calPlan(t, "../../testdata/plans/2026-published.yaml"),
	}
	for name, plan := range plans {
		for _, tc := range calCases {
			for _, colour := range []bool{false, true} {
				out := cal(t, plan, tc.first, tc.n, tc.today, colour)
				for i, l := range strings.Split(out, "\n") {
					if w := cellsWidth(sgr.ReplaceAllString(l, "")); w > 80 {
						t.Errorf("%s, %s (colour %v), line %d: %d columns: %q", name, tc.name, colour, i+1, w, l)
					}
					if strings.HasSuffix(sgr.ReplaceAllString(l, ""), " ") {
						t.Errorf("%s, %s, line %d ends in a blank: %q", name, tc.name, i+1, l)
					}
				}
			}
		}
	}
}

// gridLine returns the line of out's grid that holds week, e.g. "29 30".
func gridLine(t *testing.T, out, start string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, start) {
			return l
		}
	}
	t.Fatalf("no line starting %q in\n%s", start, out)
	return ""
}

// TestCalMarks checks the cases the goldens show, one by one.
func TestCalMarks(t *testing.T) {
	plan := calPlan(t, "../../testdata/cal/plan.yaml")

	// A meeting across a month boundary: its days are marked in both
	// months, and it is listed under both.
	june := cal(t, plan, "2026-06-01", 1, "2026-06-15", false)
	july := cal(t, plan, "2026-07-01", 1, "2026-06-15", false)
	if l := gridLine(t, june, "29"); l != "29 30*" {
		t.Errorf("June's last week = %q, want 30 June marked", l)
	}
	if l := gridLine(t, july, "       1"); l != "       1* 2* 3  4  5" {
		t.Errorf("July's first week = %q, want 1 and 2 July marked", l)
	}
	for name, out := range map[string]string{"June": june, "July": july} {
		if !strings.Contains(out, "  * 30 Jun – 2 Jul  Thematic Working Group Meeting across") {
			t.Errorf("%s does not list the meeting from 30 Jun to 2 Jul:\n%s", name, out)
		}
	}

	// A month-only meeting: listed under its month as "day TBC", no day
	// marked for it.
	may := cal(t, plan, "2026-05-01", 1, "2026-05-20", false)
	if !strings.Contains(may, "    day TBC         Thematic meeting whose day is not known yet (month-only)\n") {
		t.Errorf("May does not list the month-only meeting as day TBC:\n%s", may)
	}
	if marks := strings.Count(strings.Join(strings.Split(may, "\n")[2:8], "\n"), "?") +
		strings.Count(strings.Join(strings.Split(may, "\n")[2:8], "\n"), "*"); marks != 1 {
		t.Errorf("May's grid has %d marks, want 1 (20 May, TBC):\n%s", marks, may)
	}
	if l := gridLine(t, may, "18"); l != "18 19 20?21 22 23 24" {
		t.Errorf("May's week of the 18th = %q, want 20 May marked ?", l)
	}

	// Back-to-back meetings on the same days, and a cancelled one on the
	// last of them: each day marked once, with the strongest mark; every
	// meeting listed.
	nov := cal(t, plan, "2026-11-01", 1, "2026-11-25", false)
	if l := gridLine(t, nov, "23"); l != "23 24*25*26*27 28 29" {
		t.Errorf("November's week of the 23rd = %q", l)
	}
	for _, want := range []string{
		"  * 24–26 Nov       Annual Senior Officials Meeting (som)\n",
		"  * 24–26 Nov       Reference Group Meeting (rg-11)\n",
		"  x 26 Nov          Webinar that will not take place (cancelled) · cancelled\n",
		"\n* meeting   x cancelled\ntoday: Wed 25 Nov 2026\n",
	} {
		if !strings.Contains(nov, want) {
			t.Errorf("November: missing %q in\n%s", want, nov)
		}
	}

	// Today: in colour, its number in reverse video, with its mark's
	// colour when it has one; without colour, named on the last line only.
	colour := cal(t, plan, "2026-11-01", 1, "2026-11-25", true)
	if !strings.Contains(colour, "\x1b[1;32;7m25\x1b[0m\x1b[1;32m*\x1b[0m") {
		t.Errorf("today (25 Nov, a meeting day) is not in reverse video and green:\n%q", colour)
	}
	colour = cal(t, plan, "2026-11-01", 1, "2026-11-27", true)
	if !strings.Contains(colour, "\x1b[7m27\x1b[0m ") {
		t.Errorf("today (27 Nov) is not in reverse video:\n%q", colour)
	}
	if april := cal(t, plan, "2026-04-01", 1, "2026-11-25", false); strings.Contains(april, "today") || !strings.Contains(april, "no meetings") {
		t.Errorf("April, today in November: want no today line and 'no meetings':\n%s", april)
	}
}
