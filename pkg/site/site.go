// Package site builds bp's static website from the plans: what a
// participant opens in a browser, subscribes to, or hands to a script.
//
// # What it owns
//
// The site's addresses, its pages (each plan year's page, a page per
// event with "add to calendar", the subscribe page, and, when asked, the
// status report of each year), and the set of subscription feeds, which
// `bp ics --feeds` writes too ([Feeds]). Its pages are present.Docs for
// the public audience (present.Public): neutral words about the past,
// only the actions a plan marks public; its style sheet is present's. It renders; it neither reads
// files nor writes them: [Site.Build] hands each file to a [Sink], and
// the same plans and day give the same bytes.
//
// # Addresses
//
// Every address is stable: it depends on ids and years, never on a title
// or a date, so a link or a subscription keeps working when a meeting
// moves. Relative to the site's root:
//
//	index.html                the current plan year's page
//	subscribe.html            every feed, with how to subscribe
//	events.json               the current year's events (`bp list -o json`)
//	style.css                 the one style sheet
//	calendars/all.ics         the feed of every event (year-less)
//	calendars/<group-id>.ics  the feed of one group (year-less)
//	<year>/index.html         a plan year's page
//	<year>/status.html        that year's status report (`bp status -o html`),
//	                          only with [Site.WithStatus]
//	<year>/events.json        that year's events
//	events/<event-id>.html    an event's page (ids are unique across years)
//	events/<event-id>.ics     the event alone, to add to a calendar
//
// Links between pages are relative and name the file (…/index.html, not
// …/), so that the site works from file:// and offline. No page loads
// anything from outside (no fonts, scripts or images) and none needs a
// script. With a base URL the subscribe page also gives each feed's
// https:// and webcal:// address.
package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/idna"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

// The site's fixed addresses, relative to its root.
const (
	IndexPage     = "index.html"
	SubscribePage = "subscribe.html"
	EventsJSON    = "events.json"
	StyleSheet    = "style.css"
	FeedDir       = "calendars"
	Sitemap       = "sitemap.xml" // only with a base URL: its addresses are absolute
	EventDir      = "events"
)

// YearPage returns the address of a plan year's page: "2026/index.html".
func YearPage(year int) string { return strconv.Itoa(year) + "/" + IndexPage }

// StatusPage returns the address of a plan year's status report.
func StatusPage(year int) string { return strconv.Itoa(year) + "/status.html" }

// YearEventsJSON returns the address of a plan year's events as JSON.
func YearEventsJSON(year int) string { return strconv.Itoa(year) + "/" + EventsJSON }

// EventPage returns the address of an event's page.
func EventPage(id string) string { return EventDir + "/" + id + ".html" }

// EventICS returns the address of an event's one-event calendar file.
func EventICS(id string) string { return EventDir + "/" + id + ".ics" }

// EventURL returns what gives the absolute address of an event's page on
// a site published at base (a URL [ParseBaseURL] returned): the URL a
// calendar entry links to.
func EventURL(base string) func(*workplan.Event) string {
	return func(e *workplan.Event) string { return base + EventPage(e.ID) }
}

// FeedPath returns the address of a feed file (all.ics, <group-id>.ics).
func FeedPath(file string) string { return FeedDir + "/" + file }

// Site is what a site is built from.
type Site struct {
	// Plans are the plan years the site covers, one page set each; any
	// order (pages list them by year).
	Plans []*workplan.Plan
	// Current is the plan of the current year, one of Plans: its page is
	// the site's front page, its events are events.json, and the feeds
	// are made from it (as `bp ics --feeds` makes them).
	Current *workplan.Plan
	// Today is the day the pages speak of: what is next, what has
	// passed, each event's state.
	Today time.Time
	// WithStatus adds each plan year's status report (<year>/status.html,
	// linked from the year's page). The report is the Secretariat's: it
	// names the meetings that need follow-up and the overdue actions, so
	// a public site leaves it out unless asked (bp site --with-status).
	WithStatus bool
	// BaseURL is where the site is published ("https://example.org/plans";
	// [ParseBaseURL] checks it and adds the final slash), or "" when it is
	// not known: the
	// pages then link only relatively, and the subscribe page says that
	// the webcal:// addresses need it.
	BaseURL string
	// History gives what the plans went through, for the "What changed"
	// page and feeds: read from git by the caller ([NewBuilder]). Build
	// calls it once, while it renders the other pages. nil, or a nil
	// History given, takes what the plans themselves record
	// ([PlanHistory]).
	History func() *History
}

// A Sink receives the site's files one at a time, in a fixed order: name
// is the file's address in the site ("events/rg-2026-03.html",
// slash-separated, never absolute, never with ".."), and write writes its
// bytes. A Sink that returns an error stops the build.
type Sink func(name string, write func(io.Writer) error) error

// ParseBaseURL checks the address a site is published at and returns it
// with a trailing slash: an absolute https URL with a host, and no query,
// fragment or user name. Plain http is refused, localhost's too: the
// site gives its feeds as https and webcal addresses, and a calendar
// subscribed over http can be changed on its way (a preview needs no
// base URL). An internationalised host comes out in punycode, as
// browsers and calendar programs send it (bücher.example is
// xn--bcher-kva.example), in lower case; an IP address stays as written.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a URL: %v", s, err)
	case u.Scheme == "http":
		return "", fmt.Errorf("%q: give the https:// address the site is published at; its feeds are given as https and webcal addresses", s)
	case u.Scheme != "https":
		return "", fmt.Errorf("%q: give the https:// address the site is published at", s)
	case u.Host == "" || u.Opaque != "":
		return "", fmt.Errorf("%q has no host: give the https:// address the site is published at", s)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Errorf("%q: the address of a site has no user name, query or fragment", s)
	}
	if host := u.Hostname(); net.ParseIP(host) == nil {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("%q: the host %q is not a domain name: %v", s, host, err)
		}
		if port := u.Port(); port != "" {
			ascii += ":" + port
		}
		u.Host = ascii
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	return u.String(), nil
}

// idPattern is what an id must look like to be part of an address; the
// validator refuses any other, and the site checks again rather than
// write a file name a plan chose. It is compiled on first use: its
// repetition makes 735 allocations, which no command but bp site needs.
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`) })

// Check tells whether a site can be built from s: the plans must have one
// year each, between 1 and 9999; an event id may name one event across
// all plans (it is the address of the event's page); ids must be
// lowercase letters, digits and dashes; Current must be one of Plans; a
// base URL must be one [ParseBaseURL] accepts. A group whose feed's name
// clashes is found by [Site.Build] ([*FeedNameError]).
func (s *Site) Check() error {
	_, err := s.check()
	return err
}

// Build renders the whole site and gives every file to sink. It runs
// [Site.Check] first and gives nothing to sink when it fails.
func (s *Site) Build(sink Sink) error {
	plans, err := s.check()
	if err != nil {
		return err
	}
	today := time.Date(s.Today.Year(), s.Today.Month(), s.Today.Day(), 0, 0, 0, 0, time.UTC)
	b := &builder{site: s, today: today, plans: plans, sink: sink}
	if s.BaseURL != "" {
		b.base, _ = ParseBaseURL(s.BaseURL) // checked
	}
	return b.build()
}

// check returns the plans in year order, or why the site cannot be built.
func (s *Site) check() ([]*workplan.Plan, error) {
	if len(s.Plans) == 0 {
		return nil, errors.New("site: no plan")
	}
	if !slices.Contains(s.Plans, s.Current) {
		return nil, errors.New("site: the current plan is not one of the plans")
	}
	if s.BaseURL != "" {
		if _, err := ParseBaseURL(s.BaseURL); err != nil {
			return nil, fmt.Errorf("site: base URL %w", err)
		}
	}
	plans := slices.Clone(s.Plans)
	slices.SortStableFunc(plans, func(a, b *workplan.Plan) int { return a.Year - b.Year })
	owner := map[string]*workplan.Plan{}
	for i, p := range plans {
		if p.Year < 1 || p.Year > 9999 {
			return nil, fmt.Errorf("site: %s: year %d: a plan's pages are at <year>/, a year from 1 to 9999", p.File, p.Year)
		}
		if i > 0 && plans[i-1].Year == p.Year {
			return nil, fmt.Errorf("site: %s and %s are both plans for %d: one plan a year, since a year's pages are at %d/",
				plans[i-1].File, p.File, p.Year, p.Year)
		}
		for _, e := range p.Events {
			if !idPattern().MatchString(e.ID) {
				return nil, fmt.Errorf("site: %s: event id %q cannot be an address: use lowercase letters, digits and dashes", p.File, e.ID)
			}
			if q, dup := owner[e.ID]; dup {
				if q == p {
					return nil, fmt.Errorf("site: %s: two events have the id %q; run bp validate", p.File, e.ID)
				}
				return nil, fmt.Errorf("site: event id %q is in both %s and %s: an event's page is events/<id>.html, so an id must name one event across all years\n"+
					"  hint: give one of them another id", e.ID, q.File, p.File)
			}
			owner[e.ID] = p
		}
		for _, g := range p.Groups {
			if !idPattern().MatchString(g.ID) {
				return nil, fmt.Errorf("site: %s: group id %q cannot be a feed's file name: use lowercase letters, digits and dashes", p.File, g.ID)
			}
		}
	}
	return plans, nil
}

// builder holds what every page of one build shares.
type builder struct {
	site  *Site
	base  string // the base URL with its final slash; "" for none
	today time.Time
	plans []*workplan.Plan // by year
	sink  Sink
	feeds []*Feed // set before any job runs; read-only after

	reports map[*workplan.Plan]*report.Report // each plan's status as of today; read-only once the jobs run
	briefs  *report.Briefs                    // the plans indexed for the event pages' briefs; read-only

	history func() *History   // what changed, read once; read-only
	events  map[string]bool   // the ids of the events that have a page
	groups  []*workplan.Group // the groups of every plan year, each with a page

	// curJSON is the current plan's events as JSON: events.json and
	// <year>/events.json are the same bytes, rendered once.
	curJSON func() ([]byte, error)
}

// eventsJSON writes the events of p as `bp list -o json` does.
func (b *builder) eventsJSON(w io.Writer, p *workplan.Plan) error {
	if p != b.site.Current {
		return render.EventsJSON(w, p, p.Select(workplan.Filter{}))
	}
	data, err := b.curJSON()
	if err == nil {
		_, err = w.Write(data)
	}
	return err
}

func (b *builder) build() error {
	cur := b.site.Current
	evs := cur.Select(workplan.Filter{})
	// The feeds cover every plan year, as `bp ics --feeds` does: an address
	// subscribed to in one year shows the next year's meetings.
	years := slices.Clone(b.plans)
	slices.SortStableFunc(years, func(a, c *workplan.Plan) int { return cmp.Compare(a.Year, c.Year) })
	fopts := calendar.Options{URL: b.eventURL()}
	if len(years) > 1 {
		fopts.Name = cur.TitleWithoutYear()
		fopts.Description = calendar.DescribePlans(years)
	}
	all := workplan.SelectFrom(years, func(*workplan.Plan) workplan.Filter { return workplan.Filter{} })
	feeds, err := Feeds(cur, workplan.GroupsOf(years), all, fopts)
	if err != nil {
		return fmt.Errorf("site: feeds: %w", err)
	}
	b.feeds = feeds
	b.curJSON = sync.OnceValues(func() ([]byte, error) {
		var buf bytes.Buffer
		err := render.EventsJSON(&buf, cur, evs)
		return buf.Bytes(), err
	})
	b.prepareChanges()
	b.briefs = report.NewBriefs(b.plans)
	b.reports = make(map[*workplan.Plan]*report.Report, len(b.plans))
	for _, p := range b.plans {
		b.reports[p] = report.Status(p, b.today)
		if b.site.WithStatus {
			// the status page is bp status -o html's: with the follow-up
			b.reports[p].AddFollowUp(b.plans, time.Time{})
		}
	}

	// Every file, in the order the sink gets them.
	jobs := []job{
		file(StyleSheet, func(w io.Writer) error { _, err := io.WriteString(w, present.StyleSheet()); return err }),
		file(IndexPage, func(w io.Writer) error { return b.yearPage(w, IndexPage, b.reports[cur]) }),
		file(SubscribePage, b.subscribePage),
		file(EventsJSON, func(w io.Writer) error { return b.eventsJSON(w, cur) }),
	}
	for _, f := range feeds {
		jobs = append(jobs, file(FeedPath(f.File), func(w io.Writer) error { _, err := f.Calendar.WriteTo(w); return err }))
	}
	for _, p := range b.plans {
		jobs = append(jobs, b.planJobs(p, b.reports[p])...)
	}
	// Last, what waits for the history.
	jobs = append(jobs, b.changeJobs()...)
	if b.base != "" {
		jobs = append(jobs, file(Sitemap, b.sitemap))
	}
	return b.run(jobs)
}

// prepareChanges starts reading the history, while the other pages are
// rendered, and notes the groups and the events that have a page.
func (b *builder) prepareChanges() {
	b.history = sync.OnceValue(func() *History {
		if b.site.History != nil {
			if h := b.site.History(); h != nil {
				return h
			}
		}
		return PlanHistory(b.plans)
	})
	go b.history()
	b.groups = workplan.GroupsOf(b.plans)
	b.events = map[string]bool{}
	for _, p := range b.plans {
		for _, e := range p.Events {
			b.events[e.ID] = true
		}
	}
}

// changeJobs makes what changed (its page and feed) and the groups'
// pages and feeds of changes.
func (b *builder) changeJobs() []job {
	name := b.site.Current.TitleWithoutYear()
	jobs := []job{
		file(ChangesPage, b.changesPage),
		file(ChangesFeed, func(w io.Writer) error {
			return b.writeAtom(w, atomFeed{addr: ChangesFeed, page: ChangesPage, title: "What changed: " + name, entries: b.history().Entries})
		}),
	}
	for _, g := range b.groups {
		jobs = append(jobs,
			file(GroupPage(g.ID), func(w io.Writer) error { return b.groupPage(w, g) }),
			file(GroupChangesFeed(g.ID), func(w io.Writer) error {
				return b.writeAtom(w, atomFeed{addr: GroupChangesFeed(g.ID), page: GroupPage(g.ID), group: g.ID,
					title: "What changed: " + g.Name + " · " + name, entries: b.groupEntries(g.ID)})
			}))
	}
	return jobs
}

// planJobs makes the files of one plan year and of its events.
func (b *builder) planJobs(p *workplan.Plan, r *report.Report) []job {
	jobs := []job{
		file(YearPage(p.Year), func(w io.Writer) error { return b.yearPage(w, YearPage(p.Year), r) }),
		file(YearEventsJSON(p.Year), func(w io.Writer) error { return b.eventsJSON(w, p) }),
	}
	if b.site.WithStatus {
		jobs = slices.Insert(jobs, 1, file(StatusPage(p.Year), func(w io.Writer) error { return b.statusPage(w, r) }))
	}
	for _, es := range r.Events {
		jobs = append(jobs, func() ([]output, error) {
			ev, err := b.event(p, es)
			if err != nil {
				return nil, err
			}
			out := make([]output, 1, 2)
			if out[0], err = render1(EventPage(es.Event.ID), func(w io.Writer) error { return b.eventPage(w, ev) }); err != nil {
				return nil, err
			}
			if ev.cal != nil {
				ics, err := render1(EventICS(es.Event.ID), func(w io.Writer) error { _, err := ev.cal.WriteTo(w); return err })
				if err != nil {
					return nil, err
				}
				out = append(out, ics)
			}
			return out, nil
		})
	}
	return jobs
}

// A job renders one or more files of the site. Jobs run in parallel;
// their files go to the sink in the order of the jobs.
type job func() ([]output, error)

// output is one rendered file.
type output struct {
	name string
	data []byte
}

// file is the job of one file.
func file(name string, write func(io.Writer) error) job {
	return func() ([]output, error) {
		o, err := render1(name, write)
		return []output{o}, err
	}
}

func render1(name string, write func(io.Writer) error) (output, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return output{}, fmt.Errorf("site: %s: %w", name, err)
	}
	return output{name, buf.Bytes()}, nil
}

// run renders the jobs on every core, at most a window of them ahead of
// the sink, and gives the files to the sink in order, on this goroutine:
// the sink need not be safe for concurrent use, and the site is the same
// whatever the number of cores. The first error stops it.
func (b *builder) run(jobs []job) error {
	type result struct {
		out []output
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	window := 8 * workers
	results := make([]chan result, len(jobs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	next := make(chan int)
	stop := make(chan struct{})
	slots := make(chan struct{}, window)
	go func() {
		defer close(next)
		for i := range jobs {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out, err := jobs[i]()
				results[i] <- result{out, err}
			}
		}()
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for i := range jobs {
		r := <-results[i]
		<-slots
		if r.err != nil {
			return r.err
		}
		for _, o := range r.out {
			if err := b.sink(o.name, func(w io.Writer) error { _, err := w.Write(o.data); return err }); err != nil {
				return err
			}
		}
	}
	return nil
}

// rel returns the link from the page at address from to the address to.
func rel(from, to string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + to
}

// eventURL is what gives an event's absolute page address, for the
// calendars; nil without a base URL.
func (b *builder) eventURL() func(*workplan.Event) string {
	if b.base == "" {
		return nil
	}
	return EventURL(b.base)
}

// abs returns the absolute URL of an address of the site, or "" without
// a base URL.
func (b *builder) abs(addr string) string {
	if b.base == "" {
		return ""
	}
	return b.base + addr
}
