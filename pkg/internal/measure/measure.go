// Package measure takes the figures bp's benchmarks compare on a machine
// shared with other work: CPU time (user and system, every thread, the
// garbage collector included), which other processes' load barely moves,
// and the peak resident memory of a whole process, which they do not move
// at all. Wall time is kept too, but ratios are quoted from medians of
// alternating runs, never from one run.
package measure

import (
	"os/exec"
	"slices"
	"time"
)

// Usage is what one run cost.
type Usage struct {
	CPU  time.Duration // user + system
	Wall time.Duration
	Peak int64 // the process's peak resident set, in bytes; 0 where unknown
}

// Run runs cmd to its end and returns what it cost. A command that ran
// and failed returns its usage with the *exec.ExitError.
func Run(cmd *exec.Cmd) (Usage, error) {
	start := time.Now()
	err := cmd.Run()
	u := Usage{Wall: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		u.CPU = ps.UserTime() + ps.SystemTime()
		u.Peak = peak(ps)
	}
	return u, err
}

// Self returns the CPU time this process has used so far, and false where
// the system does not say.
func Self() (time.Duration, bool) { return selfCPU() }

// Median returns the middle of xs (the mean of the two middle values for
// an even count); 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Ratios returns a[i]/b[i] for each pair of alternating runs.
func Ratios(a, b []float64) []float64 {
	out := make([]float64, 0, min(len(a), len(b)))
	for i := range min(len(a), len(b)) {
		if b[i] != 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}
