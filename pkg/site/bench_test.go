package site

import (
	"io"
	"testing"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/workplan"
)

// BenchmarkBuild renders a whole site in memory (no disk): the 2026 plan
// as first published, and synthetic plans of 1,000 and 10,000 events.
func BenchmarkBuild(b *testing.B) {
	plans := map[string]*workplan.Plan{"2026": load(b, published2026)}
	for _, n := range []int{1_000, 10_000} {
		data := synth.Plan(n, 1)
		p, diags := workplan.Check("synth.yaml", data, workplan.DefaultLimits, workplan.Options{})
		if workplan.HasErrors(diags) {
			b.Fatalf("synthetic plan: %v", workplan.Errors(diags))
		}
		plans[map[int]string{1_000: "1000", 10_000: "10000"}[n]] = p
	}
	for _, name := range []string{"2026", "1000", "10000"} {
		p := plans[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			s := &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-06-15"), BaseURL: "https://example.org/plans/"}
			var bytes int64
			for b.Loop() {
				bytes = 0
				err := s.Build(func(_ string, write func(io.Writer) error) error {
					cw := &counter{}
					err := write(cw)
					bytes += cw.n
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bytes)/1e6, "MB/site")
		})
	}
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
