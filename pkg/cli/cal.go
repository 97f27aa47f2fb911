package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
)

type calOptions struct {
	Year  string // a year (YYYY), or yearCurrent for --year alone
	Color string
}

// yearCurrent is bp cal's --year given alone: the current plan's year.
const yearCurrent = "current"

// colorModes are the values of --color.
var colorModes = []string{"auto", "always", "never"}

func newCalCmd(app *App) *cobra.Command {
	opts := &calOptions{}
	cmd := &cobra.Command{
		Use:   "cal [month | --year [YYYY]]",
		Short: "Show a month or the year as a calendar, with the meetings marked",
		Long: `Show month grids like cal(1), weeks from Monday, with the days of meetings
marked, and under each month its meetings with their marks and days:
  *  a meeting
  ?  its day is still to be confirmed, or the meeting is postponed
  x  the meeting is cancelled
A meeting whose day is not known yet is listed under its month as "day TBC".

With no month, the month of today (--today, BP_TODAY or the clock). A month
is written as --month takes it (june, jun, 6, 2026-06, or this, next,
last); without a year it is in the plan's year. --year shows the current
plan's twelve months, three side by side; --year 2027 those of 2027, as
bp list --year 2027 lists them. A month or year no plan covers is said so
on stderr, as bp list says it, and nothing is shown (exit 0).

On a terminal the marked days are in colour and today is highlighted;
NO_COLOR (set and not empty) or --color never turns colour off, --color
always keeps it on in a pipe. Without colour, the last line names today.`,
		Example: `  # this month
  $ bp cal

  # June of the plan's year
  $ bp cal june

  # next month
  $ bp cal next

  # the whole year, three months side by side; and the year 2027
  $ bp cal --year
  $ bp cal --year 2027`,
		Args: argCount(0, 1, "a month", "months"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Year != "" && len(args) > 0 {
				return &commandLineError{cmd: cmd.CommandPath(), err: fmt.Errorf("give a month or --year, not both")}
			}
			return runCal(app, cmd.OutOrStdout(), opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.Year, "year", "", "show the twelve months of `YYYY`; alone, of the current plan's year")
	cmd.Flags().Lookup("year").NoOptDefVal = yearCurrent
	_ = cmd.RegisterFlagCompletionFunc("year", app.completeYears(false))
	cmd.Flags().StringVar(&opts.Color, "color", "auto", "`when` to colour: auto, always, never")
	_ = cmd.RegisterFlagCompletionFunc("color", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return colorModes, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runCal(app *App, out io.Writer, opts *calOptions, args []string) error {
	colour, err := app.colour(opts.Color)
	if err != nil {
		return err
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return err
	}
	plan := set.Current(today)
	first, n := today, 1
	switch {
	case opts.Year != "":
		year := plan.Year
		if opts.Year != yearCurrent {
			if year, err = parseYear("--year", opts.Year); err != nil {
				return err
			}
		}
		first, n = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC), 12
	case len(args) == 1:
		if first, _, _, err = parseMonthValue("cal", args[0], today, plan.Year); err != nil {
			return err
		}
	}
	// The year shown is a plan's: that plan's meetings. A year no plan
	// covers is said so, as bp list says it, rather than shown empty.
	if plan = set.Plan(first.Year()); plan == nil {
		fmt.Fprintln(app.Stderr, render.Clean(fmt.Sprintf("no plan covers %d (plans: %s)", first.Year(), set.YearsText())))
		return nil
	}
	if err := render.Cal(out, plan.Events, first, n, today, colour); err != nil {
		return withCode(ExitUsage, fmt.Errorf("cal: write: %w", err))
	}
	return nil
}

// colour decides whether output is coloured: --color always or never, or
// for auto, whether standard output is a terminal, NO_COLOR is unset or
// empty (no-color.org) and TERM is not "dumb".
func (app *App) colour(mode string) (bool, error) {
	switch strings.ToLower(mode) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return app.IsTerminal != nil && app.IsTerminal(app.Stdout) &&
			app.Getenv("NO_COLOR") == "" && app.Getenv("TERM") != "dumb", nil
	}
	return false, usageErrorf("--color: unknown value %q; use one of: %s", mode, strings.Join(colorModes, ", "))
}
