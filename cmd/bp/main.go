// Command bp manages the Budapest Process workplan: see `bp --help`.
package main

import (
	"os"
	"runtime/debug"
	"time"
	// The binary carries the IANA zone data, so that event times and the
	// calendar's VTIMEZONEs come out the same on a host without zone
	// files (a scratch container, Windows). A program, not a library,
	// makes that choice (see the time/tzdata package doc).
	_ "time/tzdata"

	"github.com/icmpd/bp/pkg/cli"
)

func main() {
	// A run of bp reads its plans, writes and exits: most of what it
	// allocates stays live to the end (the plan's YAML tree, the plan).
	// The collector at 200 instead of Go's 100 spares the run on a large
	// plan a last cycle that marks the whole tree again; GOGC, when set,
	// still decides. See `bp help performance`.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}
