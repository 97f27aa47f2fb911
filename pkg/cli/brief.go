package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

// briefOutputs are bp brief's output formats.
var briefOutputs = outputs{present.Text, present.Markdown, present.HTML, present.JSON}

type briefOptions struct {
	Output string
	Out    string
}

func newBriefCmd(app *App) *cobra.Command {
	opts := &briefOptions{}
	cmd := &cobra.Command{
		Use:   "brief <event-id>",
		Short: "What a delegate needs before a meeting, on one page",
		Long: `Brief a delegate before a meeting: its facts (date, time and zone, place
or the places still in the running, format, status, groups, partners,
where it moved from, notes); for each of its groups, what the group's
previous meeting concluded (of any plan year); the actions to be reported
there and the other open actions its groups owe, each with its state
(overdue by how many days, done on which day); and the knowledge products
it presents.

The id is looked for in every plan year bp reads. States are as of today
(--today, BP_TODAY or the clock). The HTML page is self-contained (no
script, nothing loaded from elsewhere): it can be mailed or printed.`,
		Example: `  # before the Reference Group meets in March
  $ bp brief rg-2027-03

  # as a page to send to the delegates
  $ bp brief rg-2027-03 -o html --out brief.html`,
		Args:              argCount(1, 1, "an event id", "event ids"),
		ValidArgsFunction: app.completeOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBrief(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	briefOutputs.output(cmd, &opts.Output)
	outFlag(cmd, &opts.Out, "the brief")
	_ = cmd.MarkFlagFilename("out", "html", "md", "txt", "json")
	return cmd
}

func runBrief(app *App, out io.Writer, id string, opts *briefOptions) error {
	format, err := briefOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	e, set, today, err := app.eventArg("bp brief", id)
	if err != nil {
		return err
	}
	b := report.NewBriefs(set.Plans).Brief(e, today)
	what := "the brief for " + e.ID + " as of " + workplan.DayText(today)
	if err := app.emit(out, opts.Out, what, func(w io.Writer) error { return b.Document().Write(w, format) }); err != nil {
		return withCode(ExitUsage, fmt.Errorf("brief: write: %w", unwrapExit(err)))
	}
	return nil
}
