// Command bp manages the Budapest Process workplan: see `bp --help`.
package main

import (
	"os"
	"time"

	"github.com/icmpd/bp/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, time.Now))
}
