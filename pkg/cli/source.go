package cli

// The App's way to the plan store (pkg/store): the names the command
// files call, each a thin wrapper that gives the store's errors exit 2;
// and what the commands decide from the plans read: today's date, the
// set of plans checked (loadSet), the plan bp diff compares.

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

// The environment variables bp reads, through App.Getenv.
const (
	EnvFile          = store.EnvFile          // a plan file or directory, when --file is not given
	EnvToday         = "BP_TODAY"             // today's date, when --today is not given
	EnvSafeDirectory = store.EnvSafeDirectory // plans directories bp reads although it would skip them
)

// plansDir is the directory the resolver looks for, from the working
// directory upward.
const plansDir = store.PlansDir

// planOrigin says how the resolver found the plans.
type planOrigin = store.Origin

// fromBuilt: the plans built into bp.
const fromBuilt = store.FromBuilt

// planFiles is what the resolver found (store.Files), as the commands
// use it.
type planFiles struct {
	origin planOrigin
	path   string // the --file or BP_FILE value, the directory found; "" when built in
	names  []string
}

func (pf planFiles) files() store.Files {
	return store.Files{Origin: pf.origin, Path: pf.path, Names: pf.names}
}

// locatePlans finds the plans (store.Session.Locate): --file, then
// $BP_FILE, then the nearest trusted workplans/ directory upward, else
// the plans built into bp. It reads no plan.
func (app *App) locatePlans() (planFiles, error) {
	f, err := app.store.Locate()
	if err != nil {
		return planFiles{}, withCode(ExitUsage, err)
	}
	return planFiles{origin: f.Origin, path: f.Path, names: f.Names}, nil
}

// resolvePlans resolves the plans (see locatePlans) and reads them all;
// the first that cannot be read stops it.
func (app *App) resolvePlans() (planFiles, []store.Source, error) {
	pf, err := app.locatePlans()
	if err != nil {
		return pf, nil, err
	}
	srcs, err := app.store.ReadAll(pf.files())
	if err != nil {
		return pf, nil, withCode(ExitUsage, err)
	}
	return pf, srcs, nil
}

// parsedPlans decodes the plans pf names as they are, without
// validating (store.Session.Plans), leaving out skip; exit 2 when one
// cannot be read.
func (app *App) parsedPlans(pf planFiles, skip string) ([]*workplan.Plan, error) {
	plans, err := app.store.Plans(pf.files(), skip)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return plans, nil
}

// isDir reports whether name (relative to the working directory) is a
// directory.
func (app *App) isDir(name string) bool { return app.store.IsDir(name) }

// osPath turns a path the user gave (relative to the App's working
// directory) into one the operating system can open
// (store.Session.Path).
func (app *App) osPath(name string) string { return app.store.Path(name) }

// readFile reads a workplan file whole, or refuses it, with exit 2
// (store.Session.ReadFile). "-" reads standard input. Every regular file
// read is recorded, so that no command of the same run writes over it.
func (app *App) readFile(path string) ([]byte, error) {
	data, err := app.store.ReadFile(path)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return data, nil
}

func (app *App) limits() workplan.Limits { return app.store.Limits() }

// errNotInRevision means the file did not exist at the revision: a new
// plan, with nothing to compare against (store.ErrNotInRevision).
var errNotInRevision = store.ErrNotInRevision

// gitShow returns the bytes of file at revision rev of the repository
// that holds it, and its REV:PATH name (store.Session.Show); git runs in
// the file's directory.
func (app *App) gitShow(rev, file string) ([]byte, string, error) { return app.store.Show(rev, file) }

// commitOf resolves rev to a commit id in the repository that holds dir
// (store.Session.Commit).
func (app *App) commitOf(dir, rev string) (string, error) { return app.store.Commit(dir, rev) }

// gitPlanFiles lists the plan files under dir as they are at commit
// (store.Session.PlanFilesAt).
func (app *App) gitPlanFiles(commit, dir string) ([]string, error) {
	return app.store.PlanFilesAt(commit, dir)
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

// isFile reports whether arg names an existing regular file.
func (app *App) isFile(arg string) bool { return app.store.IsFile(arg) }

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
// todayAndSet is what most commands start with: today (read once, at
// the edge) and the plans, read and checked as one set.
func (app *App) todayAndSet() (time.Time, *workplan.Set, error) {
	today, err := app.todayDate()
	if err != nil {
		return today, nil, err
	}
	set, err := app.loadSet()
	return today, set, err
}

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
			results[i].plan, results[i].diags = workplan.Check(src.Name, src.Data, app.limits(), workplan.Options{})
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
func (app *App) refuseErrors(src store.Source, diags []workplan.Diagnostic) error {
	if errs := workplan.Errors(diags); len(errs) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
		return withCode(ExitInvalid, fmt.Errorf("%s is not a valid workplan (%s, listed above)", src.Name, plural(len(errs), "error")))
	}
	return nil
}
