package workplan_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/measure"
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

// BenchmarkCheckVsNode is what `bp validate` does with a file (load and
// validate, [workplan.Check]) against the floor, a bare yaml.v3 decode of
// the same file into a yaml.Node, in turn in each round, each from a
// collected heap. cpu-x is the median of the rounds' ratios of CPU time
// (user + system, the collector's threads included), -lo and -hi the
// lowest and highest; alloc-x the bytes allocated, Check's over the
// decode's; node-cpu-ms and check-cpu-ms the medians. Issue 22's target
// is 1.2 at 100,000 events; BenchmarkScale in pkg/cli measures whole
// processes, peak memory included:
//
//	go test ./pkg/workplan -run '^$' -bench 'CheckVsNode/100000' -benchtime 7x
func BenchmarkCheckVsNode(b *testing.B) {
	if _, ok := measure.Self(); !ok {
		b.Skip("this system does not report a process's CPU time")
	}
	for _, n := range benchSizes[1:] {
		data := synth.Plan(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			// each returns its CPU time and the bytes it allocated
			timed := func(f func()) (float64, float64) {
				var m0, m1 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				c0, _ := measure.Self()
				f()
				c1, _ := measure.Self()
				runtime.ReadMemStats(&m1)
				return (c1 - c0).Seconds(), float64(m1.TotalAlloc - m0.TotalAlloc)
			}
			var nodeCPU, checkCPU, nodeAlloc, checkAlloc []float64
			for b.Loop() {
				c, a := timed(func() {
					var doc yaml.Node
					if err := yaml.Unmarshal(data, &doc); err != nil {
						b.Fatal(err)
					}
				})
				nodeCPU, nodeAlloc = append(nodeCPU, c), append(nodeAlloc, a)
				c, a = timed(func() {
					plan, diags := workplan.Check("bench.yaml", data, noLimits, workplan.Options{Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
					if plan == nil || workplan.HasErrors(diags) {
						b.Fatalf("invalid synthetic plan: %v", diags[:min(3, len(diags))])
					}
				})
				checkCPU, checkAlloc = append(checkCPU, c), append(checkAlloc, a)
			}
			ratios := measure.Ratios(checkCPU, nodeCPU)
			b.ReportMetric(measure.Median(ratios), "cpu-x")
			b.ReportMetric(slices.Min(ratios), "cpu-lo-x")
			b.ReportMetric(slices.Max(ratios), "cpu-hi-x")
			b.ReportMetric(measure.Median(measure.Ratios(checkAlloc, nodeAlloc)), "alloc-x")
			b.ReportMetric(measure.Median(nodeCPU)*1000, "node-cpu-ms")
			b.ReportMetric(measure.Median(checkCPU)*1000, "check-cpu-ms")
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
