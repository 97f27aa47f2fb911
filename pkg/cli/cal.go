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
	Year  bool
	Color string
}

// colorModes are the values of --color.
var colorModes = []string{"auto", "always", "never"}

func newCalCmd(app *App) *cobra.Command {
	opts := &calOptions{}
	cmd := &cobra.Command{
		Use:   "cal [month | --year]",
		Short: "Show a month or the year as a calendar, with the meetings marked",
		Long: `Show month grids like cal(1), weeks from Monday, with the days of meetings
marked, and under each month its meetings with their marks and days:
  *  a meeting
  ?  its day is still to be confirmed, or the meeting is postponed
  x  the meeting is cancelled
A meeting whose day is not known yet is listed under its month as "day TBC".

With no month, the month of today (--today, BP_TODAY or the clock). A month
is written as --month takes it (june, jun, 6, 2026-06, or this, next,
last); without a year it is in the plan's year. --year shows the plan's
twelve months, three side by side.

On a terminal the marked days are in colour and today is highlighted;
NO_COLOR (set and not empty) or --color never turns colour off, --color
always keeps it on in a pipe. Without colour, the last line names today.`,
		Example: `  # this month
  $ bp cal

  # June of the plan's year
  $ bp cal june

  # next month
  $ bp cal next

  # the whole year, three months side by side
  $ bp cal --year`,
		Args: argCount(0, 1, "a month", "months"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Year && len(args) > 0 {
				return &commandLineError{cmd: cmd.CommandPath(), err: fmt.Errorf("give a month or --year, not both")}
			}
			return runCal(app, cmd.OutOrStdout(), opts, args)
		},
	}
	cmd.Flags().BoolVar(&opts.Year, "year", false, "show the plan's whole year")
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
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	set, err := app.loadSet()
	if err != nil {
		return err
	}
	plan := set.Current(today)
	first, n := today, 1
	switch {
	case opts.Year:
		first, n = time.Date(plan.Year, time.January, 1, 0, 0, 0, 0, time.UTC), 12
	case len(args) == 1:
		var withYear bool
		if first, _, withYear, err = parseMonthValue("bp cal", args[0], today, plan.Year); err != nil {
			return err
		}
		// A month with its year (2027-06, next) shows that year's plan.
		if p := set.Plan(first.Year()); withYear && p != nil {
			plan = p
		}
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
