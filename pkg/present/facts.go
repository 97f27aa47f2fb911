package present

import (
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// The labels of an event's facts. They are written here and nowhere
// else (a test checks it): bp show, bp brief, a calendar entry's
// description, the site's event page and the tables' headings all say
// a fact with these words.
const (
	LabelDate      = "Date"
	LabelTime      = "Time"
	LabelMovedFrom = "Moved from"
	LabelStatus    = "Status"
	LabelReason    = "Reason"
	LabelPlace     = "Place"
	LabelFormat    = "Format"
	// The labels of an event's links, by kind ([LinkLabel]).
	LabelJoin         = "Join online"
	LabelRegistration = "Registration"
	LabelAgenda       = "Agenda"
	LabelDocuments    = "Documents"
	LabelPage         = "Web page"
	LabelType         = "Type"
	LabelGroups       = "Groups"
	LabelPartners     = "Jointly with"
	LabelPresents     = "Presents"
	LabelBackToBack   = "Back-to-back"
	LabelPurpose      = "Purpose"
	LabelNotes        = "Notes"
	LabelOutcome      = "Outcome"
	LabelReport       = "Report"
	LabelConclusions  = "Conclusions"
	LabelActions      = "Actions"
	LabelID           = "Id"
	LabelPlan         = "Plan"
)

// EventFacts returns an event's facts as the audience is told them as of
// asOf, in the order every document gives them, each cleaned of control,
// bidi and zero-width characters and on one line: its date, time and
// zone, the dates it moved from, its status and why it was cancelled or
// postponed, its place and format, its links (where to join, register,
// read the agenda or documents; [LinkFacts]), type, groups, the partners
// it is held jointly with, the product it presents, the meeting it is
// back-to-back with, purpose and notes; once it took
// place, its outcome, the report's link, its conclusions and the actions
// the audience sees ([Actions]); the internal audience also reads its id;
// every audience, its plan.
//
// plan is the event's plan when the event does not know it (one made in
// code). A zero asOf asks for the facts that do not change from day to
// day, as a calendar file needs them (a file whose text changed would be
// announced again): the status only when cancelled or postponed, and
// the outcome as the plan records it.
func EventFacts(plan *workplan.Plan, e *workplan.Event, a Audience, asOf time.Time) []Fact {
	if p := e.Plan(); p != nil {
		plan = p
	}
	f := facts{plan: plan, e: e, a: a, asOf: asOf}
	f.when()
	f.status()
	f.add(ReasonFact(e))
	f.where()
	f.who()
	f.add(Fact{Label: LabelPurpose, Value: e.Purpose})
	f.add(Fact{Label: LabelNotes, Value: e.Notes})
	f.outcome()
	if a.Rule().IDs {
		f.add(Fact{Label: LabelID, Value: e.ID})
	}
	if plan != nil {
		f.add(Fact{Label: LabelPlan, Value: plan.Title})
	}
	return f.out
}

// facts gathers the facts of one event.
type facts struct {
	plan *workplan.Plan
	e    *workplan.Event
	a    Audience
	asOf time.Time
	out  []Fact
}

// add keeps a fact that has a value, cleaned.
func (f *facts) add(x Fact) {
	x.Value = safetext.Terminal(x.Value)
	var items []string
	for _, it := range x.Items {
		if it = safetext.Terminal(it); it != "" {
			items = append(items, it)
		}
	}
	x.Items = items
	x.Link = safetext.Terminal(x.Link)
	if x.Value != "" || len(x.Items) > 0 {
		f.out = append(f.out, x)
	}
}

func (f *facts) when() {
	e := f.e
	f.add(Fact{Label: LabelDate, Value: e.DateText()})
	f.add(Fact{Label: LabelTime, Value: e.TimeText(f.plan)})
	f.add(Fact{Label: LabelMovedFrom, Value: strings.TrimPrefix(e.MovedText(), "moved from ")})
}

// status is where the event stands: the plan's status and the state as
// of the day for the Secretariat ("Confirmed · Upcoming, in 11 days"),
// the public's words for the public ("Took place"), and in a calendar
// file only cancelled or postponed.
func (f *facts) status() {
	e := f.e
	if f.asOf.IsZero() {
		switch e.Status {
		case workplan.StatusCancelled:
			f.add(Fact{Label: LabelStatus, Value: Cancelled.Label(), Tone: ToneCancelled})
		case workplan.StatusPostponed:
			f.add(Fact{Label: LabelStatus, Value: Postponed.Label() + ", " + newDateTBA, Tone: TonePostponed})
		}
		return
	}
	es := Classify(e, f.asOf)
	if !f.a.Rule().States {
		m := es.public()
		f.add(Fact{Label: LabelStatus, Value: Join(", ", m.Label, m.Detail), Tone: m.Tone})
		return
	}
	s := e.Status.Label()
	if l := es.State.Label(); !strings.EqualFold(l, s) {
		s = Join(" · ", s, l)
	}
	f.add(Fact{Label: LabelStatus, Value: Join(", ", s, es.detail()), Tone: es.State.Tone()})
}

func (f *facts) where() {
	e := f.e
	if e.Location != nil {
		place := e.Location.String()
		if len(e.Location.Alternatives) > 0 {
			place = "one of " + place
		}
		f.add(Fact{Label: LabelPlace, Value: place})
	}
	f.add(Fact{Label: LabelFormat, Value: e.Format.Label()})
	for _, l := range LinkFacts(e) {
		f.add(l)
	}
	f.add(Fact{Label: LabelType, Value: e.Type.Label()})
}

// ReasonFact is why the event was cancelled or postponed, as every
// document says it (bp list under the event's title, too): "Reason:
// merged into the Senior Officials Meeting". Its Value is "" when the
// plan gives no reason.
func ReasonFact(e *workplan.Event) Fact {
	return Fact{Label: LabelReason, Value: e.Reason}
}

// LinkFacts are the event's links as facts, in the order of
// [workplan.LinkKinds] (then the file's): each labelled by its kind
// ([LinkLabel]), its value the link's label or else its address, and
// leading to the address.
func LinkFacts(e *workplan.Event) []Fact {
	var out []Fact
	for _, k := range workplan.LinkKinds {
		for _, l := range e.Links {
			if l.Kind != k {
				continue
			}
			v := l.Label
			if v == "" {
				v = l.URL
			}
			out = append(out, Fact{Label: LinkLabel(k), Value: v, Link: l.URL})
		}
	}
	return out
}

// LinkLabel is how documents label a link of the kind: "Join online".
func LinkLabel(k workplan.LinkKind) string {
	switch k {
	case workplan.LinkJoin:
		return LabelJoin
	case workplan.LinkRegistration:
		return LabelRegistration
	case workplan.LinkAgenda:
		return LabelAgenda
	case workplan.LinkDocuments:
		return LabelDocuments
	case workplan.LinkPage:
		return LabelPage
	}
	return string(k)
}

func (f *facts) who() {
	e := f.e
	var groups []string
	for _, id := range e.Groups {
		groups = append(groups, groupName(f.plan, id))
	}
	f.add(Fact{Label: LabelGroups, Value: strings.Join(groups, "; ")})
	f.add(Fact{Label: LabelPartners, Value: strings.Join(e.Partners, "; ")})
	if f.plan == nil {
		return
	}
	if p := f.plan.Product(e.Product); p != nil {
		f.add(Fact{Label: LabelPresents, Value: p.Title})
	}
	if o := f.plan.Event(e.BackToBack); o != nil {
		f.add(Fact{Label: LabelBackToBack, Value: o.Title + ", " + o.DateText(), Ref: o.ID})
	}
}

// outcome is what came of the event, once recorded (as of the day; in a
// calendar file, as the plan has it).
func (f *facts) outcome() {
	o := f.e.Outcome
	if o == nil || o.Recorded.IsZero() || (!f.asOf.IsZero() && o.Recorded.After(Day(f.asOf))) {
		return
	}
	f.add(Fact{Label: LabelOutcome, Value: o.Summary})
	f.add(Fact{Label: LabelReport, Value: o.Link, Link: o.Link})
	f.add(Fact{Label: LabelConclusions, Items: o.Conclusions})
	var acts []string
	for _, x := range Actions(o, f.a) {
		acts = append(acts, ActionText(f.plan, x, f.a, f.asOf))
	}
	f.add(Fact{Label: LabelActions, Items: acts})
}

// ActionText says an action in a line, as an event's facts list it:
// "Publish the endorsed workplan: Secretariat (ICMPD); Done 20 Mar
// 2026". A public action reads the same for every audience, its state
// aside (the internal audience reads how late it is); the internal
// audience also reads the actions not public, marked so.
func ActionText(plan *workplan.Plan, x *workplan.Action, a Audience, today time.Time) string {
	state, _ := ActionStateDue(x, a, today)
	s := x.Text + ": " + Join("; ", OwnersText(plan, x), state)
	if !x.Public {
		s += "; not public"
	}
	return s
}

// OwnersText names an action's owners as people read them, joined by
// ", ": "Secretariat (ICMPD), Türkiye".
func OwnersText(plan *workplan.Plan, a *workplan.Action) string {
	names := make([]string, len(a.Owners))
	for i, o := range a.Owners {
		names[i] = o
		if plan != nil {
			names[i] = plan.OwnerName(o)
		}
	}
	return strings.Join(names, ", ")
}

// groupName is a group's name, or its id when the plan does not know it.
func groupName(plan *workplan.Plan, id string) string {
	if plan != nil {
		if g := plan.Group(id); g != nil {
			return g.Name
		}
	}
	return id
}

// Lookup returns the fact with the label, and whether there is one.
func Lookup(fs []Fact, label string) (Fact, bool) {
	for _, f := range fs {
		if f.Label == label {
			return f, true
		}
	}
	return Fact{}, false
}
