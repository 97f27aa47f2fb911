package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Every file bp writes (--out, --feeds, fmt -w, an edit) goes through
// writeAtomic. What it promises:
//
//   - never a partial file: the data goes to a temporary file beside the
//     target, is synced, then renamed over it; on any failure the
//     temporary file is removed and the old file is left as it was;
//   - a symlink is written through: the file it points to is replaced,
//     and the link stays a link;
//   - the old file's permission bits are kept, and its owner and group
//     where the user may set them (root keeps both; another user keeps
//     the group when they belong to it);
//   - a read-only file (no write permission for the user: chmod 444) is
//     refused, as editors refuse it: the rename would replace it all the
//     same, since it needs only the directory's permission;
//   - a file with more than one hard link is refused: a rename would
//     leave the other names with the old content, and rewriting the file
//     in place could leave it half-written, so bp writes nothing and
//     says why;
//   - SIGINT or SIGTERM during a write removes the temporary file, then
//     the process ends by that signal (the shell reports 130 or 143).
//
// Session.WriteOut adds, for files named by the user: a command never
// writes over a file it read in the same session. bp site writes a
// directory instead: built aside, then swapped in whole (sitedir.go).

// WriteOut writes the file the user named for a command's output (--out,
// --feeds). It refuses an empty name (bp never takes "" for standard
// output) and a file this session read as input, under any name.
func (s *Session) WriteOut(name string, write func(io.Writer) error) error {
	if err := s.CheckOut(name); err != nil {
		return err
	}
	return s.writeAtomic(name, s.Path(name), write, nil)
}

// CheckOut tells whether WriteOut would refuse name, before anything is
// written; a command that writes several files checks them all first.
func (s *Session) CheckOut(name string) error {
	if name == "" {
		return errors.New("write: empty file name; omit the flag to write to standard output")
	}
	path := s.Path(name)
	if st, err := os.Stat(path); err == nil && s.isInput(st) {
		return fmt.Errorf("write %s: it is the workplan this command reads; refused, nothing was written\n"+
			"  hint: write the output to another file", name)
	}
	if _, _, err := prepareTarget(name, path); err != nil {
		return err
	}
	return nil
}

// CheckDir looks at dir, a directory a command writes files into with
// WriteOut (bp ics --feeds): it reports whether dir is missing, and
// refuses one that is there and is not a directory.
func (s *Session) CheckDir(dir string) (missing bool, err error) {
	st, err := os.Stat(s.Path(dir))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, nil
	case err != nil:
		return false, err
	case !st.IsDir():
		return false, fmt.Errorf("%s is not a directory", dir)
	}
	return false, nil
}

// MakeDir creates dir, and the directories above it: a directory the user
// named for files to be written into (see CheckDir).
func (s *Session) MakeDir(dir string) error {
	return os.MkdirAll(s.Path(dir), 0o755)
}

// Exists reports whether something is at name: a file, a directory, or a
// symlink, even one whose target is gone.
func (s *Session) Exists(name string) (bool, error) {
	_, err := os.Lstat(s.Path(name))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, err
}

// WriteFile writes the file name atomically, with the promises listed
// at the top of this file; bp fmt -w rewrites the files it read with it.
func (s *Session) WriteFile(name string, write func(io.Writer) error) error {
	return s.writeAtomic(name, s.Path(name), write, nil)
}

// ErrChangedOnDisk is Replace's refusal: the file is not what was read.
var ErrChangedOnDisk = errors.New("the file changed on disk since it was read")

// Replace writes data as the new content of the file name, atomically,
// unless the file no longer holds was, what the caller read: just before
// the rename, the file is read again, and ErrChangedOnDisk leaves it as
// it was (another editor saved it meanwhile). The edit commands write
// with it, holding the lock of LockEdit.
func (s *Session) Replace(name string, data, was []byte) error {
	return s.writeAtomic(name, s.Path(name), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, func(target string) error {
		now, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, was) {
			return ErrChangedOnDisk
		}
		return nil
	})
}

// lockWait is how long an edit waits for another bp editing the same
// directory of plans.
const lockWait = 10 * time.Second

// LockEdit prepares the edit of the files named: it refuses, before any
// work, a file Replace would refuse because it is read-only, and takes
// the lock of each file's directory (flock; each directory once, in
// order of path, so that two edits of the same files cannot each wait
// for the other), waiting up to 10 seconds for another bp that edits
// there. The edit reads the files, then writes them with Replace (or
// ReplaceAll), then unlocks: two edits of one file take turns, and the
// second reads what the first wrote.
func (s *Session) LockEdit(names ...string) (unlock func(), err error) {
	var dirs []string
	for _, name := range names {
		target, err := resolveTarget(s.Path(name))
		if err != nil {
			return nil, err
		}
		if err := checkWritable(name, target); err != nil {
			return nil, err
		}
		if d := filepath.Dir(target); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	var unlocks []func()
	unlock = func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
	for _, d := range dirs {
		u, err := lockDir(d, lockWait)
		if err != nil {
			unlock()
			return nil, err
		}
		unlocks = append(unlocks, u)
	}
	return unlock, nil
}

// Replacement is one file of ReplaceAll: its name, the new content, and
// what the caller read (Was), which the file must still hold.
type Replacement struct {
	Name      string
	Data, Was []byte
}

// WriteAllError is ReplaceAll's failure: which file could not be
// written, why, and whether the files written before it were put back as
// they were (Restored), or which were not (Left: they hold the new
// content).
type WriteAllError struct {
	Name string
	Err  error
	Left []string
}

func (e *WriteAllError) Error() string {
	msg := e.Err.Error()
	if len(e.Left) > 0 {
		msg += "; " + strings.Join(e.Left, ", ") + " could not be put back and holds the new version"
	}
	return msg
}

func (e *WriteAllError) Unwrap() error { return e.Err }

// ReplaceAll writes several files that change together (an event moved
// from one plan to another), each as Replace writes one, in the order
// given. Two renames are never one step: if a file cannot be written,
// the files already written are put back as they were (Replace again,
// with the old content), so that the set is as before; only if that
// fails too does the error name them (Left). The caller orders the
// files so that a stop between two renames (a crash, a kill) leaves
// nothing lost: an event moved is written to its new file first, so that
// at worst it is in both, which bp validate reports, never in neither.
func (s *Session) ReplaceAll(files []Replacement) error {
	for i, f := range files {
		err := s.Replace(f.Name, f.Data, f.Was)
		if err == nil {
			continue
		}
		werr := &WriteAllError{Name: f.Name, Err: err}
		for j := i - 1; j >= 0; j-- {
			done := files[j]
			if rerr := s.Replace(done.Name, done.Was, done.Data); rerr != nil {
				werr.Left = append(werr.Left, done.Name)
			}
		}
		return werr
	}
	return nil
}

func unchanged(name string, err error) error {
	return fmt.Errorf("write %s: %w (the old file, if any, is unchanged)", name, err)
}

// prepareTarget finds the file that writing path replaces (through
// symlinks) and the old file's details (nil if there is none), or
// refuses: a directory or special file, a file with several hard links.
func prepareTarget(name, path string) (target string, old fs.FileInfo, err error) {
	target, err = resolveTarget(path)
	if err != nil {
		return "", nil, unchanged(name, err)
	}
	old, err = os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, nil
	case err != nil:
		return "", nil, unchanged(name, err)
	case !old.Mode().IsRegular():
		return "", nil, fmt.Errorf("write %s: not a regular file", name)
	case readOnly(target, old):
		return "", nil, readOnlyError(name)
	}
	if n := linkCount(old); n > 1 {
		return "", nil, fmt.Errorf("write %s: the file has %d hard links; refused, nothing was written\n"+
			"  hint: a new file renamed over it would leave the other names with the old content, and\n"+
			"  rewriting it in place could leave it half-written; write to another file and copy it\n"+
			"  over yourself (cat NEW > FILE), or remove the other links", name, n)
	}
	return target, old, nil
}

// readOnlyError refuses to replace a read-only file.
func readOnlyError(name string) error {
	return fmt.Errorf("write %s: the file is read-only; refused, nothing was written\n"+
		"  hint: chmod u+w %s to allow bp to change it", name, name)
}

// checkWritable refuses, before any work, the edit of a file bp would
// refuse to replace because it is read-only (see prepareTarget).
func checkWritable(name, target string) error {
	if st, err := os.Stat(target); err == nil && st.Mode().IsRegular() && readOnly(target, st) {
		return readOnlyError(name)
	}
	return nil
}

// writeAtomic writes the file at path, named name in messages, keeping
// the promises listed at the top of this file. check (if not nil) runs
// when the new file is complete, just before the rename, and an error
// from it leaves the old file as it was (see Replace).
func (s *Session) writeAtomic(name, path string, write func(io.Writer) error, check func(target string) error) (err error) {
	target, old, err := prepareTarget(name, path)
	if err != nil {
		return err
	}
	tmp, err := createTemp(target)
	if err != nil {
		return unchanged(name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			removeTemp(tmp.Name())
			err = unchanged(name, err)
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if old != nil {
		if err = keepOwner(tmp, old); err != nil {
			return err
		}
		// After the chown: changing the owner clears set-id bits.
		mode = old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if s.BeforeRename != nil {
		s.BeforeRename(tmp.Name())
	}
	if check != nil {
		if err = check(target); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	forgetTemp(tmp.Name())
	syncDir(filepath.Dir(target))
	return nil
}

// resolveTarget follows symlinks from path to the file to replace. A
// symlink whose target does not exist yet resolves to that target, so
// that the first write creates it and the link stays.
func resolveTarget(path string) (string, error) {
	if t, err := filepath.EvalSymlinks(path); err == nil {
		return t, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	for range 255 {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			// Resolve the link's directory first: "../x" is relative
			// to where the link really is.
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", err
			}
			link = filepath.Join(dir, link)
		}
		path = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not every file system syncs a directory; the rename is done either way
		d.Close()
	}
}

// The temporary files being written, removed by the signal handler on
// SIGINT or SIGTERM. Signals belong to the process, so this registry is
// the process's too, shared by every session.
var temps struct {
	sync.Mutex
	names   map[string]bool
	install sync.Once
}

// createTemp creates the temporary file for target, in its directory
// (so that the rename stays on one file system), and registers it.
func createTemp(target string) (*os.File, error) {
	temps.install.Do(installSignalCleanup)
	temps.Lock()
	defer temps.Unlock()
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, err
	}
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[f.Name()] = true
	return f, nil
}

// createTempDir creates a temporary directory for target, beside it (so
// that it can be renamed into place), and registers it like a temporary
// file: a signal removes it with everything in it. bp site builds a site
// there.
func createTempDir(target string) (string, error) {
	temps.install.Do(installSignalCleanup)
	temps.Lock()
	defer temps.Unlock()
	dir, err := os.MkdirTemp(filepath.Dir(target), buildDirPattern(target))
	if err != nil {
		return "", err
	}
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[dir] = true
	return dir, nil
}

func forgetTemp(name string) {
	temps.Lock()
	delete(temps.names, name)
	temps.Unlock()
}

func removeTemp(name string) {
	temps.Lock()
	os.RemoveAll(name) // a file, or a temporary directory and its files
	delete(temps.names, name)
	temps.Unlock()
}

// installSignalCleanup makes SIGINT and SIGTERM remove the temporary
// files, then end the process by the same signal. A signal the process
// was started with ignored (a background job's SIGINT) stays ignored.
func installSignalCleanup() {
	var sigs []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		sig := <-ch
		// Held until the process ends: no temporary file is created or
		// renamed after this.
		temps.Lock()
		for name := range temps.names {
			os.RemoveAll(name)
		}
		dieBy(sig)
	}()
}
