//go:build unix

package cli

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
func lockDir(dir string, wait time.Duration) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	deadline := time.Now().Add(wait)
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
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another bp is changing the plans in %s; nothing was written: try again when it is done", dir)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
