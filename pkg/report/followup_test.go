package report

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// loadYears reads the follow-up fixture: two plan years whose meetings
// set actions.
func loadYears(t testing.TB) []*workplan.Plan {
	t.Helper()
	var plans []*workplan.Plan
	for _, y := range []string{"2026", "2027"} {
		name := "../../testdata/actions/" + y + ".yaml"
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := workplan.Check(name, data, workplan.DefaultLimits, workplan.Options{})
		if workplan.HasErrors(diags) {
			t.Fatalf("%s: %v", name, diags)
		}
		plans = append(plans, p)
	}
	return plans
}

func followUpReport(t testing.TB, plans []*workplan.Plan, year int, asOf, since time.Time) *Report {
	t.Helper()
	for _, p := range plans {
		if p.Year == year {
			r := Status(p, asOf)
			r.AddFollowUp(plans, since)
			return r
		}
	}
	t.Fatalf("no plan of %d", year)
	return nil
}

// TestFollowUpGolden pins the follow-up section in every format: the
// 2026 report as of 28 Nov 2026 for the year, and since 1 Nov; the 2027
// report as of 10 Jan 2027, where 2026's open actions are still tracked.
func TestFollowUpGolden(t *testing.T) {
	plans := loadYears(t)
	for _, c := range []struct {
		name        string
		year        int
		asOf, since time.Time
	}{
		{"2026-as-of-2026-11-28", 2026, d("2026-11-28"), time.Time{}},
		{"2026-as-of-2026-11-28-since-2026-11-01", 2026, d("2026-11-28"), d("2026-11-01")},
		{"2027-as-of-2027-01-10", 2027, d("2027-01-10"), time.Time{}},
	} {
		r := followUpReport(t, plans, c.year, c.asOf, c.since)
		for ext, write := range map[string]func(*Report, *bytes.Buffer) error{
			"txt":  func(r *Report, b *bytes.Buffer) error { return present.WriteText(b, r.Doc()) },
			"md":   func(r *Report, b *bytes.Buffer) error { return present.WriteMarkdown(b, r.Doc()) },
			"html": func(r *Report, b *bytes.Buffer) error { return present.WriteHTML(b, r.Doc()) },
			"json": func(r *Report, b *bytes.Buffer) error { return present.WriteJSON(b, r.JSON()) },
		} {
			t.Run(c.name+"/"+ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := write(r, &b); err != nil {
					t.Fatal(err)
				}
				golden.Assert(t, "../../testdata/actions/status-"+c.name+"."+ext+".golden", b.Bytes())
			})
		}
	}
}

// TestFollowUpFacts checks what the section says of the fixture as of
// 28 Nov 2026, by hand: four open actions (two overdue, the most overdue
// first), two done and one dropped in the year, one done since 1 Nov;
// the meetings ahead with what is to be reported there, the 2027
// Reference Group included; and in 2027, 2026's open actions still there.
func TestFollowUpFacts(t *testing.T) {
	plans := loadYears(t)
	f := followUpReport(t, plans, 2026, d("2026-11-28"), time.Time{}).FollowUp
	if f.Counts != (FollowUpCounts{Open: 4, Overdue: 2, DoneInPeriod: 2, DroppedInPeriod: 1}) {
		t.Errorf("counts %+v", f.Counts)
	}
	if len(f.Open) == 0 || f.Open[0].Actions[0].Action.ID != "rg-2026-03-a2" || f.Open[0].Actions[0].Action.DaysOverdue(d("2026-11-28")) != 181 {
		t.Errorf("the most overdue action does not come first: %+v", f.Open)
	}
	var meetings []string
	for _, m := range f.Meetings {
		meetings = append(meetings, m.Event.ID)
	}
	if strings.Join(meetings, " ") != "som-2026 rg-2027-03" {
		t.Errorf("meetings ahead %v", meetings)
	}
	if g := followUpReport(t, plans, 2026, d("2026-11-28"), d("2026-11-01")).FollowUp; g.Counts.DoneInPeriod != 1 || g.Counts.DroppedInPeriod != 0 {
		t.Errorf("since 1 Nov: %+v", g.Counts)
	}
	h := followUpReport(t, plans, 2027, d("2027-01-10"), time.Time{}).FollowUp
	if h.Counts.Open != 4 || h.Counts.DoneInPeriod != 0 || len(h.Meetings) != 1 || h.Meetings[0].Event.ID != "rg-2027-03" {
		t.Errorf("2027: %+v, meetings %v", h.Counts, h.Meetings)
	}
	// a plan with no action: no section in text, zero counts in JSON
	r := Status(loadPublished(t), d("2026-11-27"))
	r.AddFollowUp([]*workplan.Plan{r.Plan}, time.Time{})
	var b bytes.Buffer
	_ = present.WriteText(&b, r.Doc())
	if strings.Contains(b.String(), "\nFollow-up\n") {
		t.Errorf("a plan with no action shows a follow-up section")
	}
}
