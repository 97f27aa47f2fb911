package store

// Replacing a site directory: the build aside, the checks before and
// after it (sitedir.go), and the swap.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/icmpd/bp/pkg/safetext"
)

// Sink receives the files of a site being built, one at a time: name
// is slash-separated, relative to the site's top, and write writes the
// file's bytes (the shape of site.Sink).
type Sink func(name string, write func(io.Writer) error) error

// ReplaceDir builds a site with build in a new directory beside name,
// and then puts it in name's place whole, so that no reader ever sees a
// half-written site: on Linux the two directories trade places in one
// rename (renameat2 RENAME_EXCHANGE); elsewhere, or where the file system
// cannot, the old one is renamed aside and the new one into place, a
// moment in which name is missing but never partial. On any error, or
// SIGINT or SIGTERM, the new directory is removed and the old one left
// as it was. A symlink is followed: the directory it points to is
// replaced, and the link stays. It returns the names of siteKeep it kept.
//
// It touches only what bp site wrote (the manifest, SiteMarker, lists
// it) and the names of siteKeep, which it moves into the new site: it
// refuses, before the build and again just before the swap, a directory
// that holds anything else or a file changed since bp wrote it (see
// Session.inspectOut), one that holds a plan this run read or the working
// directory, and a name whose parent directory does not exist. It
// removes the build directories a killed bp site left (see
// Session.cleanStale), and says so on Stderr unless quiet.
func (s *Session) ReplaceDir(name string, quiet bool, build func(Sink) error) (kept []string, err error) {
	if name == "" {
		return nil, errors.New("--out: empty directory name")
	}
	osName := s.Path(name)
	target, err := resolveTarget(osName)
	if err != nil {
		if perr := checkParent(name, osName, osName); perr != nil {
			return nil, perr // a file above --out, say
		}
		return nil, fmt.Errorf("--out: %w", err)
	}
	if err := checkParent(name, osName, target); err != nil {
		return nil, err
	}
	s.cleanStale(name, osName, target, quiet)
	plan, err := s.planOut(name, target, nil, nil)
	if err != nil {
		return nil, err
	}
	tmp, err := createTempDir(target)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	remove := true // false once tmp is swapped in, or holds something of the user's
	defer func() {
		if remove {
			removeTemp(tmp)
		}
	}()
	failed := func(err error) error {
		return fmt.Errorf("write the site into %s: %w (the old site, if any, is unchanged)", safetext.Terminal(name), err)
	}
	var r *reuse
	if plan.out != nil && plan.out.manifest != nil && !plan.out.manifest.legacy {
		r = &reuse{dir: target, files: plan.out.manifest.files, stat: plan.out.hashed}
	}
	b, err := newBuildDir(tmp, r)
	if err == nil {
		err = build(b.sink)
	}
	if err == nil {
		err = b.finish()
	}
	if err == nil {
		err = finishDir(tmp, plan.old)
	}
	if err != nil {
		return nil, failed(err)
	}
	if s.BeforeSwap != nil {
		s.BeforeSwap(tmp)
	}
	// The build can take minutes: look again at what the swap replaces.
	if plan, err = s.planOut(name, target, b.files, plan.out); err != nil {
		return nil, err
	}
	kept, left, err := s.swapDir(tmp, target, plan)
	if err != nil {
		remove = !errors.Is(err, errKeptStuck)
		return nil, failed(err)
	}
	remove = false
	syncDir(filepath.Dir(target))
	if len(left) > 0 {
		shown := safetext.Terminal(besideOut(name, osName, target, filepath.Base(left[0])))
		fmt.Fprintf(s.stderr(), "bp: left %s beside %s: the old site held what reached it during the swap: %s%s\n",
			shown, safetext.Terminal(name), cleanNames(left[1:]),
			siteHint("move these into "+safetext.Terminal(name)+" if you want them there; then remove "+shown))
	}
	return kept, nil
}

// planOut looks at the directory to replace (see Session.inspectOut).
func (s *Session) planOut(name, target string, built map[string]fileSum, prev *outDir) (*sitePlan, error) {
	old, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &sitePlan{target: target}, nil
	case err != nil:
		return nil, fmt.Errorf("--out: %w", err)
	case !old.IsDir():
		return nil, fmt.Errorf("--out: %s is not a directory; refused, nothing was written", safetext.Terminal(name))
	}
	out, err := s.inspectOut(name, target, built, prev)
	if err != nil {
		return nil, err
	}
	return &sitePlan{target: target, old: old, out: out}, nil
}

// finishDir makes what was written under tmp durable (syncTree), and
// gives the directory the old one's permissions and owner (a new one:
// 0755).
func finishDir(tmp string, old fs.FileInfo) error {
	if err := syncTree(tmp); err != nil {
		return err
	}
	mode := fs.FileMode(0o755)
	if old != nil {
		mode = old.Mode().Perm()
	}
	d, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer d.Close()
	if old != nil {
		if err := keepOwner(d, old); err != nil {
			return err
		}
	}
	return d.Chmod(mode)
}

// errKeptStuck says that a failed swap could not move a kept name back.
var errKeptStuck = errors.New("could not move back")

// swapDir puts the directory tmp at target. An old directory there gives
// its kept names (siteKeep) to the new one first; then the two trade
// places in one rename where the system can, else the old one is moved
// aside first. The signal handler waits while the names change, so that
// it never removes the only copy of a site or a kept name. The old site
// is then removed as far as it is bp's (removeOld): swapDir returns the
// names kept, and what it left (the directory first, then its entries).
func (s *Session) swapDir(tmp, target string, p *sitePlan) (kept, left []string, err error) {
	temps.Lock()
	os.Remove(filepath.Join(tmp, buildMarker))
	if p.old == nil {
		err := os.Rename(tmp, target)
		if err == nil {
			delete(temps.names, tmp)
		}
		temps.Unlock()
		return nil, nil, err
	}
	moved, err := keepInto(tmp, target, p.out.keep)
	if err == nil && len(moved) > 0 {
		syncDir(tmp)
	}
	oldAt := tmp
	if err == nil {
		err = s.exchange(tmp, target)
		if errors.Is(err, ErrNoExchange) {
			// Two renames: target is missing for a moment, never partial.
			oldAt = tmp + ".old"
			if err = os.Rename(target, oldAt); err == nil {
				if err = os.Rename(tmp, target); err != nil {
					_ = os.Rename(oldAt, target)
				}
			}
		}
	}
	if err != nil {
		if stuck := keepBack(tmp, target, moved); len(stuck) > 0 {
			delete(temps.names, tmp) // it holds what is not bp's
			err = fmt.Errorf("%w; %w %s into %s from %s: move them back by hand",
				err, errKeptStuck, cleanNames(stuck), safetext.Terminal(target), safetext.Terminal(tmp))
		}
		temps.Unlock()
		return nil, nil, err
	}
	delete(temps.names, tmp)
	temps.Unlock()
	for _, k := range moved {
		kept = append(kept, k.name)
	}
	if l := removeOld(oldAt, p.out.ours, moved); len(l) > 0 {
		left = append([]string{oldAt}, l...)
	}
	return kept, left, nil
}

// exchange swaps the directories at a and b in one step, with Exchange
// when a test set it; ErrNoExchange where the system cannot.
func (s *Session) exchange(a, b string) error {
	if s.Exchange != nil {
		return s.Exchange(a, b)
	}
	return exchangeDirs(a, b)
}

// stderr is where the notes of a site replaced go: Stderr, or nowhere.
func (s *Session) stderr() io.Writer {
	if s.Stderr == nil {
		return io.Discard
	}
	return s.Stderr
}

// getwd is Getwd, or an error when the session has none.
func (s *Session) getwd() (string, error) {
	if s.Getwd == nil {
		return "", errors.New("no working directory")
	}
	return s.Getwd()
}
