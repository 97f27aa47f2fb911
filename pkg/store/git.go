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
	"runtime"
	"strconv"
	"strings"
	"time"

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

// Published reads the file as committed at git HEAD; its revision is
// read from the top of the file first (headRevision).
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
	if p.Revision = headRevision(file, data, lim); p.Revision > 0 {
		return p
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

// Version is a plan file as committed: the commit, its time, and the
// plan it held.
type Version struct {
	Commit string
	Time   time.Time // the commit's time (committer), in UTC
	Plan   *workplan.Plan
}

// PublishedRevisions calls fn with each published revision of a plan
// file, oldest first: the file as committed on the first-parent line of
// HEAD of its repository, one version per revision of the plan (the last
// commit of each run of commits that carry the same revision number). A
// version that cannot be read as a workplan is left out, and so is one
// whose events are, byte for byte, those of the version before (only the
// plan's own keys changed: nothing happened to a meeting).
//
// Its cost follows the commits, not the events times the commits: git
// runs twice whatever their number (a log, then one cat-file for every
// blob); the revision of each commit is read from the top of the file;
// only the versions passed to fn are parsed whole, on every core, each
// kept in memory until fn returns. A file git does not have gives none;
// an error says that git cannot tell (no repository, no git).
func (s *Session) PublishedRevisions(file string, fn func(Version) error) error {
	commits, blobs, err := s.fileHistory(file)
	if err != nil || len(commits) == 0 {
		return err
	}
	lim := s.Limits()
	revs := make([]int, len(commits))
	for i, data := range blobs {
		revs[i] = topRevision(file, data, lim)
	}
	var keep []int
	var events []byte // the events of the last version kept
	for i := range commits {
		if blobs[i] == nil || (i+1 < len(commits) && revs[i+1] == revs[i] && blobs[i+1] != nil) {
			continue // absent here, or not the last of its revision
		}
		ev := eventsPart(blobs[i])
		if len(keep) > 0 && ev != nil && bytes.Equal(ev, events) {
			continue
		}
		keep, events = append(keep, i), ev
	}
	// Parse ahead on every core, at most that many versions ahead of fn.
	parsed := make([]chan *workplan.Plan, len(keep))
	for k := range parsed {
		parsed[k] = make(chan *workplan.Plan, 1)
	}
	start := func(k int) {
		if k < len(keep) {
			go func() {
				p, diags := workplan.Parse(file, blobs[keep[k]], lim)
				if workplan.HasErrors(diags) {
					p = nil
				}
				blobs[keep[k]] = nil // read
				parsed[k] <- p
			}()
		}
	}
	ahead := runtime.GOMAXPROCS(0)
	for k := range ahead {
		start(k)
	}
	for k, i := range keep {
		p := <-parsed[k]
		start(k + ahead)
		if p == nil {
			continue
		}
		if err := fn(Version{Commit: commits[i].id, Time: commits[i].at, Plan: p}); err != nil {
			return err
		}
	}
	return nil
}

// eventsPart is the part of a plan file from its events key on, in bp
// fmt's layout; nil when there is none.
func eventsPart(data []byte) []byte {
	if i := bytes.Index(data, []byte("\nevents:")); i >= 0 {
		return data[i:]
	}
	return nil
}

type commit struct {
	id string
	at time.Time
}

// fileHistory returns the commits of the first-parent line of HEAD that
// changed file, oldest first, and the file's bytes at each (nil where it
// was deleted).
func (s *Session) fileHistory(file string) ([]commit, [][]byte, error) {
	if file == "-" {
		return nil, nil, errors.New("standard input has no git history; name the file")
	}
	dir, rest := s.gitDir(file)
	spec := filepath.ToSlash(rest)
	if strings.HasPrefix(spec, ":") {
		spec = "./" + spec // not pathspec magic
	}
	out, err := git(dir, "log", "--first-parent", "--reverse", "--format=%H %ct", "--end-of-options", "HEAD", "--", spec)
	if err != nil {
		return nil, nil, fmt.Errorf("git log %s: %w", file, err)
	}
	var commits []commit
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		id, ts, ok := strings.Cut(l, " ")
		sec, err := strconv.ParseInt(ts, 10, 64)
		if ok && err == nil {
			commits = append(commits, commit{id, time.Unix(sec, 0).UTC()})
		}
	}
	if len(commits) == 0 {
		return nil, nil, nil
	}
	var in bytes.Buffer
	for _, c := range commits {
		in.WriteString(c.id + ":./" + spec + "\n") // ./: relative to dir, where git runs
	}
	blobs, err := gitBatch(dir, in.Bytes(), len(commits))
	if err != nil {
		return nil, nil, fmt.Errorf("git cat-file %s: %w", file, err)
	}
	return commits, blobs, nil
}

// gitBatch runs git cat-file --batch in dir on the objects named in
// in, one a line, and returns each object's bytes; nil for one that is
// missing (the file was deleted at that commit).
func gitBatch(dir string, in []byte, n int) ([][]byte, error) {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, &gitError{args: cmd.Args, code: -1, stderr: strings.TrimSpace(stderr.String()), err: err}
	}
	blobs := make([][]byte, 0, n)
	for len(out) > 0 && len(blobs) < n {
		head, rest, ok := bytes.Cut(out, []byte("\n"))
		if !ok {
			return nil, errors.New("cat-file: a header without its line end")
		}
		f := strings.Fields(string(head))
		if len(f) == 2 && f[1] == "missing" || len(f) >= 2 && f[len(f)-1] == "missing" {
			blobs, out = append(blobs, nil), rest
			continue
		}
		if len(f) != 3 || f[1] != "blob" {
			blobs, out = append(blobs, nil), skipObject(f, rest)
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size > len(rest) {
			return nil, fmt.Errorf("cat-file: header %q", head)
		}
		blobs = append(blobs, rest[:size])
		out = bytes.TrimPrefix(rest[size:], []byte("\n"))
	}
	if len(blobs) != n {
		return nil, fmt.Errorf("cat-file: %d objects for %d names", len(blobs), n)
	}
	return blobs, nil
}

// skipObject skips an object that is not a blob (a tree, where a file
// was a directory), whose header is f.
func skipObject(f []string, rest []byte) []byte {
	if len(f) == 3 {
		if size, err := strconv.Atoi(f[2]); err == nil && size <= len(rest) {
			return bytes.TrimPrefix(rest[size:], []byte("\n"))
		}
	}
	return nil
}

// headRevision reads a plan's revision from the top of a file in bp
// fmt's layout (the plan's metadata comes before its events): on a plan
// of 10,000 events it saves most of a parse. 0 when the top does not
// tell.
func headRevision(file string, data []byte, lim workplan.Limits) int {
	if i := bytes.Index(data, []byte("\nevents:")); i >= 0 {
		if top, _ := workplan.Parse(file, data[:i+1], lim); top != nil && top.Revision > 0 {
			return top.Revision
		}
	}
	return 0
}

// topRevision is headRevision, else the revision of the whole file
// parsed; 0 when it cannot be read.
func topRevision(file string, data []byte, lim workplan.Limits) int {
	if data == nil {
		return 0
	}
	if r := headRevision(file, data, lim); r > 0 {
		return r
	}
	if p, _ := workplan.Parse(file, data, lim); p != nil {
		return p.Revision
	}
	return 0
}
