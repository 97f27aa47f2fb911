package cli

// What the edit commands (add, set, confirm, postpone, cancel, record,
// remove, migrate) share: which plan file a change goes to, the revision
// published at git HEAD, and one way to apply a change and write it.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

// editHelp is what every edit command's help says about what it does.
const editHelp = `
The change is made through the file's YAML tree: every comment is kept,
and the file comes out in bp fmt's layout. The result is validated first:
a change that would make the plan invalid is refused with the problems
bp validate names, and nothing is written (exit 1). The plan's revision
goes up by one and its revised date becomes today (--today, BP_TODAY or
the clock), once per change set: when the file's revision is already
above the one committed at git HEAD, or git has no version of the file
yet (nothing of it was published), it stays. Each event whose calendar
entry changes carries the new revision, and no other (a follow-up action
kept internal changes no entry), so calendar feeds announce only what
changed. A file
of format version 1 is upgraded as it is written (see bp migrate).

What changed is printed in the words of bp diff; --dry-run prints it and
writes nothing. The file is written atomically, and not at all when it
changed on disk since bp read it.`

// editFlags are the flags every edit command has.
type editFlags struct {
	DryRun bool
}

func (f *editFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVarP(&f.DryRun, "dry-run", "n", false, "print what would change, and write nothing")
}

// editableNames finds the plans the resolver finds, without reading
// them, refusing what cannot be changed: the plans built into bp, and
// standard input.
func (app *App) editableNames(cmd string) (planFiles, error) {
	pf, err := app.locatePlans()
	if err != nil {
		return pf, err
	}
	if pf.origin == fromBuilt {
		return pf, usageErrorf("%s: the plans built into bp cannot be changed; run it where a %s/ directory is (or above), or name the file with --file", cmd, plansDir)
	}
	for _, name := range pf.names {
		if name == "-" {
			return pf, usageErrorf("%s: standard input cannot be changed in place; name the file with --file", cmd)
		}
	}
	return pf, nil
}

// editablePlans decodes the plans editableNames finds, as they are.
func (app *App) editablePlans(cmd string) ([]*workplan.Plan, error) {
	pf, err := app.editableNames(cmd)
	if err != nil {
		return nil, err
	}
	return app.parsedPlans(pf, "")
}

// fileWithEvent returns the plan file that holds the event id: the one
// plan when the resolver finds one (not read here: the edit reads it, and
// says when the id is unknown), else the plan (of the set) whose events
// include it.
func (app *App) fileWithEvent(cmd, id string) (string, error) {
	return app.fileHolding(cmd, id, holding{
		what: "event", list: "bp list", single: true,
		has: func(p *workplan.Plan) bool { return p.Event(id) != nil },
		ids: func(p *workplan.Plan) (ids []string) {
			for _, e := range p.Events {
				ids = append(ids, e.ID)
			}
			return ids
		},
	})
}

// fileWithAction returns the plan file that holds the action id.
func (app *App) fileWithAction(cmd, id string) (string, error) {
	return app.fileHolding(cmd, id, holding{
		what: "action", list: "bp actions",
		has: func(p *workplan.Plan) bool { return p.Action(id) != nil },
		ids: func(p *workplan.Plan) (ids []string) {
			for _, a := range p.Actions() {
				ids = append(ids, a.ID)
			}
			return ids
		},
	})
}

// holding says what fileHolding looks for.
type holding struct {
	what, list string // "event", and the command that lists the ids
	single     bool   // one plan file is the answer, unread
	has        func(*workplan.Plan) bool
	ids        func(*workplan.Plan) []string
}

// fileHolding returns the editable plan file that holds an event or an
// action, or an error that suggests the id meant.
func (app *App) fileHolding(cmd, id string, h holding) (string, error) {
	pf, err := app.editableNames(cmd)
	if err != nil {
		return "", err
	}
	if h.single && len(pf.names) == 1 {
		return pf.names[0], nil
	}
	plans, err := app.parsedPlans(pf, "")
	if err != nil {
		return "", err
	}
	var all []string
	for _, p := range plans {
		if h.has(p) {
			return p.File, nil
		}
		all = append(all, h.ids(p)...)
	}
	msg := fmt.Sprintf("%s: no %s %q in %s", cmd, h.what, id, plural(len(pf.names), "plan file"))
	if s := workplan.Suggest(id, all); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; run '" + h.list + "' for the ids"
	}
	return "", usageErrorf("%s", render.Clean(msg))
}

// fileForDates returns the plan file whose year holds the dates: a new
// event goes there.
func (app *App) fileForDates(cmd string, d workplan.Dates) (string, error) {
	plans, err := app.editablePlans(cmd)
	if err != nil {
		return "", err
	}
	year := d.Start.Year()
	if !d.HasDay() {
		year = d.Month.Year()
	}
	var years []string
	for _, p := range plans {
		if p.Year == year {
			return p.File, nil
		}
		years = append(years, fmt.Sprintf("%d (%s)", p.Year, p.File))
	}
	hint := "no plan file covers " + fmt.Sprint(year)
	if len(years) > 0 {
		hint += "; the plans cover " + strings.Join(years, ", ")
	}
	return "", usageErrorf("%s: %s\n  hint: check the date, or start the plan of %d first", cmd, render.Clean(hint), year)
}

// otherPlans reads the plans of the set other than file, as they are:
// the rules that span plans check an edit of file with them. file itself
// is not read here (the edit reads it, once); nil when one of the others
// cannot be read.
func (app *App) otherPlans(file string) []*workplan.Plan {
	pf, err := app.locatePlans()
	if err != nil {
		return nil
	}
	plans, err := app.parsedPlans(pf, file)
	if err != nil {
		return nil
	}
	return plans
}

// publishedAt fills in what an edit needs from the plan as committed at
// git HEAD (store.Session.Published): its revision (0 when there is
// none), whether the file is new since HEAD, and a reader of the whole
// plan for the rare upgrade that needs it.
func (app *App) publishedAt(in *edit.Input) {
	p := app.store.Published(in.File)
	in.Published, in.Unpublished, in.PublishedPlan = p.Revision, p.New, p.Plan
}

// applyEdit makes one change to file and writes it (unless dry): under a
// lock on the file's directory, it reads the file, applies the change,
// prints what changed, and writes the result, refusing if the file
// changed on disk since it was read.
func (app *App) applyEdit(out io.Writer, cmd, file string, flags editFlags, change edit.Change) error {
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	if !flags.DryRun {
		unlock, err := app.store.LockEdit(file)
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("%s: %w", cmd, err))
		}
		defer unlock()
	}
	data, err := app.readFile(file)
	if err != nil {
		return err
	}
	in := edit.Input{File: file, Data: data, Today: today, Limits: app.limits()}
	app.publishedAt(&in)
	in.Others = app.otherPlans(file)
	res, err := edit.Apply(in, change)
	if err != nil {
		return app.editError(cmd, file, err)
	}
	if err := app.checkSet(cmd, in.Others, res); err != nil {
		return err
	}
	return app.finishEdit(out, cmd, file, data, flags, res)
}

// checkSet refuses a change that makes the plans of the set disagree
// where they did not before: an event id another year's plan uses (a
// calendar UID must never repeat across years), a group that means
// another group. edit.Apply sees one file; the set is the command line's.
func (app *App) checkSet(cmd string, others []*workplan.Plan, res *edit.Result) error {
	if !res.Changed() || len(others) == 0 {
		return nil // the set adds nothing to check
	}
	errs := edit.NewSetErrors(others, []*workplan.Plan{res.Old}, []*workplan.Plan{res.New})
	if len(errs) == 0 {
		return nil
	}
	_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
	return withCode(ExitInvalid, fmt.Errorf("%s: refused: the plans of the set would disagree (%s, above); nothing was written", cmd, plural(len(errs), "error")))
}

// finishEdit prints what a change did and writes its result.
func (app *App) finishEdit(out io.Writer, cmd, file string, data []byte, flags editFlags, res *edit.Result) error {
	if !res.Changed() {
		fmt.Fprintf(app.Stderr, "bp: %s: nothing to change; %s is left as it was\n", cmd, render.Clean(file))
		return nil
	}
	if err := res.WriteChanges(out); err != nil {
		return withCode(ExitUsage, fmt.Errorf("%s: write: %w", cmd, err))
	}
	if len(res.Warnings) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(res.Warnings))
	}
	app.warnEdits(res.Old, res.New, changedIDs(res.Diff))
	if flags.DryRun {
		fmt.Fprintf(app.Stderr, "bp: dry run: %s not written\n", render.Clean(file))
		return nil
	}
	if err := app.store.Replace(file, res.Data, data); err != nil {
		if errors.Is(err, store.ErrChangedOnDisk) {
			return withCode(ExitUsage, fmt.Errorf("%s: %s changed on disk since bp read it (another editor?); nothing was written\n  hint: run the command again: it reads the file as it is now", cmd, file))
		}
		return withCode(ExitUsage, fmt.Errorf("%s: %w", cmd, err))
	}
	app.wrote(file, fmt.Sprintf("revision %d of %s", res.New.Revision, workplan.ISODay(res.New.Revised)))
	return nil
}

// editError turns what edit.Apply refused into a message and an exit
// code: an invalid plan exits 1 with bp validate's diagnostics; an
// unknown event is a usage error; anything else exits 2. Nothing was
// written in any case.
func (app *App) editError(cmd, file string, err error) error {
	var coded *exitError
	var oy *otherYear
	if errors.As(err, &coded) || errors.As(err, &oy) {
		return err // the change's own refusal, said as it is
	}
	var inv *edit.InvalidError
	var nf *edit.NotFoundError
	var anf *edit.ActionNotFoundError
	var ref *edit.RefusedError
	switch {
	case errors.As(err, &ref):
		return usageErrorf("%s: refused: %s; nothing was written\n  hint: %s", cmd, render.Clean(ref.Msg), render.Clean(ref.Hint))
	case errors.As(err, &anf):
		return usageErrorf("%s: %s", cmd, render.Clean(anf.Error()))
	case errors.As(err, &inv):
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(inv.Diagnostics))
		if inv.Before {
			return withCode(ExitInvalid, fmt.Errorf("%s: %s is not a valid workplan (%s); fix it first (bp validate); nothing was written", cmd, file, plural(len(inv.Diagnostics), "error")))
		}
		return withCode(ExitInvalid, fmt.Errorf("%s: refused: the change would make %s invalid (%s, above: lines as the file would be); nothing was written", cmd, file, plural(len(inv.Diagnostics), "error")))
	case errors.As(err, &nf):
		return usageErrorf("%s: %s", cmd, nf.Error())
	}
	return withCode(ExitUsage, fmt.Errorf("%s: %w; nothing was written", cmd, err))
}

// wordFlag reads a flag whose value is one of words; a usage error names
// them.
func wordFlag(flag, value string, words []string) error {
	if slices.Contains(words, value) {
		return nil
	}
	return usageErrorf("--%s: unknown value %q; use one of: %s", flag, value, strings.Join(words, ", "))
}

// completeEventIDs gives the shell the event ids of every plan, as the
// first argument of an edit command.
func (app *App) completeEventIDs(cmd *cobra.Command, args []string, word string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return app.completeIDs(cmd, args, word)
}

// completionPlans are the plans the resolver finds, read leniently:
// completion must not fail on a plan being edited.
func (app *App) completionPlans() []*workplan.Plan {
	pf, err := app.locatePlans()
	if err != nil {
		return nil
	}
	plans, _ := app.parsedPlans(pf, "")
	return plans
}

// registerEditCompletions completes the flags the edit commands share.
func (app *App) registerEditCompletions(cmd *cobra.Command) {
	words := func(ws []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return ws, cobra.ShellCompDirectiveNoFileComp
		}
	}
	complete := map[string]func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective){
		"type":   words(workplan.Words(workplan.EventTypes)),
		"status": words(workplan.Words(workplan.Statuses)),
		"format": words(workplan.Words(workplan.Formats)),
		"unset":  words(edit.Unsettable),
		"group": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var out []string
			seen := map[string]bool{}
			for _, p := range app.completionPlans() {
				for _, g := range p.Groups {
					if !seen[g.ID] {
						seen[g.ID] = true
						out = append(out, render.Clean(g.ID)+"\t"+render.Clean(g.Name))
					}
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		"tz": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return app.timeZones(), cobra.ShellCompDirectiveNoFileComp
		},
		"choose": func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			var out []string
			if len(args) == 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			for _, p := range app.completionPlans() {
				if e := p.Event(args[0]); e != nil && e.Location != nil {
					for _, a := range e.Location.Alternatives {
						out = append(out, render.Clean(a.City)+"\t"+render.Clean(a.String()))
					}
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	for name, f := range complete {
		if cmd.Flags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, f)
		}
	}
}

// timeZones lists IANA time zone names for completion: those the plans
// use first, then the system's list (zone1970.tab), if it has one.
func (app *App) timeZones() []string {
	var out []string
	add := func(z string) {
		if z != "" && !slices.Contains(out, z) {
			out = append(out, render.Clean(z))
		}
	}
	for _, p := range app.completionPlans() {
		add(p.TimeZone)
		for _, e := range p.Events {
			add(e.TimeZone)
		}
	}
	dir := app.Getenv("ZONEINFO")
	if dir == "" {
		dir = "/usr/share/zoneinfo"
	}
	if data, err := os.ReadFile(filepath.Join(dir, "zone1970.tab")); err == nil {
		var zones []string
		for _, l := range strings.Split(string(data), "\n") {
			if f := strings.Split(l, "\t"); len(f) >= 3 && !strings.HasPrefix(l, "#") {
				zones = append(zones, f[2])
			}
		}
		slices.Sort(zones)
		for _, z := range zones {
			add(z)
		}
	}
	add("UTC")
	return out
}
