package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/workplans"
)

// The environment variables bp reads, through App.Getenv.
const (
	EnvFile  = "BP_FILE"  // a plan file or directory, when --file is not given
	EnvToday = "BP_TODAY" // today's date, when --today is not given
)

// plansDir is the directory the resolver looks for, from the working
// directory upward.
const plansDir = "workplans"

// planOrigin says how the resolver found the plans.
type planOrigin int

const (
	fromFlag  planOrigin = iota // --file
	fromEnv                     // $BP_FILE
	fromFound                   // the nearest workplans/ directory, found upward
	fromBuilt                   // the plans built into bp
)

func (o planOrigin) String() string {
	switch o {
	case fromFlag:
		return "--file"
	case fromEnv:
		return EnvFile
	case fromFound:
		return "found upward"
	}
	return "built in"
}

// planFiles is what the resolver found, before anything is read: how it
// was found, the path given or found, and the plan files in name order.
// A file gives one name; a directory and the built-in set give one per
// plan. Names are as messages show them: relative to the working
// directory when the user gave a relative path or the directory was
// found upward, "-" for standard input, workplans/NAME when built in.
type planFiles struct {
	origin planOrigin
	path   string // the --file or BP_FILE value, the directory found; "" when built in
	names  []string
}

// source is a workplan's bytes and the name diagnostics give it.
type source struct {
	name     string
	data     []byte
	embedded bool
	set      int // bp validate: the sources of one set share a number
}

// locatePlans is the one plan resolver every command uses: --file, then
// $BP_FILE (each a file or a directory), then the nearest workplans/
// directory from the working directory upward, else the plans built into
// bp. It reads no plan.
func (app *App) locatePlans() (planFiles, error) {
	origin, p := fromFlag, app.file
	if p == "" {
		origin, p = fromEnv, app.Getenv(EnvFile)
		if p != "" && strings.TrimSpace(p) == "" {
			return planFiles{}, usageErrorf("%s is blank; unset it or name a plan file or directory", EnvFile)
		}
	}
	if p != "" {
		if p != "-" && app.isDir(p) {
			names, err := app.yamlFiles(p)
			if err != nil {
				return planFiles{}, withCode(ExitUsage, fmt.Errorf("%s: %w", origin, err))
			}
			return planFiles{origin: origin, path: p, names: names}, nil
		}
		return planFiles{origin: origin, path: p, names: []string{p}}, nil
	}
	dir, err := app.findPlansDir()
	if err != nil {
		return planFiles{}, err
	}
	if dir != "" {
		names, err := app.yamlFiles(dir)
		if err != nil {
			return planFiles{}, withCode(ExitUsage, fmt.Errorf("%w (found from the working directory; name a plan with --file)", err))
		}
		return planFiles{origin: fromFound, path: dir, names: names}, nil
	}
	names := embeddedNames()
	if len(names) == 0 {
		return planFiles{}, usageErrorf("no workplans/ directory here or above, and no plan built in: pass --file")
	}
	return planFiles{origin: fromBuilt, names: names}, nil
}

// resolvePlans resolves the plans (see locatePlans) and reads them all.
func (app *App) resolvePlans() (planFiles, []source, error) {
	pf, err := app.locatePlans()
	if err != nil {
		return pf, nil, err
	}
	srcs := make([]source, 0, len(pf.names))
	for _, name := range pf.names {
		src, err := app.readSource(pf, name)
		if err != nil {
			return pf, nil, err
		}
		srcs = append(srcs, src)
	}
	return pf, srcs, nil
}

// readSource reads one of the files pf names.
func (app *App) readSource(pf planFiles, name string) (source, error) {
	if pf.origin == fromBuilt {
		data, err := workplans.ReadFile(path.Base(name))
		if err != nil {
			return source{}, withCode(ExitUsage, fmt.Errorf("read built-in plan %s: %w", name, err))
		}
		return source{name: name, data: data, embedded: true}, nil
	}
	data, err := app.readFile(name)
	if err != nil {
		return source{}, err
	}
	return source{name: name, data: data}, nil
}

// embeddedNames lists the plans built into bp, as workplans/NAME.
func embeddedNames() []string {
	var names []string
	for _, n := range workplans.Names() {
		names = append(names, path.Join(plansDir, n))
	}
	return names
}

// findPlansDir looks for a workplans/ directory in the working directory,
// then in each parent, and returns the nearest one bp trusts, as a path
// relative to the working directory, or "" when there is none. The
// search stops at the top of the enclosing git repository (the first
// directory that holds a .git, itself included), at a file system
// boundary, and at the root.
//
// Like git with safe.directory, bp does not read, unasked, a directory
// another user owns, or one every user may write into: anyone who can
// write there chooses what bp shows and where its edits go. Such a
// directory is skipped, said once on stderr with how to trust it (name
// it with --file, or list it in BP_SAFE_DIRECTORY), and the search goes
// on above it.
func (app *App) findPlansDir() (string, error) {
	wd, err := app.Getwd()
	if err != nil {
		return "", usageErrorf("look for %s/: working directory: %v; name a plan with --file", plansDir, err)
	}
	app.noteName(wd)
	here, _ := os.Stat(wd) // nil: the device is not compared
	for dir := wd; ; {
		cand := filepath.Join(dir, plansDir)
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			why := ""
			if !app.safeDirectory(cand) {
				why = distrust(st, app.Getenv("SUDO_UID"))
			}
			if why == "" {
				if rel, err := filepath.Rel(wd, cand); err == nil {
					return rel, nil
				}
				return cand, nil
			}
			app.skipPlansDir(cand, why)
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

// EnvSafeDirectory lists the plans directories bp reads although the
// search upward would skip them (see findPlansDir), separated as PATH is
// (":" on Unix); "*" trusts every directory. An entry names the
// workplans/ directory or the directory that holds it. Like git's
// safe.directory, it is read from the environment only, never from a
// file a checkout could bring.
const EnvSafeDirectory = "BP_SAFE_DIRECTORY"

// safeDirectory reports whether dir, a workplans/ directory found upward,
// is listed in BP_SAFE_DIRECTORY.
func (app *App) safeDirectory(dir string) bool {
	list := app.Getenv(EnvSafeDirectory)
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

// skipPlansDir says, once a run, that the search skipped dir and why.
func (app *App) skipPlansDir(dir, why string) {
	app.paths.mu.Lock()
	said := app.paths.skipped[dir]
	if app.paths.skipped == nil {
		app.paths.skipped = map[string]bool{}
	}
	app.paths.skipped[dir] = true
	app.paths.mu.Unlock()
	if said {
		return
	}
	app.noteName(dir)
	app.printError(fmt.Errorf("skipped %s, found upward:\n  %s\n"+
		"  hint: to read it, name it with --file, or add it to %s;\n"+
		"  meanwhile bp reads the next workplans/ above it, else the built-in plans",
		dir, why, EnvSafeDirectory))
}

// isDir reports whether name (relative to the working directory) is a
// directory.
func (app *App) isDir(name string) bool {
	st, err := os.Stat(app.osPath(name))
	return err == nil && st.IsDir()
}

// yamlFiles lists the plan files under dir (a path relative to the
// working directory, or absolute), sorted, named from dir: the files
// isPlanName accepts, in dir and the directories below it that are not
// hidden. A directory without one is an error.
func (app *App) yamlFiles(dir string) ([]string, error) {
	root := app.osPath(dir)
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
			app.noteName(d.Name())
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
		if !isPlanName(d.Name()) {
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

// isPlanName reports whether a file's name (not its path) is a plan's:
// it ends in .yaml or .yml, in any case (2027.YAML is a plan), and it is
// not hidden. Editors keep hidden files beside the file they edit (Emacs
// the lock .#2026.yaml, a dangling symlink; Vim the swap .2026.yaml.swp);
// their backups (2026.yaml~, #2026.yaml#) do not end in .yaml.
func isPlanName(name string) bool {
	if hidden(name) {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// hidden reports whether a file's name is a dot-file's.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// todayDate returns --today, else $BP_TODAY, else the clock's date. It is
// read once per command, at the edge.
func (app *App) todayDate() (time.Time, error) {
	value, from := app.today, "--today"
	if value == "" {
		value, from = app.Getenv(EnvToday), EnvToday
	}
	if value != "" {
		t, err := workplan.ParseDate(value)
		if err != nil {
			return time.Time{}, usageErrorf("%s: %v", from, err)
		}
		return t, nil
	}
	now := app.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

// loadSet reads and checks every plan the resolver finds and gathers
// them into one set (one plan per year). A plan with errors is refused,
// even when the command looks at another year: its diagnostics go to
// stderr and bp exits 1. So is a set whose plans disagree (an event id
// used in two years, two plans for one year). Warnings are left to `bp
// validate`.
func (app *App) loadSet() (*workplan.Set, error) {
	_, srcs, err := app.resolvePlans()
	if err != nil {
		return nil, err
	}
	// The plans are read side by side, one a core and at most
	// maxParallelPlans at once (each may be as large as --max-size
	// allows): read one after the other, ten plan years of 1,000 events
	// took 1.18x the time of one plan of 10,000 (the collector works
	// harder on ten small heaps), side by side 1.01x on two cores
	// (BenchmarkYears). What is reported does not depend on it: the
	// first invalid plan, in order.
	type checked struct {
		plan  *workplan.Plan
		diags []workplan.Diagnostic
	}
	results := make([]checked, len(srcs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, min(runtime.GOMAXPROCS(0), maxParallelPlans))
	for i, src := range srcs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i].plan, results[i].diags = workplan.Check(src.name, src.data, app.limits(), workplan.Options{})
		}()
	}
	wg.Wait()
	plans := make([]*workplan.Plan, 0, len(srcs))
	for i, src := range srcs {
		if err := app.refuseErrors(src, results[i].diags); err != nil {
			return nil, err
		}
		plans = append(plans, results[i].plan)
	}
	set, diags := workplan.NewSet(plans...)
	if errs := workplan.Errors(diags); len(errs) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
		return nil, withCode(ExitInvalid, fmt.Errorf("the plans disagree (%s, listed above)", plural(len(errs), "error")))
	}
	return set, nil
}

// maxParallelPlans bounds how many plans loadSet reads at once, and so
// the memory they take together.
const maxParallelPlans = 4

// refuseErrors prints the errors among diags, src's diagnostics, and
// refuses src when there is one.
func (app *App) refuseErrors(src source, diags []workplan.Diagnostic) error {
	if errs := workplan.Errors(diags); len(errs) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
		return withCode(ExitInvalid, fmt.Errorf("%s is not a valid workplan (%s, listed above)", src.name, plural(len(errs), "error")))
	}
	return nil
}
