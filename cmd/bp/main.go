// Command bp manages the Budapest Process workplan: see `bp --help`.
package main

import (
	"os"
	"time"
	// The binary carries the IANA zone data, so that event times and the
	// calendar's VTIMEZONEs come out the same on a host without zone
	// files (a scratch container, Windows). A program, not a library,
	// makes that choice (see the time/tzdata package doc).
	_ "time/tzdata"

	"github.com/icmpd/bp/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}
