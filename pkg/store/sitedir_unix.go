//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processGone reports whether no process pid runs on this machine; known
// is false when it cannot tell. A process of another user counts as
// running (kill answers EPERM).
func processGone(pid int) (gone, known bool) {
	if pid <= 0 {
		return false, false
	}
	err := syscall.Kill(pid, 0)
	if errors.Is(err, syscall.ESRCH) {
		return true, true
	}
	return false, err == nil || errors.Is(err, syscall.EPERM)
}
