package synth

import (
	"os"
	"strconv"
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

// TestWriteSynthetic writes a synthetic plan for timing whole commands:
//
//	BP_SYNTH_N=100000 BP_SYNTH_OUT=/tmp/plan-100k.yaml go test ./pkg/internal/synth -run WriteSynthetic
func TestWriteSynthetic(t *testing.T) {
	out := os.Getenv("BP_SYNTH_OUT")
	if out == "" {
		t.Skip("set BP_SYNTH_OUT (and BP_SYNTH_N) to write a synthetic plan")
	}
	n, err := strconv.Atoi(os.Getenv("BP_SYNTH_N"))
	if err != nil || n < 1 {
		t.Fatalf("BP_SYNTH_N must be a positive number of events, got %q", os.Getenv("BP_SYNTH_N"))
	}
	if err := os.WriteFile(out, Plan(n, 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
