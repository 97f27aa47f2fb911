package report

// The view of the status report: the document bp status prints as text,
// Markdown and HTML, for the person preparing the next meeting. What
// needs attention comes first, then the next meetings, then the
// follow-up of the actions, then the tables.

import (
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Heading returns the report's title: the plan's.
func (r *Report) Heading() string {
	if r.Plan.Title != "" {
		return r.Plan.Title
	}
	return r.Plan.ID
}

// Subheading returns "Status as of 27 Nov 2026 · revision 1 of 27 Nov 2026".
func (r *Report) Subheading() string {
	s := "Status as of " + workplan.DayText(r.AsOf)
	if r.Plan.Revision > 0 {
		s += " · revision " + strconv.Itoa(r.Plan.Revision)
		if !r.Plan.Revised.IsZero() {
			s += " of " + workplan.DayText(r.Plan.Revised)
		}
	}
	return s
}

// People returns "Chair: Türkiye · Co-chair: Hungary · Secretariat: ICMPD",
// leaving out the roles the plan does not name.
func (r *Report) People() string { return People(r.Plan) }

// People returns who holds the plan's offices: "Chair: Türkiye ·
// Co-chair: Hungary · Secretariat: ICMPD".
func People(p *workplan.Plan) string {
	var parts []string
	for _, kv := range [][2]string{{"Chair", p.Chair}, {"Co-chair", p.CoChair}, {"Secretariat", p.Secretariat}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+": "+kv[1])
		}
	}
	return strings.Join(parts, " · ")
}

// Overview returns "11 events: 9 follow-up, 2 overdue".
func (r *Report) Overview() string {
	n := r.Counts.Total()
	s := strconv.Itoa(n) + " events"
	if n == 1 {
		s = "1 event"
	}
	if sum := r.Counts.Summary(); sum != "" {
		s += ": " + sum
	}
	return s
}

// When says where a milestone is in time: "1 Apr 2026 · passed",
// "1 Oct 2026 · in 106 days", "date not set".
func (ms MilestoneStatus) When(r *Report) string {
	m := ms.Milestone
	if m.Date.IsZero() {
		return "date not set"
	}
	if ms.Passed {
		return workplan.DayText(m.Date) + " · passed"
	}
	return workplan.DayText(m.Date) + " · " + present.InDays(present.DaysBetween(r.AsOf, m.Date))
}

// Doc returns the report's view: for the Secretariat, everything.
func (r *Report) Doc() *present.Doc {
	d := &present.Doc{
		Title:    r.Heading(),
		Subtitle: r.Subheading(),
		Summary:  r.Plan.Summary,
		Page: present.Page{
			HeadTitle: r.Heading() + " · status as of " + workplan.DayText(r.AsOf),
			Footer: "Made with bp status --as-of " + workplan.ISODay(r.AsOf) + " from " + r.Plan.ID + ", revision " +
				strconv.Itoa(r.Plan.Revision) + ". The same plan and date always give this page.",
		},
	}
	for _, m := range []string{FrameworkText(r.Plan), r.People()} {
		if m != "" {
			d.Meta = append(d.Meta, m)
		}
	}
	d.Blocks = append(d.Blocks, &present.Para{Text: r.Overview()}, r.attentionSection(), r.nextSection())
	if f := r.followUpSection(); f != nil {
		d.Blocks = append(d.Blocks, f)
	}
	d.Blocks = append(d.Blocks, r.eventsSection())
	if n := r.notesSection(); n != nil {
		d.Blocks = append(d.Blocks, n)
	}
	d.Blocks = append(d.Blocks, r.statesSection(), r.progressSection(), r.productsSection(), r.milestonesSection())
	return d
}

// attentionSection lists what needs attention first.
func (r *Report) attentionSection() *present.Section {
	s := &present.Section{Title: "Needs attention", ID: "attention"}
	items := r.Attention()
	if len(items) == 0 {
		s.Blocks = []present.Block{present.None("Nothing: every meeting of the next " + strconv.Itoa(Soon) +
			" days is confirmed, with its format, place and time, and no action is overdue.")}
		return s
	}
	l := &present.List{Label: "Needs attention"}
	for _, a := range items {
		if a.Meeting != nil {
			es := *a.Meeting
			e := es.Event
			l.Items = append(l.Items, present.Item{
				Head: e.DateText(), Text: e.Title + " (" + e.ID + ")",
				Mark: present.Mark{Tone: es.State.Tone(), Label: es.State.Label(), Detail: es.Detail()},
				Sub:  []string{strings.Join(a.Why, "; ")},
			})
			continue
		}
		x := a.Action.Action
		l.Items = append(l.Items, present.Item{
			Text: x.Text + " (" + x.ID + ")",
			Mark: present.Mark{Tone: present.ToneActionLate, Label: "Overdue", Detail: strings.Join(a.Why, "; ")},
			Sub:  []string{"owed by " + render.OwnersText(a.Action.Plan, x) + "; set at " + x.Event.Title + ", " + x.Event.DateText()},
		})
	}
	s.Blocks = []present.Block{l}
	return s
}

// nextSection is the meetings still ahead.
func (r *Report) nextSection() *present.Section {
	s := &present.Section{Title: "Next meetings", ID: "next"}
	if len(r.Next) == 0 {
		s.Blocks = []present.Block{present.None("No meeting of the plan is still ahead.")}
		return s
	}
	s.Blocks = []present.Block{r.eventTable(r.Next, "Next meetings")}
	return s
}

// eventTable is a table of events: date, event, state.
func (r *Report) eventTable(evs []present.EventStatus, label string) *present.Table {
	t := &present.Table{Label: label, Columns: []present.Column{
		{Title: present.LabelDate, Width: 14}, {Title: "Event", Width: 32}, {Title: "State", Width: 24},
	}}
	for _, es := range evs {
		t.Rows = append(t.Rows, r.eventRow(es))
	}
	return t
}

func (r *Report) eventRow(es present.EventStatus) []present.Cell {
	e := es.Event
	date := strings.SplitN(e.DateText(), " · ", 2)
	if tt := e.TimeText(r.Plan); tt != "" {
		date = append(date, tt)
	}
	what := []string{"(" + e.ID + ")"}
	if w := render.Where(e); w != "" {
		what = append(what, w)
	}
	state := present.Cell{Text: es.State.Label(), Tone: es.State.Tone(), Sub: []string{es.Detail()}}
	if o := e.Outcome; es.State == present.Held && o.Summary != "" {
		state.Sub = append(state.Sub, present.LabelOutcome+": "+o.Summary)
	}
	return []present.Cell{present.Plain(date[0], date[1:]...), present.Plain(e.Title, what...), state}
}

// eventsSection is every event, with the year's picture (HTML).
func (r *Report) eventsSection() *present.Section {
	s := &present.Section{Title: "Events", ID: "events"}
	if len(r.Events) == 0 {
		s.Blocks = []present.Block{present.None("The plan has no events.")}
		return s
	}
	s.Blocks = []present.Block{r.timeline(), r.eventTable(r.Events, "Events")}
	return s
}

// notesSection gives the events' notes and why one was postponed or
// cancelled (its reason fact), what is still sought. They are
// sentences, too long for a table's cell.
func (r *Report) notesSection() *present.Section {
	l := &present.List{Label: present.LabelNotes}
	for _, es := range r.Events {
		e := es.Event
		var sub []string
		if f := present.ReasonFact(e); f.Value != "" {
			sub = append(sub, f.Label+": "+f.Value)
		}
		if strings.TrimSpace(e.Notes) != "" {
			sub = append(sub, e.Notes)
		}
		if len(sub) > 0 {
			l.Items = append(l.Items, present.Item{Text: e.Title + " (" + e.ID + "), " + e.DateText(), Sub: sub})
		}
	}
	if len(l.Items) == 0 {
		return nil
	}
	return &present.Section{Title: present.LabelNotes, ID: "notes", Blocks: []present.Block{l}}
}

// statesSection counts the events of each state, and says what each
// means.
func (r *Report) statesSection() *present.Section {
	t := &present.Table{Label: "States", Columns: []present.Column{
		{Title: "State", Width: 19}, {Title: "Events", Num: true, Width: 6}, {Title: "Meaning", Width: 45},
	}}
	for _, st := range present.States {
		t.Rows = append(t.Rows, []present.Cell{{Text: st.Label(), Tone: st.Tone()}, present.Num(r.Counts[st]), present.Plain(st.Doc())})
	}
	return &present.Section{Title: "States", ID: "states", Blocks: []present.Block{t}}
}

// progressSection counts the events by group, type and quarter.
func (r *Report) progressSection() *present.Section {
	s := &present.Section{Title: "Progress", ID: "progress"}
	for _, p := range []struct {
		title, col string
		rows       []Breakdown
	}{{"By group", "Group", r.ByGroup}, {"By type", present.LabelType, r.ByType}, {"By quarter", "Quarter", r.ByQuarter}} {
		t := &present.Table{Label: p.title, Columns: []present.Column{
			{Title: p.col, Width: 32}, {Title: "Events", Num: true, Width: 6}, {Title: "Held", Num: true, Width: 4}, {Title: "States", Width: 24},
		}}
		for _, b := range p.rows {
			states := present.Cell{Text: b.Counts.Summary(), Bar: segments(b.Counts)}
			if states.Text == "" {
				states.Text = "no events"
			}
			t.Rows = append(t.Rows, []present.Cell{present.Plain(b.Name), present.Num(b.Counts.Total()), present.Num(b.Counts[present.Held]), states})
		}
		s.Blocks = append(s.Blocks, &present.Section{Title: p.title, Blocks: []present.Block{t}})
	}
	return s
}

func segments(c Counts) []present.Segment {
	var out []present.Segment
	for _, st := range present.States {
		if c[st] > 0 {
			out = append(out, present.Segment{Tone: st.Tone(), Count: c[st]})
		}
	}
	return out
}

// productsSection is the knowledge products and the events presenting
// them.
func (r *Report) productsSection() *present.Section {
	s := &present.Section{Title: "Knowledge products", ID: "products"}
	if len(r.Products) == 0 {
		s.Blocks = []present.Block{present.None("The plan names no knowledge products.")}
		return s
	}
	t := &present.Table{Label: "Knowledge products", Columns: []present.Column{
		{Title: "Product", Width: 30}, {Title: "Presented at", Width: 28}, {Title: "State", Width: 15},
	}}
	for _, ps := range r.Products {
		title := present.Plain(ps.Product.Title, ps.Product.Topic)
		if len(ps.Events) == 0 {
			t.Rows = append(t.Rows, []present.Cell{title, present.Plain("not presented at any event"), {}})
		}
		for _, es := range ps.Events {
			t.Rows = append(t.Rows, []present.Cell{title, present.Plain(es.Event.Title, es.Event.DateText()), {Text: es.State.Label(), Tone: es.State.Tone()}})
		}
	}
	s.Blocks = []present.Block{t}
	return s
}

// milestonesSection is the year's milestones.
func (r *Report) milestonesSection() *present.Section {
	s := &present.Section{Title: "Milestones", ID: "milestones"}
	if len(r.Milestones) == 0 {
		s.Blocks = []present.Block{present.None("The plan names no milestones.")}
		return s
	}
	t := &present.Table{Label: "Milestones", Columns: []present.Column{{Title: "Milestone", Width: 50}, {Title: "When", Width: 24}}}
	for _, ms := range r.Milestones {
		t.Rows = append(t.Rows, []present.Cell{present.Plain(ms.Milestone.Title, ms.Milestone.Notes), present.Plain(ms.When(r))})
	}
	s.Blocks = []present.Block{t}
	return s
}

// timeline is the picture of the plan's year: a bar per event.
func (r *Report) timeline() *present.Timeline {
	year := r.Plan.Year
	if year == 0 {
		year = r.AsOf.Year()
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	yDays := float64(present.DaysBetween(start, start.AddDate(1, 0, 0)))
	pos := func(t time.Time) float64 { return float64(present.DaysBetween(start, t)) / yDays }
	tl := &present.Timeline{Year: year, Label: "Event", Right: "State as of " + workplan.DayText(r.AsOf), AsOf: -1, AsOfText: workplan.DayText(r.AsOf)}
	for m := time.January; m <= time.December; m++ {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		tl.Months = append(tl.Months, present.TimelineMonth{
			Name: m.String()[:3], Initial: m.String()[:1],
			Width:   float64(present.DaysBetween(first, first.AddDate(0, 1, 0))) / yDays,
			Current: r.AsOf.Year() == year && r.AsOf.Month() == m,
		})
	}
	if r.AsOf.Year() == year {
		tl.AsOf = pos(r.AsOf) + 0.5/yDays
	}
	for _, es := range r.Events {
		e := es.Event
		first, last := e.Span()
		tl.Rows = append(tl.Rows, present.TimelineRow{
			Text: e.Title, Sub: e.DateText(), Tone: es.State.Tone(), Label: es.State.Label(),
			Start: pos(first), Width: float64(present.DaysBetween(first, last)+1) / yDays,
			MonthOnly: !e.HasDay(), TBC: e.Unconfirmed(),
		})
	}
	return tl
}

// Document returns the report as bp status writes it: its view, and its
// published JSON shape.
func (r *Report) Document() present.Document {
	return present.Document{Doc: r.Doc, JSON: func() any { return r.JSON() }}
}
