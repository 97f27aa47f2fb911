package yamlfmt_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// BenchmarkFormat formats synthetic plans of 1k, 10k and 100k events:
// as the generator writes them (not in bp's layout: Format must print,
// check the result and print again) and already formatted (what
// `bp fmt --check` meets in CI: one print equal to the input). check/
// is Check, what `bp fmt --check` runs. Compare with workplan's
// BenchmarkCheck, the work of `bp validate`:
//
//	go test -run '^$' -bench 'Format|Check' -benchmem ./pkg/yamlfmt ./pkg/workplan
func BenchmarkFormat(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		raw := synth.Plan(n, 1)
		formatted, err := yamlfmt.Format(raw, workplan.Schema)
		if err != nil {
			b.Fatal(err)
		}
		for _, in := range []struct {
			name string
			data []byte
		}{{"raw", raw}, {"formatted", formatted}} {
			b.Run(fmt.Sprintf("%s/%d", in.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for b.Loop() {
					out, err := yamlfmt.Format(in.data, workplan.Schema)
					if err != nil {
						b.Fatal(err)
					}
					if !bytes.Equal(out, formatted) {
						b.Fatal("the output differs from the first run's")
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
			})
			b.Run(fmt.Sprintf("check/%s/%d", in.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for b.Loop() {
					ok, err := yamlfmt.Check(in.data, workplan.Schema)
					if err != nil {
						b.Fatal(err)
					}
					if ok != (in.name == "formatted") {
						b.Fatalf("Check = %v", ok)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
			})
		}
	}
}
