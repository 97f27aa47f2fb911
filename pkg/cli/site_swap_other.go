//go:build !linux

package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// errNoExchange says that the system cannot swap two directories in one
// rename; swapDir then uses two.
var errNoExchange = errors.New("the system cannot exchange two names")

// exchangeDirs is not available here.
var exchangeDirs = func(a, b string) error { return errNoExchange }

// syncTree makes the files written under dir durable before the swap
// publishes them: an fsync of each file and directory.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil && !d.IsDir() {
			return err // a directory that cannot be synced is fine (Windows)
		}
		return nil
	})
}
