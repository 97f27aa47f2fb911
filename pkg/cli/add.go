package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type addOptions struct {
	editFlags
	Title, Type, Date, Month string
	Groups                   []string
	Format, Place, Status    string
	Notes                    string
}

func newAddCmd(app *App) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add <id> --title <text> --type <type> (--date <day>|--month <m>)",
		Short: "Add an event to the plan",
		Long: `Add an event to the plan whose year holds its date, placed in date order.
The id is the event's for good: calendar UIDs derive from it.
` + editHelp,
		Example: `  # a webinar on a known day
  $ bp add webinar-labour-2026 --title "Webinar on labour migration" \
      --type webinar --date 2026-10-20 --format online

  # a meeting with only its month known, in two groups
  $ bp add twg-joint-2026 --title "Joint Thematic Working Group meeting" \
      --type working-group --month 2026-12 -g twg-return \
      -g twg-legal-pathways --place "Vienna, Austria"`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAdd(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Title, "title", "", "the event's `title`, as published")
	f.StringVarP(&opts.Type, "type", "t", "", "the `type`: "+joinWords(workplan.EventTypes))
	f.StringVar(&opts.Date, "date", "", "its `day` (2026-09-15) or days (2026-09-15..2026-09-16)")
	f.StringVar(&opts.Month, "month", "", "its `month` (YYYY-MM), while the day is not known")
	f.StringSliceVarP(&opts.Groups, "group", "g", nil, "a `group` id of the plan it belongs to (repeat for several)")
	f.StringVar(&opts.Format, "format", "", "how participants attend: "+joinWords(workplan.Formats))
	f.StringVar(&opts.Place, "place", "", "where: \"City, Country\" (or \"Venue, City, Country\")")
	f.StringVar(&opts.Status, "status", "planned", "its `status`: "+joinWords(workplan.Statuses))
	f.StringVar(&opts.Notes, "notes", "", "anything else participants should know")
	_ = cmd.MarkFlagRequired("title")
	_ = cmd.MarkFlagRequired("type")
	cmd.MarkFlagsOneRequired("date", "month")
	cmd.MarkFlagsMutuallyExclusive("date", "month")
	opts.editFlags.register(cmd)
	app.registerEditCompletions(cmd)
	return cmd
}

func runAdd(app *App, out io.Writer, id string, opts *addOptions) error {
	spec := edit.EventSpec{ID: id, Title: opts.Title, Type: workplan.EventType(opts.Type), Groups: opts.Groups,
		Format: workplan.Format(opts.Format), Status: workplan.Status(opts.Status), Notes: opts.Notes}
	if err := wordFlag("type", opts.Type, workplan.Words(workplan.EventTypes)); err != nil {
		return err
	}
	if err := wordFlag("status", opts.Status, workplan.Words(workplan.Statuses)); err != nil {
		return err
	}
	if opts.Format != "" {
		if err := wordFlag("format", opts.Format, workplan.Words(workplan.Formats)); err != nil {
			return err
		}
	}
	var err error
	if opts.Date != "" {
		spec.Dates, err = edit.ParseDates(opts.Date)
	} else {
		spec.Dates, err = edit.ParseMonth(opts.Month)
	}
	if err != nil {
		return usageErrorf("add: %v", err)
	}
	if opts.Place != "" {
		p, err := edit.ParsePlace(opts.Place)
		if err != nil {
			return usageErrorf("add: --place %v", err)
		}
		spec.Place = &p
	}
	file, err := app.fileForDates("add", spec.Dates)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "add", file, opts.editFlags, edit.Add(spec))
}
