package report

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// loadBriefYears reads the follow-up fixture's three plan years (2028
// has a joint meeting of two groups).
func loadBriefYears(t testing.TB) []*workplan.Plan {
	t.Helper()
	plans := loadYears(t)
	name := "../../testdata/actions/2028.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := workplan.Check(name, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", name, diags)
	}
	return append(plans, p)
}

func eventOf(t testing.TB, plans []*workplan.Plan, id string) *workplan.Event {
	t.Helper()
	for _, p := range plans {
		if e := p.Event(id); e != nil {
			return e
		}
	}
	t.Fatalf("no event %q", id)
	return nil
}

// TestBriefPrevious: the previous meeting of a group is the latest one
// before the event in any plan year, given in any order; a cancelled
// meeting is not one; an outcome recorded after the brief's day is not
// shown; Any says whether there is more than the facts.
func TestBriefPrevious(t *testing.T) {
	plans := loadBriefYears(t)
	reversed := []*workplan.Plan{plans[2], plans[1], plans[0]}
	b := NewBriefs(reversed)
	rg := b.Brief(eventOf(t, plans, "rg-2027-03"), d("2026-11-28"))
	if rg.Previous[0].Event == nil || rg.Previous[0].Event.ID != "rg-2026-10" || rg.Previous[0].Outcome == nil || !rg.Any() {
		t.Errorf("rg-2027-03: previous %+v", rg.Previous)
	}
	// as of the day before rg-2026-10's outcome was recorded
	early := b.Brief(eventOf(t, plans, "rg-2027-03"), d("2026-10-19"))
	if early.Previous[0].Event.ID != "rg-2026-10" || early.Previous[0].Outcome != nil {
		t.Errorf("an outcome recorded later is shown: %+v", early.Previous[0])
	}
	if s := early.Previous[0].Says(early.AsOf); !strings.Contains(s, "its outcome is not recorded") {
		t.Errorf("says %q", s)
	}
	// a cancelled meeting is not a previous meeting
	data, err := os.ReadFile("../../testdata/actions/2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "start: 2026-10-14\n    format: online\n    status: held", "start: 2026-10-14\n    format: online\n    status: cancelled", 1)
	p26, _ := workplan.Check("2026.yaml", []byte(text), workplan.DefaultLimits, workplan.Options{})
	if p26 == nil || p26.Event("rg-2026-10").Status != workplan.StatusCancelled {
		t.Fatal("could not cancel rg-2026-10")
	}
	withCancelled := []*workplan.Plan{p26, plans[1]}
	if got := NewBriefs(withCancelled).Brief(eventOf(t, withCancelled, "rg-2027-03"), d("2026-11-28")).Previous[0].Event; got == nil || got.ID != "rg-2026-03" {
		t.Errorf("with rg-2026-10 cancelled, the previous meeting is %v, want rg-2026-03", got)
	}
	joint := b.Brief(eventOf(t, plans, "joint-2028-02"), d("2026-11-28"))
	if len(joint.Previous) != 2 || joint.Previous[0].Event.ID != "rg-2027-03" || joint.Previous[1].Event.ID != "twg-return-2027-05" {
		t.Errorf("joint-2028-02: %+v", joint.Previous)
	}
	web := b.Brief(eventOf(t, plans, "webinar-data-2026"), d("2026-11-28"))
	if web.Any() || len(web.Previous) != 0 {
		t.Errorf("the cancelled webinar's brief has content: %+v", web)
	}
}

// TestBriefForPublic: the brief built for the public leaves out the
// actions owed and the products, and its sections as the public reads
// them are those of the whole brief, for every event of the fixture's
// three years (2026's actions made public) on days before, in and after
// them.
func TestBriefForPublic(t *testing.T) {
	plans := loadBriefYears(t)
	data, err := os.ReadFile("../../testdata/actions/2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\n          reportTo:", "\n          public: true\n          reportTo:")
	p26, diags := workplan.Check("2026.yaml", []byte(text), workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("2026 with public actions: %v", diags)
	}
	plans[0] = p26
	b := NewBriefs(plans)
	shown := 0
	link := func(id string) string { return id + ".html" }
	var owed, products int
	for _, day := range []string{"2026-01-01", "2026-11-28", "2027-06-01", "2029-01-01"} {
		for _, p := range plans {
			for _, e := range p.Events {
				full, public := b.Brief(e, d(day)), b.BriefFor(e, d(day), present.Public)
				owed += len(full.Owed)
				shown += len(full.visible(full.ToReport, present.Public))
				products += len(full.Products)
				if len(public.Owed)+len(public.Products) > 0 {
					t.Errorf("%s on %s: the public brief has %d owed and %d products", e.ID, day, len(public.Owed), len(public.Products))
				}
				var want, got bytes.Buffer
				if err := present.WriteHTMLFragment(&want, full.Sections(present.Public, link)...); err != nil {
					t.Fatal(err)
				}
				if err := present.WriteHTMLFragment(&got, public.Sections(present.Public, link)...); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("%s on %s: the public brief reads\n%s\nthe whole brief, for the public\n%s", e.ID, day, got.String(), want.String())
				}
			}
		}
	}
	if owed == 0 || products == 0 || shown == 0 {
		t.Errorf("the fixture's briefs have %d actions owed, %d products and %d public actions to report: too little to check",
			owed, products, shown)
	}
}
