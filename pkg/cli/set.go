package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/workplan"
)

// eventFlags are the values of an event that bp add gives a new event
// and bp set changes: wired and read once, so that every value bp set
// takes, bp add takes too.
type eventFlags struct {
	Title, Date, Month, Time, TZ string
	Format, Place, Status, Notes string
	Purpose, Product             string
	Partners, Links              []string
}

// register adds the flags to cmd, with bp add's help when adding, else
// bp set's.
func (o *eventFlags) register(cmd *cobra.Command, adding bool) {
	help := func(add, set string) string {
		if adding {
			return add
		}
		return set
	}
	f := cmd.Flags()
	f.StringVar(&o.Title, "title", "", help("the event's `title`, as published", "a new `title`"))
	f.StringVar(&o.Date, "date", "", help("its `day`", "a new `day`")+" (2026-09-15) or days (2026-09-15..2026-09-16)")
	f.StringVar(&o.Month, "month", "", help("its `month` (YYYY-MM), while the day is not known", "only the `month` (YYYY-MM): the day is not known"))
	f.StringVar(&o.Time, "time", "", "its `times` each day, HH:MM-HH:MM (or a start time alone)")
	f.StringVar(&o.TZ, "tz", "", "the time `zone` of the times: a place's IANA name (Area/Location, such as Europe/Istanbul) or UTC; default: the plan's")
	f.StringVar(&o.Format, "format", "", "how participants attend: "+joinWords(workplan.Formats))
	f.StringVar(&o.Place, "place", "", "where: \"City, Country\" (or \"Venue, City, Country\")")
	f.StringVar(&o.Status, "status", help(string(workplan.StatusPlanned), ""), "its `status`: "+joinWords(workplan.Statuses))
	f.StringVar(&o.Purpose, "purpose", "", help("why it is held", "replace its purpose (why it is held)"))
	f.StringArrayVar(&o.Partners, "partner", nil, help("an organisation or process it is held jointly with (repeat for several)",
		"an organisation or process it is held jointly with (repeat for several; they replace the partners it had)"))
	f.StringVar(&o.Product, "product", "", "the `id` of the knowledge product it presents")
	f.StringVar(&o.Notes, "notes", "", help("anything else participants should know", "replace its notes"))
	f.StringArrayVar(&o.Links, "link", nil, "a `link`: KIND=URL, or KIND=URL LABEL (the label after the address), KIND one of "+
		joinWords(workplan.LinkKinds)+"; https only; repeat for several"+help("", ("; a link to an address the event has replaces that one")))
	cmd.MarkFlagsMutuallyExclusive("date", "month")
}

// fields reads the flags given on cmd's command line, each checked (a
// usage error names the flag); a flag not given is nil. given says
// whether any was.
func (o *eventFlags) fields(cmd *cobra.Command) (f edit.Fields, given bool, err error) {
	str := func(flag string, v string) *string {
		if !cmd.Flags().Changed(flag) {
			return nil
		}
		given = true
		return &v
	}
	name := cmd.Name()
	f.Title = str("title", o.Title)
	f.Notes = str("notes", o.Notes)
	f.Purpose = str("purpose", o.Purpose)
	f.Product = str("product", o.Product)
	if cmd.Flags().Changed("partner") {
		given = true
		var ps []string
		for _, p := range o.Partners {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
		f.Partners = &ps
	}
	for _, s := range o.Links {
		l, err := edit.ParseLink(s)
		if err != nil {
			return f, false, usageErrorf("%s: --link %v", name, err)
		}
		f.Links = append(f.Links, l)
		given = true
	}
	if s := str("tz", o.TZ); s != nil {
		if err := workplan.CheckZone(*s); err != nil {
			return f, false, usageErrorf("%s: --tz: %v\n  hint: %s", name, err, workplan.ZoneHint)
		}
		f.TimeZone = s
	}
	if s := str("format", o.Format); s != nil {
		if err := wordFlag("format", *s, workplan.Words(workplan.Formats)); err != nil {
			return f, false, err
		}
		v := workplan.Format(*s)
		f.Format = &v
	}
	if s := str("status", o.Status); s != nil {
		if err := wordFlag("status", *s, workplan.Words(workplan.Statuses)); err != nil {
			return f, false, err
		}
		v := workplan.Status(*s)
		f.Status = &v
	}
	if s := str("date", o.Date); s != nil {
		d, err := edit.ParseDates(*s)
		if err != nil {
			return f, false, usageErrorf("%s: --date %v", name, err)
		}
		f.Dates = &d
	}
	if s := str("month", o.Month); s != nil {
		d, err := edit.ParseMonth(*s)
		if err != nil {
			return f, false, usageErrorf("%s: --month %v", name, err)
		}
		f.Dates = &d
	}
	if s := str("time", o.Time); s != nil {
		t, err := edit.ParseTimes(*s)
		if err != nil {
			return f, false, usageErrorf("%s: --time %v", name, err)
		}
		f.Times = &t
	}
	if s := str("place", o.Place); s != nil {
		p, err := edit.ParsePlace(*s)
		if err != nil {
			return f, false, usageErrorf("%s: --place %v", name, err)
		}
		f.Place = &p
	}
	return f, given, nil
}

type setOptions struct {
	editFlags
	eventFlags
	Unset       []string
	RemoveLinks []string
	Pair        bool
}

func newSetCmd(app *App) *cobra.Command {
	opts := &setOptions{}
	cmd := &cobra.Command{
		Use:   "set <id> [flags]",
		Short: "Change an event: its title, date, time, place, status, links…",
		Long: `Change an event's values. A new date moves the event and keeps the date it
had in movedFrom (lists, show, status and calendars say "moved from ..."),
except when a month-only event gets its day within that month. A day moved
to another keeps its dateTBC (bp confirm clears it); a month-only event
given a day is no longer TBC. --month makes the day unknown again, and
drops the times. --place replaces the location (alternatives and venue
go; a tbc mark stays until bp confirm). --link adds a link (where to join,
register, read the agenda or documents; published on the site and in the
calendars), --remove-link removes one. --unset KEY removes a key.
` + moveHelp + "\n" + editHelp,
		Example: `  # the Syria meeting is dated, with times in Ankara
  $ bp set syria-thematic-meeting --date 2026-05-19 --time 10:00-16:00 \
      --tz Europe/Istanbul

  # two days, and the format is not known after all
  $ bp set twg-return-2026 --date 2026-10-13..2026-10-14 --unset format

  # the agenda is out, and registration opens
  $ bp set rg-2026-07 --link "agenda=https://example.org/a.pdf Draft agenda" \
      --link registration=https://example.org/rg-07/register

  # registration has closed
  $ bp set rg-2026-07 --remove-link registration`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSet(app, cmd, args[0], opts)
		},
	}
	opts.eventFlags.register(cmd, false)
	cmd.Flags().StringSliceVar(&opts.Unset, "unset", nil, "remove `key` from the event (repeat for several): "+joinWords(edit.Unsettable))
	cmd.Flags().StringArrayVar(&opts.RemoveLinks, "remove-link", nil, "remove the event's links of a `kind`, or the one with an address (repeat for several; before --link adds)")
	cmd.Flags().BoolVar(&opts.Pair, "pair", false, "with --date or --month: move the event held back-to-back with it too, by as many days")
	opts.editFlags.register(cmd)
	app.registerEditCompletions(cmd)
	return cmd
}

func runSet(app *App, cmd *cobra.Command, id string, opts *setOptions) error {
	f, given, err := opts.fields(cmd)
	if err != nil {
		return err
	}
	f.Unset, f.RemoveLinks = opts.Unset, opts.RemoveLinks
	if !given && len(f.Unset) == 0 && len(f.RemoveLinks) == 0 {
		return &commandLineError{cmd: "bp set", err: errNothingToSet}
	}
	if f.Dates != nil {
		return app.editDates(cmd.OutOrStdout(), opts.editFlags, dateEdit{cmd: cmd, id: id, to: *f.Dates, pair: opts.Pair,
			change: func(eid string, to workplan.Dates, main bool) edit.Change {
				if !main {
					return edit.Set(eid, edit.Fields{Dates: &to})
				}
				return edit.Set(id, f)
			}})
	}
	if opts.Pair {
		return usageErrorf("set: --pair goes with --date or --month: it moves both events of a pair to new dates")
	}
	file, err := app.fileWithEvent("set", id)
	if err != nil {
		return err
	}
	return app.applyEdit(cmd.OutOrStdout(), "set", file, opts.editFlags, edit.Set(id, f))
}

type constError string

func (e constError) Error() string { return string(e) }

const errNothingToSet = constError("nothing to set: give at least one of --title, --date, --month, --time, --tz, --format, --place, --status, --purpose, --partner, --product, --notes, --link, --remove-link, --unset")
