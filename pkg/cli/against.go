package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

// errNotInRevision means the file did not exist at the revision: a new
// plan, with nothing to compare against.
var errNotInRevision = errors.New("not in that revision")

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
func (app *App) git(dir string, args ...string) ([]byte, error) {
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
func (app *App) gitDir(name string) (dir, rest string) {
	p := app.osPath(name)
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

// checkRevisionArg refuses a revision that git could take as an option.
func checkRevisionArg(rev string) error {
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("%q is not a revision: a revision cannot start with '-'", rev)
	}
	return nil
}

// commitOf resolves rev to a commit id, in the repository that holds
// dir, refusing what is not a commit.
func (app *App) commitOf(dir, rev string) (string, error) {
	if err := checkRevisionArg(rev); err != nil {
		return "", err
	}
	out, err := app.git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && ge.code == 1 {
			return "", fmt.Errorf("%q is not a commit in this git repository", rev)
		}
		return "", fmt.Errorf("git rev-parse %s: %w", rev, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// gitShow returns the bytes of file (a path relative to the working
// directory, or absolute) at revision rev of the repository that holds
// it, with the REV:PATH name messages give it, PATH relative to the
// repository's root. A file absent at rev gives errNotInRevision.
func (app *App) gitShow(rev, file string) ([]byte, string, error) {
	if file == "-" {
		return nil, "", errors.New("standard input has no git history; name the file")
	}
	dir, rest := app.gitDir(file)
	commit, err := app.commitOf(dir, rev)
	if err != nil {
		return nil, "", err
	}
	prefix, err := app.git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, "", fmt.Errorf("git rev-parse: %w", err)
	}
	rel := path.Clean(strings.TrimSpace(string(prefix)) + filepath.ToSlash(rest))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, "", fmt.Errorf("%s is outside the git repository", file)
	}
	spec := rev + ":" + rel
	object := commit + ":" + rel
	if _, err := app.git(dir, "cat-file", "-e", "--end-of-options", object); err != nil {
		var ge *gitError
		if errors.As(err, &ge) && ge.code > 0 {
			return nil, spec, fmt.Errorf("git show %s: %w", spec, errNotInRevision)
		}
		return nil, spec, fmt.Errorf("git show %s: %w", spec, err)
	}
	data, err := app.git(dir, "cat-file", "blob", "--end-of-options", object)
	if err != nil {
		return nil, spec, fmt.Errorf("git show %s: %w", spec, err)
	}
	return data, spec, nil
}

// parseSide reads one side of a comparison. A file the decoder cannot
// read is an error: its diagnostics go to stderr.
func (app *App) parseSide(name string, data []byte) (*workplan.Plan, error) {
	plan, diags := workplan.Parse(name, data, app.limits())
	errs := workplan.Errors(diags)
	if plan == nil || len(errs) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
		return nil, fmt.Errorf("%s cannot be read as a workplan (%s); run 'bp validate' on it", name, plural(len(errs), "error"))
	}
	return plan, nil
}

// checkAgainst is validate --against: when the plan's content changed
// since rev, its revision must go up and its revised date move forward.
// It returns the diagnostics, or an error when rev cannot be read.
func (app *App) checkAgainst(src store.Source, plan *workplan.Plan, rev string, today time.Time) ([]workplan.Diagnostic, error) {
	if src.Embedded || src.Name == "-" {
		return nil, usageErrorf("--against compares a file with its git history; name the file")
	}
	data, spec, err := app.gitShow(rev, src.Name)
	if errors.Is(err, errNotInRevision) {
		app.printError(fmt.Errorf("%s is new since %s: no revision to compare with", src.Name, rev))
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--against: %w", err)
	}
	old, diags := workplan.Parse(spec, data, app.limits())
	if old == nil || workplan.HasErrors(diags) {
		app.printError(fmt.Errorf("%s is not a readable workplan: revision not compared", spec))
		return nil, nil
	}
	return plandiff.CheckRevision(src.Name, spec, old, plan, today), nil
}

// planFile is the plan file bp diff compares when none is named: the
// resolver's plan of the current year. The built-in plans have no git
// history, so they are refused.
func (app *App) planFile() (string, error) {
	pf, err := app.locatePlans()
	if err != nil {
		return "", err
	}
	if pf.origin == fromBuilt {
		return "", usageErrorf("no plan file to compare: no %s/ directory here or above; name one with --file", plansDir)
	}
	if len(pf.names) == 1 {
		return pf.names[0], nil
	}
	today, err := app.todayDate()
	if err != nil {
		return "", err
	}
	plans, err := app.parsedPlans(pf, "")
	if err != nil {
		return "", err
	}
	if len(plans) == 0 {
		return pf.names[len(pf.names)-1], nil
	}
	set, _ := workplan.NewSet(plans...)
	return set.Current(today).File, nil
}

// gitPlanFiles lists the plan files under dir, a directory the resolver
// found or was given, as they are at revision commit of the repository
// that holds dir, named as the resolver names them (dir joined with the
// path inside it); store.IsPlanPath decides, as for the working copy. A
// directory absent at commit gives none.
func (app *App) gitPlanFiles(commit, dir string) ([]string, error) {
	at, rest := app.gitDir(dir)
	spec := filepath.ToSlash(rest)
	if strings.HasPrefix(spec, ":") {
		spec = "./" + spec // not pathspec magic
	}
	out, err := app.git(at, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--", spec)
	if err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %w", dir, err)
	}
	// ls-tree names files relative to the directory it runs in.
	var names []string
	for _, f := range strings.Split(string(out), "\x00") {
		rel, err := filepath.Rel(rest, filepath.FromSlash(f))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || !store.IsPlanPath(rel) {
			continue
		}
		names = append(names, filepath.Join(dir, rel))
	}
	return names, nil
}

// isFile reports whether arg names an existing regular file.
func (app *App) isFile(arg string) bool { return app.store.IsFile(arg) }
