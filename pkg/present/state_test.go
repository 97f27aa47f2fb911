package present

import (
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

func d(s string) time.Time {
	t, err := workplan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func month(s string) time.Time { return d(s + "-01") }

func TestClassify(t *testing.T) {
	asOf := d("2026-06-17")
	place := &workplan.Location{Place: workplan.Place{City: "Vienna", Country: "Austria"}}
	tbcPlace := &workplan.Location{Alternatives: []workplan.Place{{City: "A"}, {City: "B"}}, TBC: true}
	outcome := func(rec string) *workplan.Outcome { return &workplan.Outcome{Summary: "done", Recorded: d(rec)} }
	cases := []struct {
		name      string
		e         workplan.Event
		want      State
		toGo      int
		since     int
		detailHas string
	}{
		{"cancelled wins over an outcome-free past", workplan.Event{Start: d("2026-03-01"), End: d("2026-03-01"), Status: "cancelled"}, Cancelled, -1, -1, "will not"},
		{"cancelled in the future", workplan.Event{Start: d("2026-09-01"), End: d("2026-09-01"), Status: "cancelled"}, Cancelled, -1, -1, ""},
		{"postponed", workplan.Event{Start: d("2026-07-01"), End: d("2026-07-02"), Status: "postponed"}, Postponed, -1, -1, "postponed"},
		{"held with outcome", workplan.Event{Start: d("2026-03-01"), End: d("2026-03-02"), Status: "held", Outcome: outcome("2026-03-03")}, Held, -1, -1, "recorded 3 Mar 2026"},
		{"outcome recorded on the as-of day", workplan.Event{Start: d("2026-06-10"), End: d("2026-06-10"), Status: "held", Outcome: outcome("2026-06-17")}, Held, -1, -1, ""},
		{"outcome while still planned counts", workplan.Event{Start: d("2026-06-10"), End: d("2026-06-10"), Status: "planned", Outcome: outcome("2026-06-11")}, Held, -1, -1, ""},
		{"outcome recorded after the as-of day does not count yet", workplan.Event{Start: d("2026-06-10"), End: d("2026-06-10"), Status: "held", Outcome: outcome("2026-06-20")}, FollowUp, -1, 7, "marked held"},
		{"outcome on the first day of a running event", workplan.Event{Start: d("2026-06-16"), End: d("2026-06-18"), Status: "held", Outcome: outcome("2026-06-16")}, Held, -1, -1, ""},
		{"held status without outcome", workplan.Event{Start: d("2026-03-17"), End: d("2026-03-18"), Status: "held"}, FollowUp, -1, 91, "marked held, but ended 91 days ago"},
		{"passed, planned", workplan.Event{Start: d("2026-06-16"), End: d("2026-06-16"), Status: "planned"}, FollowUp, -1, 1, "ended yesterday"},
		{"passed, date was TBC", workplan.Event{Start: d("2026-05-01"), End: d("2026-05-01"), DateTBC: true, Status: "planned"}, FollowUp, -1, 47, ""},
		{"passed, place was TBC", workplan.Event{Start: d("2026-05-01"), End: d("2026-05-01"), Location: tbcPlace, Status: "planned"}, FollowUp, -1, 47, ""},
		{"running", workplan.Event{Start: d("2026-06-16"), End: d("2026-06-18"), Status: "confirmed"}, InProgress, -1, -1, "until 18 Jun"},
		{"one day, today", workplan.Event{Start: d("2026-06-17"), End: d("2026-06-17"), Status: "planned"}, InProgress, -1, -1, "today"},
		{"running with the day TBC", workplan.Event{Start: d("2026-06-17"), End: d("2026-06-17"), DateTBC: true, Status: "planned"}, InProgress, -1, -1, ""},
		{"last day today", workplan.Event{Start: d("2026-06-15"), End: d("2026-06-17"), Status: "planned"}, InProgress, -1, -1, ""},
		{"month passed, no day", workplan.Event{Month: month("2026-05"), DateTBC: true, Status: "planned"}, Overdue, -1, 17, "May passed"},
		{"month is this month", workplan.Event{Month: month("2026-06"), DateTBC: true, Status: "planned"}, ToConfirm, -1, -1, "day TBC"},
		{"month ahead", workplan.Event{Month: month("2026-09"), DateTBC: true, Status: "planned"}, ToConfirm, 76, -1, "in 76 days; day TBC"},
		{"day TBC ahead", workplan.Event{Start: d("2026-10-05"), End: d("2026-10-05"), DateTBC: true, Status: "planned"}, ToConfirm, 110, -1, "day TBC"},
		{"place TBC ahead", workplan.Event{Start: d("2026-09-22"), End: d("2026-09-23"), Location: tbcPlace, Status: "planned"}, ToConfirm, 97, -1, "place TBC"},
		{"day and place TBC", workplan.Event{Start: d("2026-09-22"), End: d("2026-09-23"), DateTBC: true, Location: tbcPlace, Status: "planned"}, ToConfirm, 97, -1, "day and place TBC"},
		{"upcoming", workplan.Event{Start: d("2026-07-08"), End: d("2026-07-08"), Location: place, Status: "confirmed"}, Upcoming, 21, -1, "in 21 days"},
		{"tomorrow", workplan.Event{Start: d("2026-06-18"), End: d("2026-06-19"), Status: "planned"}, Upcoming, 1, -1, "tomorrow"},
		{"held status in the future is still ahead", workplan.Event{Start: d("2026-07-08"), End: d("2026-07-08"), Status: "held"}, Upcoming, 21, -1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := c.e
			if e.Month.IsZero() && !e.Start.IsZero() {
				e.Month = time.Date(e.Start.Year(), e.Start.Month(), 1, 0, 0, 0, 0, time.UTC)
			}
			got := Classify(&e, asOf)
			if got.State != c.want || got.DaysToGo != c.toGo || got.DaysSince != c.since {
				t.Errorf("got %s (to go %d, since %d), want %s (to go %d, since %d)",
					got.State, got.DaysToGo, got.DaysSince, c.want, c.toGo, c.since)
			}
			if !strings.Contains(got.Detail(), c.detailHas) {
				t.Errorf("detail %q does not contain %q", got.Detail(), c.detailHas)
			}
		})
	}
}

// TestStatesComplete checks that every state has an id, a label, a short
// word and a meaning, all distinct.
func TestStatesComplete(t *testing.T) {
	if len(States) != int(numStates) {
		t.Fatalf("States lists %d states, want %d", len(States), numStates)
	}
	seen := map[[2]string]bool{}
	for i, s := range States {
		if int(s) != i {
			t.Errorf("States[%d] = %d: out of order", i, s)
		}
		for kind, v := range []string{s.String(), s.Label(), s.Short(), s.Doc()} {
			k := [2]string{string(rune('0' + kind)), v}
			if v == "" || seen[k] {
				t.Errorf("state %d: empty or repeated text %q", s, v)
			}
			seen[k] = true
		}
	}
}
