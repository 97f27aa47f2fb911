//go:build unix

package store

import (
	"errors"
	"io/fs"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// linkCount is the number of hard links to the file st describes.
func linkCount(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}

// sameOwner reports whether the files a and b have one owner and group.
func sameOwner(a, b fs.FileInfo) bool {
	x, ok1 := a.Sys().(*syscall.Stat_t)
	y, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && x.Uid == y.Uid && x.Gid == y.Gid
}

// readOnly reports whether the user may not write the file st describes
// (at path): as ls shows it, for its owner and for root (whom the system
// lets write anything), the owner's write bit; for another user, what
// the system says (access(2)).
func readOnly(path string, st fs.FileInfo) bool {
	me := os.Geteuid()
	if s, ok := st.Sys().(*syscall.Stat_t); !ok || me == 0 || int(s.Uid) == me {
		return st.Mode().Perm()&0o200 == 0
	}
	return syscall.Access(path, 2 /* W_OK */) != nil
}

// keepOwner gives f the owner and group of the file old describes, as
// far as the user may: root keeps both; another user cannot give a file
// away, but can keep a group it belongs to. What is not permitted is
// left as the system made it.
func keepOwner(f *os.File, old fs.FileInfo) error {
	o, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if n, ok := st.Sys().(*syscall.Stat_t); ok && n.Uid == o.Uid && n.Gid == o.Gid {
		return nil
	}
	err = f.Chown(int(o.Uid), int(o.Gid))
	if notPermitted(err) {
		err = f.Chown(-1, int(o.Gid))
	}
	if notPermitted(err) {
		return nil
	}
	return err
}

func notPermitted(err error) bool {
	// EINVAL: an id the file system or user namespace cannot map.
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL)
}

// dieBy ends the process by sig, as if bp had not caught it, so that the
// shell sees the usual status (130 for SIGINT, 143 for SIGTERM).
func dieBy(sig os.Signal) {
	s, ok := sig.(syscall.Signal)
	if !ok {
		s = syscall.SIGTERM
	}
	signal.Reset(sig)
	_ = syscall.Kill(os.Getpid(), s)
	time.Sleep(time.Second) // the signal normally ends the process well before this
	os.Exit(128 + int(s))
}
