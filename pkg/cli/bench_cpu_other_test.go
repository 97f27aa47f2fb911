//go:build !unix

package cli

import "time"

// cpuTime is not measured here; see bench_cpu_unix_test.go.
func cpuTime() (time.Duration, bool) { return 0, false }
