package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
)

type cancelOptions struct {
	editFlags
	Reason string
}

func newCancelCmd(app *App) *cobra.Command {
	opts := &cancelOptions{}
	cmd := &cobra.Command{
		Use:   "cancel <id> [--reason <text>]",
		Short: "Cancel an event; it stays in the plan so subscribers see it go",
		Long: `Cancel an event: its status becomes cancelled. It stays in the plan and in
the calendar feeds (STATUS:CANCELLED, "[cancelled]" in the summary), so
that every subscriber's calendar drops it; an event deleted from the plan
would stay in their calendars for good. --reason says why, in a few words:
it is kept as the event's reason and shown with its status (bp list, bp
show, bp status, the site, the calendars: "Reason: merged into the
October meeting"). Without it, an event already cancelled keeps its
reason, and another loses the one it had.
` + editHelp,
		Example: `  $ bp cancel webinar-missing-migrants \
      --reason "merged into the October meeting"`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCancel(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "why, in a few words (published with the event)")
	opts.editFlags.register(cmd)
	return cmd
}

func runCancel(app *App, out io.Writer, id string, opts *cancelOptions) error {
	file, err := app.fileWithEvent("cancel", id)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "cancel", file, opts.editFlags, edit.Cancel(id, opts.Reason))
}
