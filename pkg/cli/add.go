package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type addOptions struct {
	editFlags
	eventFlags
	Type   string
	Groups []string
}

func newAddCmd(app *App) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add <id> --title <text> --type <type> (--date <day>|--month <m>)",
		Short: "Add an event to the plan",
		Long: `Add an event to the plan whose year holds its date, placed in date order.
The id is the event's for good: calendar UIDs derive from it. It takes
every value bp set changes.
` + editHelp,
		Example: `  # a webinar on a known day, from 10:00 to 12:00 in Vienna
  $ bp add webinar-labour-2026 --title "Webinar on labour migration" \
      --type webinar --date 2026-10-20 --time 10:00-12:00 \
      --tz Europe/Vienna --format online \
      --link "join=https://meet.example.org/j/2026 Join the webinar"

  # a meeting with only its month known, in two groups
  $ bp add twg-joint-2026 --title "Joint Thematic Working Group meeting" \
      --type working-group --month 2026-12 -g twg-return \
      -g twg-legal-pathways --place "Vienna, Austria"`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAdd(app, cmd, args[0], opts)
		},
	}
	opts.eventFlags.register(cmd, true)
	f := cmd.Flags()
	f.StringVarP(&opts.Type, "type", "t", "", "the `type`: "+joinWords(workplan.EventTypes))
	f.StringSliceVarP(&opts.Groups, "group", "g", nil, "a `group` id of the plan it belongs to (repeat for several)")
	_ = cmd.MarkFlagRequired("title")
	_ = cmd.MarkFlagRequired("type")
	cmd.MarkFlagsOneRequired("date", "month")
	opts.editFlags.register(cmd)
	app.registerEditCompletions(cmd)
	return cmd
}

func runAdd(app *App, cmd *cobra.Command, id string, opts *addOptions) error {
	if err := wordFlag("type", opts.Type, workplan.Words(workplan.EventTypes)); err != nil {
		return err
	}
	f, _, err := opts.fields(cmd)
	if err != nil {
		return err
	}
	if f.Dates == nil { // checkFlags saw to it; a guard, not a message
		return &commandLineError{cmd: cmd.CommandPath(), err: errors.New("give --date or --month")}
	}
	spec := edit.EventSpec{ID: id, Title: opts.Title, Type: workplan.EventType(opts.Type), Groups: opts.Groups,
		Dates: *f.Dates, Times: f.Times, Place: f.Place, Purpose: opts.Purpose, Product: opts.Product,
		Links: f.Links, Notes: opts.Notes}
	if f.Partners != nil {
		spec.Partners = *f.Partners
	}
	if f.TimeZone != nil {
		spec.TimeZone = *f.TimeZone
	}
	if f.Format != nil {
		spec.Format = *f.Format
	}
	if f.Status != nil {
		spec.Status = *f.Status
	}
	file, err := app.fileForDates("add", spec.Dates)
	if err != nil {
		return err
	}
	return app.applyEdit(cmd.OutOrStdout(), "add", file, opts.editFlags, edit.Add(spec))
}
