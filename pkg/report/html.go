package report

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

//go:embed status.html.tmpl
var htmlSource string

//go:embed states.css
var statesCSS string

// StateCSS is the style sheet of the states: their colours (each with
// white or dark text of at least 4.5:1, WCAG AA), the .s-<state> classes
// that set --c, the .pill label, and the two marks a bar or a swatch
// may carry: .month-only (hatched: only the month is known) and .tbc
// (dashed outline: day or place TBC). The status page and the site use
// it, so that a state looks the same everywhere.
func StateCSS() string { return statesCSS }

// htmlTemplate escapes every value by context (text, attribute, URL):
// nothing from a plan can add markup or script to the page. It is
// parsed on first use, not at start-up: every bp command
// would otherwise pay for it (0.3 ms, 1300 allocations).
var htmlTemplate = sync.OnceValue(func() *template.Template {
	t := template.Must(template.New("status").Parse(htmlSource))
	return template.Must(t.Parse(followUpHTMLSource))
})

// WriteHTML writes the report as one self-contained HTML page: inline
// CSS, no scripts, no external assets, so it works offline, can be mailed
// as a file, and prints well. Its centre is a picture of the year: one
// bar per event on a month-by-month timeline, coloured by state and
// labelled in words, with a line at the report's date.
func (r *Report) WriteHTML(w io.Writer) error {
	return r.WriteHTMLWith(w, HTMLOptions{})
}

// HTMLOptions changes what [Report.WriteHTMLWith] adds to the page.
type HTMLOptions struct {
	// Nav is a list of links shown above the title, for a page that is
	// part of a site (bp site): back to the plan's page, to the feeds.
	// Hrefs are used as they are, so give them relative to the page.
	Nav []Link
}

// Link is a link of [HTMLOptions.Nav].
type Link struct {
	Href, Text string
}

// WriteHTMLWith is [Report.WriteHTML] with options.
func (r *Report) WriteHTMLWith(w io.Writer, opts HTMLOptions) error {
	v := r.htmlView()
	v.Nav = opts.Nav
	return htmlTemplate().Execute(w, v)
}

type htmlView struct {
	R         *Report
	StateCSS  template.CSS
	Nav       []Link
	Title     string
	Sub       string
	Framework string
	People    string
	Summary   string
	Overview  string
	Next      []htmlEvent
	NextWhen  string
	States    []htmlState
	Months    []htmlMonth
	Grid      template.CSS // the month lines behind every track
	AsOfLeft  template.CSS // where the line of the report's date is; "" when the date is outside the plan's year
	AsOfText  string
	Year      int
	Events    []htmlEvent
	MonthOnly []string // the states of the month-only events, for the legend
	TBCStates []string // the states of the events whose day or place is TBC
	Progress  []htmlSection
	Products  []htmlProduct
	Miles     []htmlMilestone
	FollowUp  *htmlFollowUp // nil when the plans hold no action
	Generated string
}

type htmlState struct {
	ID, Label, Doc string
	Count          int
}

type htmlSegment struct {
	ID, Label string
	Count     int
	Width     template.CSS
}

type htmlMonth struct {
	Name    string
	Initial string // the name on a phone, where three letters do not fit
	Width   template.CSS
	Current bool
}

type htmlEvent struct {
	ID, Title, Date, Time, Where, Groups, Type string
	State, Label, Detail                       string
	MonthOnly, TBC                             bool
	Bar                                        template.CSS
	Outcome                                    *workplan.Outcome
	OutcomeLink                                string
	Notes                                      string
}

type htmlSection struct {
	Title, Col string // the section's heading, the first column's
	Rows       []htmlBreakdown
}

type htmlBreakdown struct {
	Name        string
	Total, Held int
	Summary     string
	Bar         []htmlSegment
}

type htmlProduct struct {
	Title, Topic string
	Events       []htmlEvent
}

type htmlMilestone struct {
	Title, When, Notes string
	Passed             bool
}

func pct(f float64) string {
	if f < 0 {
		f = 0
	}
	if f > 100 {
		f = 100
	}
	return strconv.FormatFloat(f, 'f', 2, 64) + "%"
}

func segments(c Counts) []htmlSegment {
	total := c.Total()
	var out []htmlSegment
	if total == 0 {
		return out
	}
	for _, s := range States {
		if c[s] == 0 {
			continue
		}
		out = append(out, htmlSegment{
			ID: s.String(), Label: s.Label(), Count: c[s],
			Width: template.CSS("width:" + pct(float64(c[s])*100/float64(total))),
		})
	}
	return out
}

func (r *Report) htmlView() htmlView {
	p := r.Plan
	year := p.Year
	if year == 0 {
		year = r.AsOf.Year()
	}
	yStart := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	yDays := float64(days(yStart, yStart.AddDate(1, 0, 0)))
	pos := func(t time.Time) float64 { return float64(days(yStart, t)) * 100 / yDays }

	// html/template escapes markup; Clean drops what escaping leaves:
	// control, bidi and zero-width characters.
	c := render.Clean
	v := htmlView{
		R:         r,
		StateCSS:  template.CSS(statesCSS),
		Title:     c(r.Heading()),
		Sub:       c(r.Subheading()),
		Framework: c(FrameworkText(p)),
		People:    c(r.People()),
		Overview:  c(r.Overview()),
		Summary:   c(p.Summary),
		NextWhen:  c(r.NextText()),
		AsOfText:  workplan.DayText(r.AsOf),
		Year:      year,
		Generated: "bp status --as-of " + workplan.ISODay(r.AsOf),
	}
	if len(r.Next) > 0 {
		v.NextWhen = inDays(r.Next[0].DaysToGo)
	}
	for _, s := range States {
		v.States = append(v.States, htmlState{ID: s.String(), Label: s.Label(), Doc: s.Doc(), Count: r.Counts[s]})
	}

	// the months of the year, and a faint line at each month's start
	var stops []string
	for m := time.January; m <= time.December; m++ {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		next := first.AddDate(0, 1, 0)
		v.Months = append(v.Months, htmlMonth{
			Name:    m.String()[:3],
			Initial: m.String()[:1],
			Width:   template.CSS("width:" + pct(float64(days(first, next))*100/yDays)),
			Current: r.AsOf.Year() == year && r.AsOf.Month() == m,
		})
		if m > time.January {
			at := pct(pos(first))
			stops = append(stops, "transparent "+at, "#d5d9e0 "+at, "#d5d9e0 calc("+at+" + 1px)", "transparent calc("+at+" + 1px)")
		}
	}
	v.Grid = template.CSS("background-image:linear-gradient(90deg," + strings.Join(stops, ",") + ");")
	if r.AsOf.Year() == year {
		v.AsOfLeft = template.CSS("left:calc(" + pct(pos(r.AsOf)+50/yDays) + " - 1px);")
	}

	ev := func(es EventStatus) htmlEvent {
		e := es.Event
		first, last := e.Span()
		left := pos(first)
		width := float64(days(first, last)+1) * 100 / yDays
		he := htmlEvent{
			ID: c(e.ID), Title: c(e.Title), Date: c(e.DateText()), Time: c(e.TimeText(p)), Where: c(render.Where(e)),
			Groups: c(r.Groups(e)), Type: c(e.Type.Label()),
			State: es.State.String(), Label: es.State.Label(), Detail: c(es.Detail()),
			// A month-only bar is hatched, not outlined too: one mark
			// for one fact, as the legend shows them.
			MonthOnly: !e.HasDay(), TBC: e.Unconfirmed() && e.HasDay(),
			// A bar is at least .6rem wide, so that a one-day event shows;
			// near December it then starts earlier, not past the track.
			Bar:   template.CSS("left:min(" + pct(left) + ",calc(100% - .6rem));width:" + pct(width)),
			Notes: c(e.Notes),
		}
		if es.State == Held {
			o := *e.Outcome
			o.Summary, o.Link = c(o.Summary), c(o.Link)
			he.Outcome = &o
			// A plain string, not template.URL: html/template then
			// refuses any scheme but http(s) and mailto in the href.
			he.OutcomeLink = o.Link
		}
		return he
	}
	monthOnly, tbc := map[State]bool{}, map[State]bool{}
	for _, es := range r.Events {
		v.Events = append(v.Events, ev(es))
		if !es.Event.HasDay() {
			monthOnly[es.State] = true
		}
		if es.Event.Unconfirmed() && es.Event.HasDay() {
			tbc[es.State] = true
		}
	}
	// The legend shows each mark on the colours the bars carry it in.
	for _, s := range States {
		if monthOnly[s] {
			v.MonthOnly = append(v.MonthOnly, s.String())
		}
		if tbc[s] {
			v.TBCStates = append(v.TBCStates, s.String())
		}
	}
	for _, es := range r.Next {
		v.Next = append(v.Next, ev(es))
	}
	bd := func(bs []Breakdown) []htmlBreakdown {
		out := make([]htmlBreakdown, 0, len(bs))
		for _, b := range bs {
			out = append(out, htmlBreakdown{Name: c(b.Name), Total: b.Counts.Total(), Held: b.Counts[Held], Summary: b.Counts.Summary(), Bar: segments(b.Counts)})
		}
		return out
	}
	v.Progress = []htmlSection{{"By group", "Group", bd(r.ByGroup)}, {"By type", "Type", bd(r.ByType)}, {"By quarter", "Quarter", bd(r.ByQuarter)}}
	for _, ps := range r.Products {
		hp := htmlProduct{Title: c(ps.Product.Title), Topic: c(ps.Product.Topic)}
		for _, es := range ps.Events {
			hp.Events = append(hp.Events, ev(es))
		}
		v.Products = append(v.Products, hp)
	}
	for _, ms := range r.Milestones {
		v.Miles = append(v.Miles, htmlMilestone{Title: c(ms.Milestone.Title), When: ms.When(r), Notes: c(ms.Milestone.Notes), Passed: ms.Passed})
	}
	v.FollowUp = r.followUpHTML()
	return v
}
