package site

// The site's pages, each a present.Doc for the public (present.Public),
// written by present's one HTML writer with the site's navigation, its
// style sheet and its footer.

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

// write writes the page at address from: its document with the site's
// frame (style sheet, canonical address, navigation, footer).
func (b *builder) write(w io.Writer, from string, d *present.Doc) error {
	d.Page.Stylesheet = rel(from, StyleSheet)
	d.Page.Canonical = b.abs(from)
	d.Page.Footer = fmt.Sprintf("Made with bp site from %s, as of %s. The same plans and day always give this site.",
		b.sources(), workplan.DayText(b.today))
	for _, pl := range b.plans {
		addr := YearPage(pl.Year)
		d.Page.Nav = append(d.Page.Nav, present.Link{
			Href:    rel(from, addr),
			Text:    strconv.Itoa(pl.Year) + " plan",
			Current: from == addr || (from == IndexPage && pl == b.site.Current),
		})
	}
	d.Page.Nav = append(d.Page.Nav,
		present.Link{Href: rel(from, ChangesPage), Text: "What changed", Current: from == ChangesPage},
		present.Link{Href: rel(from, SubscribePage), Text: "Subscribe", Current: from == SubscribePage})
	d.Page.Feeds = append([]present.Link{{Href: rel(from, ChangesFeed), Text: "What changed: " + b.site.Current.TitleWithoutYear()}}, d.Page.Feeds...)
	return present.WriteHTML(w, d)
}

// sources names the plans: "budapest-process-2026 revision 3".
func (b *builder) sources() string {
	parts := make([]string, len(b.plans))
	for i, p := range b.plans {
		parts[i] = p.ID + " revision " + strconv.Itoa(p.Revision)
	}
	return strings.Join(parts, ", ")
}

// card is an event as the site's lists show it: its date and time, its
// title linking to its page, its type and place, and its state in the
// public's words.
func (b *builder) card(from string, p *workplan.Plan, es present.EventStatus) present.Item {
	e := es.Event
	return present.Item{
		Head: present.Join(" · ", e.DateText(), e.TimeText(p)),
		Text: e.Title,
		Link: rel(from, EventPage(e.ID)),
		Sub:  []string{present.Join(" · ", e.Type.Label(), render.Where(e))},
		Mark: es.Mark(present.Public),
	}
}

func (b *builder) cards(label, from string, p *workplan.Plan, evs []present.EventStatus) *present.List {
	l := &present.List{Label: label, Cards: true}
	for _, es := range evs {
		l.Items = append(l.Items, b.card(from, p, es))
	}
	return l
}

// statusPage writes a plan year's status report, with the site's frame
// (bp site --with-status).
func (b *builder) statusPage(w io.Writer, r *report.Report) error {
	d := r.Doc()
	d.Page.Kicker = &present.Link{Href: rel(StatusPage(r.Plan.Year), YearPage(r.Plan.Year)), Text: r.Plan.Title}
	return b.write(w, StatusPage(r.Plan.Year), d)
}

// yearPage writes the page of r's plan at address from: the year's own
// page, or the front page for the current year.
func (b *builder) yearPage(w io.Writer, from string, r *report.Report) error {
	p := r.Plan
	sub := "Revision " + strconv.Itoa(p.Revision)
	if !p.Revised.IsZero() {
		sub += " of " + workplan.DayText(p.Revised)
	}
	d := &present.Doc{Title: r.Heading(), Subtitle: sub + " · as of " + workplan.DayText(b.today), Summary: p.Summary}
	for _, m := range []string{report.FrameworkText(p), r.People()} {
		if m != "" {
			d.Meta = append(d.Meta, m)
		}
	}
	links := &present.List{Label: "About this plan", Inline: true}
	if b.site.WithStatus {
		links.Items = append(links.Items, present.Item{Text: "Status report as of " + workplan.DayText(b.today), Link: rel(from, StatusPage(p.Year))})
	}
	links.Items = append(links.Items,
		present.Item{Text: "Subscribe to the calendar", Link: rel(from, SubscribePage)},
		present.Item{Text: "What changed", Link: rel(from, ChangesPage)},
		present.Item{Text: "The events as JSON", Link: rel(from, YearEventsJSON(p.Year))})
	d.Blocks = []present.Block{links, b.groupsList(from), b.nextSection(from, r), b.monthsSection(from, r), b.pastSection(from, r)}
	return b.write(w, from, d)
}

// nextSection is what is next: the meetings under way and the next
// ones, or the next of a later plan when nothing is ahead in this one.
func (b *builder) nextSection(from string, r *report.Report) *present.Section {
	s := &present.Section{Title: "What is next", ID: "next"}
	var now []present.EventStatus
	for _, es := range r.Events {
		if es.State == present.InProgress {
			now = append(now, es)
		}
	}
	if len(now) > 0 {
		s.Blocks = append(s.Blocks, &present.Para{Text: "Happening now:"}, b.cards("Happening now", from, r.Plan, now))
	}
	if len(r.Next) > 0 {
		return appendBlocks(s, &present.Para{Text: "Next:"}, b.cards("Next", from, r.Plan, r.Next))
	}
	s.Blocks = append(s.Blocks, &present.Para{Text: "No meeting of this plan is still ahead."})
	for _, q := range b.plans {
		if q.Year > r.Plan.Year && len(b.reports[q].Next) > 0 {
			return appendBlocks(s, &present.Para{Text: "Next, in the " + strconv.Itoa(q.Year) + " plan:", Link: rel(from, YearPage(q.Year))},
				b.cards("Next", from, q, b.reports[q].Next))
		}
	}
	return s
}

func appendBlocks(s *present.Section, bs ...present.Block) *present.Section {
	s.Blocks = append(s.Blocks, bs...)
	return s
}

// monthsSection is the year month by month: every month of the plan's
// year, and any other month an event of the plan falls in; an event is
// listed in the month of its first (possible) day.
func (b *builder) monthsSection(from string, r *report.Report) *present.Section {
	byMonth := map[time.Time][]present.EventStatus{}
	for m := time.January; m <= time.December; m++ {
		byMonth[time.Date(r.Plan.Year, m, 1, 0, 0, 0, 0, time.UTC)] = nil
	}
	for _, es := range r.Events {
		first, _ := es.Event.Span()
		m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		byMonth[m] = append(byMonth[m], es)
	}
	months := slices.SortedFunc(func(yield func(time.Time) bool) {
		for m := range byMonth {
			if !yield(m) {
				return
			}
		}
	}, func(a, b time.Time) int { return a.Compare(b) })
	nav := &present.List{Label: "Months", Inline: true}
	s := &present.Section{Title: "The year month by month", ID: "months", Blocks: []present.Block{nav}}
	for _, m := range months {
		id, short := "m-"+workplan.ISOMonth(m), m.Month().String()[:3]
		if m.Year() != r.Plan.Year {
			short = workplan.MonthText(m)
		}
		nav.Items = append(nav.Items, present.Item{Text: short, Link: "#" + id})
		ms := &present.Section{Title: workplan.LongMonthText(m), ID: id}
		if evs := byMonth[m]; len(evs) > 0 {
			ms.Blocks = []present.Block{b.cards(workplan.LongMonthText(m), from, r.Plan, evs)}
		} else {
			ms.Blocks = []present.Block{present.None("Nothing planned.")}
		}
		s.Blocks = append(s.Blocks, ms)
	}
	return s
}

// pastSection is the past meetings, the latest first: those that took
// place or should have, and those cancelled after their days passed (a
// month that passed with no day fixed was no meeting), each with its
// outcome once recorded. A past meeting with no outcome is just listed.
func (b *builder) pastSection(from string, r *report.Report) *present.Section {
	var past []present.EventStatus
	for _, es := range r.Events {
		_, last := es.Event.Span()
		switch {
		case es.State == present.Held, es.State == present.FollowUp,
			es.State == present.Cancelled && last.Before(b.today):
			past = append(past, es)
		}
	}
	slices.SortStableFunc(past, func(a, b present.EventStatus) int {
		_, la := a.Event.Span()
		_, lb := b.Event.Span()
		return lb.Compare(la)
	})
	s := &present.Section{Title: "Past meetings and their outcomes", ID: "past"}
	if len(past) == 0 {
		return appendBlocks(s, present.None("No meeting of this plan has taken place yet."))
	}
	l := b.cards("Past meetings", from, r.Plan, past)
	for i, es := range past {
		l.Items[i].Facts = b.outcomeFacts(es)
	}
	return appendBlocks(s, l)
}

// outcomeFacts are what a list of past meetings says under each: its
// outcome and its notes.
func (b *builder) outcomeFacts(es present.EventStatus) []present.Fact {
	var out []present.Fact
	for _, f := range present.EventFacts(es.Event.Plan(), es.Event, present.Public, b.today) {
		if f.Label == present.LabelOutcome || f.Label == present.LabelNotes {
			out = append(out, f)
		}
	}
	return out
}

// event is an event's page and one-event file, built.
type event struct {
	id  string
	doc *present.Doc
	add *addView           // nil when there is nothing to add to a calendar
	cal *calendar.Calendar // nil for a month-only event
}

// addView is what an event's page offers to add it to a calendar.
type addView struct {
	ICS    string
	Google string
	// OutlookPersonal opens Outlook on the web of a personal Microsoft
	// account (outlook.com, hotmail), OutlookWork that of a work or
	// school account (Microsoft 365): two hosts, one form.
	OutlookPersonal, OutlookWork string
	FirstDayOnly                 bool // Outlook's link adds the first of Days only
	Days                         int
	No                           string // why there is nothing to add
}

// event builds the page of one event of p and its one-event calendar.
func (b *builder) event(p *workplan.Plan, es present.EventStatus) (*event, error) {
	e := es.Event
	from := EventPage(e.ID)
	facts := present.EventFacts(p, e, present.Public, b.today)
	for i, f := range facts {
		if f.Ref != "" {
			facts[i].Link = rel(from, EventPage(f.Ref))
		}
	}
	ev := &event{id: e.ID, doc: &present.Doc{
		Title: e.Title,
		Page:  present.Page{HeadTitle: e.Title + " · " + p.Title, Kicker: &present.Link{Href: rel(from, YearPage(p.Year)), Text: p.Title}},
	}}
	ev.doc.Page.Data, ev.doc.Page.DataNote = b.eventData(p, e)
	if m := es.Mark(present.Public); m.Label != "" || len(m.Flags) > 0 {
		ev.doc.Blocks = append(ev.doc.Blocks, &present.Para{Mark: m})
	}
	ev.doc.Blocks = append(ev.doc.Blocks, &present.Section{Title: "Facts", ID: "facts", Blocks: []present.Block{&present.Facts{Items: facts}}})
	if err := b.addToCalendar(ev, p, es); err != nil {
		return nil, err
	}
	ev.doc.Blocks = append(ev.doc.Blocks, ev.addSection(rel(from, SubscribePage)))
	if br := b.brief(from, e); br != nil {
		ev.doc.Blocks = append(ev.doc.Blocks, br)
	}
	ev.doc.Blocks = append(ev.doc.Blocks, &present.Para{Quiet: true,
		Text: fmt.Sprintf("As of revision %d of %s, %s.", p.Revision, p.Title, workplan.DayText(b.today))})
	return ev, nil
}

// brief is the part of the meeting brief the public reads on an event's
// page: what the previous meetings of its groups concluded, and the
// public actions to be reported there; nil when there is none.
func (b *builder) brief(from string, e *workplan.Event) *present.Section {
	if b.briefs == nil {
		return nil // a builder made for one page, not by Build
	}
	sections := b.briefs.BriefFor(e, b.today, present.Public).Sections(present.Public, func(id string) string { return rel(from, EventPage(id)) })
	if len(sections) == 0 {
		return nil
	}
	return &present.Section{Title: "Brief", ID: "brief", Blocks: sections}
}

// addToCalendar builds the event's one-event calendar and the links that
// add it to Google Calendar and Outlook, read from that file. A
// cancelled meeting, a postponed one (its days are the ones it will not
// be held on) and one whose days have passed are offered nothing to add
// (the file stays at its address, for whoever kept the link).
func (b *builder) addToCalendar(ev *event, p *workplan.Plan, es present.EventStatus) error {
	e := es.Event
	from := EventPage(e.ID)
	if !e.HasDay() {
		ev.add = &addView{No: "Only the month is known (" + workplan.LongMonthText(e.Month) + "): the day is not fixed yet, so there is nothing to add to a calendar. " +
			"A subscribed feed adds the meeting once its day is set."}
		return nil
	}
	cal, err := calendar.BuildOne(p, e, calendar.Options{URL: b.eventURL()})
	if err != nil {
		return fmt.Errorf("site: event %q: %w", e.ID, err)
	}
	ev.cal = cal
	switch {
	case e.Status == workplan.StatusCancelled:
		ev.add = &addView{No: "This meeting is cancelled: there is nothing to add to a calendar. " +
			"A calendar subscribed to a feed marks it cancelled by itself; if you added it yourself, delete it there."}
		return nil
	case e.Status == workplan.StatusPostponed:
		ev.add = &addView{No: "This meeting is postponed and its new date is not fixed yet: there is nothing to add to a calendar. " +
			"A subscribed feed shows the new date once it is set."}
		return nil
	case es.Past():
		ev.add = &addView{No: "This meeting's days have passed: there is nothing to add to a calendar."}
		return nil
	}
	ev.add = &addView{ICS: rel(from, EventICS(e.ID))}
	o, err := occurrenceOf(cal)
	if err != nil {
		return fmt.Errorf("site: event %q: read its calendar file: %w", e.ID, err)
	}
	details := calendar.Description(p, e)
	if page := b.abs(from); page != "" {
		details += "\n\n" + page
	}
	title, where := calendar.Summary(e), calendar.Location(e)
	ev.add.Google = googleLink(title, details, where, o)
	outlook := outlookQuery(title, details, where, o)
	ev.add.OutlookPersonal = outlookPersonal + outlookCompose + outlook
	ev.add.OutlookWork = outlookWork + outlookCompose + outlook
	ev.add.FirstDayOnly, ev.add.Days = o.Count > 1, o.Count
	return nil
}

// addSection is the page's "Add to your calendar".
func (ev *event) addSection(subscribe string) *present.Section {
	a := ev.add
	s := &present.Section{Title: "Add to your calendar", ID: "add"}
	if a.ICS == "" {
		s.Title = "In your calendar"
	}
	if a.ICS != "" {
		l := &present.List{Label: "Add to your calendar", Items: []present.Item{
			{Text: "Download the event (.ics)", Link: a.ICS, Sub: []string{"for Apple Calendar, Outlook, Thunderbird and the rest"}},
			{Text: "Add to Google Calendar", Link: a.Google},
		}}
		var firstDay []string
		if a.FirstDayOnly {
			firstDay = []string{"adds the first day only; the .ics file adds all " + strconv.Itoa(a.Days)}
		}
		l.Items = append(l.Items,
			present.Item{Text: "Add to Outlook.com (a personal Microsoft account)", Link: a.OutlookPersonal, Sub: firstDay},
			present.Item{Text: "Add to Outlook for work or school (Microsoft 365)", Link: a.OutlookWork, Sub: firstDay})
		s.Blocks = append(s.Blocks, l)
	}
	if a.No != "" {
		s.Blocks = append(s.Blocks, &present.Para{Text: a.No})
	}
	return appendBlocks(s, &present.Para{Text: "Subscribe to a feed to get every change to this and the other meetings.", Link: subscribe})
}

// eventPage writes an event's page.
func (b *builder) eventPage(w io.Writer, ev *event) error {
	return b.write(w, EventPage(ev.id), ev.doc)
}

// subscribePage writes the page of the feeds, with how to subscribe.
func (b *builder) subscribePage(w io.Writer) error {
	// The feeds span every plan year, so the page names the plan
	// without one.
	name := b.site.Current.TitleWithoutYear()
	d := &present.Doc{Title: "Subscribe to the calendar", Page: present.Page{HeadTitle: "Subscribe to the calendar · " + name},
		Summary: "A subscription keeps your calendar up to date: when a meeting is added, moves, or is cancelled, your calendar follows " +
			"(clients fetch a feed again every few hours; this site asks for every 12). Subscribe to every meeting of " + name +
			", or only to those of one group. These addresses stay the same from year to year."}
	if b.base == "" {
		d.Blocks = append(d.Blocks, &present.Para{Text: "This copy of the site was built without its public address, so the feeds below are " +
			"links relative to this page, and neither a webcal:// address (which opens your calendar app directly) nor a one-click " +
			"subscribe link for Google Calendar or Outlook is given: both need the address the site is published at. " +
			"Build the site with bp site --base-url https://… to show them."})
	}
	switch n := len(b.feeds[0].Calendar.LeftOut); n {
	case 0:
	case 1:
		d.Blocks = append(d.Blocks, &present.Para{Text: "1 meeting whose day is not fixed yet is not in the feeds: it is added once its day is set."})
	default:
		d.Blocks = append(d.Blocks, &present.Para{Text: strconv.Itoa(n) + " meetings whose day is not fixed yet are not in the feeds: each is added once its day is set."})
	}
	d.Blocks = append(d.Blocks, b.feedsSection(), howToSubscribe(rel(SubscribePage, YearPage(b.site.Current.Year))))
	return b.write(w, SubscribePage, d)
}

func (b *builder) feedsSection() *present.Section {
	l := &present.List{Label: "Feeds", Cards: true}
	for _, f := range b.feeds {
		l.Items = append(l.Items, b.feedItem(SubscribePage, f))
	}
	return &present.Section{Title: "Feeds", ID: "feeds", Blocks: []present.Block{l}}
}

// feedItem is a calendar feed as a card of the page at from: its name
// and number of events, its address, and with a base URL its webcal://
// address and one-click links.
func (b *builder) feedItem(from string, f *Feed) present.Item {
	it := present.Item{Text: f.Name + " (" + eventCount(f.Calendar.Events) + ")"}
	u := b.abs(FeedPath(f.File))
	if u == "" {
		it.Facts = []present.Fact{{Label: "Address", Value: FeedPath(f.File), Link: rel(from, FeedPath(f.File))}}
		return it
	}
	webcal := webcalURL(u)
	it.Facts = []present.Fact{{Label: "Address", Value: u, Link: u},
		{Label: "Open in your calendar app", Value: webcal, Link: webcal},
		{Label: "Google Calendar", Value: "Subscribe in one click", Link: googleSubscribeLink(webcal)},
		{Label: "Outlook.com", Value: "Subscribe in one click (a personal Microsoft account)", Link: outlookSubscribeLink(outlookPersonal, u, f.Name)},
		{Label: "Outlook at work", Value: "Subscribe in one click (a work or school account, Microsoft 365)", Link: outlookSubscribeLink(outlookWork, u, f.Name)}}
	return it
}

func howToSubscribe(plan string) *present.Section {
	return &present.Section{Title: "How to subscribe", ID: "how", Blocks: []present.Block{
		&present.Facts{Items: []present.Fact{
			{Label: "Outlook", Value: "On the web: the one-click link of your kind of account (Outlook.com for a personal Microsoft account, Outlook at work for a work or school one), or Calendar, Add calendar, Subscribe from web; paste the address. The new Outlook for Windows: the same. Classic Outlook: Add Calendar, From Internet."},
			{Label: "Google Calendar", Value: "The one-click link, or on a computer: beside “Other calendars”, the + button, From URL; paste the address. Google fetches a subscribed feed again on its own schedule: about once a day, sometimes less often."},
			{Label: "Apple Calendar", Value: "On a Mac, File, New Calendar Subscription; paste the address. On an iPhone or iPad, open the webcal:// address, or Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar."},
			{Label: "Thunderbird", Value: "In the calendar, New Calendar, On the Network; paste the address (the format is found by itself)."},
		}},
		&present.Para{Text: "To add a single meeting instead, open its page from the plan: each has a file to download and links for Google Calendar and Outlook.", Link: plan},
	}}
}

func eventCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return strconv.Itoa(n) + " events"
}
