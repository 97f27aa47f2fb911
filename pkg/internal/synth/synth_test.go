package synth

import (
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
