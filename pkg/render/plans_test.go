package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

func loadYear(t *testing.T, path string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := workplan.Check(path, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", path, diags)
	}
	return p
}

// TestEventsOfSeveralPlans: an event read from a plan is shown with its
// own plan (its groups, time zone, the plan named), whatever plan the
// writer is given: a list of several plan years passes one.
func TestEventsOfSeveralPlans(t *testing.T) {
	p26 := loadYear(t, "../../testdata/years/two/2026.yaml")
	p27 := loadYear(t, "../../testdata/years/two/2027.yaml")
	p27.TimeZone = "Asia/Tashkent" // the zone of events without their own (UTC+5; 2026's is Vienna's)
	e := p27.Event("rg-2027-03")
	e.StartTime = workplan.ClockAt(9, 0)
	var b bytes.Buffer
	if err := present.WriteText(&b, EventDoc(p26, e, present.Internal, time.Time{})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"  Plan          Budapest Process Workplan 2027\n", "09:00 UTC+5", "  Groups        Reference Group\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("EventDoc lacks %q:\n%s", want, b.String())
		}
	}
	if j := NewEventJSON(p26, e); j.TimeZone == nil || *j.TimeZone != "Asia/Tashkent" {
		t.Errorf("NewEventJSON time zone %v, want the event's plan's", j.TimeZone)
	}
	// An event not read from a plan is shown with the plan given.
	hand := &workplan.Event{ID: "x", Title: "X", StartTime: workplan.ClockAt(10, 0)}
	if j := NewEventJSON(p27, hand); j.TimeZone == nil || *j.TimeZone != "Asia/Tashkent" {
		t.Errorf("NewEventJSON of a hand-made event: time zone %v", j.TimeZone)
	}
}
