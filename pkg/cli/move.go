package cli

// What bp postpone --to and bp set --date/--month share: an event given
// new dates moves, with its back-to-back partner when --pair asks, and
// into another year's plan file when the dates lie there.

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

// moveHelp is what the help of the commands that move an event says
// about pairs and years.
const moveHelp = `
An event held back-to-back with another (backToBack) does not move
alone when the two would no longer be back-to-back: bp refuses, and
prints the command that moves both. --pair moves the other event too,
by as many days (to the same month, when the new date is a month).

A date in another year moves the event into that year's plan file: it
keeps its id, its comments, its calendar UID (uidPlan names the plan the
UID was made with, so that subscribers' calendars move the event rather
than add it again) and the dates it had (movedFrom). Both files get a
new revision; the target file is written first, and if the second write
fails the first is put back. Without a plan for that year nothing is
written: start it with bp new YEAR.`

// dateEdit is a change of an event's dates.
type dateEdit struct {
	cmd  *cobra.Command
	id   string
	to   workplan.Dates
	pair bool // --pair: the back-to-back partner moves too
	// change is the command's change of the event id, with its new
	// dates; the partner's, given its own new dates, when moved is
	// false.
	change func(id string, to workplan.Dates, main bool) edit.Change
}

// otherYear is what the change of a dateEdit returns when the new dates
// lie in another year than the plan's: the event moves to another file.
type otherYear struct {
	from *workplan.Plan // the plan as read
	ids  []string       // the events to move: the event, and its partner with --pair
	year int
}

func (e *otherYear) Error() string { return fmt.Sprintf("the dates lie in %d", e.year) }

// editDates makes a dateEdit: in the event's plan file (read once, by
// the edit), or, when the new dates lie in another year, moving it to
// that year's plan file.
func (app *App) editDates(out io.Writer, flags editFlags, de dateEdit) error {
	name := de.cmd.Name()
	file, err := app.fileWithEvent(name, de.id)
	if err != nil {
		return err
	}
	var changes []edit.Change
	// decide decides, on the plan as the edit reads it, what changes:
	// the event, its partner with --pair (or a refusal), and whether the
	// event stays in this file.
	decide := func(p *workplan.Plan) error {
		changes = []edit.Change{de.change(de.id, de.to, true)}
		e := p.Event(de.id)
		if e == nil {
			return nil // the change says it is not there
		}
		ids := []string{de.id}
		partner := p.Event(e.BackToBack)
		year := yearOf(de.to)
		switch {
		case de.pair && partner == nil:
			return usageErrorf("%s: --pair: %s is not held back-to-back with another event (it has no backToBack)", name, de.id)
		case de.pair:
			pd, ok := pairDates(e.Dates(), de.to, partner.Dates())
			if !ok {
				return usageErrorf("%s: --pair: %s has only a month (%s): by how many days %s\n  would move is not known\n  hint: move each alone, to days next to the other's: a pair is checked once\n  both have days (bp set %s --date ..., bp set %s --date ...)",
					name, de.id, e.DateText(), partner.ID, partner.ID, de.id)
			}
			if yearOf(pd) != year {
				return usageErrorf("%s: --pair: %s would move to %s and %s to %s: a pair is held in one year's plan\n  hint: choose dates that keep both in %d",
					name, de.id, de.to.Text(), partner.ID, pd.Text(), year)
			}
			changes = append(changes, de.change(partner.ID, pd, false))
			ids = append(ids, partner.ID)
		case partner != nil && breaksPair(de.to, partner.Dates(), year != p.Year):
			return app.pairRefusal(de, e, partner)
		}
		if year != p.Year {
			return &otherYear{from: p, ids: ids, year: year}
		}
		return nil
	}
	run := func(t *edit.Tree) error {
		for _, c := range changes {
			if err := c(t); err != nil {
				return err
			}
		}
		return nil
	}
	err = app.applyEdit(out, name, file, flags, func(t *edit.Tree) error {
		if err := decide(t.Plan); err != nil {
			return err
		}
		return run(t)
	})
	var oy *otherYear
	if !errors.As(err, &oy) {
		return err
	}
	plans, err := app.editablePlans(name)
	if err != nil {
		return err
	}
	var to *workplan.Plan
	var years []string
	for _, p := range plans {
		if p.Year == oy.year && p.File != oy.from.File {
			to = p
		}
		years = append(years, fmt.Sprintf("%d in %s", p.Year, shown(p.File)))
	}
	if to == nil {
		return usageErrorf("%s: %s lies in %d, and no plan covers %d\n  (the plans: %s); nothing was written\n  hint: start the %d plan with 'bp new %d', then run this again:\n  the event moves into it",
			name, de.to.Text(), oy.year, oy.year, strings.Join(years, ", "), oy.year, oy.year)
	}
	return app.applyMove(out, name, oy.from.File, to.File, oy.ids, flags, run)
}

// yearOf is the year dates lie in: their first day's, or their month's.
func yearOf(d workplan.Dates) int {
	if d.HasDay() {
		return d.Start.Year()
	}
	return d.Month.Year()
}

// pairDates are the dates of the partner of an event moved from old to
// to: shifted by as many days, when the days are known; the same month
// when only the month is (to's, or that of to's first day for a partner
// whose day is not known). ok is false when the shift is not known (the
// event had only a month, its partner days).
func pairDates(old, to, partner workplan.Dates) (workplan.Dates, bool) {
	switch {
	case !to.HasDay():
		return workplan.Dates{Month: to.Month}, true
	case !partner.HasDay():
		return workplan.Dates{Month: time.Date(to.Start.Year(), to.Start.Month(), 1, 0, 0, 0, 0, time.UTC)}, true
	case !old.HasDay():
		return workplan.Dates{}, false
	}
	days := int(to.Start.Sub(old.Start).Hours() / 24)
	return workplan.Dates{Start: partner.Start.AddDate(0, 0, days), End: partner.End.AddDate(0, 0, days)}, true
}

// breaksPair reports whether an event moved to the dates to would no
// longer be back-to-back with its partner, still at partner: in another
// plan file, or on days that are not adjacent (as bp validate's
// back-to-back rule wants them; like it, a pair is not judged while one
// of them has only a month).
func breaksPair(to, partner workplan.Dates, otherYear bool) bool {
	if otherYear {
		return true
	}
	if !to.HasDay() || !partner.HasDay() {
		return false
	}
	next := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	return partner.Start.After(next(to.End)) || to.Start.After(next(partner.End))
}

// pairRefusal refuses to move one event of a back-to-back pair alone,
// with the command that moves both, and the ones that part them.
func (app *App) pairRefusal(de dateEdit, e, partner *workplan.Event) error {
	name := de.cmd.Name()
	both := "move both"
	if pd, ok := pairDates(e.Dates(), de.to, partner.Dates()); ok {
		if days := int(pd.Start.Sub(partner.Start).Hours() / 24); pd.HasDay() && days != 0 {
			both += fmt.Sprintf(", %s by the same %s", partner.ID, plural(abs(days), "day"))
		}
		both += " (to " + pd.Text() + ")"
	}
	msg := fmt.Sprintf("%s: refused: %s is held back-to-back with %s\n"+
		"  (%s): moved alone to %s, the two would no longer be\n"+
		"  back-to-back; nothing was written\n"+
		"  hint: %s:\n"+
		"    %s\n"+
		"  hint: or, if they are no longer held together, part them first:\n"+
		"    bp set %s --unset backToBack\n"+
		"    bp set %s --unset backToBack",
		name, de.id, partner.ID, partner.DateText(), de.to.Text(), both, commandLine(de.cmd, []string{de.id}, "--pair"), de.id, partner.ID)
	return withCode(ExitInvalid, errors.New(msg))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// commandLine writes the command as it was typed (its arguments and the
// flags given), with extra flags at the end: a hint the user can copy.
func commandLine(cmd *cobra.Command, args []string, extra ...string) string {
	words := []string{cmd.CommandPath()}
	for _, a := range args {
		words = append(words, shellWord(a))
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				words = append(words, "--"+f.Name, shellWord(v))
			}
			return
		}
		if f.Value.Type() == "bool" {
			if f.Value.String() == "true" {
				words = append(words, "--"+f.Name)
			} else {
				words = append(words, "--"+f.Name+"=false")
			}
			return
		}
		words = append(words, "--"+f.Name, shellWord(f.Value.String()))
	})
	return strings.Join(append(words, extra...), " ")
}

// applyMove moves the events ids from the plan file from to the plan
// file to, and applies change to them there (edit.Move), then writes
// both files (unless dry): under the lock of both, the target first. If
// the second write fails, the first is put back; nothing is lost either
// way (a stop between the two renames leaves the events in both files,
// which bp validate reports).
func (app *App) applyMove(out io.Writer, cmd, from, to string, ids []string, flags editFlags, change edit.Change) error {
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	if !flags.DryRun {
		unlock, err := app.store.LockEdit(from, to)
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("%s: %w", cmd, err))
		}
		defer unlock()
	}
	var ins [2]edit.Input
	for i, file := range []string{from, to} {
		data, err := app.readFile(file)
		if err != nil {
			return err
		}
		ins[i] = edit.Input{File: file, Data: data, Today: today, Limits: app.limits()}
		app.publishedAt(&ins[i])
		ins[i].Others = app.otherPlans(file)
	}
	m, err := edit.Move(ins[0], ins[1], ids, change)
	if err != nil {
		var inv *edit.InvalidError
		if errors.As(err, &inv) && !inv.Before {
			_ = render.DiagnosticsText(app.Stderr, cleanFiles(inv.Diagnostics))
			return withCode(ExitInvalid, fmt.Errorf("%s: refused: the move would make the plans invalid (%s, above: lines as the files would be); nothing was written", cmd, plural(len(inv.Diagnostics), "error")))
		}
		file := from
		if errors.As(err, &inv) && len(inv.Diagnostics) > 0 {
			file = inv.Diagnostics[0].File
		}
		return app.editError(cmd, file, err)
	}
	if err := m.WriteChanges(out); err != nil {
		return withCode(ExitUsage, fmt.Errorf("%s: write: %w", cmd, err))
	}
	for _, r := range []*edit.Result{m.From, m.To} {
		if len(r.Warnings) > 0 {
			_ = render.DiagnosticsText(app.Stderr, cleanFiles(r.Warnings))
		}
	}
	app.warnEdits(m.From.Old, m.To.New, m.IDs)
	if flags.DryRun {
		fmt.Fprintf(app.Stderr, "bp: dry run: %s and %s not written\n", shown(to), shown(from))
		return nil
	}
	err = app.store.ReplaceAll([]store.Replacement{
		{Name: to, Data: m.To.Data, Was: ins[1].Data},
		{Name: from, Data: m.From.Data, Was: ins[0].Data},
	})
	if err != nil {
		werr := &store.WriteAllError{Name: to, Err: err}
		errors.As(err, &werr)
		switch {
		case len(werr.Left) > 0:
			return withCode(ExitUsage, fmt.Errorf("%s: %s could not be written (%w), and %s, written first, could not be put back: %s in both files now\n  hint: remove it from %s by hand (bp validate names it), or restore that file from git",
				cmd, shown(werr.Name), werr.Err, shown(to), strings.Join(ids, " and "), shown(to)))
		case errors.Is(err, store.ErrChangedOnDisk):
			return withCode(ExitUsage, fmt.Errorf("%s: %s changed on disk since bp read it (another editor?); nothing was written\n  hint: run the command again: it reads the files as they are now", cmd, shown(werr.Name)))
		case werr.Name == to:
			return withCode(ExitUsage, fmt.Errorf("%s: %w; nothing was written", cmd, werr.Err))
		}
		return withCode(ExitUsage, fmt.Errorf("%s: %w; nothing was written (%s, written first, was put back as it was)", cmd, werr.Err, shown(to)))
	}
	app.wrote(to, fmt.Sprintf("revision %d of %s", m.To.New.Revision, workplan.ISODay(m.To.New.Revised)))
	app.wrote(from, fmt.Sprintf("revision %d of %s", m.From.New.Revision, workplan.ISODay(m.From.New.Revised)))
	return nil
}
