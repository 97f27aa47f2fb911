package report

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

func d(s string) time.Time {
	t, err := workplan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
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
	for _, s := range present.States {
		if r.Counts[s] == 0 {
			t.Errorf("no event of the fixture is %s as of 2026-06-17", s.Label())
		}
	}
	if r.Counts.Total() != len(r.Plan.Events) {
		t.Errorf("counted %d events, the plan has %d", r.Counts.Total(), len(r.Plan.Events))
	}
	// Next: every meeting within 30 days (one), and at least three.
	var next []string
	for _, es := range r.Next {
		next = append(next, es.Event.ID)
	}
	if !slices.Equal(next, []string{"webinar-labour", "twg-data-2026-09", "webinar-protection"}) {
		t.Errorf("next = %v, want webinar-labour, twg-data-2026-09, webinar-protection", next)
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
	if err := present.WriteJSON(&a, Status(plan, d("2026-06-17")).JSON()); err != nil {
		t.Fatal(err)
	}
	if err := present.WriteJSON(&b, Status(plan, d("2026-06-17").Add(23*time.Hour+59*time.Minute)).JSON()); err != nil {
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
	if err := present.WriteJSON(&buf, Status(plan, d("2026-06-17")).JSON()); err != nil {
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
		"text":     func(r *Report, b *bytes.Buffer) error { return present.WriteText(b, r.Doc()) },
		"markdown": func(r *Report, b *bytes.Buffer) error { return present.WriteMarkdown(b, r.Doc()) },
		"html":     func(r *Report, b *bytes.Buffer) error { return present.WriteHTML(b, r.Doc()) },
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
	if err := present.WriteHTML(&buf, Status(plan, d("2026-06-17")).Doc()); err != nil {
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
