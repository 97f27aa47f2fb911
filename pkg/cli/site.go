package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/site"
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
that fill in Google Calendar and Outlook on the web), a subscribe page
(every feed, and how to subscribe in Outlook, Google Calendar, Apple
Calendar and Thunderbird), the feeds (the files bp ics --feeds writes)
and events.json (bp list -o json).

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

The pages need no script and load nothing from outside, so the site works
offline and from file://; the same plans and day (--today) give the same
bytes. --base-url is the address the site is published at: the subscribe
page then gives each feed's https:// and webcal:// address. Without it,
links are relative, and the page says that webcal:// needs it.

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

  # a copy to open from disk
  $ bp site --out /tmp/plans-site

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
	var base string
	if opts.BaseURL != "" {
		b, err := site.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return usageErrorf("--base-url: %v", err)
		}
		base = b
	}
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	set, err := app.loadSet()
	if err != nil {
		return err
	}
	plans := set.Plans
	s := &site.Site{Plans: plans, Current: set.Current(today), Today: today, BaseURL: base, WithStatus: opts.WithStatus}
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

// siteCount counts the files of a site by kind, for the message.
type siteCount struct {
	pages, feeds, events, data int
}

func (n *siteCount) counting(sink site.Sink) site.Sink {
	return func(name string, write func(io.Writer) error) error {
		switch {
		case strings.HasSuffix(name, ".html"):
			n.pages++
		case strings.HasPrefix(name, site.FeedDir+"/"):
			n.feeds++
		case strings.HasSuffix(name, ".ics"):
			n.events++
		case strings.HasSuffix(name, ".json"):
			n.data++
		}
		return sink(name, write)
	}
}

func (n siteCount) String() string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(n.pages, "page"), plural(n.feeds, "feed"),
		plural(n.events, "event file"), plural(n.data, "JSON file"))
}

// replaceDir builds a site with build in a new directory beside name,
// and then puts it in name's place whole, so that no reader ever sees a
// half-written site: on Linux the two directories trade places in one
// rename (renameat2 RENAME_EXCHANGE); elsewhere, or where the file system
// cannot, the old one is renamed aside and the new one into place, a
// moment in which name is missing but never partial. On any error, or
// SIGINT or SIGTERM, the new directory is removed and the old one left
// as it was. A symlink is followed: the directory it points to is
// replaced, and the link stays. It returns the names of siteKeep it kept.
//
// It touches only what bp site wrote (the manifest, siteMarker, lists
// it) and the names of siteKeep, which it moves into the new site: it
// refuses, before the build and again just before the swap, a directory
// that holds anything else or a file changed since bp wrote it (see
// App.inspectOut), one that holds a plan this run read or the working
// directory, and a name whose parent directory does not exist. It
// removes the build directories a killed bp site left (see
// App.cleanStale).
func (app *App) replaceDir(name string, build func(site.Sink) error) (kept []string, err error) {
	if name == "" {
		return nil, usageErrorf("--out: empty directory name")
	}
	osName := app.osPath(name)
	target, err := resolveTarget(osName)
	if err != nil {
		if perr := checkParent(name, osName, osName); perr != nil {
			return nil, perr // a file above --out, say
		}
		return nil, withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	if err := checkParent(name, osName, target); err != nil {
		return nil, err
	}
	app.cleanStale(name, osName, target)
	plan, err := app.planOut(name, target, nil, nil)
	if err != nil {
		return nil, err
	}
	tmp, err := createTempDir(target)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	remove := true // false once tmp is swapped in, or holds something of the user's
	defer func() {
		if remove {
			removeTemp(tmp)
		}
	}()
	failed := func(err error) error {
		return withCode(ExitUsage, fmt.Errorf("write the site into %s: %w (the old site, if any, is unchanged)", render.Clean(name), err))
	}
	b, err := newBuildDir(tmp)
	if err == nil {
		err = build(b.sink)
	}
	if err == nil {
		err = b.finish()
	}
	if err == nil {
		err = finishDir(tmp, plan.old)
	}
	if err != nil {
		return nil, failed(err)
	}
	beforeSiteSwap(tmp)
	// The build can take minutes: look again at what the swap replaces.
	if plan, err = app.planOut(name, target, b.files, plan.out); err != nil {
		return nil, err
	}
	kept, left, err := swapDir(tmp, target, plan)
	if err != nil {
		remove = !errors.Is(err, errKeptStuck)
		return nil, failed(err)
	}
	remove = false
	syncDir(filepath.Dir(target))
	if len(left) > 0 {
		shown := render.Clean(besideOut(name, osName, target, filepath.Base(left[0])))
		fmt.Fprintf(app.Stderr, "bp: left %s beside %s: the old site held what reached it during the swap: %s%s\n",
			shown, render.Clean(name), cleanNames(left[1:]),
			siteHint("move these into "+render.Clean(name)+" if you want them there; then remove "+shown))
	}
	return kept, nil
}

// beforeSiteSwap is a test hook: it runs when the new site is complete
// and about to be checked against --out once more and swapped in.
var beforeSiteSwap = func(tmp string) {}

// planOut looks at the directory to replace (see App.inspectOut).
func (app *App) planOut(name, target string, built map[string]fileSum, prev *outDir) (*sitePlan, error) {
	old, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &sitePlan{target: target}, nil
	case err != nil:
		return nil, withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	case !old.IsDir():
		return nil, usageErrorf("--out: %s is not a directory; refused, nothing was written", render.Clean(name))
	}
	out, err := app.inspectOut(name, target, built, prev)
	if err != nil {
		return nil, err
	}
	return &sitePlan{target: target, old: old, out: out}, nil
}

// finishDir makes what was written under tmp durable (syncTree), and
// gives the directory the old one's permissions and owner (a new one:
// 0755).
func finishDir(tmp string, old fs.FileInfo) error {
	if err := syncTree(tmp); err != nil {
		return err
	}
	mode := fs.FileMode(0o755)
	if old != nil {
		mode = old.Mode().Perm()
	}
	d, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer d.Close()
	if old != nil {
		if err := keepOwner(d, old); err != nil {
			return err
		}
	}
	return d.Chmod(mode)
}

// errKeptStuck says that a failed swap could not move a kept name back.
var errKeptStuck = errors.New("could not move back")

// swapDir puts the directory tmp at target. An old directory there gives
// its kept names (siteKeep) to the new one first; then the two trade
// places in one rename where the system can, else the old one is moved
// aside first. The signal handler waits while the names change, so that
// it never removes the only copy of a site or a kept name. The old site
// is then removed as far as it is bp's (removeOld): swapDir returns the
// names kept, and what it left (the directory first, then its entries).
func swapDir(tmp, target string, p *sitePlan) (kept, left []string, err error) {
	temps.Lock()
	os.Remove(filepath.Join(tmp, buildMarker))
	if p.old == nil {
		err := os.Rename(tmp, target)
		if err == nil {
			delete(temps.names, tmp)
		}
		temps.Unlock()
		return nil, nil, err
	}
	moved, err := keepInto(tmp, target, p.out.keep)
	if err == nil && len(moved) > 0 {
		syncDir(tmp)
	}
	oldAt := tmp
	if err == nil {
		err = exchangeDirs(tmp, target)
		if errors.Is(err, errNoExchange) {
			// Two renames: target is missing for a moment, never partial.
			oldAt = tmp + ".old"
			if err = os.Rename(target, oldAt); err == nil {
				if err = os.Rename(tmp, target); err != nil {
					_ = os.Rename(oldAt, target)
				}
			}
		}
	}
	if err != nil {
		if stuck := keepBack(tmp, target, moved); len(stuck) > 0 {
			delete(temps.names, tmp) // it holds what is not bp's
			err = fmt.Errorf("%w; %w %s into %s from %s: move them back by hand",
				err, errKeptStuck, cleanNames(stuck), render.Clean(target), render.Clean(tmp))
		}
		temps.Unlock()
		return nil, nil, err
	}
	delete(temps.names, tmp)
	temps.Unlock()
	for _, k := range moved {
		kept = append(kept, k.name)
	}
	if l := removeOld(oldAt, p.out.ours, moved); len(l) > 0 {
		left = append([]string{oldAt}, l...)
	}
	return kept, left, nil
}
