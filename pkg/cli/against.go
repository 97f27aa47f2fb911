package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

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

// isFile reports whether arg names an existing regular file.
func (app *App) isFile(arg string) bool { return app.store.IsFile(arg) }
