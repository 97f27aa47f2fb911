package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/site"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

type siteOptions struct {
	Out        string
	BaseURL    string
	WithStatus bool
}

func newSiteCmd(app *App) *cobra.Command {
	opts := &siteOptions{}
	cmd := &cobra.Command{
		Use:   "site --out <dir> [--base-url <url>] [--with-status]",
		Short: "Write the plans as a static website: pages, feeds and data",
		Long: `Write a website of every plan bp reads into --out: a page per plan year
(what is next, the year month by month, past meetings and their outcomes),
a page per event with "add to calendar" (a one-event .ics file, and links
that fill in Google Calendar and Outlook on the web), a page per group
(its purpose, its meetings of every year, its feeds), a subscribe page
(every feed, one-click links for Google Calendar and Outlook, and how to
subscribe in Apple Calendar and Thunderbird), the feeds (the files bp ics
--feeds writes), "What changed" with its Atom feeds, and events.json (bp
list -o json).

What changed: an entry per published revision of each plan, saying what
happened to each meeting (new, date set, moved, place confirmed,
postponed, cancelled with the reason, outcome published). In a git
repository the revisions are read as committed (the last commit of each
revision number, compared with the revision before); elsewhere, from what
the plans record (each meeting's last change); the page says which.

The site is public: it tells the past in neutral words ("Took place"
once a meeting's outcome is recorded; a past meeting without one is just
a past meeting), never "needs follow-up", "overdue" or a count of days,
and of the actions a meeting set only those the plan marks public:
true. The status report (bp status) is the Secretariat's: --with-status
adds each year's, at <year>/status.html, linked from the year's page;
build an internal copy of the site with it, the public one without.

Addresses depend on ids and years, never on titles or dates:
  index.html                  the current plan year's page
  <year>/index.html           a plan year's page
  <year>/status.html          its status report (--with-status only)
  events/<event-id>.html      an event's page
  events/<event-id>.ics       the event alone, to add to a calendar
  subscribe.html              the feeds, with how to subscribe
  calendars/all.ics           the feed of every event
  calendars/<group-id>.ics    the feed of one group
  events.json                 the current year's events
  <year>/events.json          a year's events
  changes.html, changes.atom  what changed, and its Atom feed
  groups/<group-id>.html      a group's page
  groups/<group-id>.atom      what changed in its meetings

The pages need no script and load nothing from outside, so the site works
offline and from file://; the same plans and day (--today) give the same
bytes. --base-url is the address the site is published at: the subscribe
page then gives each feed's https:// and webcal:// address and its
one-click links, each calendar entry links to its page (URL), and the
Atom feeds' ids name its host. Without it, links are relative, and the
page says what needs it.

The site is built in a new directory beside --out and then swapped in
whole: a reader sees the old site or the new one, never a mix, and an
interrupted build leaves the old one.

What --out may hold: bp site replaces only the files it wrote, which it
lists with their size and SHA-256 in a .bp-site file in the site. It
keeps CNAME, .git, .nojekyll and .well-known at the top of --out (they
move into the new site). It refuses, naming them, anything else there:
a file or folder it did not write, a file it wrote and that was changed
since, a plan it reads; and a --out that holds the working directory.
It checks again just before the swap, so that nothing added during the
build is lost. --out may be new (the directory above --out must exist:
bp creates no other), empty, hold only kept names, or be a site bp
wrote. What a killed bp site left beside --out (.NAME.tmp-PID-N) is
removed by the next run, as far as it is bp's; the rest is named.`,
		Example: `  # the site, to publish at https://example.org/plans/
  $ bp site --out public --base-url https://example.org/plans/

  # a copy to open from disk, in preview/ here
  $ bp site --out preview

  # the Secretariat's copy, with each year's status report
  $ bp site --out internal --with-status`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSite(app, opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Out, "out", "", "write the site into `dir`, replacing what bp site wrote there")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the https `url` the site is published at (gives the feeds' https and webcal addresses)")
	fs.BoolVar(&opts.WithStatus, "with-status", false, "add each year's status report, the Secretariat's (default: the public site, without)")
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

func runSite(app *App, opts *siteOptions) error {
	base, err := baseURLFlag(opts.BaseURL)
	if err != nil {
		return err
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return err
	}
	plans := set.Plans
	s := &site.Site{Plans: plans, Current: set.Current(today), Today: today, BaseURL: base, WithStatus: opts.WithStatus,
		History: func() *site.History { return app.gitHistory(plans) }}
	if err := s.Check(); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("%w; nothing was written", err))
	}
	var n siteCount
	kept, err := app.replaceDir(opts.Out, func(sink site.Sink) error {
		return s.Build(n.counting(sink))
	})
	var fe *site.FeedNameError
	switch {
	case errors.As(err, &fe):
		return withCode(ExitInvalid, fmt.Errorf("site: %v; refused, nothing was written\n"+
			"  hint: group feeds are named <group-id>.ics; give the group another id", fe))
	case err != nil:
		return err
	}
	years := make([]string, len(plans))
	for i, p := range plans {
		years[i] = strconv.Itoa(p.Year)
	}
	if app.quiet {
		return nil
	}
	var keptNote string
	if len(kept) > 0 {
		keptNote = "; kept " + strings.Join(kept, ", ")
	}
	fmt.Fprintf(app.Stderr, "bp: wrote the site into %s: %s (%s), %s%s\n", render.Clean(opts.Out), plural(len(plans), "plan"), strings.Join(years, ", "), n, keptNote)
	return nil
}

// gitHistory reads what the plans went through from their git
// repository: each plan file's published revisions as committed (the
// last commit of each revision), then the plan as it is now, in the
// place of any committed revision not older than its own
// (store.Session.PublishedRevisions). nil when git cannot tell (no
// repository, no git, a built-in plan): the site then takes what the
// plans themselves record.
func (app *App) gitHistory(plans []*workplan.Plan) *site.History {
	years := slices.Clone(plans)
	slices.SortFunc(years, func(a, b *workplan.Plan) int { return a.Year - b.Year })
	b := site.NewBuilder()
	for _, p := range years {
		err := app.store.PublishedRevisions(p.File, true, func(r store.Revision) error {
			if r.Plan != nil {
				b.AddFirst(r.Plan, r.Time)
			} else {
				b.AddChanges(r.Old, r.New, r.Time)
			}
			return nil
		})
		if err != nil {
			return nil
		}
	}
	return b.History()
}

// siteCount counts the files of a site by kind, for the message.
type siteCount struct {
	pages, feeds, changes, events, data int
}

func (n *siteCount) counting(sink site.Sink) site.Sink {
	return func(name string, write func(io.Writer) error) error {
		switch {
		case strings.HasSuffix(name, ".html"):
			n.pages++
		case strings.HasPrefix(name, site.FeedDir+"/"):
			n.feeds++
		case strings.HasSuffix(name, ".atom"):
			n.changes++
		case strings.HasSuffix(name, ".ics"):
			n.events++
		case strings.HasSuffix(name, ".json"):
			n.data++
		}
		return sink(name, write)
	}
}

func (n siteCount) String() string {
	return fmt.Sprintf("%s, %s, %s, %s, %s", plural(n.pages, "page"), plural(n.feeds, "calendar feed"),
		plural(n.changes, "change feed"), plural(n.events, "event file"), plural(n.data, "JSON file"))
}

// replaceDir builds a site with build in a new directory beside name and
// swaps it in whole, replacing only what bp site wrote there
// (store.Session.ReplaceDir); every refusal exits 2. It returns the
// names it kept (CNAME, .git …).
func (app *App) replaceDir(name string, build func(site.Sink) error) ([]string, error) {
	kept, err := app.store.ReplaceDir(name, app.quiet, func(sink store.Sink) error { return build(site.Sink(sink)) })
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return kept, nil
}
