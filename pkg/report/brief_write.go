package report

// The meeting brief's writers: text for an 80-column terminal, Markdown,
// one self-contained HTML page, and JSON.

import (
	"bufio"
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

// Fact is one labelled fact of a meeting, as a brief lists them.
type Fact struct {
	Label, Value string
}

// Facts returns the meeting's facts that have a value, cleaned: its date,
// time and zone, where it moved from, place (or the places still in the
// running), format, status, groups, partners, what it is back-to-back
// with, purpose, notes, and the plan.
func (b *Brief) Facts() []Fact {
	e, p := b.Event, b.Plan
	var out []Fact
	add := func(label, value string) {
		if value = render.Clean(value); value != "" {
			out = append(out, Fact{label, value})
		}
	}
	add("Date", e.DateText())
	add("Time", e.TimeText(p))
	add("Moved from", strings.TrimPrefix(e.MovedText(), "moved from "))
	if e.Location != nil {
		place := e.Location.String()
		if len(e.Location.Alternatives) > 0 {
			place = "one of " + place
		}
		add("Place", place)
	}
	add("Format", e.Format.Label())
	// "Confirmed · Upcoming, in 11 days"; "Held, outcome recorded 20 Oct
	// 2026" when the plan's status and the state are one word
	status := e.Status.Label()
	if s := b.Status.State.Label(); !strings.EqualFold(s, status) {
		status += " · " + s
	}
	if d := b.Status.detail(); d != "" {
		status += ", " + d
	}
	add("Status", status)
	var groups []string
	for _, pm := range b.Previous {
		groups = append(groups, pm.GroupName+" ("+pm.Group+")")
	}
	add("Groups", strings.Join(groups, "; "))
	add("Partners", strings.Join(e.Partners, ", "))
	if p != nil {
		if o := p.Event(e.BackToBack); o != nil {
			add("Back-to-back", o.Title+", "+o.DateText()+" ("+o.ID+")")
		}
	}
	add("Purpose", e.Purpose)
	add("Notes", e.Notes)
	if p != nil {
		add("Plan", p.Title+", revision "+strconv.Itoa(p.Revision))
	}
	return out
}

// Subtitle returns "Meeting brief as of 28 Nov 2026 · rg-2027-03".
func (b *Brief) Subtitle() string {
	return "Meeting brief as of " + workplan.DayText(b.AsOf) + " · " + render.Clean(b.Event.ID)
}

// meetingText names a meeting in a line: "Reference Group Meeting, 14
// Oct 2026 (rg-2026-10)".
func meetingText(e *workplan.Event) string {
	return e.Title + ", " + e.DateText() + " (" + e.ID + ")"
}

// PreviousHeading returns "Previous meeting of the Reference Group".
func (pm PreviousMeeting) PreviousHeading() string {
	return "Previous meeting of " + the(pm.GroupName)
}

// the puts "the" before a group's name unless it has an article or is an
// id.
func the(name string) string {
	if strings.HasPrefix(name, "The ") || strings.HasPrefix(name, "the ") || !strings.ContainsAny(name, " ") && strings.ToLower(name) == name {
		return name
	}
	return "the " + name
}

// Says returns what the brief says of the previous meeting when it has
// no recorded outcome to show: there is none, it is still ahead, its
// outcome is not recorded; "" when the outcome is recorded.
func (pm PreviousMeeting) Says(asOf time.Time) string {
	switch {
	case pm.Event == nil:
		return "None: no earlier meeting of " + the(pm.GroupName) + " is in the plans."
	case pm.Outcome != nil:
		return ""
	}
	s := Classify(pm.Event, asOf).State
	if s == Upcoming || s == ToConfirm || s == InProgress {
		return meetingText(pm.Event) + ": it has not taken place yet, so nothing is recorded of it."
	}
	return meetingText(pm.Event) + ": its outcome is not recorded."
}

// actionState is an action's state in a brief: "Open, due 15 Dec 2026",
// "Open, 59 days overdue (due 30 Sep 2026)", "Done 20 Apr 2026".
func (b *Brief) actionState(a *workplan.Action) string {
	if a.State != workplan.ActionOpen {
		return render.StateText(a, b.AsOf)
	}
	if n := a.DaysOverdue(b.AsOf); n > 0 {
		return "Open, " + render.Days(n) + " overdue (due " + a.DueText() + ")"
	}
	if a.DueValue() == "" {
		return "Open"
	}
	return "Open, due " + a.DueText()
}

// WriteText writes the brief for an 80-column terminal.
func (b *Brief) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	c := render.Clean
	line := func(s string) { bw.WriteString(s + "\n") }
	para := func(s string, indent int) {
		for _, l := range render.Wrap(c(s), 78-indent) {
			line(strings.Repeat(" ", indent) + l)
		}
	}
	section := func(title string) {
		title = c(title)
		line("")
		line(title)
		line(strings.Repeat("─", len([]rune(title))))
	}
	table := func(t render.Table) error {
		if err := bw.Flush(); err != nil {
			return err
		}
		return t.Write(bw)
	}
	actions := func(title, none string, acts []render.PlanAction) error {
		section(title)
		if len(acts) == 0 {
			para(none, 0)
			return nil
		}
		t := render.Table{Header: []string{"Action", "Owners", "State"}, Max: []int{34, 20, 18}}
		for _, pa := range acts {
			t.Rows = append(t.Rows, []string{pa.Action.Text + "\n(" + pa.Action.ID + ")", render.OwnersText(pa.Plan, pa.Action), b.actionState(pa.Action)})
		}
		return table(t)
	}

	para(b.Event.Title, 0)
	line(b.Subtitle())
	line("")
	for _, f := range b.Facts() {
		lines := render.Wrap(f.Value, 62)
		line("  " + f.Label + strings.Repeat(" ", 14-len([]rune(f.Label))) + lines[0])
		for _, l := range lines[1:] {
			line(strings.Repeat(" ", 16) + l)
		}
	}
	if len(b.Previous) == 0 {
		section("Previous meeting")
		para("None: the meeting belongs to no group.", 0)
	}
	for _, pm := range b.Previous {
		section(pm.PreviousHeading())
		if s := pm.Says(b.AsOf); s != "" {
			para(s, 0)
			continue
		}
		para(meetingText(pm.Event)+"; outcome recorded "+workplan.DayText(pm.Outcome.Recorded)+":", 0)
		if pm.Outcome.Summary != "" {
			para(pm.Outcome.Summary, 2)
		}
		if len(pm.Outcome.Conclusions) == 0 {
			para("No conclusions recorded.", 0)
			continue
		}
		line("Conclusions:")
		for _, cl := range pm.Outcome.Conclusions {
			for i, l := range render.Wrap(c(cl), 74) {
				lead := "  - "
				if i > 0 {
					lead = "    "
				}
				line(lead + l)
			}
		}
	}
	if err := actions("Actions to report here", "None: no action names this meeting to be reported at.", b.ToReport); err != nil {
		return err
	}
	if err := actions("Other open actions of its groups", "None.", b.Owed); err != nil {
		return err
	}
	section("Knowledge products presented")
	if len(b.Products) == 0 {
		para("None.", 0)
	}
	for _, bp := range b.Products {
		s := bp.Product.Title + " (" + bp.Product.ID + ")"
		if bp.Product.Topic != "" {
			s += ", on " + bp.Product.Topic
		}
		para(s, 0)
		if len(bp.Others) > 0 {
			line("Also presented at:")
		}
		for _, es := range bp.Others {
			for i, l := range render.Wrap(c(meetingText(es.Event)+": "+es.State.Label()), 74) {
				lead := "  - "
				if i > 0 {
					lead = "    "
				}
				line(lead + l)
			}
		}
	}
	return bw.Flush()
}

// WriteMarkdown writes the brief as Markdown, for a wiki page or an
// issue.
func (b *Brief) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := render.MarkdownCell
	line := func(s string) { bw.WriteString(s + "\n") }
	actions := func(title, none string, acts []render.PlanAction) {
		line("")
		line("## " + title)
		line("")
		if len(acts) == 0 {
			line(none)
			return
		}
		line("| Action | Owners | State |")
		line("| --- | --- | --- |")
		for _, pa := range acts {
			line("| " + m(pa.Action.Text) + " (`" + m(pa.Action.ID) + "`) | " + m(render.OwnersText(pa.Plan, pa.Action)) + " | " + m(b.actionState(pa.Action)) + " |")
		}
	}

	line("# " + m(b.Event.Title))
	line("")
	line(m(b.Subtitle()))
	line("")
	for _, f := range b.Facts() {
		line("- **" + m(f.Label) + ":** " + m(f.Value))
	}
	if len(b.Previous) == 0 {
		line("")
		line("## Previous meeting")
		line("")
		line("None: the meeting belongs to no group.")
	}
	for _, pm := range b.Previous {
		line("")
		line("## " + m(pm.PreviousHeading()))
		line("")
		if s := pm.Says(b.AsOf); s != "" {
			line(m(s))
			continue
		}
		line(m(meetingText(pm.Event)) + "; outcome recorded " + workplan.DayText(pm.Outcome.Recorded) + ":")
		if pm.Outcome.Summary != "" {
			line("")
			line(m(pm.Outcome.Summary))
		}
		line("")
		if len(pm.Outcome.Conclusions) == 0 {
			line("No conclusions recorded.")
			continue
		}
		line("Conclusions:")
		line("")
		for _, cl := range pm.Outcome.Conclusions {
			line("- " + m(cl))
		}
	}
	actions("Actions to report here", "None: no action names this meeting to be reported at.", b.ToReport)
	actions("Other open actions of its groups", "None.", b.Owed)
	line("")
	line("## Knowledge products presented")
	line("")
	if len(b.Products) == 0 {
		line("None.")
	}
	for _, bp := range b.Products {
		s := "**" + m(bp.Product.Title) + "** (`" + m(bp.Product.ID) + "`)"
		if bp.Product.Topic != "" {
			s += ", on " + m(bp.Product.Topic)
		}
		line(s)
		if len(bp.Others) > 0 {
			line("")
			line("Also presented at:")
			line("")
		}
		for _, es := range bp.Others {
			line("- " + m(meetingText(es.Event)+": "+es.State.Label()))
		}
	}
	return bw.Flush()
}

// BriefJSON is the published JSON shape of a brief (bp brief -o json,
// key "brief"); its field names are a contract.
type BriefJSON struct {
	AsOf        string              `json:"asOf"`
	Event       render.EventJSON    `json:"event"`
	State       string              `json:"state"`
	StateDetail string              `json:"stateDetail"`
	Previous    []PreviousJSON      `json:"previous"`
	ToReport    []render.ActionJSON `json:"toReport"`
	Owed        []render.ActionJSON `json:"owed"`
	Products    []BriefProductJSON  `json:"products"`
}

// PreviousJSON is the previous meeting of one group of the event.
type PreviousJSON struct {
	Group     string `json:"group"`
	GroupName string `json:"groupName"`
	// Event is null when the group met never before.
	Event *MeetingJSON `json:"event"`
	// Outcome is null when none is recorded as of the brief's date.
	Outcome *BriefOutcomeJSON `json:"outcome"`
}

// MeetingJSON names a meeting.
type MeetingJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	DateText string `json:"dateText"`
	Year     int    `json:"year"`
	State    string `json:"state"`
}

// BriefOutcomeJSON is what a meeting concluded.
type BriefOutcomeJSON struct {
	Summary     string   `json:"summary"`
	Recorded    string   `json:"recorded"`
	Conclusions []string `json:"conclusions"`
}

// BriefProductJSON is a product the meeting presents.
type BriefProductJSON struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Topic  string        `json:"topic"`
	AlsoAt []MeetingJSON `json:"alsoAt"`
}

func (b *Brief) meetingJSON(e *workplan.Event) *MeetingJSON {
	j := &MeetingJSON{ID: e.ID, Title: e.Title, DateText: e.DateText(), State: Classify(e, b.AsOf).State.String()}
	if p := e.Plan(); p != nil {
		j.Year = p.Year
	}
	return j
}

// WriteJSON writes {"brief": {…}}.
func (b *Brief) WriteJSON(w io.Writer) error {
	j := BriefJSON{
		AsOf: workplan.ISODay(b.AsOf), Event: render.NewEventJSON(b.Plan, b.Event),
		State: b.Status.State.String(), StateDetail: b.Status.Detail(),
		Previous: []PreviousJSON{}, ToReport: []render.ActionJSON{}, Owed: []render.ActionJSON{}, Products: []BriefProductJSON{},
	}
	for _, pm := range b.Previous {
		pj := PreviousJSON{Group: pm.Group, GroupName: pm.GroupName}
		if pm.Event != nil {
			pj.Event = b.meetingJSON(pm.Event)
		}
		if o := pm.Outcome; o != nil {
			pj.Outcome = &BriefOutcomeJSON{Summary: o.Summary, Recorded: workplan.ISODay(o.Recorded), Conclusions: append([]string{}, o.Conclusions...)}
		}
		j.Previous = append(j.Previous, pj)
	}
	for _, pa := range b.ToReport {
		j.ToReport = append(j.ToReport, render.NewActionJSON(pa, b.AsOf))
	}
	for _, pa := range b.Owed {
		j.Owed = append(j.Owed, render.NewActionJSON(pa, b.AsOf))
	}
	for _, bp := range b.Products {
		pj := BriefProductJSON{ID: bp.Product.ID, Title: bp.Product.Title, Topic: bp.Product.Topic, AlsoAt: []MeetingJSON{}}
		for _, es := range bp.Others {
			pj.AlsoAt = append(pj.AlsoAt, *b.meetingJSON(es.Event))
		}
		j.Products = append(j.Products, pj)
	}
	return render.WriteJSON(w, struct {
		Brief BriefJSON `json:"brief"`
	}{j})
}

// BriefView is a brief's sections as a page shows them, every text
// cleaned: the status page's template and the site's event page render
// it, each with its own headings.
type BriefView struct {
	Previous []PreviousView
	ToReport []ActionView
	Owed     []ActionView
	Products []ProductView
}

// PreviousView is the previous meeting of one group.
type PreviousView struct {
	Heading string // "Previous meeting of the Reference Group"
	// Says is the sentence shown when there is no outcome to show; ""
	// when there is one.
	Says        string
	EventID     string // "" when there is no previous meeting
	Meeting     string // "Reference Group Meeting, 14 Oct 2026 (rg-2026-10)"
	Recorded    string
	Summary     string
	Conclusions []string
}

// ActionView is an action in a brief.
type ActionView struct {
	ID, Text, Owners, State string
	Overdue                 bool
}

// ProductView is a product a meeting presents.
type ProductView struct {
	ID, Title, Topic string
	Others           []MeetingView
}

// MeetingView is another meeting a product is presented at.
type MeetingView struct {
	ID, Text, State string
}

// View returns the brief's sections for a page.
func (b *Brief) View() BriefView {
	c := render.Clean
	var v BriefView
	for _, pm := range b.Previous {
		pv := PreviousView{Heading: c(pm.PreviousHeading()), Says: c(pm.Says(b.AsOf))}
		if pm.Event != nil {
			pv.EventID, pv.Meeting = pm.Event.ID, c(meetingText(pm.Event))
		}
		if o := pm.Outcome; o != nil {
			pv.Recorded, pv.Summary = workplan.DayText(o.Recorded), c(o.Summary)
			for _, cl := range o.Conclusions {
				pv.Conclusions = append(pv.Conclusions, c(cl))
			}
		}
		v.Previous = append(v.Previous, pv)
	}
	act := func(pa render.PlanAction) ActionView {
		a := pa.Action
		return ActionView{ID: a.ID, Text: c(a.Text), Owners: c(render.OwnersText(pa.Plan, a)), State: c(b.actionState(a)), Overdue: a.DaysOverdue(b.AsOf) > 0}
	}
	for _, pa := range b.ToReport {
		v.ToReport = append(v.ToReport, act(pa))
	}
	for _, pa := range b.Owed {
		v.Owed = append(v.Owed, act(pa))
	}
	for _, bp := range b.Products {
		pv := ProductView{ID: bp.Product.ID, Title: c(bp.Product.Title), Topic: c(bp.Product.Topic)}
		for _, es := range bp.Others {
			pv.Others = append(pv.Others, MeetingView{ID: es.Event.ID, Text: c(meetingText(es.Event)), State: es.State.Label()})
		}
		v.Products = append(v.Products, pv)
	}
	return v
}

//go:embed brief.html.tmpl
var briefHTMLSource string

var briefTemplate = sync.OnceValue(func() *template.Template {
	list := func(v ...any) []any { return v }
	return template.Must(template.New("brief").Funcs(template.FuncMap{"list": list}).Parse(briefHTMLSource))
})

type briefPage struct {
	Title, Subtitle string
	Facts           []Fact
	NoGroup         bool
	BriefView
	Generated string
}

// WriteHTML writes the brief as one self-contained HTML page: inline CSS,
// no script, nothing loaded from elsewhere; it works offline, can be
// mailed as a file, and prints well.
func (b *Brief) WriteHTML(w io.Writer) error {
	return briefTemplate().Execute(w, briefPage{
		Title: render.Clean(b.Event.Title), Subtitle: b.Subtitle(), Facts: b.Facts(),
		NoGroup: len(b.Previous) == 0, BriefView: b.View(),
		Generated: "bp brief " + b.Event.ID + " --today " + workplan.ISODay(b.AsOf) + " -o html",
	})
}
