package cli

import (
	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type postponeOptions struct {
	editFlags
	To, Reason string
	Pair       bool
}

func newPostponeCmd(app *App) *cobra.Command {
	opts := &postponeOptions{}
	cmd := &cobra.Command{
		Use:   "postpone <id> [--to <day>[..<day>] | --to <YYYY-MM>]",
		Short: "Postpone an event, to a new date or to one to be announced",
		Long: `Postpone an event. Without --to its status becomes postponed: a new date is
to be announced. With --to it moves to the new date and keeps the date it
had (movedFrom: lists, show, status and calendars say "moved from ..."); it
is then not postponed any more (a postponed event becomes planned again),
and its new date is not TBC. --reason says why, in a few words: it is
kept as the event's reason and shown with it (bp list, bp show, the site,
the calendars).
` + moveHelp + "\n" + editHelp,
		Example: `  # the June meeting moves to 8-9 July
  $ bp postpone twg-law-enforcement-2026 --to 2026-07-08..2026-07-09

  # no new date yet
  $ bp postpone rg-2026-07 --reason "the host asked for a later date"`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPostpone(app, cmd, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.To, "to", "", "the new `date`: a day, days (2026-07-08..2026-07-09) or a month (2026-07)")
	cmd.Flags().BoolVar(&opts.Pair, "pair", false, "with --to: move the event held back-to-back with it too, by as many days")
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "why, in a few words (published with the event)")
	opts.editFlags.register(cmd)
	return cmd
}

func runPostpone(app *App, cmd *cobra.Command, id string, opts *postponeOptions) error {
	out := cmd.OutOrStdout()
	if opts.To == "" {
		if opts.Pair {
			return usageErrorf("postpone: --pair goes with --to: it moves both events of a pair to new dates")
		}
		file, err := app.fileWithEvent("postpone", id)
		if err != nil {
			return err
		}
		return app.applyEdit(out, "postpone", file, opts.editFlags, edit.Postpone(id, nil, opts.Reason))
	}
	d, err := edit.ParseDates(opts.To)
	if err != nil && len(opts.To) == len("2026-07") {
		d, err = edit.ParseMonth(opts.To)
	}
	if err != nil {
		return usageErrorf("postpone: --to %v", err)
	}
	return app.editDates(out, opts.editFlags, dateEdit{cmd: cmd, id: id, to: d, pair: opts.Pair,
		change: func(eid string, to workplan.Dates, main bool) edit.Change {
			if !main {
				return edit.Postpone(eid, &to, "")
			}
			return edit.Postpone(eid, &to, opts.Reason)
		}})
}
