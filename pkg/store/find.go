package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/icmpd/bp/workplans"
)

// The environment variables the resolver reads, through Session.Getenv.
const (
	// EnvFile names a plan file or directory, when --file is not given.
	EnvFile = "BP_FILE"
	// EnvSafeDirectory lists the plans directories bp reads although
	// the search upward would skip them (see Session.Locate), separated
	// as PATH is (":" on Unix); "*" trusts every directory. An entry
	// names the workplans/ directory or the directory that holds it.
	// Like git's safe.directory, it is read from the environment only,
	// never from a file a checkout could bring.
	EnvSafeDirectory = "BP_SAFE_DIRECTORY"
)

// PlansDir is the directory the resolver looks for, from the working
// directory upward.
const PlansDir = "workplans"

// Origin says how the resolver found the plans.
type Origin int

// The origins, first match wins.
const (
	FromFlag  Origin = iota // --file
	FromEnv                 // $BP_FILE
	FromFound               // the nearest workplans/ directory, found upward
	FromBuilt               // the plans built into bp
)

// String names the origin as messages do: "--file", "BP_FILE".
func (o Origin) String() string {
	switch o {
	case FromFlag:
		return "--file"
	case FromEnv:
		return EnvFile
	case FromFound:
		return "found upward"
	}
	return "built in"
}

// Files is what the resolver found, before anything is read: how it was
// found, the path given or found, and the plan files in name order. A
// file gives one name; a directory and the built-in set give one per
// plan. Names are as messages show them: relative to the working
// directory when the user gave a relative path or the directory was
// found upward, "-" for standard input, workplans/NAME when built in.
type Files struct {
	Origin Origin
	Path   string // the --file or BP_FILE value, the directory found; "" when built in
	Names  []string
}

// Locate is the one plan resolver every command uses: --file (File),
// then $BP_FILE (each a file or a directory), then the nearest
// workplans/ directory from the working directory upward that bp trusts
// (see findPlansDir), else the plans built into bp. It reads no plan.
func (s *Session) Locate() (Files, error) {
	origin, p := FromFlag, s.File
	if p == "" {
		origin, p = FromEnv, s.getenv(EnvFile)
		if p != "" && strings.TrimSpace(p) == "" {
			return Files{}, fmt.Errorf("%s is blank; unset it or name a plan file or directory", EnvFile)
		}
	}
	if p != "" {
		if p != "-" && s.IsDir(p) {
			names, err := s.PlanFiles(p)
			if err != nil {
				return Files{}, fmt.Errorf("%s: %w", origin, err)
			}
			return Files{Origin: origin, Path: p, Names: names}, nil
		}
		return Files{Origin: origin, Path: p, Names: []string{p}}, nil
	}
	dir, err := s.findPlansDir()
	if err != nil {
		return Files{}, err
	}
	if dir != "" {
		names, err := s.PlanFiles(dir)
		if err != nil {
			return Files{}, fmt.Errorf("%w (found from the working directory; name a plan with --file)", err)
		}
		return Files{Origin: FromFound, Path: dir, Names: names}, nil
	}
	names := EmbeddedNames()
	if len(names) == 0 {
		return Files{}, errors.New("no workplans/ directory here or above, and no plan built in: pass --file")
	}
	return Files{Origin: FromBuilt, Names: names}, nil
}

// EmbeddedNames lists the plans built into bp, as workplans/NAME.
func EmbeddedNames() []string {
	var names []string
	for _, n := range workplans.Names() {
		names = append(names, path.Join(PlansDir, n))
	}
	return names
}

// findPlansDir looks for a workplans/ directory in the working
// directory, then in each parent, and returns the nearest one bp trusts,
// as a path relative to the working directory, or "" when there is none.
// The search stops at the top of the enclosing git repository (the first
// directory that holds a .git, itself included), at a file system
// boundary, and at the root.
//
// Like git with safe.directory, bp does not read, unasked, a directory
// another user owns, or one every user may write into: anyone who can
// write there chooses what bp shows and where its edits go. Such a
// directory is skipped, said once through Warn with how to trust it
// (name it with --file, or list it in BP_SAFE_DIRECTORY), and the search
// goes on above it.
func (s *Session) findPlansDir() (string, error) {
	if s.Getwd == nil {
		return "", fmt.Errorf("look for %s/: no working directory; name a plan with --file", PlansDir)
	}
	wd, err := s.Getwd()
	if err != nil {
		return "", fmt.Errorf("look for %s/: working directory: %v; name a plan with --file", PlansDir, err)
	}
	s.NoteName(wd)
	here, _ := os.Stat(wd) // nil: the device is not compared
	for dir := wd; ; {
		cand := filepath.Join(dir, PlansDir)
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			why := ""
			if !s.safeDirectory(cand) {
				why = distrust(st, s.getenv("SUDO_UID"))
			}
			if why == "" {
				if rel, err := filepath.Rel(wd, cand); err == nil {
					return rel, nil
				}
				return cand, nil
			}
			s.skipPlansDir(cand, why)
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return "", nil // the top of the repository
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		up, err := os.Stat(parent)
		if err == nil && here != nil && !sameDevice(here, up) {
			return "", nil
		}
		dir, here = parent, up
	}
}

// safeDirectory reports whether dir, a workplans/ directory found upward,
// is listed in BP_SAFE_DIRECTORY.
func (s *Session) safeDirectory(dir string) bool {
	list := s.getenv(EnvSafeDirectory)
	if list == "" {
		return false
	}
	real, _ := filepath.EvalSymlinks(dir)
	for _, e := range filepath.SplitList(list) {
		if e == "*" {
			return true
		}
		if e == "" || !filepath.IsAbs(e) {
			continue
		}
		e = filepath.Clean(e)
		for _, d := range []string{dir, filepath.Dir(dir), real, filepath.Dir(real)} {
			if d != "" && d != "." && e == d {
				return true
			}
		}
		if r, err := filepath.EvalSymlinks(e); err == nil && real != "" && (r == real || r == filepath.Dir(real)) {
			return true
		}
	}
	return false
}

// skipPlansDir says, once a session, that the search skipped dir and why.
func (s *Session) skipPlansDir(dir, why string) {
	s.notes.mu.Lock()
	said := s.notes.skipped[dir]
	if s.notes.skipped == nil {
		s.notes.skipped = map[string]bool{}
	}
	s.notes.skipped[dir] = true
	s.notes.mu.Unlock()
	if said || s.Warn == nil {
		return
	}
	s.NoteName(dir)
	s.Warn(fmt.Errorf("skipped %s, found upward:\n  %s\n"+
		"  hint: to read it, name it with --file, or add it to %s;\n"+
		"  meanwhile bp reads the next workplans/ above it, else the built-in plans",
		dir, why, EnvSafeDirectory))
}

// IsDir reports whether name is a directory.
func (s *Session) IsDir(name string) bool {
	st, err := os.Stat(s.Path(name))
	return err == nil && st.IsDir()
}

// IsFile reports whether name is an existing regular file.
func (s *Session) IsFile(name string) bool {
	st, err := os.Stat(s.Path(name))
	return err == nil && st.Mode().IsRegular()
}

// PlanFiles lists the plan files under dir (a name, or an absolute
// path), sorted, named from dir: the files IsPlanName accepts, in dir
// and the directories below it that are not hidden. A directory without
// one is an error.
func (s *Session) PlanFiles(dir string) ([]string, error) {
	root := s.Path(dir)
	// WalkDir does not follow a symlink, not even the root: a
	// workplans/ that links to the plans would list none. A trailing
	// separator makes the system follow it.
	walk := root
	if st, err := os.Lstat(root); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		walk = root + string(filepath.Separator)
	}
	var names []string
	err := filepath.WalkDir(walk, func(p string, d fs.DirEntry, err error) error {
		if d != nil {
			s.NoteName(d.Name())
		}
		if err != nil {
			return err
		}
		if p == walk {
			return nil
		}
		if d.IsDir() {
			if hidden(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !IsPlanName(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.Join(dir, rel))
		return nil
	})
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			// Name the path as the user knows it, not the joined one.
			if rel, rerr := filepath.Rel(root, pe.Path); rerr == nil {
				pe.Path = filepath.Join(dir, rel)
			}
		}
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .yaml files in the directory", dir)
	}
	sort.Strings(names)
	return names, nil
}

// IsPlanName reports whether a file's name (not its path) is a plan's:
// it ends in .yaml or .yml, in any case (2027.YAML is a plan), and it is
// not hidden. Editors keep hidden files beside the file they edit (Emacs
// the lock .#2026.yaml, a dangling symlink; Vim the swap .2026.yaml.swp);
// their backups (2026.yaml~, #2026.yaml#) do not end in .yaml.
func IsPlanName(name string) bool {
	if hidden(name) {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// IsPlanPath reports whether rel, a slash-separated path inside a plans
// directory, names a plan that PlanFiles would list: none of its
// directories hidden, and a plan's name.
func IsPlanPath(rel string) bool {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for _, d := range parts[:len(parts)-1] {
		if hidden(d) {
			return false
		}
	}
	return IsPlanName(parts[len(parts)-1])
}

// hidden reports whether a file's name is a dot-file's.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }
