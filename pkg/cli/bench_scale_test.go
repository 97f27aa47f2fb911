package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/icmpd/bp/pkg/internal/measure"
	"github.com/icmpd/bp/pkg/internal/synth"
)

// BenchmarkScale reads a synthetic plan of 10,000 or 100,000 events (3.2
// or 31.6 MB) in whole processes, in turn: the floor, a bare yaml.v3
// decode of the file into a yaml.Node (pkg/internal/measure/cmd/yamlnode),
// then `bp validate`, then `bp list -o json` (to /dev/null), each built
// here with a plain `go build`:
//
//	go test ./pkg/cli -run '^$' -bench 'Scale/100000' -benchtime 7x
//
// Every figure is a median over the b.N rounds, and a ratio is the median
// of the rounds' own ratios, so that a round slowed by other work on the
// machine is compared with itself. validate-cpu-x is bp validate's CPU
// time (user + system) over the floor's (issue 22's target at 100,000
// events: 1.2 or less), validate-cpu-lo-x and -hi-x the lowest and
// highest of the rounds; list-peak-x is bp list -o json's peak resident
// memory over the floor's (target: 1.3 or less), which the machine's
// load does not move. The -cpu-s and -MiB figures are the medians
// themselves.
func BenchmarkScale(b *testing.B) {
	if testing.Short() {
		b.Skip("builds two binaries and reads plans of up to 100,000 events")
	}
	dir := b.TempDir()
	repo, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	bp, node := filepath.Join(dir, "bp"), filepath.Join(dir, "yamlnode")
	for bin, pkg := range map[string]string{bp: "./cmd/bp", node: "./pkg/internal/measure/cmd/yamlnode"} {
		build := exec.Command("go", "build", "-o", bin, pkg)
		build.Dir = repo
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	for _, n := range []int{10_000, 100_000} {
		plan := filepath.Join(dir, fmt.Sprintf("plan-%d.yaml", n))
		if err := os.WriteFile(plan, synth.Plan(n, 1), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			run := func(bin string, args ...string) measure.Usage {
				cmd := exec.Command(bin, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "BP_TODAY=2026-06-01")
				// A file, not a pipe: the benchmark reads nothing back,
				// and a pipe would make bp wait on it.
				devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
				if err != nil {
					b.Fatal(err)
				}
				defer devnull.Close()
				cmd.Stdout = devnull
				u, err := measure.Run(cmd)
				if err != nil {
					b.Fatalf("%s %v: %v", filepath.Base(bin), args, err)
				}
				return u
			}
			var cpu, peak [3][]float64 // the floor, validate, list
			for b.Loop() {
				for i, u := range []measure.Usage{
					run(node, plan),
					run(bp, "--max-size", "100000000", "validate", plan),
					run(bp, "--max-size", "100000000", "-f", plan, "list", "-o", "json"),
				} {
					cpu[i] = append(cpu[i], u.CPU.Seconds())
					peak[i] = append(peak[i], float64(u.Peak)/(1<<20))
				}
			}
			ratios := measure.Ratios(cpu[1], cpu[0])
			b.ReportMetric(measure.Median(ratios), "validate-cpu-x")
			b.ReportMetric(slices.Min(ratios), "validate-cpu-lo-x")
			b.ReportMetric(slices.Max(ratios), "validate-cpu-hi-x")
			b.ReportMetric(measure.Median(measure.Ratios(cpu[2], cpu[0])), "list-cpu-x")
			b.ReportMetric(measure.Median(measure.Ratios(peak[1], peak[0])), "validate-peak-x")
			b.ReportMetric(measure.Median(measure.Ratios(peak[2], peak[0])), "list-peak-x")
			for i, name := range []string{"node", "validate", "list"} {
				b.ReportMetric(measure.Median(cpu[i]), name+"-cpu-s")
				b.ReportMetric(measure.Median(peak[i]), name+"-MiB")
			}
		})
	}
}
