package store

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// writeFileAtomic writes path (absolute) atomically, as bp writes every
// file (Session.WriteFile).
func writeFileAtomic(path string, write func(io.Writer) error) error {
	return (&Session{}).WriteFile(path, write)
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := testtool.ReadString(t, path); got != "new" {
		t.Errorf("content = %q, want new", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600", st.Mode().Perm())
	}
	if l := testtool.Leftovers(t, dir, "out.ics"); len(l) > 0 {
		t.Errorf("temporary files left behind: %v", l)
	}
}

// A full disk shows up as ENOSPC from a write: the old file must survive
// and no temporary file may remain.
func TestWriteFileAtomicFullDiskKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	os.WriteFile(path, []byte("old calendar"), 0o644)
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new cal")
		return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	if !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("error should say the old file is unchanged: %v", err)
	}
	if got := testtool.ReadString(t, path); got != "old calendar" {
		t.Errorf("old file changed to %q", got)
	}
	if l := testtool.Leftovers(t, dir, "out.ics"); len(l) > 0 {
		t.Errorf("temporary files left behind: %v", l)
	}
}

// A directory bp cannot write into: the write fails, says the old file
// is unchanged, and leaves nothing behind. A path under a regular file
// (dir/file.txt/out.ics) cannot be created by anyone, root included, so
// that failure is real wherever the tests run (CI runs them as root); a
// read-only directory is the same failure for everyone but root, whom
// directory permissions do not stop.
func TestWriteFileAtomicUnwritableDir(t *testing.T) {
	t.Run("path under a regular file", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "file.txt")
		if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		called := false
		err := writeFileAtomic(filepath.Join(file, "out.ics"), func(w io.Writer) error {
			called = true
			_, err := io.WriteString(w, "new")
			return err
		})
		if err == nil {
			t.Fatal("writing under a regular file succeeded")
		}
		if !errors.Is(err, syscall.ENOTDIR) || !strings.Contains(err.Error(), "unchanged") {
			t.Errorf("err = %v, want ENOTDIR and a word that nothing changed", err)
		}
		if called {
			t.Error("the writer ran although there is nowhere to write")
		}
		if got := testtool.ReadString(t, file); got != "old" {
			t.Errorf("file.txt changed to %q", got)
		}
		if l := testtool.Leftovers(t, dir, "file.txt"); len(l) > 0 {
			t.Errorf("files left behind: %v", l)
		}
	})
	t.Run("read-only directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root ignores directory permissions; the path under a regular file fails for root too")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "out.ics")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
		if !errors.Is(err, os.ErrPermission) {
			t.Fatalf("err = %v, want a permission error", err)
		}
		if got := testtool.ReadString(t, path); got != "old" {
			t.Errorf("old file changed to %q", got)
		}
		if l := testtool.Leftovers(t, dir, "out.ics"); len(l) > 0 {
			t.Errorf("files left behind: %v", l)
		}
	})
}

func TestWriteFileAtomicRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := writeFileAtomic(dir, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
}

// TestReplaceAll: the files are written in order; when one cannot be
// written (its temporary file vanishes before the rename, through the
// BeforeRename hook), the files written before it are put back, and the
// error says which file failed; when even that fails, it names the files
// left with the new version.
func TestReplaceAll(t *testing.T) {
	setup := func(t *testing.T) (dir string, files []Replacement) {
		dir = t.TempDir()
		for _, n := range []string{"2027.yaml", "2026.yaml"} {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("old "+n), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, Replacement{Name: filepath.Join(dir, n), Data: []byte("new " + n), Was: []byte("old " + n)})
		}
		return dir, files
	}
	read := func(t *testing.T, dir string) string {
		return testtool.ReadString(t, filepath.Join(dir, "2027.yaml")) + "|" + testtool.ReadString(t, filepath.Join(dir, "2026.yaml"))
	}
	// failAt makes the nth rename (1-based) fail, and every one after it
	// when all is set.
	failAt := func(n int, all bool) func(string) {
		calls := 0
		return func(tmp string) {
			calls++
			if calls == n || all && calls > n {
				os.Remove(tmp)
			}
		}
	}
	t.Run("both written", func(t *testing.T) {
		dir, files := setup(t)
		var order []string
		s := &Session{BeforeRename: func(tmp string) { order = append(order, filepath.Base(tmp)[:10]) }}
		if err := s.ReplaceAll(files); err != nil {
			t.Fatal(err)
		}
		if got := read(t, dir); got != "new 2027.yaml|new 2026.yaml" {
			t.Errorf("files hold %q", got)
		}
		if strings.Join(order, " ") != ".2027.yaml .2026.yaml" {
			t.Errorf("written in the order %v, want 2027 first", order)
		}
	})
	t.Run("second fails, first put back", func(t *testing.T) {
		dir, files := setup(t)
		err := (&Session{BeforeRename: failAt(2, false)}).ReplaceAll(files)
		var werr *WriteAllError
		if !errors.As(err, &werr) || werr.Name != files[1].Name || len(werr.Left) != 0 {
			t.Fatalf("err = %#v, want a WriteAllError on 2026.yaml, nothing left", err)
		}
		if got := read(t, dir); got != "old 2027.yaml|old 2026.yaml" {
			t.Errorf("files hold %q, want both as they were", got)
		}
		if l := testtool.Leftovers(t, dir, "2027.yaml", "2026.yaml"); len(l) > 0 {
			t.Errorf("files left behind: %v", l)
		}
	})
	t.Run("second fails, and so does putting back the first", func(t *testing.T) {
		dir, files := setup(t)
		err := (&Session{BeforeRename: failAt(2, true)}).ReplaceAll(files)
		var werr *WriteAllError
		if !errors.As(err, &werr) || len(werr.Left) != 1 || werr.Left[0] != files[0].Name {
			t.Fatalf("err = %v, want 2027.yaml named as left with the new version", err)
		}
		if !strings.Contains(err.Error(), "2027.yaml could not be put back") {
			t.Errorf("the message does not say what is left: %v", err)
		}
		if got := read(t, dir); got != "new 2027.yaml|old 2026.yaml" {
			t.Errorf("files hold %q", got)
		}
	})
	t.Run("a file changed on disk", func(t *testing.T) {
		dir, files := setup(t)
		files[0].Was = []byte("something else")
		err := (&Session{}).ReplaceAll(files)
		if !errors.Is(err, ErrChangedOnDisk) {
			t.Fatalf("err = %v, want ErrChangedOnDisk", err)
		}
		if got := read(t, dir); got != "old 2027.yaml|old 2026.yaml" {
			t.Errorf("files hold %q", got)
		}
	})
}

// TestLockEditSeveralFiles: two files of one directory take its lock
// once (a second flock of it would wait for the first), and unlock lets
// another edit take it.
func TestLockEditSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "2026.yaml"), filepath.Join(dir, "2027.yaml")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := &Session{}
	unlock, err := s.LockEdit(a, b)
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	unlock, err = s.LockEdit(b)
	if err != nil {
		t.Fatalf("the lock was not released: %v", err)
	}
	unlock()
}
