package store

// A plan's git history: the file at a revision, the plan as last
// published, and the plan files of a directory at a commit. git always
// runs in the directory of the file asked about (gitDir), so that it
// answers from that file's repository, wherever bp runs.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// ErrNotInRevision means the file did not exist at the revision: a new
// plan, with nothing to compare against.
var ErrNotInRevision = errors.New("not in that revision")

// gitError is a git command that failed: its exit code and what it said.
type gitError struct {
	args   []string
	code   int // -1 when git did not run
	stderr string
	err    error
}

func (e *gitError) Error() string {
	if e.stderr != "" {
		return e.stderr
	}
	return e.err.Error()
}

func (e *gitError) Unwrap() error { return e.err }

// git runs git with args in dir, an operating-system path: the
// directory of the file git is asked about, so that git answers from
// that file's repository, wherever bp runs. Decisions are made on its
// exit code, never on its words; its standard error becomes the message.
// Every user value passed goes after --end-of-options, so that none can
// become an option.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		ge := &gitError{args: args, code: -1, stderr: strings.TrimSpace(stderr.String()), err: err}
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			ge.code = ee.ExitCode()
		case errors.Is(err, exec.ErrNotFound):
			ge.stderr = "git is not installed: " + err.Error()
		}
		return nil, ge
	}
	return stdout.Bytes(), nil
}

// gitDir is where git runs to answer about name, a file or directory
// the user named (relative to the working directory, or absolute): the
// nearest directory of its path that exists, and the path of name from
// there. A file deleted since a revision, or a directory that no longer
// exists, is still asked about in its repository.
func (s *Session) gitDir(name string) (dir, rest string) {
	p := s.Path(name)
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	dir, rest = filepath.Dir(p), filepath.Base(p)
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir, rest
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir, rest
		}
		dir, rest = parent, filepath.Join(filepath.Base(dir), rest)
	}
}

// ValidRevision refuses a revision that git could take as an option.
func ValidRevision(rev string) error {
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("%q is not a revision: a revision cannot start with '-'", rev)
	}
	return nil
}

// Commit resolves rev to a commit id, in the repository that holds
// dir (a path the system can open: see Path), refusing what is not a
// commit.
func (s *Session) Commit(dir, rev string) (string, error) {
	if err := ValidRevision(rev); err != nil {
		return "", err
	}
	out, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && ge.code == 1 {
			return "", fmt.Errorf("%q is not a commit in this git repository", rev)
		}
		return "", fmt.Errorf("git rev-parse %s: %w", rev, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Show returns the bytes of file (a name, or an absolute path) at
// revision rev of the repository that holds it, with the REV:PATH name
// messages give it, PATH relative to the repository's root. git runs in
// the file's directory, so that it answers from the file's repository,
// wherever bp runs. A file absent at rev gives ErrNotInRevision.
func (s *Session) Show(rev, file string) ([]byte, string, error) {
	if file == "-" {
		return nil, "", errors.New("standard input has no git history; name the file")
	}
	dir, rest := s.gitDir(file)
	commit, err := s.Commit(dir, rev)
	if err != nil {
		return nil, "", err
	}
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, "", fmt.Errorf("git rev-parse: %w", err)
	}
	rel := path.Clean(strings.TrimSpace(string(prefix)) + filepath.ToSlash(rest))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, "", fmt.Errorf("%s is outside the git repository", file)
	}
	spec := rev + ":" + rel
	object := commit + ":" + rel
	if _, err := git(dir, "cat-file", "-e", "--end-of-options", object); err != nil {
		var ge *gitError
		if errors.As(err, &ge) && ge.code > 0 {
			return nil, spec, fmt.Errorf("git show %s: %w", spec, ErrNotInRevision)
		}
		return nil, spec, fmt.Errorf("git show %s: %w", spec, err)
	}
	data, err := git(dir, "cat-file", "blob", "--end-of-options", object)
	if err != nil {
		return nil, spec, fmt.Errorf("git show %s: %w", spec, err)
	}
	return data, spec, nil
}

// PlanFilesAt lists the plan files under dir, a directory the resolver
// found or was given, as they are at revision commit of the repository
// that holds dir, named as the resolver names them (dir joined with the
// path inside it); IsPlanPath decides, as PlanFiles does for the working
// copy. A directory absent at commit gives none.
func (s *Session) PlanFilesAt(commit, dir string) ([]string, error) {
	at, rest := s.gitDir(dir)
	spec := filepath.ToSlash(rest)
	if strings.HasPrefix(spec, ":") {
		spec = "./" + spec // not pathspec magic
	}
	out, err := git(at, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--", spec)
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %w", dir, err)
	}
	// ls-tree names files relative to the directory it runs in.
	var names []string
	for _, f := range strings.Split(string(out), "\x00") {
		rel, err := filepath.Rel(rest, filepath.FromSlash(f))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || !IsPlanPath(rel) {
			continue
		}
		names = append(names, filepath.Join(dir, rel))
	}
	return names, nil
}

// Published is a plan file as last published: committed at git HEAD of
// the file's repository.
type Published struct {
	// Revision is the plan's revision there; 0 when there is none:
	// outside a git repository, git missing, or a file git does not
	// have yet.
	Revision int
	// New says that the repository has no version of the file yet:
	// nothing of it was published.
	New bool
	// Plan reads the whole plan as committed; nil when there is none,
	// and it returns nil when that plan is not valid.
	Plan func() *workplan.Plan
}

// Published reads the file as committed at git HEAD. Reading the
// revision needs only the top of a file in bp fmt's layout (the plan's
// metadata comes before the events), so that is tried first: on a plan
// of 10,000 events it saves most of a parse.
func (s *Session) Published(file string) Published {
	data, _, err := s.Show("HEAD", file)
	if err != nil {
		return Published{New: errors.Is(err, ErrNotInRevision)}
	}
	lim := s.Limits()
	p := Published{Plan: func() *workplan.Plan {
		p, diags := workplan.Parse(file, data, lim)
		if workplan.HasErrors(diags) {
			return nil
		}
		return p
	}}
	if i := bytes.Index(data, []byte("\nevents:")); i >= 0 {
		if top, _ := workplan.Parse(file, data[:i+1], lim); top != nil && top.Revision > 0 {
			p.Revision = top.Revision
			return p
		}
	}
	if plan := p.Plan(); plan != nil {
		p.Revision = plan.Revision
	}
	return p
}

// ErrUnreadable is a plan at a revision that cannot be read as a
// workplan: it tells nothing of what it held.
var ErrUnreadable = errors.New("cannot be read as a workplan")

// PublishedEvent returns the event id as committed at git HEAD of file's
// repository, with the REV:PATH it was read from: nil when HEAD has no
// such file (nothing of it was published) or no such event. An error
// says that it cannot tell: git cannot (no repository, no git), or the
// file at HEAD cannot be read as a workplan (ErrUnreadable).
func (s *Session) PublishedEvent(file, id string) (*workplan.Event, string, error) {
	data, spec, err := s.Show("HEAD", file)
	switch {
	case errors.Is(err, ErrNotInRevision):
		return nil, "", nil
	case err != nil:
		return nil, "", err
	}
	head, _ := workplan.Parse(spec, data, s.Limits())
	if head == nil {
		return nil, spec, fmt.Errorf("%s %w", spec, ErrUnreadable)
	}
	return head.Event(id), spec, nil
}
