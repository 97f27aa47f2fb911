package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

// statusOutputs are bp status's output formats.
var statusOutputs = outputs{present.Text, present.Markdown, present.HTML, present.JSON}

type statusOptions struct {
	AsOf   string
	Year   string
	Since  string
	Output string
	Out    string
}

func newStatusCmd(app *App) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status [flags]",
		Short: "Show where the plan stands on a day: held, follow-up, ahead, TBC",
		Long: `Show where the workplan stands as of a day (today, or --as-of): each event's
state, counts by group, type and quarter, the next event, the knowledge
products and the webinars that present them, and the milestones.

Each event is in one state; the first rule that matches wins:
  cancelled            its status is cancelled
  postponed            its status is postponed
  held                 an outcome is recorded (on or before the day);
                       status: held alone is not enough
  happening now        the day falls within its days
  needs follow-up      its days have passed and no outcome is recorded
                       (also when its status says held, or its day was TBC)
  overdue to schedule  only its month is known, and the month has passed
  to be confirmed      still ahead, but its day or place is TBC
  upcoming             still ahead, day and place fixed

Record an outcome in the plan to mark an event held:
  outcome:
    summary: The 2026 workplan was endorsed.
    link: https://example.org/report     # optional
    recorded: 2026-03-05

The report is on one plan year: the current one as of the day (the year
of the day if a plan covers it, else the nearest plan year ahead, else the
latest), or --year.

The same plan and day always give the same bytes, so a report can be
committed or published as it is.`,
		Example: `  # where the plan stands today
  $ bp status

  # as of the end of June, as a page to share (works offline, prints well)
  $ bp status --as-of 2026-06-30 -o html --out status.html

  # for a wiki page or an issue
  $ bp status -o markdown

  # next year's plan
  $ bp status --year 2027

  # the counts, for a script
  $ bp status -o json | jq .counts`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(app, cmd.OutOrStdout(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.AsOf, "as-of", "", "report as of `date` (YYYY-MM-DD or today; default today: --today, $BP_TODAY or the clock)")
	cmd.Flags().StringVar(&opts.Year, "year", "", "report on the plan of `year` (YYYY; default the current plan year as of the day)")
	_ = cmd.RegisterFlagCompletionFunc("year", app.completeYears(false))
	_ = cmd.RegisterFlagCompletionFunc("as-of", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"today"}, cobra.ShellCompDirectiveNoFileComp
	})
	statusOutputs.output(cmd, &opts.Output)
	cmd.Flags().StringVar(&opts.Since, "since", "", "count follow-up actions done from `date` (YYYY-MM-DD; default the first day of the plan's year)")
	outFlag(cmd, &opts.Out, "the report")
	_ = cmd.MarkFlagFilename("out", "html", "md", "txt", "json")
	return cmd
}

func runStatus(app *App, out io.Writer, opts *statusOptions) error {
	format, err := statusOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	asOf, err := app.todayDate()
	if err != nil {
		return err
	}
	if opts.AsOf != "" {
		if asOf, err = parseDay("--as-of", opts.AsOf, asOf); err != nil {
			return err
		}
	}
	set, err := app.loadSet()
	if err != nil {
		return err
	}
	plan := set.Current(asOf)
	if opts.Year != "" {
		year, err := parseYear("--year", strings.TrimSpace(opts.Year))
		if err != nil {
			return err
		}
		if plan = set.Plan(year); plan == nil {
			return usageErrorf("--year: no plan covers %d (plans: %s)", year, set.YearsText())
		}
	}
	r := report.Status(plan, asOf)
	since, err := followUpSince(opts.Since, asOf)
	if err != nil {
		return err
	}
	r.AddFollowUp(set.Plans, since)
	write := func(w io.Writer) error { return r.Document().Write(w, format) }
	if opts.Out != "" {
		if err := app.writeOut(opts.Out, write); err != nil {
			return withCode(ExitUsage, fmt.Errorf("status: %w", unwrapExit(err)))
		}
		app.wrote(opts.Out, fmt.Sprintf("%s as of %s", plan.Title, workplan.DayText(asOf)))
		return nil
	}
	if err := write(out); err != nil {
		return withCode(ExitUsage, fmt.Errorf("status: write report: %w", err))
	}
	return nil
}
