package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

type removeOptions struct {
	editFlags
	Force bool
}

func newRemoveCmd(app *App) *cobra.Command {
	opts := &removeOptions{}
	cmd := &cobra.Command{
		Use:   "remove <id> [--force]",
		Short: "Remove an event never published (cancel a published one)",
		Long: `Remove an event from the plan. Only an event that was never published may
go: one absent from the plan committed at git HEAD (or cancelled there).
An event subscribers have would stay in their calendars for good: cancel
it instead (bp cancel), and it leaves them. --force removes it anyway.
Outside git bp cannot tell what was published, and asks for --force.
` + editHelp,
		Example: `  # added by mistake, never committed
  $ bp add webinar-test --title "Test" --type webinar --date 2026-12-01
  $ bp remove webinar-test`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRemove(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "remove it even if it was published")
	opts.editFlags.register(cmd)
	return cmd
}

func runRemove(app *App, out io.Writer, id string, opts *removeOptions) error {
	file, err := app.fileWithEvent("remove", id)
	if err != nil {
		return err
	}
	if !opts.Force {
		// nil: a file new since HEAD, nothing of it published; or an
		// event added since
		e, spec, err := app.store.PublishedEvent(file, id)
		hint := "\n  hint: cancel it instead (bp cancel " + id + "), or remove it anyway with --force"
		switch {
		case errors.Is(err, store.ErrUnreadable):
			return usageErrorf("remove: cannot tell whether %q was published (%v); nothing was written%s", id, err, hint)
		case err != nil:
			return usageErrorf("remove: cannot tell whether %q was published (no git history of %s: %v); nothing was written%s", id, file, err, hint)
		case e != nil && e.Status != workplan.StatusCancelled:
			return withCode(ExitInvalid, fmt.Errorf("remove: %q was published (it is in %s, %s); subscribers would keep it in their calendars; nothing was written\n"+
				"  hint: cancel it instead, so that they see it go: bp cancel %s (or --force to remove it anyway)", id, render.Clean(spec), e.Status.Phrase(), id))
		}
	}
	return app.applyEdit(out, "remove", file, opts.editFlags, edit.Remove(id))
}
