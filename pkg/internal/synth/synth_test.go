package synth

import (
	"bytes"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestPlanIsValid keeps the generator honest: a benchmark over an
// invalid plan would measure the error path, not the real one.
func TestPlanIsValid(t *testing.T) {
	for _, n := range []int{1, 100, 2000} {
		data := Plan(n, 1)
		plan, diags := workplan.Check("synthetic.yaml", data, workplan.DefaultLimits, workplan.Options{})
		for _, d := range diags {
			t.Errorf("n=%d: %s", n, d)
		}
		if plan == nil || len(plan.Events) != n {
			t.Fatalf("n=%d: got %v events", n, plan)
		}
	}
}

// TestPlansOfSeveralYears: plans of several years are each valid for
// their year and together a valid set; 2026 is Plan's.
func TestPlansOfSeveralYears(t *testing.T) {
	if !bytes.Equal(PlanOf(300, 2, 2026), Plan(300, 2)) {
		t.Error("PlanOf(…, 2026) differs from Plan")
	}
	var plans []*workplan.Plan
	for _, y := range []int{2026, 2027, 2028, 2032} {
		p, diags := workplan.Check("synthetic.yaml", PlanOf(500, 1, y), workplan.DefaultLimits, workplan.Options{})
		for _, d := range diags {
			t.Errorf("year %d: %s", y, d)
		}
		if p == nil || p.Year != y || len(p.Events) != 500 {
			t.Fatalf("year %d: %+v", y, p)
		}
		plans = append(plans, p)
	}
	if _, diags := workplan.NewSet(plans...); len(diags) > 0 {
		t.Errorf("the plans of four years are not a valid set: %v", diags[0])
	}
}
