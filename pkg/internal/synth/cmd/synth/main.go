// Command synth writes a synthetic workplan (see package synth) of any
// size, for timing whole bp commands on plans larger than any real one:
//
//	go run ./pkg/internal/synth/cmd/synth -n 100000 -o /tmp/plan-100k.yaml
//	bp validate --max-size 100000000 /tmp/plan-100k.yaml
//
// The same flags give the same bytes. -revision 2 gives the plan as
// re-issued (every tenth event a day later), for timing bp diff. -year
// gives the plan of another year; plans of several years form a valid
// set (a workplans/ directory):
//
//	for y in 2026 2027 2028; do go run ./pkg/internal/synth/cmd/synth -n 1000 -year $y -o plans/$y.yaml; done
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/icmpd/bp/pkg/internal/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command: 0 on success, 2 on bad usage or a failed write.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of `events`")
	rev := fs.Int("revision", 1, "the plan's `revision`; above 1 moves every tenth event a day later")
	year := fs.Int("year", synth.DefaultYear, "the plan's `year` (1900 to 9999)")
	out := fs.String("o", "-", "write the plan to `file` (- for standard output)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *n < 1 || *rev < 1 || *year < 1900 || *year > 9999 {
		fmt.Fprintln(stderr, "synth: want -n and -revision of at least 1, -year from 1900 to 9999, and no arguments")
		fs.Usage()
		return 2
	}
	data := synth.PlanOf(*n, *rev, *year)
	if *out == "-" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "synth: %v\n", err)
			return 2
		}
		return 0
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "synth: wrote %s (%d events, %d bytes)\n", *out, *n, len(data))
	return 0
}
