package main

import "flag"

// cmd/gen-docs has no golden files, and cannot import pkg/internal/golden (an
// internal package of pkg/); it declares -update itself so that
// `go test ./... -run X -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (this package has none)")
