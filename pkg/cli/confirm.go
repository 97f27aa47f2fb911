package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type confirmOptions struct {
	editFlags
	Date, Place, Choose, Format string
}

func newConfirmCmd(app *App) *cobra.Command {
	opts := &confirmOptions{}
	cmd := &cobra.Command{
		Use:   "confirm <id> [--date <day>] [--place <place> | --choose <city>]",
		Short: "Confirm an event: fix its date and place, status confirmed",
		Long: `Confirm an event: its date (the one given, or the one it has) and its place
(the one given, one chosen from the places in the running, or the one it
has) are no longer TBC, and its status becomes confirmed. An event with
only a month needs --date; one with places in the running needs --choose
or --place. A new date moves the event, as bp set does.
` + editHelp,
		Example: `  # Legal Pathways: 15-16 September, in person, in the city planned
  $ bp confirm twg-legal-pathways-2026 --date 2026-09-15..2026-09-16 \
      --format in-person

  # Baghdad is chosen for Return and Reintegration
  $ bp confirm twg-return-2026 --choose Baghdad`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfirm(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Date, "date", "", "its `day` (2026-09-15) or days (2026-09-15..2026-09-16)")
	f.StringVar(&opts.Place, "place", "", "where: \"City, Country\" (or \"Venue, City, Country\")")
	f.StringVar(&opts.Choose, "choose", "", "the `city` chosen among the places in the running")
	f.StringVar(&opts.Format, "format", "", "how participants attend: "+joinWords(workplan.Formats))
	cmd.MarkFlagsMutuallyExclusive("place", "choose")
	opts.editFlags.register(cmd)
	app.registerEditCompletions(cmd)
	return cmd
}

func runConfirm(app *App, out io.Writer, id string, opts *confirmOptions) error {
	var c edit.ConfirmSpec
	if opts.Date != "" {
		d, err := edit.ParseDates(opts.Date)
		if err != nil {
			return usageErrorf("confirm: --date %v", err)
		}
		c.Dates = &d
	}
	if opts.Place != "" {
		p, err := edit.ParsePlace(opts.Place)
		if err != nil {
			return usageErrorf("confirm: --place %v", err)
		}
		c.Place = &p
	}
	c.Choose = opts.Choose
	if opts.Format != "" {
		if err := wordFlag("format", opts.Format, workplan.Words(workplan.Formats)); err != nil {
			return err
		}
		v := workplan.Format(opts.Format)
		c.Format = &v
	}
	file, err := app.fileWithEvent("confirm", id)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "confirm", file, opts.editFlags, edit.Confirm(id, c))
}
