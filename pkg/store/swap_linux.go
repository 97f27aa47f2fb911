//go:build linux

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// ErrNoExchange says that the system cannot swap two directories in one
// rename; the swap then uses two.
var ErrNoExchange = errors.New("the file system cannot exchange two names")

// exchangeDirs swaps the directories at a and b in one step
// (renameat2 RENAME_EXCHANGE, Linux 3.15): every reader sees one or the
// other, never neither.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return ErrNoExchange
	}
	return err
}

// syncTree makes the files written under dir durable before the swap
// publishes them: one syncfs(2) for the file system dir is on, not one
// fsync per file (a site of 10,000 events has 20,000 files, and an fsync
// costs milliseconds).
func syncTree(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
