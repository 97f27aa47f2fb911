package report

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
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

func loadFixture(t testing.TB) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile("../../testdata/status/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check("fixture.yaml", data, workplan.DefaultLimits, workplan.Options{Today: d("2026-06-17")})
	// twg-data-2026 is marked held with no outcome on purpose (the report
	// says so): validate warns about it, and about nothing else.
	diags = slices.DeleteFunc(diags, func(dg workplan.Diagnostic) bool {
		return dg.Severity == workplan.SeverityWarning && dg.Rule == "outcome" &&
			strings.HasPrefix(dg.Message, `event "twg-data-2026": status is held, but no outcome is recorded`)
	})
	if len(diags) > 0 {
		t.Fatalf("fixture is not clean: %v", diags)
	}
	return plan
}

// loadPublished reads the 2026 plan as first published, not the live plan
// maintainers edit.
func loadPublished(t testing.TB) *workplan.Plan {
	t.Helper()
	const published = "../../testdata/plans/2026-published.yaml"
	data, err := os.ReadFile(published)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check(published, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", published, diags)
	}
	return plan
}

// TestFixtureHasEveryState keeps the fixture honest: as of its date, each
// state has at least one event.
func TestFixtureHasEveryState(t *testing.T) {
	r := Status(loadFixture(t), d("2026-06-17"))
	for _, s := range States {
		if r.Counts[s] == 0 {
			t.Errorf("no event of the fixture is %s as of 2026-06-17", s.Label())
		}
	}
	if r.Counts.Total() != len(r.Plan.Events) {
		t.Errorf("counted %d events, the plan has %d", r.Counts.Total(), len(r.Plan.Events))
	}
	if len(r.Next) != 1 || r.Next[0].Event.ID != "webinar-labour" {
		t.Errorf("next = %v, want webinar-labour", r.Next)
	}
	// som-2026 belongs to two groups and is counted in both, once each.
	var rg, som Breakdown
	for _, b := range r.ByGroup {
		switch b.ID {
		case "rg":
			rg = b
		case "som":
			som = b
		}
	}
	if rg.Counts.Total() != 4 || som.Counts.Total() != 2 {
		t.Errorf("rg %d, som %d events; want 4 and 2", rg.Counts.Total(), som.Counts.Total())
	}
	quarters := 0
	for _, b := range r.ByQuarter {
		quarters += b.Counts.Total()
	}
	if quarters != len(r.Plan.Events) {
		t.Errorf("quarters count %d events, want %d", quarters, len(r.Plan.Events))
	}
}

// TestStatusIgnoresTimeOfDay: a date with a clock time is the same day.
func TestStatusIgnoresTimeOfDay(t *testing.T) {
	plan := loadFixture(t)
	var a, b bytes.Buffer
	if err := Status(plan, d("2026-06-17")).WriteJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := Status(plan, d("2026-06-17").Add(23*time.Hour+59*time.Minute)).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("the time of day changed the report")
	}
}

// TestJSONNoNulls: lists are [] in an empty plan, never null.
func TestJSONNoNulls(t *testing.T) {
	data := []byte("formatVersion: 1\nplan: {id: empty, title: Empty, year: 2026, revision: 1, revised: 2026-01-01}\nevents: []\n")
	plan, diags := workplan.Check("empty.yaml", data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("empty plan: %v", diags)
	}
	var buf bytes.Buffer
	if err := Status(plan, d("2026-06-17")).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"states", "next", "events", "byGroup", "byType", "byQuarter", "products", "milestones"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("%s = %v, want a list", k, doc[k])
		}
	}
	// the other writers cope with an empty plan too
	for name, write := range map[string]func(*Report, *bytes.Buffer) error{
		"text":     func(r *Report, b *bytes.Buffer) error { return r.WriteText(b) },
		"markdown": func(r *Report, b *bytes.Buffer) error { return r.WriteMarkdown(b) },
		"html":     func(r *Report, b *bytes.Buffer) error { return r.WriteHTML(b) },
	} {
		var b bytes.Buffer
		if err := write(Status(plan, d("2026-06-17")), &b); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if !strings.Contains(b.String(), "no events") && !strings.Contains(b.String(), "0 events") {
			t.Errorf("%s: an empty plan does not say it has no events:\n%s", name, b.String())
		}
	}
}

// TestHTMLEscapes: text from the plan cannot add markup, and a link that
// is not http(s) is neutralised even if it got past the validator.
func TestHTMLEscapes(t *testing.T) {
	plan := loadFixture(t)
	e := plan.Event("rg-2026-01")
	e.Title = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	e.Outcome.Link = "javascript:alert(3)"
	e.Outcome.Summary = `"><b>bold</b>`
	var buf bytes.Buffer
	if err := Status(plan, d("2026-06-17")).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<img", "<b>bold", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the title is not shown, escaped")
	}
}
