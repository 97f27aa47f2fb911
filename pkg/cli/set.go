package cli

import (
	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

type setOptions struct {
	editFlags
	Title, Date, Month, Time, TZ string
	Format, Place, Status, Notes string
	Unset                        []string
}

func newSetCmd(app *App) *cobra.Command {
	opts := &setOptions{}
	cmd := &cobra.Command{
		Use:   "set <id> [flags]",
		Short: "Change an event: title, date, time, format, place, status, notes",
		Long: `Change an event's values. A new date moves the event and keeps the date it
had in movedFrom (lists, show, status and calendars say "moved from ..."),
except when a month-only event gets its day within that month. A day moved
to another keeps its dateTBC (bp confirm clears it); a month-only event
given a day is no longer TBC. --month makes the day unknown again, and
drops the times. --place replaces the location (alternatives and venue
go; a tbc mark stays until bp confirm). --unset KEY removes a key.
` + editHelp,
		Example: `  # the Syria meeting is dated, with times in Ankara
  $ bp set syria-thematic-meeting --date 2026-05-19 --time 10:00-16:00 \
      --tz Europe/Istanbul

  # two days, and the format is not known after all
  $ bp set twg-return-2026 --date 2026-10-13..2026-10-14 --unset format`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSet(app, cmd, args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Title, "title", "", "a new `title`")
	f.StringVar(&opts.Date, "date", "", "a new `day` (2026-09-15) or days (2026-09-15..2026-09-16)")
	f.StringVar(&opts.Month, "month", "", "only the `month` (YYYY-MM): the day is not known")
	f.StringVar(&opts.Time, "time", "", "its `times` each day, HH:MM-HH:MM (or a start time alone)")
	f.StringVar(&opts.TZ, "tz", "", "the IANA time `zone` of the times (Europe/Istanbul); default: the plan's")
	f.StringVar(&opts.Format, "format", "", "how participants attend: "+joinWords(workplan.Formats))
	f.StringVar(&opts.Place, "place", "", "where: \"City, Country\" (or \"Venue, City, Country\")")
	f.StringVar(&opts.Status, "status", "", "its `status`: "+joinWords(workplan.Statuses))
	f.StringVar(&opts.Notes, "notes", "", "replace its notes")
	f.StringSliceVar(&opts.Unset, "unset", nil, "remove `key` from the event (repeat for several): "+joinWords(edit.Unsettable))
	cmd.MarkFlagsMutuallyExclusive("date", "month")
	opts.editFlags.register(cmd)
	app.registerEditCompletions(cmd)
	return cmd
}

func runSet(app *App, cmd *cobra.Command, id string, opts *setOptions) error {
	var f edit.Fields
	given := false
	str := func(flag string, v string) *string {
		if !cmd.Flags().Changed(flag) {
			return nil
		}
		given = true
		return &v
	}
	f.Title = str("title", opts.Title)
	f.TimeZone = str("tz", opts.TZ)
	f.Notes = str("notes", opts.Notes)
	if s := str("format", opts.Format); s != nil {
		if err := wordFlag("format", *s, workplan.Words(workplan.Formats)); err != nil {
			return err
		}
		v := workplan.Format(*s)
		f.Format = &v
	}
	if s := str("status", opts.Status); s != nil {
		if err := wordFlag("status", *s, workplan.Words(workplan.Statuses)); err != nil {
			return err
		}
		v := workplan.Status(*s)
		f.Status = &v
	}
	if s := str("date", opts.Date); s != nil {
		d, err := edit.ParseDates(*s)
		if err != nil {
			return usageErrorf("set: --date %v", err)
		}
		f.Dates = &d
	}
	if s := str("month", opts.Month); s != nil {
		d, err := edit.ParseMonth(*s)
		if err != nil {
			return usageErrorf("set: --month %v", err)
		}
		f.Dates = &d
	}
	if s := str("time", opts.Time); s != nil {
		t, err := edit.ParseTimes(*s)
		if err != nil {
			return usageErrorf("set: --time %v", err)
		}
		f.Times = &t
	}
	if s := str("place", opts.Place); s != nil {
		p, err := edit.ParsePlace(*s)
		if err != nil {
			return usageErrorf("set: --place %v", err)
		}
		f.Place = &p
	}
	if len(opts.Unset) > 0 {
		given = true
		f.Unset = opts.Unset
	}
	if !given {
		return &commandLineError{cmd: "bp set", err: errNothingToSet}
	}
	file, err := app.fileWithEvent("set", id)
	if err != nil {
		return err
	}
	return app.applyEdit(cmd.OutOrStdout(), "set", file, opts.editFlags, edit.Set(id, f))
}

type constError string

func (e constError) Error() string { return string(e) }

const errNothingToSet = constError("nothing to set: give at least one of --title, --date, --month, --time, --tz, --format, --place, --status, --notes, --unset")
