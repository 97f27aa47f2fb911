//go:build !unix

package store

import (
	"io/fs"
	"os"
	"syscall"
)

// linkCount is the number of hard links to the file st describes; this
// system does not tell bp, so it is taken as one.
func linkCount(fs.FileInfo) uint64 { return 1 }

// sameOwner reports whether the files a and b have one owner: here files
// have no Unix owner.
func sameOwner(a, b fs.FileInfo) bool { return true }

// readOnly reports whether the file st describes is read-only (on
// Windows, its read-only attribute).
func readOnly(_ string, st fs.FileInfo) bool { return st.Mode().Perm()&0o200 == 0 }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }

// dieBy ends the process with the status a shell gives a process ended
// by sig (130 for an interrupt, 143 for SIGTERM).
func dieBy(sig os.Signal) {
	code := 130
	if sig == syscall.SIGTERM {
		code = 143
	}
	os.Exit(code)
}
