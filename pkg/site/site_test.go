package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// The fixtures: the 2026 plan as first published (never the live plan),
// a second year beside it, the status fixture (an event in every state)
// and the calendar fixture with times in eight zones.
const (
	published2026 = "../../testdata/plans/2026-published.yaml"
	fixture2027   = "../../testdata/site/2027.yaml"
	statusFixture = "../../testdata/status/fixture.yaml"
	timesFixture  = "../../testdata/ics/times.yaml"
)

func date(s string) time.Time {
	t, err := workplan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func load(t testing.TB, name string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check(name, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", name, diags)
	}
	return plan
}

// files is a Sink that keeps the site in memory, in the order given.
type files struct {
	names []string
	data  map[string][]byte
}

func (f *files) sink(name string, write func(io.Writer) error) error {
	if f.data == nil {
		f.data = map[string][]byte{}
	}
	if _, dup := f.data[name]; dup {
		return errors.New("written twice: " + name)
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	f.names = append(f.names, name)
	f.data[name] = b.Bytes()
	return nil
}

func build(t testing.TB, s *Site) *files {
	t.Helper()
	var f files
	if err := s.Build(f.sink); err != nil {
		t.Fatal(err)
	}
	return &f
}

// twoYears is the site of 2026 and 2027 on 27 Nov 2026, published at
// https://example.org/plans/.
func twoYears(t testing.TB) *Site {
	p26, p27 := load(t, published2026), load(t, fixture2027)
	return &Site{Plans: []*workplan.Plan{p27, p26}, Current: p26, Today: date("2026-11-27"), BaseURL: "https://example.org/plans/"}
}

// TestAddresses: the site's files are exactly the documented addresses:
// one page set per plan year, a page per event, a calendar file per event
// with a day, the feeds under calendars/ with no year in their names;
// what changed and its Atom feed; a page and a feed of changes per group;
// sitemap.xml (with a base URL); and each year's status report only when
// asked (WithStatus).
func TestAddresses(t *testing.T) {
	s := twoYears(t)
	want := func(status bool) []string {
		want := []string{"style.css", "index.html", "subscribe.html", "events.json",
			"calendars/all.ics", "calendars/rg.ics", "calendars/twg-return.ics", "calendars/twg-legal-pathways.ics",
			"calendars/twg-law-enforcement.ics", "calendars/som.ics"}
		for _, p := range []*workplan.Plan{s.Plans[1], s.Plans[0]} { // by year
			want = append(want, YearPage(p.Year))
			if status {
				want = append(want, StatusPage(p.Year))
			}
			want = append(want, YearEventsJSON(p.Year))
			for _, e := range p.Select(workplan.Filter{}) {
				want = append(want, EventPage(e.ID))
				if e.HasDay() {
					want = append(want, EventICS(e.ID))
				}
			}
		}
		// Last, what changed and the groups.
		want = append(want, "changes.html", "changes.atom")
		for _, g := range []string{"rg", "twg-return", "twg-legal-pathways", "twg-law-enforcement", "som"} {
			want = append(want, "groups/"+g+".html", "groups/"+g+".atom")
		}
		return append(want, "sitemap.xml") // the site has a base URL
	}
	for _, status := range []bool{true, false} {
		s.WithStatus = status
		if f := build(t, s); !slices.Equal(f.names, want(status)) {
			t.Errorf("WithStatus %v: files:\n  %s\nwant:\n  %s", status, strings.Join(f.names, "\n  "), strings.Join(want(status), "\n  "))
		}
	}
	s.WithStatus = false
	f := build(t, s)
	if front := string(f.data[IndexPage]); strings.Contains(front, "status.html") {
		t.Error("the public site links a status report")
	}
	for _, n := range []string{"2026/index.html", "2027/index.html", "events/rg-2026-03.html", "events/rg-2027-03.ics", "calendars/all.ics"} {
		if f.data[n] == nil {
			t.Errorf("%s is missing", n)
		}
	}
	// The front page is the current year's page.
	if front := string(f.data["index.html"]); !strings.Contains(front, "<h1>Budapest Process Workplan 2026</h1>") {
		t.Error("index.html is not the 2026 page")
	}
}

// TestDeterministic: the same plans and day give the same bytes, whatever
// the order the plans come in; another day gives another site.
func TestDeterministic(t *testing.T) {
	a := build(t, twoYears(t))
	s := twoYears(t)
	slices.Reverse(s.Plans)
	b := build(t, s)
	if !slices.Equal(a.names, b.names) {
		t.Fatalf("the files differ: %v, %v", a.names, b.names)
	}
	for _, n := range a.names {
		if !bytes.Equal(a.data[n], b.data[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
	s.Today = date("2026-03-01")
	c := build(t, s)
	if bytes.Equal(a.data["index.html"], c.data["index.html"]) {
		t.Error("the front page does not depend on the day")
	}
}

// TestPagesGolden keeps the pages people read under review: the front
// page, the subscribe page, an all-day event of three days with notes and
// a back-to-back meeting, a timed event of the next year, a month-only
// event, what changed (as the plans record it) and its feed, and a
// group's page.
func TestPagesGolden(t *testing.T) {
	f := build(t, twoYears(t))
	for _, n := range []string{"index.html", "subscribe.html", "events/som-2026.html", "events/rg-2027-03.html", "events/syria-thematic-meeting.html",
		"changes.html", "changes.atom", "groups/rg.html"} {
		golden.Assert(t, "../../testdata/site/golden/"+strings.ReplaceAll(n, "/", "-")+".golden", f.data[n])
	}
}

// TestFeedsAreFeeds: the site publishes the feeds Feeds builds, byte for
// byte, with the names bp ics --feeds gives them (and, as bp ics --feeds
// --base-url, each event's URL on the site).
func TestFeedsAreFeeds(t *testing.T) {
	s := twoYears(t)
	f := build(t, s)
	// The feeds cover every plan year, named for all of them, as
	// `bp ics --feeds` makes them with no --year.
	years := slices.Clone(s.Plans)
	slices.SortFunc(years, func(a, b *workplan.Plan) int { return a.Year - b.Year })
	all := workplan.SelectFrom(years, func(*workplan.Plan) workplan.Filter { return workplan.Filter{} })
	opts := calendar.Options{Name: s.Current.TitleWithoutYear(), Description: calendar.DescribePlans(years), URL: EventURL(s.BaseURL)}
	feeds, err := Feeds(s.Current, workplan.GroupsOf(years), all, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1+len(workplan.GroupsOf(years)) {
		t.Fatalf("%d feeds, want all.ics and one per group", len(feeds))
	}
	for _, p := range years {
		if n := len(p.Select(workplan.Filter{})); n > 0 && !bytes.Contains(f.data[FeedPath(WholePlanFeed)], []byte("@"+p.ID+"\r\n")) {
			t.Errorf("all.ics holds no event of %d", p.Year)
		}
	}
	for _, fd := range feeds {
		var b bytes.Buffer
		if _, err := fd.Calendar.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		if fd.Calendar.Events > 0 && !bytes.Contains(b.Bytes(), []byte("\r\nURL:https://example.org/plans/events/")) {
			t.Errorf("%s: no event links to its page", fd.File)
		}
		if !bytes.Equal(f.data[FeedPath(fd.File)], b.Bytes()) {
			t.Errorf("%s differs from the feed Feeds builds", FeedPath(fd.File))
		}
	}
}

// TestFeedNames: a group whose feed would overwrite another feed is
// refused, and nothing is built.
func TestFeedNames(t *testing.T) {
	p := load(t, published2026)
	p.Groups[0].ID = "all"
	_, err := Feeds(p, p.Groups, p.Select(workplan.Filter{}), calendar.Options{})
	var fe *FeedNameError
	if !errors.As(err, &fe) || fe.File != "all.ics" || !strings.Contains(err.Error(), "the feed of the whole plan") {
		t.Errorf("err = %v, want a FeedNameError for all.ics", err)
	}
	var f files
	if err := (&Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-11-27")}).Build(f.sink); !errors.As(err, &fe) {
		t.Errorf("Build: err = %v, want a FeedNameError", err)
	}
	if len(f.names) != 0 {
		t.Errorf("Build gave %d files before it failed: %v", len(f.names), f.names)
	}
}

// TestCheck: what makes a site impossible is refused before any file.
func TestCheck(t *testing.T) {
	p26, p27 := load(t, published2026), load(t, fixture2027)
	dup := load(t, fixture2027)
	dup.Events[0].ID = "rg-2026-03"
	same := load(t, fixture2027)
	same.Year = 2026
	badID := load(t, fixture2027)
	badID.Events[0].ID = "../x"
	cases := []struct {
		name string
		site Site
		want string
	}{
		{"no plan", Site{}, "no plan"},
		{"current not a plan", Site{Plans: []*workplan.Plan{p26}, Current: p27}, "not one of the plans"},
		{"an id in two years", Site{Plans: []*workplan.Plan{p26, dup}, Current: p26}, `event id "rg-2026-03" is in both`},
		{"two plans for one year", Site{Plans: []*workplan.Plan{p26, same}, Current: p26}, "both plans for 2026"},
		{"an id that is no address", Site{Plans: []*workplan.Plan{badID}, Current: badID}, `event id "../x" cannot be an address`},
		{"a base URL that is no address", Site{Plans: []*workplan.Plan{p26}, Current: p26, BaseURL: "ftp://x/"}, "https://"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var f files
			err := c.site.Build(f.sink)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one that says %q", err, c.want)
			}
			if len(f.names) != 0 {
				t.Errorf("%d files given before the error", len(f.names))
			}
			if cerr := c.site.Check(); cerr == nil || cerr.Error() != err.Error() {
				t.Errorf("Check() = %v, want the error Build gives", cerr)
			}
		})
	}
}

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org":            "https://example.org/",
		"https://example.org/plans":      "https://example.org/plans/",
		"https://example.org/plans/":     "https://example.org/plans/",
		"https://localhost:8080/a%20b":   "https://localhost:8080/a%20b/",
		"http://localhost:8080/a%20b":    "", // https only (issue 24)
		"https://icmpd.github.io/bp/ ":   "https://icmpd.github.io/bp/",
		"webcal://example.org/":          "",
		"example.org/plans":              "",
		"https:///plans":                 "",
		"https://example.org/?q=1":       "",
		"https://example.org/#top":       "",
		"https://user@example.org/plans": "",
	} {
		got, err := ParseBaseURL(in)
		if want == "" {
			if err == nil {
				t.Errorf("ParseBaseURL(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// parse parses a page, failing the test on an error.
func parse(t testing.TB, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// walk calls fn for every element of doc.
func walk(doc *html.Node, fn func(*html.Node)) {
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode {
			fn(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(doc)
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestSelfContained: no page loads anything but the site's own files: no
// script at all, no stylesheet, image, frame, media or font from
// elsewhere, no CSS url() or @import to elsewhere. Links a person follows
// (a calendar, Google, Outlook, an outcome report) may go anywhere.
func TestSelfContained(t *testing.T) {
	for _, s := range []*Site{twoYears(t), {Plans: []*workplan.Plan{load(t, statusFixture)}, Today: date("2026-06-17")}} {
		if s.Current == nil {
			s.Current = s.Plans[0]
		}
		f := build(t, s)
		for _, name := range f.names {
			data := f.data[name]
			external := func(u string) bool {
				u = strings.TrimSpace(strings.ToLower(u))
				return strings.Contains(u, "://") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "javascript:")
			}
			css := func(text string) {
				low := strings.ToLower(text)
				if strings.Contains(low, "@import") {
					t.Errorf("%s: CSS @import", name)
				}
				for rest := low; ; {
					i := strings.Index(rest, "url(")
					if i < 0 {
						break
					}
					rest = rest[i+4:]
					t.Errorf("%s: CSS url(%s", name, rest[:min(40, len(rest))])
				}
			}
			switch path.Ext(name) {
			case ".css":
				css(string(data))
			case ".html":
				walk(parse(t, name, data), func(n *html.Node) {
					switch n.Data {
					case "script":
						// JSON-LD is a data block: no browser runs it.
						if typ, _ := attr(n, "type"); typ != "application/ld+json" || n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
							t.Errorf("%s: a <script> element that is not JSON-LD", name)
						}
					case "iframe", "frame", "object", "embed", "img", "video", "audio", "source", "picture", "base":
						t.Errorf("%s: a <%s> element", name, n.Data)
					case "style":
						if n.FirstChild != nil {
							css(n.FirstChild.Data)
						}
					case "link":
						if href, _ := attr(n, "href"); external(href) {
							if rel, _ := attr(n, "rel"); rel != "canonical" {
								t.Errorf("%s: <link rel=%q href=%q> loads from outside", name, rel, href)
							}
						}
					}
					for _, a := range n.Attr {
						switch {
						case strings.HasPrefix(a.Key, "on"):
							t.Errorf("%s: <%s %s=…>: an event handler is a script", name, n.Data, a.Key)
						case a.Key == "src" || a.Key == "srcset" || a.Key == "poster" || a.Key == "data":
							t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
						case a.Key == "style":
							css(a.Val)
						case a.Key == "href" && n.Data == "a" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
							t.Errorf("%s: a javascript: link", name)
						}
					}
				})
			}
		}
	}
}

// TestLinksResolve: every relative link of every page names a file of the
// site (a directory would not open from file://) or an anchor of the
// page it points to.
func TestLinksResolve(t *testing.T) {
	for _, base := range []string{"", "https://example.org/plans/"} {
		s := twoYears(t)
		s.BaseURL = base
		f := build(t, s)
		ids := map[string]map[string]bool{}
		docs := map[string]*html.Node{}
		for _, name := range f.names {
			if path.Ext(name) != ".html" {
				continue
			}
			docs[name] = parse(t, name, f.data[name])
			ids[name] = map[string]bool{}
			walk(docs[name], func(n *html.Node) {
				if id, ok := attr(n, "id"); ok {
					ids[name][id] = true
				}
			})
		}
		links := 0
		for name, doc := range docs {
			walk(doc, func(n *html.Node) {
				href, ok := attr(n, "href")
				if !ok || strings.Contains(href, ":") {
					return
				}
				links++
				target, frag, _ := strings.Cut(href, "#")
				if target == "" {
					target = name
				} else {
					target = path.Join(path.Dir(name), target)
				}
				if _, ok := f.data[target]; !ok {
					t.Errorf("%s: link %q: no file %s in the site", name, href, target)
					return
				}
				if frag != "" && !ids[target][frag] {
					t.Errorf("%s: link %q: %s has no id %q", name, href, target, frag)
				}
			})
		}
		if links < 100 {
			t.Errorf("only %d relative links checked", links)
		}
	}
}

// query returns the parameters of a link, failing on a malformed one.
func linkQuery(t *testing.T, link, prefix string) url.Values {
	t.Helper()
	rest, ok := strings.CutPrefix(link, prefix)
	if !ok {
		t.Fatalf("link %q does not start with %q", link, prefix)
	}
	if strings.Contains(rest, "+") {
		t.Errorf("link %q has a +: Outlook shows it as is; spaces must be %%20", link)
	}
	q, err := url.ParseQuery(rest)
	if err != nil {
		t.Fatalf("link %q: %v", link, err)
	}
	return q
}

// TestAddToCalendarLinks: Google Calendar's and Outlook's links carry the
// event as its .ics file has it: all-day events as dates with the day
// after the last as the end; timed events as UTC instants, converted from
// the event's zone; a slot held on several days as a daily repeat in
// Google (Outlook's form has none: the first day, and the page says so); a
// start without an end as a moment. Outlook has two links, one per host
// (personal accounts, work accounts), alike but for the host; its body is
// HTML whose text is the description, line for line. Cancelled,
// month-only and past events have no links, and the page says why.
func TestAddToCalendarLinks(t *testing.T) {
	p := load(t, timesFixture)
	b := &builder{site: &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-01-01")}, today: date("2026-01-01"), plans: []*workplan.Plan{p}}
	cases := []struct {
		id                     string
		gDates, gRecur         string
		oStart, oEnd, oAllDay  string
		firstDayOnly           bool
		title, location, noAdd string
	}{
		{id: "webinar-vienna", gDates: "20260610T080000Z/20260610T100000Z", oStart: "2026-06-10T08:00:00Z", oEnd: "2026-06-10T10:00:00Z", oAllDay: "false", title: "Webinar at ten in Vienna", location: "Online"},
		{id: "winter-vienna", gDates: "20260120T083000Z/20260120T160000Z", oStart: "2026-01-20T08:30:00Z", oEnd: "2026-01-20T16:00:00Z", oAllDay: "false", location: "ICMPD, Vienna, Austria"},
		{id: "istanbul-two-days", gDates: "20261006T060000Z/20261006T100000Z", gRecur: "RRULE:FREQ=DAILY;COUNT=2", oStart: "2026-10-06T06:00:00Z", oEnd: "2026-10-06T10:00:00Z", oAllDay: "false", firstDayOnly: true},
		{id: "vienna-three-mornings", gDates: "20261024T070000Z/20261024T110000Z", gRecur: "RRULE:FREQ=DAILY;COUNT=3", oStart: "2026-10-24T07:00:00Z", oEnd: "2026-10-24T11:00:00Z", oAllDay: "false", firstDayOnly: true},
		{id: "overnight-vienna", gDates: "20260328T210000Z/20260329T020000Z", oStart: "2026-03-28T21:00:00Z", oEnd: "2026-03-29T02:00:00Z", oAllDay: "false"},
		{id: "new-york-after-dst", gDates: "20260309T130000Z/20260309T143000Z", oStart: "2026-03-09T13:00:00Z", oEnd: "2026-03-09T14:30:00Z", oAllDay: "false"},
		{id: "kabul-no-dst", gDates: "20260414T063000Z/20260414T073000Z", oStart: "2026-04-14T06:30:00Z", oEnd: "2026-04-14T07:30:00Z", oAllDay: "false"},
		{id: "lord-howe-half-hour", gDates: "20261130T210000Z/20261130T220000Z", oStart: "2026-11-30T21:00:00Z", oEnd: "2026-11-30T22:00:00Z", oAllDay: "false"},
		{id: "utc-call", gDates: "20260505T140000Z/20260505T150000Z", oStart: "2026-05-05T14:00:00Z", oEnd: "2026-05-05T15:00:00Z", oAllDay: "false"},
		{id: "start-only", gDates: "20260701T130000Z/20260701T130000Z", oStart: "2026-07-01T13:00:00Z", oEnd: "2026-07-01T13:00:00Z", oAllDay: "false"},
		{id: "tentative-place", gDates: "20261124/20261127", oStart: "2026-11-24", oEnd: "2026-11-27", oAllDay: "true"},
		{id: "tentative-date", gDates: "20260914/20260915", oStart: "2026-09-14", oEnd: "2026-09-15", oAllDay: "true"},
		{id: "postponed-meeting", noAdd: "This meeting is postponed and its new date is not fixed yet"},
		{id: "cancelled-meeting", noAdd: "This meeting is cancelled"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			e := p.Event(c.id)
			if e == nil {
				t.Fatalf("no event %q in %s", c.id, timesFixture)
			}
			ev, err := b.event(p, present.Classify(e, b.today))
			if err != nil {
				t.Fatal(err)
			}
			v := ev.add
			if c.noAdd != "" {
				if !strings.Contains(v.No, c.noAdd) || v.ICS != "" || v.Google != "" || v.OutlookPersonal != "" || v.OutlookWork != "" {
					t.Errorf("add %+v: want no file, no links and %q", v, c.noAdd)
				}
				return
			}
			g := linkQuery(t, v.Google, "https://calendar.google.com/calendar/render?")
			o := linkQuery(t, v.OutlookPersonal, "https://outlook.live.com/calendar/0/deeplink/compose?")
			if w := linkQuery(t, v.OutlookWork, "https://outlook.office.com/calendar/0/deeplink/compose?"); w.Encode() != o.Encode() {
				t.Errorf("the Outlook links differ but for the host:\n%s\n%s", v.OutlookPersonal, v.OutlookWork)
			}
			if g.Get("action") != "TEMPLATE" || g.Get("dates") != c.gDates || g.Get("recur") != c.gRecur {
				t.Errorf("Google: action %q dates %q recur %q; want TEMPLATE %q %q", g.Get("action"), g.Get("dates"), g.Get("recur"), c.gDates, c.gRecur)
			}
			if o.Get("startdt") != c.oStart || o.Get("enddt") != c.oEnd || o.Get("allday") != c.oAllDay || o.Get("rru") != "addevent" {
				t.Errorf("Outlook: startdt %q enddt %q allday %q rru %q; want %q %q %q addevent", o.Get("startdt"), o.Get("enddt"), o.Get("allday"), o.Get("rru"), c.oStart, c.oEnd, c.oAllDay)
			}
			if v.FirstDayOnly != c.firstDayOnly {
				t.Errorf("FirstDayOnly = %v, want %v", v.FirstDayOnly, c.firstDayOnly)
			}
			want := calendar.Summary(e)
			if g.Get("text") != want || o.Get("subject") != want || (c.title != "" && !strings.HasPrefix(want, c.title)) {
				t.Errorf("title: Google %q, Outlook %q; want %q", g.Get("text"), o.Get("subject"), want)
			}
			if g.Get("location") != calendar.Location(e) || o.Get("location") != calendar.Location(e) || (c.location != "" && calendar.Location(e) != c.location) {
				t.Errorf("location: Google %q, Outlook %q; want %q", g.Get("location"), o.Get("location"), calendar.Location(e))
			}
			d := calendar.Description(p, e)
			if g.Get("details") != d {
				t.Errorf("details: Google %q; want %q", g.Get("details"), d)
			}
			if body := o.Get("body"); htmlText(t, body) != d || strings.Contains(body, "\n") {
				t.Errorf("Outlook's body %q: as HTML its text is %q, want %q, with no line feed", body, htmlText(t, body), d)
			}
		})
	}
	// A month-only event: no .ics, no links, and why.
	m := &workplan.Event{ID: "month-only", Title: "Some day in May", Type: workplan.TypeWebinar, Month: date("2026-05-01"), DateTBC: true, Status: workplan.StatusPlanned}
	ev, err := b.event(p, present.Classify(m, b.today))
	if err != nil {
		t.Fatal(err)
	}
	if ev.cal != nil || ev.add.ICS != "" || ev.add.Google != "" || !strings.Contains(ev.add.No, "Only the month is known (May 2026)") {
		t.Errorf("month-only: cal %v, add %+v", ev.cal, ev.add)
	}
	// A meeting whose days have passed: nothing to add, its file kept.
	b.today = date("2026-02-15")
	ev, err = b.event(p, present.Classify(p.Event("winter-vienna"), b.today))
	if err != nil {
		t.Fatal(err)
	}
	if ev.cal == nil || ev.add.ICS != "" || ev.add.Google != "" || ev.add.OutlookWork != "" || !strings.Contains(ev.add.No, "days have passed") {
		t.Errorf("past: cal %v, add %+v", ev.cal, ev.add)
	}
}

// htmlText is the text an HTML fragment shows, a <br> as a line feed:
// what Outlook makes of a body.
func htmlText(t *testing.T, s string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		case n.Type == html.ElementNode:
			t.Errorf("the body has a <%s> element: %q", n.Data, s)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	for _, n := range nodes {
		rec(n)
	}
	return b.String()
}

// TestSubscribe: with a base URL every feed has its https:// and webcal://
// address; without, relative links, no webcal, and a word on why.
func TestSubscribe(t *testing.T) {
	s := twoYears(t)
	page := string(build(t, s).data[SubscribePage])
	for _, g := range append([]string{"all"}, "rg", "twg-return", "twg-legal-pathways", "twg-law-enforcement", "som") {
		for _, u := range []string{"https://example.org/plans/calendars/" + g + ".ics", "webcal://example.org/plans/calendars/" + g + ".ics"} {
			if !strings.Contains(page, `href="`+u+`"`) {
				t.Errorf("with a base URL, no link to %s", u)
			}
		}
	}
	// One click: Google with the webcal:// address, Outlook (both hosts)
	// with the https:// one and the feed's name.
	doc := parse(t, SubscribePage, []byte(page))
	oneClick := map[string][]url.Values{}
	walk(doc, func(n *html.Node) {
		href, _ := attr(n, "href")
		for _, prefix := range []string{"https://calendar.google.com/calendar/render?", "https://outlook.live.com/calendar/0/addfromweb?", "https://outlook.office.com/calendar/0/addfromweb?"} {
			if strings.HasPrefix(href, prefix) {
				oneClick[prefix] = append(oneClick[prefix], linkQuery(t, href, prefix))
			}
		}
	})
	for prefix, qs := range oneClick {
		if len(qs) != 6 {
			t.Errorf("%d links %s…, want one per feed", len(qs), prefix)
		}
		for _, q := range qs {
			if strings.HasPrefix(prefix, "https://calendar.google.com") {
				if !strings.HasPrefix(q.Get("cid"), "webcal://example.org/plans/calendars/") || len(q) != 1 {
					t.Errorf("Google: %v", q)
				}
			} else if !strings.HasPrefix(q.Get("url"), "https://example.org/plans/calendars/") || !strings.HasPrefix(q.Get("name"), "Budapest Process Workplan") {
				t.Errorf("Outlook: %v", q)
			}
		}
	}
	if len(oneClick) != 3 {
		t.Errorf("one-click links to %d services, want Google and Outlook's two hosts", len(oneClick))
	}
	for _, client := range []string{"Outlook", "Google Calendar", "Apple Calendar", "Thunderbird"} {
		if !strings.Contains(page, "<dt>"+client+"</dt>") {
			t.Errorf("no word on how to subscribe in %s", client)
		}
	}
	if strings.Contains(page, "built without its public address") {
		t.Error("with a base URL, the page says it has none")
	}
	s.BaseURL = "https://example.org/plans" // no final slash: the same site
	if again := string(build(t, s).data[SubscribePage]); again != page {
		t.Error("a base URL without its final slash gives another page")
	}
	s.BaseURL = ""
	page = string(build(t, s).data[SubscribePage])
	if strings.Contains(page, "webcal://example") || strings.Contains(page, "https://example.org") {
		t.Error("without a base URL, the page gives absolute addresses")
	}
	if !strings.Contains(page, `href="calendars/all.ics"`) || !strings.Contains(page, "built without its public address") || !strings.Contains(page, "webcal://") ||
		!strings.Contains(page, "one-click subscribe link") {
		t.Error("without a base URL: want relative links and a word on why there is no webcal:// address nor one-click link")
	}
	if strings.Contains(page, "addfromweb") || strings.Contains(page, "cid=") {
		t.Error("without a base URL, one-click links (which need an absolute address)")
	}
}

// TestHostileText: text from a plan is text on every page: no markup, no
// script, no control or bidi character.
func TestHostileText(t *testing.T) {
	p := load(t, statusFixture)
	e := p.Event("rg-2026-01")
	e.Title = "<script>alert(1)</script>\u202eevil"
	e.Notes = `"><img src=x onerror=alert(2)>`
	e.Outcome.Link = "javascript:alert(3)"
	p.Title = "</title><script>alert(4)</script>"
	f := build(t, &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-06-17")})
	for _, name := range f.names {
		if path.Ext(name) != ".html" && path.Ext(name) != ".atom" {
			continue
		}
		// The one script element a page may hold is its data for search
		// engines, which a browser does not run.
		page := strings.ReplaceAll(string(f.data[name]), `<script type="application/ld+json">`, "")
		for _, bad := range []string{"<script", "<img", `href="javascript:`, "\u202e"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	if !strings.Contains(string(f.data["events/rg-2026-01.html"]), "&lt;script&gt;alert(1)&lt;/script&gt;evil") {
		t.Error("the title is not shown as text")
	}
}

// TestMovedEvent: an event's page says where it moved from, in the fact
// after its date, as bp show and bp brief do.
func TestMovedEvent(t *testing.T) {
	s := twoYears(t)
	e := s.Current.Event("som-2026")
	e.MovedFrom = []workplan.Dates{{Start: date("2026-10-20"), End: date("2026-10-22")}}
	page := string(build(t, s).data["events/som-2026.html"])
	if !strings.Contains(page, "<dt>Date</dt><dd>24–26 Nov 2026</dd></div>\n<div><dt>Moved from</dt><dd>20–22 Oct 2026</dd>") {
		t.Errorf("the page does not say where the event moved from:\n%s", page)
	}
}

// TestFeedsAnnounceOnlyChanges: after an edit (bp postpone --to), every
// calendar the site publishes (the feeds and the one-event files) holds
// the events the edit did not change byte for byte as before, and the
// moved one with a higher SEQUENCE.
func TestFeedsAnnounceOnlyChanges(t *testing.T) {
	data, err := os.ReadFile(published2026)
	if err != nil {
		t.Fatal(err)
	}
	today := date("2026-11-28")
	to := workplan.Dates{Start: date("2026-07-08"), End: date("2026-07-09")}
	res, err := edit.Apply(edit.Input{File: "2026.yaml", Data: data, Today: today, Limits: workplan.DefaultLimits},
		edit.Postpone("twg-law-enforcement-2026", &to, ""))
	if err != nil {
		t.Fatal(err)
	}
	site := func(p *workplan.Plan) *files {
		return build(t, &Site{Plans: []*workplan.Plan{p}, Current: p, Today: today})
	}
	before, after := site(load(t, published2026)), site(res.New)
	vevents := func(b []byte) map[string]string {
		out := map[string]string{}
		for _, ev := range regexp.MustCompile(`(?s)BEGIN:VEVENT\r\n.*?END:VEVENT\r\n`).FindAllString(string(b), -1) {
			out[regexp.MustCompile(`UID:([^\r]*)`).FindStringSubmatch(ev)[1]] = ev
		}
		return out
	}
	seq := regexp.MustCompile(`\r\nSEQUENCE:(\d+)\r\n`)
	checked := 0
	for _, name := range before.names {
		if !strings.HasSuffix(name, ".ics") {
			continue
		}
		a, b := vevents(before.data[name]), vevents(after.data[name])
		for uid, ev := range a {
			switch {
			case uid == "twg-law-enforcement-2026@budapest-process-2026":
				sa, sb := seq.FindStringSubmatch(ev), seq.FindStringSubmatch(b[uid])
				if sa == nil || sb == nil {
					t.Fatalf("%s: no SEQUENCE in\n%s\n---\n%s", name, ev, b[uid])
				}
				na, _ := strconv.Atoi(sa[1])
				nb, _ := strconv.Atoi(sb[1])
				if nb <= na {
					t.Errorf("%s: the moved event's SEQUENCE went from %d to %d", name, na, nb)
				}
			case b[uid] != ev:
				t.Errorf("%s: %s did not change but its entry did:\n%s\n---\n%s", name, uid, ev, b[uid])
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d entries compared", checked)
	}
}

// actionsSite is the site of the follow-up fixture's three plan years on
// 28 Nov 2026: meetings with conclusions, actions across years, a joint
// meeting of two groups.
func actionsSite(t testing.TB) *Site {
	var plans []*workplan.Plan
	for _, y := range []string{"2026", "2027", "2028"} {
		plans = append(plans, load(t, "../../testdata/actions/"+y+".yaml"))
	}
	return &Site{Plans: plans, Current: plans[0], Today: date("2026-11-28")}
}

// TestBriefSection: an event page has a Brief section when there is
// follow-up the public may read (what the previous meetings of its
// groups concluded, the actions marked public to be reported there),
// with the words of bp brief; none otherwise. The Secretariat's part of
// the brief (the actions its groups owe, how late they are, the actions
// not marked public) is not on the site.
func TestBriefSection(t *testing.T) {
	f := build(t, actionsSite(t))
	golden.Assert(t, "../../testdata/site/golden/actions-events-rg-2027-03.html.golden", f.data["events/rg-2027-03.html"])
	p := load(t, "../../testdata/present/2026.yaml")
	g := build(t, &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-09-20")})
	for page, c := range map[string]struct{ want, not []string }{
		"events/rg-2027-03.html": {
			want: []string{`<h2 id="brief">Brief</h2>`, `<p><a href="../events/rg-2026-10.html">Reference Group Meeting, 14 Oct 2026</a></p>`,
				"<li>The 2027 workplan keeps return as a priority.</li>"},
			not: []string{"Prepare the 2027 workplan", "rg-2026-10-a1", "Other open actions"}},
		"events/joint-2028-02.html": {not: []string{"59 days", "overdue", "Share national reintegration data"}},
		"present:events/rg-2026-10.html": {
			want: []string{`<h3 id="report">Actions to report here</h3>`, "Propose a host for the meeting on return", "Open, due Oct 2026"},
			not:  []string{"Nominate national focal points", "overdue"}},
		"present:events/rg-2026-07.html": {
			want: []string{"Previous meeting of the Reference Group", "<li>The 2026 workplan is endorsed.</li>", "Publish the endorsed workplan: Secretariat (ICMPD); Done 20 Mar 2026"},
			not:  []string{"Nominate national focal points"}},
	} {
		got := string(f.data[page])
		if name, ok := strings.CutPrefix(page, "present:"); ok {
			got = string(g.data[name])
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q", page, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s has %q", page, w)
			}
		}
	}
	for _, page := range []string{"events/webinar-data-2026.html", "events/rg-2026-03.html", "events/webinar-data-2028.html", "events/som-2026.html"} {
		if strings.Contains(string(f.data[page]), `id="brief"`) {
			t.Errorf("%s has a Brief section, with no public follow-up to show", page)
		}
	}
}

// TestPublicWords builds the site from plans whose past meetings lack
// their outcome (the 2026 plan as first published on 27 Nov 2026, where
// every meeting that passed has none; the status fixture; the
// presentation fixture, with a month passed with no day fixed, overdue
// actions and actions not public) and checks that no page, feed or JSON
// file holds a word only the Secretariat reads: "needs follow-up",
// "overdue", "no outcome recorded", a count of days. The status report,
// added with WithStatus, holds them: the check can fail.
func TestPublicWords(t *testing.T) {
	p := load(t, "../../testdata/present/2026.yaml")
	fixture := load(t, statusFixture)
	sites := map[string]*Site{
		"two-years": twoYears(t),
		"fixture":   {Plans: []*workplan.Plan{fixture}, Current: fixture, Today: date("2026-06-17")},
		"present":   {Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-09-20")},
		"actions":   actionsSite(t),
	}
	internal := regexp.MustCompile(`(?i)` + strings.Join(present.InternalWords, "|") + `|\b\d+ days?\b`)
	pages := 0
	for name, s := range sites {
		f := build(t, s)
		for _, file := range f.names {
			if file == StyleSheet {
				continue
			}
			pages++
			if m := internal.FindString(string(f.data[file])); m != "" {
				i := strings.Index(string(f.data[file]), m)
				t.Errorf("%s: %s says %q: …%s…", name, file, m, f.data[file][max(0, i-80):min(len(f.data[file]), i+80)])
			}
		}
		s.WithStatus = true
		status := string(build(t, s).data[StatusPage(s.Current.Year)])
		if !internal.MatchString(status) {
			t.Errorf("%s: the status report has none of the internal words: the check proves nothing", name)
		}
	}
	if pages < 100 {
		t.Errorf("only %d files checked", pages)
	}
}

// TestCancelledNoBadge: a cancelled meeting's page shows "Cancelled" and
// no "Date TBC" or "Place TBC" beside it: what was to be confirmed no
// longer will be.
func TestCancelledNoBadge(t *testing.T) {
	p := load(t, timesFixture)
	e := p.Event("cancelled-meeting")
	e.DateTBC = true
	if e.Location == nil {
		e.Location = &workplan.Location{}
	}
	e.Location.TBC = true
	b := &builder{site: &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-01-01")}, today: date("2026-01-01"), plans: []*workplan.Plan{p}}
	ev, err := b.event(p, present.Classify(e, b.today))
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := b.eventPage(&page, ev); err != nil {
		t.Fatal(err)
	}
	if s := page.String(); !strings.Contains(s, ">Cancelled</span>") || strings.Contains(s, `class="flag"`) {
		t.Errorf("the cancelled meeting's page:\n%s", s)
	}
	e.Status = workplan.StatusPlanned // the same meeting not cancelled has its badges
	if m := present.Classify(e, b.today).Mark(present.Public); len(m.Flags) != 2 {
		t.Errorf("flags of the meeting not cancelled: %q", m.Flags)
	}
}
