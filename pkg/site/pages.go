package site

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/report"
	"github.com/icmpd/bp/pkg/workplan"
)

//go:embed templates
var templateFiles embed.FS

// templates are the pages' templates, each with the common layout. They
// escape every value by context, so nothing from a plan can add markup,
// and are parsed on first use, not when bp starts.
var templates = sync.OnceValue(func() map[string]*template.Template {
	layout := template.Must(template.ParseFS(templateFiles, "templates/layout.html.tmpl"))
	out := map[string]*template.Template{}
	for _, name := range []string{"year", "event", "subscribe"} {
		out[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFiles, "templates/"+name+".html.tmpl"))
	}
	return out
})

// styleSheet is style.css: the states' style sheet the status page uses
// too, then the site's own rules.
func styleSheet() string {
	own, err := templateFiles.ReadFile("templates/style.css")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return report.StateCSS() + string(own)
}

// c is the one cleaning of text for a page: html/template escapes markup,
// and this drops what escaping leaves (control, bidi and zero-width
// characters) and puts the text on one line.
var c = render.Clean

// page is what the layout needs of every page.
type page struct {
	Title     string
	Root      string // the way from the page to the site's root: "", "../"
	Canonical string
	Nav       []navLink
	Footer    string
	Body      any
}

type navLink struct {
	Href, Text string
	Current    bool
}

// execute renders the page at address from with its body.
func (b *builder) execute(w io.Writer, tmpl, from, title string, body any) error {
	p := page{
		Title:     title,
		Root:      rel(from, ""),
		Canonical: b.abs(from),
		Body:      body,
		Footer: fmt.Sprintf("Made with bp site from %s, as of %s. The same plans and day always give this site.",
			b.sources(), workplan.DayText(b.today)),
	}
	for _, pl := range b.plans {
		addr := YearPage(pl.Year)
		p.Nav = append(p.Nav, navLink{
			Href:    rel(from, addr),
			Text:    strconv.Itoa(pl.Year) + " plan",
			Current: from == addr || (from == IndexPage && pl == b.site.Current),
		})
	}
	p.Nav = append(p.Nav, navLink{Href: rel(from, SubscribePage), Text: "Subscribe", Current: from == SubscribePage})
	return templates()[tmpl].ExecuteTemplate(w, "layout.html.tmpl", p)
}

// sources names the plans: "budapest-process-2026 revision 3".
func (b *builder) sources() string {
	parts := make([]string, len(b.plans))
	for i, p := range b.plans {
		parts[i] = c(p.ID) + " revision " + strconv.Itoa(p.Revision)
	}
	return strings.Join(parts, ", ")
}

// eventItem is an event as lists show it.
type eventItem struct {
	ID, Href, Title, Date, Time, Where, Type string
	State, StateLabel, Detail                string
	MonthOnly, DateTBC, PlaceTBC             bool
	Outcome                                  *outcomeView // only once recorded, as of today
	Notes                                    string
}

type outcomeView struct {
	Summary, Recorded string
	// Link is a plain string, not template.URL: html/template then
	// refuses any scheme but http(s) and mailto in the href.
	Link string
}

// item returns the event as the page at address from lists it.
func (b *builder) item(from string, p *workplan.Plan, es report.EventStatus) eventItem {
	e := es.Event
	it := eventItem{
		ID:         e.ID,
		Href:       rel(from, EventPage(e.ID)),
		Title:      c(e.Title),
		Date:       c(e.DateText()),
		Time:       c(e.TimeText(p)),
		Where:      c(render.Where(e)),
		Type:       c(e.Type.Label()),
		State:      es.State.String(),
		StateLabel: es.State.Label(),
		Detail:     c(es.Detail()),
		MonthOnly:  !e.HasDay(),
		DateTBC:    e.DateTBC,
		PlaceTBC:   e.LocationTBC(),
		Notes:      c(e.Notes),
	}
	if es.State == report.Held {
		o := e.Outcome
		it.Outcome = &outcomeView{Summary: c(o.Summary), Link: c(o.Link), Recorded: workplan.DayText(o.Recorded)}
	}
	return it
}

// yearView is a plan year's page.
type yearView struct {
	Title, Sub, Framework, People, Summary string
	AsOf                                   string
	StatusHref, SubscribeHref, JSONHref    string
	Now, Next                              []eventItem
	NoNext                                 string
	Later                                  *laterView // the next meeting of a later plan, when nothing is ahead in this one
	Months                                 []monthView
	Past                                   []eventItem
}

type laterView struct {
	Year int
	Href string
	Next []eventItem
}

type monthView struct {
	ID, Name, Short string
	Events          []eventItem
}

// yearPage writes the page of r's plan at address from: the year's own
// page, or the front page for the current year.
func (b *builder) yearPage(w io.Writer, from string, r *report.Report) error {
	p := r.Plan
	sub := "Revision " + strconv.Itoa(p.Revision)
	if !p.Revised.IsZero() {
		sub += " of " + workplan.DayText(p.Revised)
	}
	v := yearView{
		Title:         c(r.Heading()),
		Sub:           sub + " · as of " + workplan.DayText(b.today),
		Framework:     c(report.FrameworkText(p)),
		People:        c(r.People()),
		Summary:       c(p.Summary),
		AsOf:          workplan.DayText(b.today),
		StatusHref:    rel(from, StatusPage(p.Year)),
		SubscribeHref: rel(from, SubscribePage),
		JSONHref:      rel(from, YearEventsJSON(p.Year)),
		NoNext:        "No meeting of this plan is still ahead.",
	}
	for _, es := range r.Events {
		if es.State == report.InProgress {
			v.Now = append(v.Now, b.item(from, p, es))
		}
	}
	for _, es := range r.Next {
		v.Next = append(v.Next, b.item(from, p, es))
	}
	if len(v.Next) == 0 {
		// Nothing ahead in this plan: the next meeting of a later one.
		for _, q := range b.plans {
			if q.Year > p.Year && len(b.reports[q].Next) > 0 {
				v.Later = &laterView{Year: q.Year, Href: rel(from, YearPage(q.Year))}
				for _, es := range b.reports[q].Next {
					v.Later.Next = append(v.Later.Next, b.item(from, q, es))
				}
				break
			}
		}
	}

	// Month by month: every month of the plan's year, and any other month
	// an event of the plan falls in; an event is listed in the month of
	// its first (possible) day.
	byMonth := map[time.Time][]eventItem{}
	for m := time.January; m <= time.December; m++ {
		byMonth[time.Date(p.Year, m, 1, 0, 0, 0, 0, time.UTC)] = nil
	}
	for _, es := range r.Events {
		first, _ := es.Event.Span()
		m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		byMonth[m] = append(byMonth[m], b.item(from, p, es))
	}
	months := make([]time.Time, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })
	for _, m := range months {
		short := m.Month().String()[:3]
		if m.Year() != p.Year {
			short = workplan.MonthText(m)
		}
		v.Months = append(v.Months, monthView{ID: "m-" + workplan.ISOMonth(m), Name: workplan.LongMonthText(m), Short: short, Events: byMonth[m]})
	}

	// Past meetings, the latest first: those that took place or should
	// have (held, or waiting for their outcome), and those cancelled
	// after their days passed. A month that passed with no day fixed was
	// no meeting.
	var past []report.EventStatus
	for _, es := range r.Events {
		_, last := es.Event.Span()
		switch {
		case es.State == report.Held, es.State == report.FollowUp,
			es.State == report.Cancelled && last.Before(b.today):
			past = append(past, es)
		}
	}
	slices.SortStableFunc(past, func(a, b report.EventStatus) int {
		_, la := a.Event.Span()
		_, lb := b.Event.Span()
		return lb.Compare(la)
	})
	for _, es := range past {
		v.Past = append(v.Past, b.item(from, p, es))
	}
	return b.execute(w, "year", from, v.Title, v)
}

// eventView is an event's page.
type eventView struct {
	Item          eventItem
	PlanTitle     string
	YearHref      string
	SubscribeHref string
	Purpose       string
	Facts         []fact
	Add           *addView
	NoAdd         string // why there is nothing to add to a calendar
	History       []historyEntry
	Brief         *briefView // nil when there is no follow-up to show
	Revision      string
}

// briefView is the meeting brief on an event's page: what the previous
// meeting of each of its groups concluded, the actions to be reported
// there and owed by its groups, the products it presents (as bp brief
// gives them), with links to the meetings' pages.
type briefView struct {
	Previous []previousView
	ToReport []report.ActionView
	Owed     []report.ActionView
	Products []productView
}

type previousView struct {
	report.PreviousView
	Href string // the previous meeting's page; "" when there is none
}

type productView struct {
	report.ProductView
	Others []meetingLink
}

type meetingLink struct {
	Text, State, Href string
}

// brief returns the brief of the event whose page is at from, or nil
// when it has no follow-up to show (no previous meeting with a recorded
// outcome, no action to report or owed): its facts and the product it
// presents are on the page already.
func (b *builder) brief(from string, e *workplan.Event) *briefView {
	if b.briefs == nil {
		return nil // a builder made for one page, not by Build
	}
	br := b.briefs.Brief(e, b.today)
	if !br.FollowUp() {
		return nil
	}
	rv := br.View()
	v := &briefView{ToReport: rv.ToReport, Owed: rv.Owed}
	for _, p := range rv.Previous {
		pv := previousView{PreviousView: p}
		if p.EventID != "" {
			pv.Href = rel(from, EventPage(p.EventID))
		}
		v.Previous = append(v.Previous, pv)
	}
	for _, p := range rv.Products {
		pv := productView{ProductView: p}
		for _, o := range p.Others {
			pv.Others = append(pv.Others, meetingLink{Text: o.Text, State: o.State, Href: rel(from, EventPage(o.ID))})
		}
		v.Products = append(v.Products, pv)
	}
	return v
}

type fact struct {
	Label, Value, Href string
}

type addView struct {
	ICS, ICSHint    string
	Google, Outlook string // "" for a cancelled event
	FirstDayOnly    bool   // Outlook's link adds the first of Days only
	Days            int
}

// historyEntry is one thing that happened to an event: its notes, its
// outcome (issue 12 adds its moves).
type historyEntry struct {
	When, Text, Link string
}

// event is an event's page and one-event file, built.
type event struct {
	view *eventView
	cal  *calendar.Calendar // nil for a month-only event
}

// event builds the page of one event of p and its one-event calendar.
func (b *builder) event(p *workplan.Plan, es report.EventStatus) (*event, error) {
	e := es.Event
	from := EventPage(e.ID)
	v := &eventView{
		Item:          b.item(from, p, es),
		PlanTitle:     c(p.Title),
		YearHref:      rel(from, YearPage(p.Year)),
		SubscribeHref: rel(from, SubscribePage),
		Purpose:       c(e.Purpose),
		Revision: fmt.Sprintf("As of revision %d of %s, %s.", p.Revision, c(p.Title),
			workplan.DayText(b.today)),
	}
	add := func(label, value string) {
		if value != "" {
			v.Facts = append(v.Facts, fact{Label: label, Value: value})
		}
	}
	add("When", c(render.DateWithMoves(e))) // "8–9 Jul 2026 (moved from 25–26 Jun 2026)"
	add("Time", c(e.TimeText(p)))
	if e.Location != nil {
		add("Where", c(e.Location.String()))
	}
	add("Format", e.Format.Label())
	add("Type", e.Type.Label())
	var groups []string
	for _, id := range e.Groups {
		if g := p.Group(id); g != nil {
			groups = append(groups, c(g.Name))
		}
	}
	add("Groups", strings.Join(groups, "; "))
	var partners []string
	for _, s := range e.Partners {
		partners = append(partners, c(s))
	}
	add("Jointly with", strings.Join(partners, "; "))
	if pr := p.Product(e.Product); pr != nil {
		add("Presents", c(pr.Title))
	}
	if o := p.Event(e.BackToBack); o != nil {
		v.Facts = append(v.Facts, fact{Label: "Back-to-back with", Value: c(o.Title) + " (" + c(o.DateText()) + ")", Href: rel(from, EventPage(o.ID))})
	}
	add("Status in the plan", e.Status.Label())
	add("Id", e.ID)

	if n := c(e.Notes); n != "" {
		v.History = append(v.History, historyEntry{When: "Notes", Text: n})
	}
	if it := v.Item.Outcome; it != nil {
		v.History = append(v.History, historyEntry{When: "Outcome, recorded " + it.Recorded, Text: it.Summary, Link: it.Link})
	}

	v.Brief = b.brief(from, e)

	ev := &event{view: v}
	if !e.HasDay() {
		v.NoAdd = "Only the month is known (" + workplan.LongMonthText(e.Month) + "): the day is not fixed yet, so there is nothing to add to a calendar. " +
			"A subscribed feed adds the meeting once its day is set."
		return ev, nil
	}
	cal, err := calendar.BuildOne(p, e, calendar.Options{})
	if err != nil {
		return nil, fmt.Errorf("site: event %q: %w", e.ID, err)
	}
	ev.cal = cal
	a := &addView{ICS: rel(from, EventICS(e.ID)), ICSHint: "for Apple Calendar, Outlook, Thunderbird and the rest"}
	v.Add = a
	if e.Status == workplan.StatusCancelled {
		a.ICSHint = "marks it cancelled in a calendar it was added to"
		v.NoAdd = "This meeting is cancelled: there is nothing to add to a calendar."
		return ev, nil
	}
	o, err := occurrenceOf(cal)
	if err != nil {
		return nil, fmt.Errorf("site: event %q: read its calendar file: %w", e.ID, err)
	}
	details := calendar.Description(p, e)
	if page := b.abs(from); page != "" {
		details += "\n\n" + page
	}
	title, where := calendar.Summary(e), calendar.Location(e)
	a.Google = googleLink(title, details, where, o)
	a.Outlook = outlookLink(title, details, where, o)
	a.FirstDayOnly, a.Days = o.Count > 1, o.Count
	return ev, nil
}

// eventPage writes an event's page.
func (b *builder) eventPage(w io.Writer, p *workplan.Plan, ev *event) error {
	v := ev.view
	return b.execute(w, "event", EventPage(v.Item.ID), v.Item.Title+" · "+c(p.Title), v)
}

// subscribeView is the subscribe page.
type subscribeView struct {
	PlanTitle string
	HasBase   bool
	LeftOut   string
	YearHref  string
	Feeds     []feedView
}

type feedView struct {
	Name, File, Count string
	Href              string // the link to follow: absolute with a base URL, else relative
	HTTPS             string // "" without a base URL
	// Webcal is "" without a base URL. It is a template.URL, trusted:
	// html/template refuses the webcal: scheme in an href otherwise, and
	// it is made here from a base URL ParseBaseURL accepted.
	Webcal template.URL
}

func (b *builder) subscribePage(w io.Writer) error {
	cur := b.site.Current
	v := subscribeView{
		// The feeds span every plan year, so the page names the plan
		// without one.
		PlanTitle: c(cur.TitleWithoutYear()),
		HasBase:   b.base != "",
		YearHref:  rel(SubscribePage, YearPage(cur.Year)),
	}
	for _, f := range b.feeds {
		fv := feedView{Name: c(f.Name), File: FeedPath(f.File), Href: rel(SubscribePage, FeedPath(f.File)), Count: eventCount(f.Calendar.Events)}
		if u := b.abs(FeedPath(f.File)); u != "" {
			fv.Href, fv.HTTPS = u, u
			_, rest, _ := strings.Cut(u, "://")
			fv.Webcal = template.URL("webcal://" + rest)
		}
		v.Feeds = append(v.Feeds, fv)
	}
	switch n := len(b.feeds[0].Calendar.LeftOut); n {
	case 0:
	case 1:
		v.LeftOut = "1 meeting whose day is not fixed yet is not in the feeds: it is added once its day is set."
	default:
		v.LeftOut = strconv.Itoa(n) + " meetings whose day is not fixed yet are not in the feeds: each is added once its day is set."
	}
	return b.execute(w, "subscribe", SubscribePage, "Subscribe to the calendar · "+v.PlanTitle, v)
}

func eventCount(n int) string {
	if n == 1 {
		return "1 event"
	}
	return strconv.Itoa(n) + " events"
}
