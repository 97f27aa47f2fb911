//go:build !unix

package workplan

import "time"

// cpuTime cannot read CPU time here: -1 makes the hostile tests bound
// wall time instead.
func cpuTime() time.Duration { return -1 }
