package testtool

import "flag"

// testtool has no golden files, and pkg/internal/golden imports it, so
// its tests cannot import golden; it declares -update itself so that
// `go test ./... -run X -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (this package has none)")
