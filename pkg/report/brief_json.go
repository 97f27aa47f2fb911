package report

// The meeting brief's published JSON shape.

import (
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// BriefJSON is the published JSON shape of a brief (bp brief -o json,
// key "brief"); its field names are a contract.
type BriefJSON struct {
	AsOf        string              `json:"asOf"`
	Event       render.EventJSON    `json:"event"`
	Facts       []present.FactJSON  `json:"facts"`
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

// BriefOutcomeJSON is what a meeting concluded, and the actions it set.
type BriefOutcomeJSON struct {
	Summary     string                     `json:"summary"`
	Recorded    string                     `json:"recorded"`
	Conclusions []string                   `json:"conclusions"`
	Actions     []render.OutcomeActionJSON `json:"actions"`
}

// BriefProductJSON is a product the meeting presents.
type BriefProductJSON struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Topic  string        `json:"topic"`
	AlsoAt []MeetingJSON `json:"alsoAt"`
}

func (b *Brief) meetingJSON(e *workplan.Event) *MeetingJSON {
	j := &MeetingJSON{ID: e.ID, Title: e.Title, DateText: e.DateText(), State: present.Classify(e, b.AsOf).State.String()}
	if p := e.Plan(); p != nil {
		j.Year = p.Year
	}
	return j
}

// JSON returns the brief in its published shape, {"brief": {…}}: the
// Secretariat's (every action, with its state as of the brief's day).
func (b *Brief) JSON() any {
	j := BriefJSON{
		AsOf: workplan.ISODay(b.AsOf), Event: render.EventJSONFor(b.Plan, b.Event, present.Internal),
		Facts: present.FactsJSON(present.EventFacts(b.Plan, b.Event, present.Internal, b.AsOf)),
		State: b.Status.State.String(), StateDetail: b.Status.Detail(),
		Previous: []PreviousJSON{}, ToReport: []render.ActionJSON{}, Owed: []render.ActionJSON{}, Products: []BriefProductJSON{},
	}
	for _, pm := range b.Previous {
		pj := PreviousJSON{Group: pm.Group, GroupName: pm.GroupName}
		if pm.Event != nil {
			pj.Event = b.meetingJSON(pm.Event)
		}
		if o := pm.Outcome; o != nil {
			oj := render.EventJSONFor(b.Plan, pm.Event, present.Internal).Outcome
			pj.Outcome = &BriefOutcomeJSON{Summary: o.Summary, Recorded: oj.Recorded, Conclusions: oj.Conclusions, Actions: oj.Actions}
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
	return struct {
		Brief BriefJSON `json:"brief"`
	}{j}
}
