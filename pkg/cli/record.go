package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type recordOptions struct {
	editFlags
	Summary, Link, On string
}

func newRecordCmd(app *App) *cobra.Command {
	opts := &recordOptions{}
	cmd := &cobra.Command{
		Use:   "record <id> --summary <text> [--link <url>] [--on <date>]",
		Short: "Record what came of an event; status held",
		Long: `Record an event's outcome (what was agreed or achieved, and where it is
published) and set its status to held. The outcome is dated --on DATE,
default today; it cannot be dated before the event or after today.
` + editHelp,
		Example: `  $ bp record rg-2026-03 --summary "The 2026 workplan was endorsed." \
      --on 2026-03-05`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRecord(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Summary, "summary", "", "what was agreed or achieved, in a sentence or two")
	f.StringVar(&opts.Link, "link", "", "where the report or conclusions are published (http or https `URL`)")
	f.StringVar(&opts.On, "on", "", "the `date` the outcome is recorded (default today)")
	_ = cmd.MarkFlagRequired("summary")
	opts.editFlags.register(cmd)
	return cmd
}

func runRecord(app *App, out io.Writer, id string, opts *recordOptions) error {
	o := edit.OutcomeSpec{Summary: opts.Summary, Link: opts.Link}
	if opts.On != "" {
		t, err := workplan.ParseDate(opts.On)
		if err != nil {
			return usageErrorf("record: --on %v", err)
		}
		o.On = t
	}
	file, err := app.fileWithEvent("record", id)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "record", file, opts.editFlags, edit.Record(id, o))
}
