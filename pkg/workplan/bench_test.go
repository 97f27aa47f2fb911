package workplan_test

import (
	"fmt"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/workplan"
)

var benchSizes = []int{1_000, 10_000, 100_000}

var noLimits = workplan.Limits{}

func perEvent(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
}

// BenchmarkYAMLNode is the floor: a bare yaml.v3 decode of the same file
// into yaml.Node, which every bp command pays before anything else.
func BenchmarkYAMLNode(b *testing.B) {
	for _, n := range benchSizes {
		data := synth.Plan(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var doc yaml.Node
				if err := yaml.Unmarshal(data, &doc); err != nil {
					b.Fatal(err)
				}
			}
			perEvent(b, n)
		})
	}
}

// BenchmarkCheck loads and validates: what `bp validate` does per file.
func BenchmarkCheck(b *testing.B) {
	for _, n := range benchSizes {
		data := synth.Plan(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				plan, diags := workplan.Check("bench.yaml", data, noLimits, workplan.Options{Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
				if plan == nil || workplan.HasErrors(diags) {
					b.Fatalf("invalid synthetic plan: %v", diags[:min(3, len(diags))])
				}
			}
			perEvent(b, n)
		})
	}
}

// BenchmarkSelect filters a loaded plan by month, as `bp list --month`.
func BenchmarkSelect(b *testing.B) {
	for _, n := range benchSizes {
		plan, _ := workplan.Parse("bench.yaml", synth.Plan(n, 1), noLimits)
		first, last, _ := workplan.ParseMonth("june", 2026)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(plan.Select(workplan.Filter{From: first, To: last})) == 0 {
					b.Fatal("no events in June")
				}
			}
			perEvent(b, n)
		})
	}
}
