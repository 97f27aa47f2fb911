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
	Conclusions       []string
	ClearConclusions  bool
}

func newRecordCmd(app *App) *cobra.Command {
	opts := &recordOptions{}
	cmd := &cobra.Command{
		Use:   "record <id> [--summary <text>] [--conclusion <text>]...",
		Short: "Record what came of an event, and its conclusions; status held",
		Long: `Record an event's outcome (what was agreed or achieved, and where it is
published) and set its status to held. The outcome is dated --on DATE,
default today; it cannot be dated before the event or after today.

--conclusion adds what the meeting concluded, one short text each (repeat
for several), after the conclusions recorded already; --clear-conclusions
removes those first, so that the ones given replace them (alone, it
removes them all). The first record of an event needs --summary; later,
conclusions and a link may be added alone, and the outcome keeps its date
(unless --summary or --on gives a new one).
` + editHelp,
		Example: `  $ bp record rg-2026-03 --summary "The 2026 workplan was endorsed." \
      --on 2026-03-05 --conclusion "The workplan 2026 is endorsed." \
      --conclusion "Iraq offers to host the meeting on return."

  # a conclusion forgotten, and one worded anew
  $ bp record rg-2026-03 --clear-conclusions \
      --conclusion "The 2026 workplan is endorsed as amended."`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRecord(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Summary, "summary", "", "what was agreed or achieved, in a sentence or two")
	f.StringArrayVar(&opts.Conclusions, "conclusion", nil, "a `text` the meeting concluded (repeat for several)")
	f.BoolVar(&opts.ClearConclusions, "clear-conclusions", false, "remove the conclusions recorded, before --conclusion adds")
	f.StringVar(&opts.Link, "link", "", "where the report or conclusions are published (http or https `URL`)")
	f.StringVar(&opts.On, "on", "", "the `date` the outcome is recorded (default today)")
	cmd.MarkFlagsOneRequired("summary", "conclusion", "clear-conclusions", "link", "on")
	opts.editFlags.register(cmd)
	return cmd
}

func runRecord(app *App, out io.Writer, id string, opts *recordOptions) error {
	o := edit.OutcomeSpec{Summary: opts.Summary, Link: opts.Link, Conclusions: opts.Conclusions, ClearConclusions: opts.ClearConclusions}
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
