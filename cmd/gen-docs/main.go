// Command gen-docs writes bp's manual pages, for the release archives
// (.goreleaser.yaml runs it):
//
//	go run ./cmd/gen-docs --out .man --date 2026-12-07
//
// The pages come from bp's command tree and from the manual's topics
// (pkg/manual); the date is the release's, so the same commit gives the
// same pages.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

func main() {
	out := flag.String("out", "", "write the pages into `dir` (new, or pages written before)")
	date := flag.String("date", "", "the pages' `date`, YYYY-MM-DD or RFC 3339 (a release's commit date)")
	flag.Parse()
	d, err := workplan.ParseDate(*date)
	if err != nil {
		d, err = time.Parse(time.RFC3339, *date)
	}
	if *out == "" || err != nil || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen-docs --out DIR --date YYYY-MM-DD")
		os.Exit(2)
	}
	if err := ManPages(*out, d); err != nil {
		fmt.Fprintf(os.Stderr, "gen-docs: %v\n", err)
		os.Exit(1)
	}
}
