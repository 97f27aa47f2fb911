package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

type listOptions struct {
	filter filterOptions
	Output string
	Out    string
}

func newListCmd(app *App) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [month] [flags]",
		Short: "List the workplan's events, filtered",
		Long: `List the workplan's events in date order. bp list MONTH is short for
bp list --month MONTH. Filters combine: an event must match all of them.
An event that overlaps a month or date range is in it; an event whose day
is not known yet is in its month.

With no filter, bp list shows the current plan year, and so do filters
without a date; --from, --to, --week and --upcoming span every plan year
they reach. Relative dates (--month next, --week, --from today,
--upcoming 30d) are judged by today: --today, BP_TODAY or the clock.

` + yearsHelp + `

When nothing matches and another plan year has matches, bp says so on
stderr with the command that shows them; so it does, in one line, when a
month without a year (march) is found in the current plan year and a
later plan year has meetings in that month too (in December, bp list
march is the March past). A year no plan covers is named as such; the
year after the last plan (--month next in December), with the bp new
command that starts it. Nothing matching is not an error: exit status 0.`,
		Example: `  # what is on in June
  $ bp list june

  # next month, this week, the next two weeks (as of --today or the clock)
  $ bp list --month next
  $ bp list --week
  $ bp list --upcoming 2w

  # webinars and working groups still to be confirmed
  $ bp list --type webinar,working-group --unconfirmed

  # the Reference Group's meetings as JSON, for a script
  $ bp list --group rg -o json

  # everything mentioning Türkiye in the second half of the year
  $ bp list --from 2026-07-01 --search türkiye

  # every plan year, and June of next year
  $ bp list --year all
  $ bp list --month 2027-06`,
		Args: argCount(0, 1, "a month", "months"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if err := opts.filter.monthArg(cmd, args[0]); err != nil {
					return err
				}
			}
			return runList(app, cmd.OutOrStdout(), opts)
		},
	}
	opts.filter.register(app, cmd)
	listOutputs.output(cmd, &opts.Output)
	outFlag(cmd, &opts.Out, "the list")
	return cmd
}

// listOutputs are bp list's output formats.
var listOutputs = outputs{present.Text, present.JSON, present.CSV, present.Markdown}

// writeList writes the events in the format: JSON and CSV by their own
// writers (the published contracts), text and Markdown as the list's
// view, which marks the meetings past as of today.
func writeList(out io.Writer, format *present.Format, plan *workplan.Plan, evs []*workplan.Event, today time.Time) error {
	switch {
	case format == present.JSON:
		return render.EventsJSON(out, plan, evs)
	case format == present.CSV:
		return render.EventsCSV(out, plan, evs)
	case format == present.Text && len(evs) == 0:
		return nil // runList said so on stderr
	}
	return present.WriteDocument(out, format, render.EventsDoc(plan, evs, today))
}

func runList(app *App, out io.Writer, opts *listOptions) error {
	format, err := listOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return err
	}
	sel, err := opts.filter.build(set, today)
	if err != nil {
		return err
	}
	evs := sel.events()
	if len(evs) == 0 {
		head, others := sel.emptyNote("bp list")
		switch {
		case others != "":
			fmt.Fprintln(app.Stderr, render.Clean(head+"; "+others))
		case head != "":
			fmt.Fprintln(app.Stderr, render.Clean(head))
		case format == present.Text:
			fmt.Fprintln(app.Stderr, "no events match")
		}
	} else if also := sel.alsoNote("bp list"); also != "" {
		fmt.Fprintln(app.Stderr, render.Clean(also))
	}
	err = app.emit(out, opts.Out, eventCount(len(evs)), func(w io.Writer) error {
		return writeList(w, format, sel.primary(today), evs, today)
	})
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("list: write: %w", unwrapExit(err)))
	}
	return nil
}
