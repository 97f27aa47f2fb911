package workplan_test

import (
	"testing"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/workplan"
)

// BenchmarkSelectText filters 10,000 events by text, as `bp list
// --search`: a query in the plan's own spelling, one in plain ASCII, an
// exonym, a word in the purpose and one that matches nothing (every
// field of every event is read).
func BenchmarkSelectText(b *testing.B) {
	plan, _ := workplan.Parse("bench.yaml", synth.Plan(10_000, 1), noLimits)
	for _, q := range []string{"Türkiye", "turkiye", "turkey", "collaboration", "nowhere at all"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(plan.Select(workplan.Filter{Text: q}))
			}
			b.ReportMetric(float64(n), "matches")
			perEvent(b, 10_000)
		})
	}
}
