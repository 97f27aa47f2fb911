package present

// The golden package defines -update; importing it here lets
// `go test ./pkg/... -run X -update` run in every package, including
// those without golden files.
import _ "github.com/icmpd/bp/pkg/internal/golden"
