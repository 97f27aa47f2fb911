package cli

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

const (
	fromFlag  = store.FromFlag  // --file
	fromBuilt = store.FromBuilt // the plans built into bp
)

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

// resolvePlans resolves the plans (see locatePlans) and reads them all.
func (app *App) resolvePlans() (planFiles, []store.Source, error) {
	pf, err := app.locatePlans()
	if err != nil {
		return pf, nil, err
	}
	srcs, err := app.readPlans(pf)
	return pf, srcs, err
}

// readPlans reads the plans pf names; the first that cannot be read
// stops it, with exit 2.
func (app *App) readPlans(pf planFiles) ([]store.Source, error) {
	srcs, err := app.store.ReadAll(pf.files())
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return srcs, nil
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
