//go:build !linux

package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNoExchange says that the system cannot swap two directories in one
// rename; the swap then uses two.
var ErrNoExchange = errors.New("the system cannot exchange two names")

// exchangeDirs is not available here.
func exchangeDirs(a, b string) error { return ErrNoExchange }

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
