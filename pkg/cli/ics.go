package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/site"
	"github.com/icmpd/bp/pkg/workplan"
)

type icsOptions struct {
	filter         filterOptions
	Out            string
	Output         string
	Feeds          string
	IncludeUndated bool
	BaseURL        string

	ids []string // bp ics ID...: these events, instead of the filters
}

func newICSCmd(app *App) *cobra.Command {
	opts := &icsOptions{filter: filterOptions{everyYear: true}}
	cmd := &cobra.Command{
		Use:   "ics [<id>... | filters] [--out <file> | --feeds <dir>]",
		Short: "Write the workplan as an iCalendar (.ics) file",
		Long: `Write the selected events as an iCalendar file (RFC 5545) on standard
output, to --out, or as one subscription feed per group with --feeds.
bp ics ID... writes the events with those ids (of any plan year) instead.

bp ics covers every plan year by default, so that a feed subscribed to in
one year shows the next year's meetings too; --year narrows it. A
calendar of several plan years is named after the current plan's title
without its year ("Budapest Process Workplan"); of one year, after that
plan's title.

` + yearsHelp + `

Every event keeps its UID (<event-id>@<plan-id>) when its date moves, and
its SEQUENCE is its own revision (the plan revision in which it last
changed; in a format 1 plan, the plan's), so a client that imported an
older file takes the new one as an update, and an event that did not
change stays byte for byte the same. The same plans give the same bytes.

STATUS is TENTATIVE while the date or place is TBC and for planned and
postponed events ("[postponed]" in the summary), CONFIRMED for confirmed
or held events with nothing TBC, and CANCELLED for cancelled events, which
stay in the feed ("[cancelled]" in the summary) so that subscribers see
them go.

An event whose day is not known yet (only its month) is left out, and bp
says so on stderr. --include-undated adds it as a tentative, "free"
all-day placeholder across the whole month, "[date TBC]" in its summary.

--base-url is the https address bp site publishes the plans at (checked
as bp site checks it): each event then carries the address of its page
on the site (URL), which calendar programs show as a link.

--feeds DIR writes DIR/all.ics and DIR/<group-id>.ics for every group of
every plan year selected (each with its own calendar name), for publishing
as subscription URLs that stay the same from year to year. A group with
nothing selected keeps its file, as a valid calendar without events. all.ics
is always the whole selection: a group whose id is "all" is refused. Every
feed is built before the first file is written, and every file is written
atomically (through a symlink to its target). When nothing at all is
selected, nothing is written and bp exits 1. --out and --feeds never write
over the plan being read.

When no event matches, nothing is written (no output, no file).
Exit status: 0 when written, 1 when no event matches, 2 on errors.`,
		Example: `  # the whole plan, to import once
  $ bp ics --out budapest-process-2026.ics

  # one meeting, to send to a participant
  $ bp ics som-2026 --out som-2026.ics

  # only the webinars
  $ bp ics --type webinar > webinars.ics

  # subscription feeds for a web server, every plan year, each event
  # linking to its page on the site
  $ bp ics --feeds public/calendars --base-url https://example.org/plans/

  # one plan year
  $ bp ics --year 2027 --out budapest-process-2027.ics`,
		Args:              argCount(0, -1, "an event id", "event ids"),
		ValidArgsFunction: app.completeIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				if given := opts.filter.changed(cmd); len(given) > 0 || opts.Feeds != "" {
					if opts.Feeds != "" {
						given = append(given, "--feeds")
					}
					return &commandLineError{cmd: cmd.CommandPath(),
						err: fmt.Errorf("event ids and %s do not combine: give ids or filters", strings.Join(given, ", "))}
				}
				opts.ids = args
			}
			return runICS(app, cmd.OutOrStdout(), opts)
		},
	}
	opts.filter.register(app, cmd)
	fs := cmd.Flags()
	outFlag(cmd, &opts.Out, "the calendar")
	icsOutputs.output(cmd, &opts.Output)
	fs.StringVar(&opts.Feeds, "feeds", "", "write all.ics and one <group-id>.ics per group into `dir`")
	fs.BoolVar(&opts.IncludeUndated, "include-undated", false, "add events with only a month as month-long tentative placeholders")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the https `url` bp site publishes the plans at: each event links to its page there")
	cmd.MarkFlagsMutuallyExclusive("out", "feeds")
	_ = cmd.MarkFlagDirname("feeds")
	return cmd
}

// icsFormats are bp ics's output formats: one, so that -o works as on
// every other command, and -o my.ics gets a hint at --out.
var icsOutputs = outputs{present.ICS}

func runICS(app *App, stdout io.Writer, opts *icsOptions) error {
	if _, err := icsOutputs.lookup("--output", opts.Output); err != nil {
		return err
	}
	pageURL, err := eventPageURL(opts.BaseURL)
	if err != nil {
		return err
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return err
	}
	sel, err := opts.filter.build(set, today)
	if err != nil {
		return err
	}
	evs := sel.events()
	if len(opts.ids) > 0 {
		if evs, err = eventsByID(set, opts.ids); err != nil {
			return err
		}
		sel.plans = plansOf(evs)
	}
	plan := sel.primary(today)
	copts := calendar.Options{IncludeUndated: opts.IncludeUndated, URL: pageURL}
	if len(sel.plans) > 1 {
		// A calendar of several plan years is named for all of them.
		copts.Name = plan.TitleWithoutYear()
		copts.Description = calendar.DescribePlans(sel.plans)
	}

	if opts.Feeds != "" {
		return writeFeeds(app, sel, plan, evs, opts.Feeds, copts)
	}
	cal, err := calendar.Build(plan, evs, copts)
	if err != nil {
		return calendarError(app, err, sel)
	}
	write := func(w io.Writer) error {
		_, err := cal.WriteTo(w)
		return err
	}
	if opts.Out == "" {
		if err := write(stdout); err != nil {
			return withCode(ExitUsage, fmt.Errorf("write calendar: %w", err))
		}
	} else {
		if err := app.writeOut(opts.Out, write); err != nil {
			return err
		}
		app.wrote(opts.Out, eventCount(cal.Events))
	}
	reportLeftOut(app.Stderr, cal.LeftOut)
	return nil
}

// eventPageURL checks --base-url as bp site does and returns what gives
// an event's page there; nil without one.
func eventPageURL(baseURL string) (func(*workplan.Event) string, error) {
	base, err := baseURLFlag(baseURL)
	if base == "" || err != nil {
		return nil, err
	}
	return site.EventURL(base), nil
}

// baseURLFlag checks the value of --base-url (site.ParseBaseURL) and
// returns it with its final slash; "" for none. A bad one exits 2.
func baseURLFlag(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	base, err := site.ParseBaseURL(s)
	if err != nil {
		return "", usageErrorf("--base-url: %v", err)
	}
	return base, nil
}

// calendarError turns a calendar build error into bp's answer. An empty
// selection is not written at all (RFC 5545 has no calendar without a
// component, and an empty file would wipe a subscriber's events): bp says
// so, naming the plan years that would match, and exits 1, as grep does
// when nothing matches. An event the format cannot hold (past the year
// 9999) is the plan's problem: exit 1 too.
func calendarError(app *App, err error, sel *selection) error {
	var empty *calendar.EmptyError
	switch {
	case errors.As(err, &empty):
		reportLeftOut(app.Stderr, empty.LeftOut)
		if len(empty.LeftOut) == 0 {
			switch head, others := sel.emptyNote("bp ics"); {
			case others != "":
				return withCode(ExitInvalid, fmt.Errorf("%s: nothing written; %s", head, others))
			case head != "":
				return withCode(ExitInvalid, fmt.Errorf("%s: nothing written", head))
			}
		}
		return withCode(ExitInvalid, errors.New("no events match: nothing written"))
	case errors.Is(err, calendar.ErrOutOfRange):
		return withCode(ExitInvalid, err)
	}
	return withCode(ExitUsage, err)
}

// writeFeeds writes the subscription feeds (site.Feeds: all.ics and one
// file per group of the plans selected, a group of any of their years
// keeping its file even when none of its events is selected) into dir.
// Every feed is built before the first file is written, and a group whose
// feed would overwrite another feed (a group with the id "all") is
// refused before anything is written. Each file is written atomically.
func writeFeeds(app *App, sel *selection, plan *workplan.Plan, evs []*workplan.Event, dir string, copts calendar.Options) error {
	// The whole selection empty: nothing to publish, and writing empty
	// feeds would blank every subscriber's calendar.
	if _, err := calendar.Build(plan, evs, copts); err != nil {
		return calendarError(app, err, sel)
	}
	feeds, err := site.Feeds(plan, workplan.GroupsOf(sel.plans), evs, copts)
	var clash *site.FeedNameError
	switch {
	case errors.As(err, &clash):
		return usageErrorf("--feeds: %v; refused, nothing was written\n"+
			"  hint: group feeds are named <group-id>.ics; give the group another id", clash)
	case err != nil:
		return withCode(ExitUsage, fmt.Errorf("--feeds: %w; nothing was written", err))
	}

	missing, err := app.store.CheckDir(dir)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--feeds: %w", err))
	}
	// Refuse now what a write would refuse later, so that a set is not
	// left half-replaced by a file that could never be written.
	for _, fd := range feeds {
		if err := app.checkOut(filepath.Join(dir, fd.File)); err != nil {
			return err
		}
	}
	if missing {
		if err := app.store.MakeDir(dir); err != nil {
			return withCode(ExitUsage, fmt.Errorf("--feeds: %w", err))
		}
	}
	for _, fd := range feeds {
		path := filepath.Join(dir, fd.File)
		if err := app.writeOut(path, func(w io.Writer) error { _, err := fd.Calendar.WriteTo(w); return err }); err != nil {
			return err
		}
		note := ""
		if fd.Calendar.Events == 0 {
			note = ": nothing planned for this group"
		}
		app.wrote(path, eventCount(fd.Calendar.Events)+note)
	}
	if n := len(sel.plans); n < len(sel.set.Plans) {
		years := make([]string, n)
		for i, p := range sel.plans {
			years[i] = strconv.Itoa(p.Year)
		}
		fmt.Fprintf(app.Stderr, "bp: the feeds hold %s only (plans: %s); without --year and --month they hold every plan year\n",
			strings.Join(years, ", "), sel.set.YearsText())
	}
	reportLeftOut(app.Stderr, feeds[0].Calendar.LeftOut)
	return nil
}

func eventCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}

// reportLeftOut tells the user which month-only events are not in the
// calendar, and how to add them.
func reportLeftOut(w io.Writer, evs []*workplan.Event) {
	if len(evs) == 0 {
		return
	}
	noun := "events"
	if len(evs) == 1 {
		noun = "event"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "bp: left out %d %s whose day is not known yet (add them as month-long placeholders with --include-undated):\n", len(evs), noun)
	for _, e := range evs {
		fmt.Fprintf(&b, "  %s: %s\n", e.ID, e.DateText())
	}
	_, _ = io.WriteString(w, b.String())
}

// eventsByID returns the events with the ids, in date order, each once;
// an unknown id is an error that suggests the id meant.
func eventsByID(set *workplan.Set, ids []string) ([]*workplan.Event, error) {
	var evs []*workplan.Event
	for _, id := range ids {
		e, err := findEvent(set, id)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(evs, e) {
			evs = append(evs, e)
		}
	}
	workplan.SortEvents(evs)
	return evs, nil
}

// plansOf returns the plans the events belong to, in year order.
func plansOf(evs []*workplan.Event) []*workplan.Plan {
	var plans []*workplan.Plan
	for _, e := range evs {
		if !slices.Contains(plans, e.Plan()) {
			plans = append(plans, e.Plan())
		}
	}
	slices.SortFunc(plans, func(a, b *workplan.Plan) int { return a.Year - b.Year })
	return plans
}
