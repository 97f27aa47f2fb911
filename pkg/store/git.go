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
	"slices"
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

// Revision is a published revision of a plan file, as
// [Session.PublishedRevisions] gives it.
type Revision struct {
	Commit string    // "" for the file as it is (not committed)
	Time   time.Time // the commit's time (committer), in UTC; zero for the file as it is
	// Plan is the whole plan: set for the first revision only.
	Plan *workplan.Plan
	// Old and New are the plan at the revision before and at this one,
	// each with the plan's own keys and only the events whose text
	// differs between the two: set for every revision but the first.
	Old, New *workplan.Plan
}

// PublishedRevisions calls fn with each published revision of a plan
// file, oldest first: the file as committed on the first-parent line of
// HEAD of its repository, one version per revision of the plan (the last
// commit of each run of commits that carry the same revision number);
// with working, the file as it is now comes last, in the place of any
// committed revision not older than its own. A version that cannot be
// read as a workplan is left out, and so is one whose events are, byte
// for byte, those of the version before (only the plan's own keys
// changed: nothing happened to a meeting).
//
// Its cost follows the commits and what changed, not the events times
// the commits: git runs twice whatever the number of commits (a log,
// then one cat-file for every blob); the revision of each commit is read
// from the top of the file; the first revision is parsed whole, and of
// each later one only the events whose text changed (a file in bp fmt's
// layout: the events last, one list item each; another layout is parsed
// whole). A file git does not have gives none but the file as it is; an
// error says that git cannot tell (no repository, no git).
func (s *Session) PublishedRevisions(file string, working bool, fn func(Revision) error) error {
	commits, blobs, err := s.fileHistory(file)
	if err != nil {
		return err
	}
	lim := s.Limits()
	type version struct {
		commit
		data []byte
		rev  int
	}
	var vs []version
	for i, c := range commits {
		if blobs[i] != nil {
			vs = append(vs, version{c, blobs[i], topRevision(file, blobs[i], lim)})
		}
	}
	if working {
		data, err := s.ReadFile(file)
		if err != nil {
			return err
		}
		now := version{data: data, rev: topRevision(file, data, lim)}
		vs = append(slices.DeleteFunc(vs, func(v version) bool { return v.rev >= now.rev }), now)
	}
	var prev []byte
	for i, v := range vs {
		if i+1 < len(vs) && vs[i+1].rev == v.rev {
			continue // not the last of its revision
		}
		r := Revision{Commit: v.id, Time: v.at}
		if prev == nil {
			if r.Plan = parsed(file, v.data, lim); r.Plan == nil {
				continue
			}
		} else {
			var same bool
			if r.Old, r.New, same = changedEvents(file, prev, v.data, lim); same {
				continue
			}
			if r.Old == nil || r.New == nil {
				continue // cannot be read as a workplan
			}
		}
		prev = v.data
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// parsed is the plan data holds; nil when it is not a valid workplan.
func parsed(file string, data []byte, lim workplan.Limits) *workplan.Plan {
	p, diags := workplan.Parse(file, data, lim)
	if workplan.HasErrors(diags) {
		return nil
	}
	return p
}

// changedEvents returns two versions of a plan file, each with only the
// events whose text differs from the other's (same: none does), parsed;
// when a version is not in bp fmt's layout, or its events cannot be read
// alone, each whole.
func changedEvents(file string, a, b []byte, lim workplan.Limits) (old, new *workplan.Plan, same bool) {
	headA, itemsA, okA := eventItems(a)
	headB, itemsB, okB := eventItems(b)
	if okA && okB {
		count := map[string]int{}
		for _, it := range itemsA {
			count[string(it)]++
		}
		var onlyB [][]byte
		for _, it := range itemsB {
			if count[string(it)] > 0 {
				count[string(it)]--
			} else {
				onlyB = append(onlyB, it)
			}
		}
		var onlyA [][]byte
		for _, it := range itemsA {
			if count[string(it)] > 0 {
				count[string(it)]--
				onlyA = append(onlyA, it)
			}
		}
		if len(onlyA) == 0 && len(onlyB) == 0 {
			return nil, nil, true
		}
		old = parsed(file, slices.Concat(append([][]byte{headA}, onlyA...)...), lim)
		new = parsed(file, slices.Concat(append([][]byte{headB}, onlyB...)...), lim)
		if old != nil && new != nil {
			return old, new, false
		}
	}
	return parsed(file, a, lim), parsed(file, b, lim), false
}

// eventItems splits a plan file in bp fmt's layout into its head (to the
// end of its events key's line) and the items of its events list, each
// from its "- " line to the next at the same indentation; ok is false
// when the file has no events key, or its list is not laid out so.
func eventItems(data []byte) (head []byte, items [][]byte, ok bool) {
	i := bytes.Index(data, []byte("\nevents:"))
	if i < 0 {
		return nil, nil, false
	}
	end := bytes.IndexByte(data[i+1:], '\n')
	if end < 0 {
		return data, nil, true
	}
	head, rest := data[:i+1+end+1], data[i+1+end+1:]
	var dash []byte // the first item's indentation and dash
	for line := range bytes.Lines(rest) {
		t := bytes.TrimLeft(line, " ")
		if len(t) == 0 || t[0] == '\n' || t[0] == '#' {
			continue
		}
		if !bytes.HasPrefix(t, []byte("- ")) {
			return nil, nil, false
		}
		dash = line[:len(line)-len(t)+2]
		break
	}
	if dash == nil {
		return head, nil, len(bytes.TrimSpace(rest)) == 0
	}
	start := 0
	for at := 0; at < len(rest); {
		nl := bytes.IndexByte(rest[at:], '\n')
		next := len(rest)
		if nl >= 0 {
			next = at + nl + 1
		}
		if at > 0 && bytes.HasPrefix(rest[at:], dash) {
			items = append(items, rest[start:at])
			start = at
		}
		at = next
	}
	return head, append(items, rest[start:]), true
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
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "does not have any commits") {
			return nil, nil, nil // a repository with no commit yet: nothing published
		}
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
