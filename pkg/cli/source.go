package cli

import (
	"fmt"
	"time"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/workplans"
)

// EnvFile names the environment variable that points bp at a plan.
const EnvFile = "BP_FILE"

func embeddedName() string {
	name, _ := workplans.Default()
	if name == "" {
		return "none"
	}
	return name
}

// source is a workplan's bytes and the name diagnostics give it.
type source struct {
	name     string
	data     []byte
	embedded bool
}

// planSource finds the plan to read: --file, then $BP_FILE, then the
// built-in plan.
func (app *App) planSource() (source, error) {
	path := app.file
	if path == "" {
		path = app.Getenv(EnvFile)
	}
	if path == "" {
		name, data := workplans.Default()
		if data == nil {
			return source{}, usageErrorf("no workplan built in: pass --file")
		}
		return source{name: name, data: data, embedded: true}, nil
	}
	data, err := app.readFile(path)
	if err != nil {
		return source{}, err
	}
	return source{name: path, data: data}, nil
}

// todayDate returns --today, or the clock's date. It is read once per
// command, at the edge.
func (app *App) todayDate() (time.Time, error) {
	if app.today != "" {
		t, err := workplan.ParseDate(app.today)
		if err != nil {
			return time.Time{}, usageErrorf("--today: %v", err)
		}
		return t, nil
	}
	now := app.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

// loadPlan reads and validates the plan the user chose. A plan with
// errors is refused: its diagnostics go to stderr and bp exits 1.
// Warnings are left to `bp validate`.
func (app *App) loadPlan() (*workplan.Plan, error) {
	src, err := app.planSource()
	if err != nil {
		return nil, err
	}
	return app.checkSource(src)
}

func (app *App) checkSource(src source) (*workplan.Plan, error) {
	plan, diags := workplan.Check(src.name, src.data, app.limits(), workplan.Options{})
	if workplan.HasErrors(diags) {
		errs := workplan.Errors(diags)
		_ = render.DiagnosticsText(app.Stderr, errs)
		return nil, withCode(ExitInvalid, fmt.Errorf("%s is not a valid workplan (%d errors); run 'bp validate' for details", src.name, len(errs)))
	}
	return plan, nil
}
