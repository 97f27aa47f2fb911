package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/site"
)

type siteOptions struct {
	Out     string
	BaseURL string
}

func newSiteCmd(app *App) *cobra.Command {
	opts := &siteOptions{}
	cmd := &cobra.Command{
		Use:   "site --out <dir> [--base-url <url>]",
		Short: "Write the plans as a static website: pages, feeds and data",
		Long: `Write a website of every plan bp reads into --out: a page per plan year
(what is next, the year month by month, past meetings and their outcomes),
a page per event with "add to calendar" (a one-event .ics file, and links
that fill in Google Calendar and Outlook on the web), a subscribe page
(every feed, and how to subscribe in Outlook, Google Calendar, Apple
Calendar and Thunderbird), each year's status report, the feeds (the
files bp ics --feeds writes) and events.json (bp list -o json).

Addresses depend on ids and years, never on titles or dates:
  index.html                  the current plan year's page
  <year>/index.html           a plan year's page
  <year>/status.html          its status report
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
interrupted build leaves the old one. --out must be new, empty, or a site
bp wrote before (bp leaves a .bp-site file in it); any other directory,
and one that holds a plan bp reads, is refused.`,
		Example: `  # the site, to publish at https://example.org/plans/
  $ bp site --out public --base-url https://example.org/plans/

  # a copy to open from disk
  $ bp site --out /tmp/plans-site`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSite(app, opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Out, "out", "", "write the site into `dir`, replacing it whole")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the https `url` the site is published at (gives the feeds' https and webcal addresses)")
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
	s := &site.Site{Plans: plans, Current: set.Current(today), Today: today, BaseURL: base}
	if err := s.Check(); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("%w; nothing was written", err))
	}
	var n siteCount
	err = app.replaceDir(opts.Out, func(sink site.Sink) error {
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
	fmt.Fprintf(app.Stderr, "bp: wrote the site into %s: %s (%s), %s\n", render.Clean(opts.Out), plural(len(plans), "plan"), strings.Join(years, ", "), n)
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

// siteMarker is the file bp site leaves in a site it wrote. bp replaces a
// directory whole only when it holds this file (or nothing at all): any
// other directory could hold someone's work.
const siteMarker = ".bp-site"

const siteMarkerText = "This directory was written by bp site, which replaces it whole when it runs again:\n" +
	"keep nothing else in it.\n"

// replaceDir builds a directory with build, beside name, and then puts it
// in name's place whole, so that no reader ever sees a half-written
// directory: on Linux the two directories trade places in one rename
// (renameat2 RENAME_EXCHANGE); elsewhere, or where the file system cannot,
// the old one is renamed aside and the new one into place, a moment in
// which name is missing but never partial. On any error, or SIGINT or
// SIGTERM, the new directory is removed and the old one left as it was.
// A symlink is followed: the directory it points to is replaced, and the
// link stays.
//
// It refuses to replace a directory that is not empty and was not written
// by bp site (no siteMarker in it), one that holds a file this run read
// (a plan), and one that holds the working directory.
func (app *App) replaceDir(name string, build func(site.Sink) error) (err error) {
	if name == "" {
		return usageErrorf("--out: empty directory name")
	}
	target, err := resolveTarget(app.osPath(name))
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	old, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	case !old.IsDir():
		return usageErrorf("--out: %s is not a directory; refused, nothing was written", name)
	default:
		if err := app.checkReplaceable(name, target); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	tmp, err := createTempDir(target)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	defer func() {
		if err != nil {
			removeTemp(tmp)
		}
	}()
	if err := build(dirSink(tmp)); err != nil {
		return withCode(ExitUsage, fmt.Errorf("write the site into %s: %w (the old site, if any, is unchanged)", name, err))
	}
	err = dirSink(tmp)(siteMarker, func(w io.Writer) error { _, err := io.WriteString(w, siteMarkerText); return err })
	if err == nil {
		err = finishDir(tmp, old)
	}
	if err == nil {
		beforeSiteSwap(tmp)
		err = swapDir(tmp, target, old != nil)
	}
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("write the site into %s: %w (the old site, if any, is unchanged)", name, err))
	}
	syncDir(filepath.Dir(target))
	return nil
}

// beforeSiteSwap is a test hook: it runs when the new site is complete
// and about to be swapped in.
var beforeSiteSwap = func(tmp string) {}

// checkReplaceable refuses a directory that replaceDir must not replace.
func (app *App) checkReplaceable(name, dir string) error {
	if wd, err := app.Getwd(); err == nil {
		if rel, err := filepath.Rel(dir, wd); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return usageErrorf("--out: %s holds the working directory; refused, nothing was written\n"+
				"  hint: name a directory of its own for the site, such as public", name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
	}
	if len(entries) > 0 {
		if _, err := os.Lstat(filepath.Join(dir, siteMarker)); err != nil {
			return usageErrorf("--out: %s is not empty and was not written by bp site (it has no %s file); refused, nothing was written\n"+
				"  hint: bp site replaces the directory whole: name a new or empty one, or remove this one first", name, siteMarker)
		}
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("--out: %w", err))
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if st, err := d.Info(); err == nil && app.isInput(st) {
			return usageErrorf("--out: %s holds %s, a plan this command reads; refused, nothing was written", name, p)
		}
		return nil
	})
}

// dirSink writes each file of a site into root. finishDir makes them
// durable before the swap publishes them.
func dirSink(root string) site.Sink {
	made := map[string]bool{}
	return func(name string, write func(io.Writer) error) error {
		if !fs.ValidPath(name) || name == "." {
			return fmt.Errorf("a file named %q cannot be part of a site", name)
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if dir := path.Dir(name); !made[dir] {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
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

// swapDir puts the directory tmp at target. With an old directory there,
// the two trade places in one rename where the system can, and the old
// one, now at tmp, is removed; else the old one is moved aside first. The
// signal handler waits while the names change, so that it never removes
// the only copy of a site.
func swapDir(tmp, target string, replace bool) error {
	temps.Lock()
	if !replace {
		err := os.Rename(tmp, target)
		if err == nil {
			delete(temps.names, tmp)
		}
		temps.Unlock()
		return err
	}
	err := exchangeDirs(tmp, target)
	if errors.Is(err, errNoExchange) {
		// Two renames: target is missing for a moment, never partial.
		aside := tmp + ".old"
		if err = os.Rename(target, aside); err == nil {
			if err = os.Rename(tmp, target); err != nil {
				_ = os.Rename(aside, target)
			} else {
				delete(temps.names, tmp)
				temps.names[aside] = true
				tmp = aside
			}
		}
	}
	temps.Unlock()
	if err != nil {
		return err
	}
	// tmp now holds the old site.
	removeTemp(tmp)
	return nil
}
