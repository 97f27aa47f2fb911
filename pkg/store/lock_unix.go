//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockDir takes an exclusive lock on directory dir (flock: held by this
// open file, released by unlock or when the process ends, however it
// ends), waiting up to wait for another holder. The edit commands hold it
// from reading a plan to renaming its new version into place, so that two
// of them on one file take turns: the second reads what the first wrote.
// A directory, not the file, since the rename replaces the file.
//
// The wait is timed, not dated: a timer, never the clock, which a
// session does not read.
func lockDir(dir string, wait time.Duration) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			if errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.ENOLCK) {
				// a file system without locks: the check before the
				// rename still refuses a lost update
				return func() {}, nil
			}
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		select {
		case <-timeout.C:
			f.Close()
			return nil, fmt.Errorf("another bp is changing the plans in %s; nothing was written: try again when it is done", dir)
		default:
		}
		time.Sleep(20 * time.Millisecond)
	}
}
