package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
)

type listOptions struct {
	filter filterOptions
	Output string
}

func newListCmd(app *App) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the workplan's events, filtered",
		Long: `List the workplan's events in date order. Filters combine: an event must
match all of them. An event that overlaps a month or date range is in it; an
event whose day is not known yet is in its month.`,
		Example: `  # what is on in June
  $ bp list --month june

  # webinars and working groups still to be confirmed
  $ bp list --type webinar,working-group --unconfirmed

  # the Reference Group's meetings as JSON, for a script
  $ bp list --group rg -o json

  # everything mentioning Türkiye in the second half of the year
  $ bp list --from 2026-07-01 --search türkiye`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(app, cmd.OutOrStdout(), opts)
		},
	}
	opts.filter.register(cmd)
	outputFlag(cmd, &opts.Output, "table", "json", "csv", "markdown")
	return cmd
}

func runList(app *App, out io.Writer, opts *listOptions) error {
	if err := checkOutput(opts.Output, "table", "json", "csv", "markdown"); err != nil {
		return err
	}
	plan, err := app.loadPlan()
	if err != nil {
		return err
	}
	f, err := opts.filter.build(plan)
	if err != nil {
		return err
	}
	evs := plan.Select(f)
	switch opts.Output {
	case "json":
		return render.EventsJSON(out, plan, evs)
	case "csv":
		return render.EventsCSV(out, plan, evs)
	case "markdown":
		return render.EventsMarkdown(out, plan, evs)
	}
	if len(evs) == 0 {
		_, err := io.WriteString(app.Stderr, "no events match\n")
		return err
	}
	return render.EventsTable(out, plan, evs)
}
