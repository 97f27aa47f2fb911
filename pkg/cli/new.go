package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

func newNewCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "new <year>",
		Short: "Start the plan of another year, from the current plan",
		Long: `Write YEAR.yaml beside the plans bp reads (the workplans/ directory found
from here upward, or the directory --file or BP_FILE names), started from
the plan of the nearest year before YEAR (else the nearest after):

  - the plan's id and title for YEAR (the year in them replaced);
  - chair, co-chair, secretariat, time zone and groups carried over;
  - the framework's year advanced while YEAR is inside its range, else
    left out;
  - no summary, products, milestones or events: they belong to a year;
  - revision 1, revised today (--today, BP_TODAY or the clock).

Follow-up actions of earlier years that are still open are not copied:
each stays in the plan of the meeting that set it, where it is closed,
and the new year's bp status shows it in its follow-up section. bp new
lists them on standard error.

The file is in bp fmt's layout and valid, and starts with a comment that
lists what to review. bp new never writes over a file: when YEAR.yaml
exists, or another file holds a plan for YEAR, it refuses (exit 2) and
writes nothing. The plans built into bp and a single plan file have no
directory to write into: run bp new in a checkout of the plan repository,
or pass --file DIR.`,
		Example: `  # in November, start next year's plan, then review and fill it in
  $ bp new 2027
  $ bp validate`,
		Args: argCount(1, 1, "a year", "years"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNew(app, args[0])
		},
	}
}

func runNew(app *App, arg string) error {
	year, err := parseYear("new", strings.TrimSpace(arg))
	if err == nil && (year < 1900 || year > 9999) {
		err = usageErrorf("new: %d is not a plan year: use a year from 1900 to 9999", year)
	}
	if err != nil {
		return err
	}
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	pf, err := app.locatePlans()
	if err != nil {
		return err
	}
	switch {
	case pf.origin == fromBuilt:
		return usageErrorf("new: the plans are the ones built into bp, and there is no directory to write into\n" +
			"  hint: run bp new in a checkout of the plan repository (it finds workplans/ from there), or pass --file DIR")
	case pf.path == "-" || !app.isDir(pf.path):
		return usageErrorf("new: %s (%s) is a single plan file, not a directory of plans\n"+
			"  hint: pass --file DIR, the directory that holds the plans of every year", pf.path, pf.origin)
	}
	set, err := app.loadSet()
	if err != nil {
		return err
	}
	if p := set.Plan(year); p != nil {
		return usageErrorf("new: a plan for %d exists already: %s; refused, nothing was written", year, p.File)
	}
	target := filepath.Join(pf.path, strconv.Itoa(year)+".yaml")
	if there, err := app.store.Exists(target); err != nil {
		return withCode(ExitUsage, fmt.Errorf("new: %w", err))
	} else if there {
		return usageErrorf("new: %s exists; refused, nothing was written\n"+
			"  hint: move it away first if it is not needed", target)
	}
	from := basePlan(set, year)
	data, err := edit.NextYear(from, year, today, app.modeline(from.File), fromDir(target, from.File))
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("new: %w", err))
	}
	// What bp writes, bp must read: a plan it would refuse is a bug.
	plan, diags := workplan.Check(target, data, app.limits(), workplan.Options{Today: today})
	if plan != nil {
		_, sd := workplan.NewSet(append(append([]*workplan.Plan{}, set.Plans...), plan)...)
		diags = append(diags, sd...)
	}
	if errs := workplan.Errors(diags); len(errs) > 0 {
		_ = render.DiagnosticsText(app.Stderr, cleanFiles(errs))
		return withCode(ExitUsage, fmt.Errorf("new: internal error: the plan for %d is not valid; nothing was written", year))
	}
	if err := app.writeOut(target, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	if !app.quiet {
		fmt.Fprintf(app.Stderr, "bp: wrote %s: the plan of %d, from %s (%s, no events yet)\n",
			render.Clean(target), year, render.Clean(from.File), plural(len(plan.Groups), "group"))
		fmt.Fprintf(app.Stderr, "bp: review what the comment at its top lists, add the events, then run 'bp validate'\n")
	}
	// not about the file written: said even with --quiet
	carryOver(app.Stderr, set, year, today)
	return nil
}

// carryOver lists on w the actions of the years before year that are
// still open: they are not copied into the new plan (an action stays in
// the plan of the meeting that set it, where it is closed), and the new
// year's bp status tracks them in its follow-up section. With none, it
// says nothing.
func carryOver(w io.Writer, set *workplan.Set, year int, today time.Time) {
	var b strings.Builder
	n := 0
	for _, p := range set.Plans {
		if p.Year >= year {
			continue
		}
		var open []*workplan.Action
		for _, a := range p.Actions() {
			if a.State == workplan.ActionOpen {
				open = append(open, a)
			}
		}
		if len(open) == 0 {
			continue
		}
		n += len(open)
		fmt.Fprintf(&b, "bp: %s of %d still open, tracked in %s:\n", plural(len(open), "action"), p.Year, render.Clean(p.File))
		for _, a := range open {
			due := a.DueText()
			if d := a.DaysOverdue(today); d > 0 {
				due += " (" + render.Days(d) + " overdue)"
			}
			for i, l := range render.Wrap(render.Clean(a.ID+": "+a.Text), 76) {
				fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", 2+2*min(i, 1)), l)
			}
			for _, l := range render.Wrap("owners "+render.Clean(render.OwnersText(p, a))+"; due "+due, 74) {
				fmt.Fprintf(&b, "    %s\n", l)
			}
		}
	}
	if n == 0 {
		return
	}
	verb, them := "they stay", "them"
	if n == 1 {
		verb, them = "it stays", "it"
	}
	fmt.Fprintf(&b, "bp: %s in the plan that set %s, to be closed there (bp action done ID);\n"+
		"  'bp status --year %d' shows %s in its follow-up section\n", verb, them, year, them)
	_, _ = io.WriteString(w, b.String())
}

// modeline returns the first line of the plan file name when it tells
// an editor which schema to check the file with, else "".
func (app *App) modeline(name string) string {
	data, err := app.readFile(name)
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(data), "\n")
	first = strings.TrimSuffix(strings.TrimPrefix(first, "\uFEFF"), "\r")
	if strings.HasPrefix(first, "# yaml-language-server:") {
		return first
	}
	return ""
}

// fromDir names file as seen from the directory of target, for the
// comment of a new plan: "2026.yaml" beside it.
func fromDir(target, file string) string {
	if rel, err := filepath.Rel(filepath.Dir(target), file); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// basePlan is the plan a new year starts from: the nearest year before
// it, else the nearest after.
func basePlan(set *workplan.Set, year int) *workplan.Plan {
	var base *workplan.Plan
	for _, p := range set.Plans {
		if p.Year < year {
			base = p
		}
	}
	if base != nil {
		return base
	}
	for _, p := range set.Plans {
		if p.Year > year {
			return p
		}
	}
	return set.Plans[len(set.Plans)-1]
}
