//go:build unix

package cli

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far, user and system,
// every thread (GC included). A benchmark that reports it per operation
// is steadier than wall time on a machine busy with other work.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
