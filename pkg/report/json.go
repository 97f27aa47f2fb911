package report

import (
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// JSON is the published shape of a status report (`bp status -o json`).
// Its field names are a contract, listed in bp help output; it is separate from
// [Report] so that renaming a Go field cannot break a script. Lists are
// [] when empty, never null; dates are YYYY-MM-DD.
type JSON struct {
	AsOf       string          `json:"asOf"`
	Plan       PlanJSON        `json:"plan"`
	Total      int             `json:"total"`
	Counts     CountsJSON      `json:"counts"`
	States     []StateJSON     `json:"states"`
	Next       []EventJSON     `json:"next"`
	Events     []EventJSON     `json:"events"`
	ByGroup    []BreakdownJSON `json:"byGroup"`
	ByType     []BreakdownJSON `json:"byType"`
	ByQuarter  []BreakdownJSON `json:"byQuarter"`
	Products   []ProductJSON   `json:"products"`
	Milestones []MilestoneJSON `json:"milestones"`
	FollowUp   *FollowUpJSON   `json:"followUp"`
	Attention  []AttentionJSON `json:"attention"`
}

// PlanJSON is the plan's metadata in a status report.
type PlanJSON struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Year        int            `json:"year"`
	Revision    int            `json:"revision"`
	Revised     *string        `json:"revised"`
	Framework   *FrameworkJSON `json:"framework"`
	Chair       *string        `json:"chair"`
	CoChair     *string        `json:"coChair"`
	Secretariat *string        `json:"secretariat"`
}

// FrameworkJSON is the multi-year framework the plan implements.
type FrameworkJSON struct {
	Name  string `json:"name"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Year  int    `json:"year"`
}

// CountsJSON is a number of events per state.
type CountsJSON struct {
	Held              int `json:"held"`
	NeedsFollowUp     int `json:"needsFollowUp"`
	HappeningNow      int `json:"happeningNow"`
	Upcoming          int `json:"upcoming"`
	ToBeConfirmed     int `json:"toBeConfirmed"`
	OverdueToSchedule int `json:"overdueToSchedule"`
	Postponed         int `json:"postponed"`
	Cancelled         int `json:"cancelled"`
}

func countsJSON(c Counts) CountsJSON {
	return CountsJSON{
		Held: c[present.Held], NeedsFollowUp: c[present.FollowUp], HappeningNow: c[present.InProgress], Upcoming: c[present.Upcoming],
		ToBeConfirmed: c[present.ToConfirm], OverdueToSchedule: c[present.Overdue], Postponed: c[present.Postponed], Cancelled: c[present.Cancelled],
	}
}

// StateJSON describes one state: the legend of the report.
type StateJSON struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	Count       int    `json:"count"`
}

// EventJSON is one event with where it stands: every field of the event
// contract of `bp list -o json`, plus the state.
type EventJSON struct {
	render.EventJSON
	State      string `json:"state"`
	StateLabel string `json:"stateLabel"`
	Detail     string `json:"detail"`
	DaysToGo   *int   `json:"daysToGo"`
	DaysSince  *int   `json:"daysSince"`
}

// BreakdownJSON counts the events of one group, type or quarter.
type BreakdownJSON struct {
	ID     *string    `json:"id"`
	Name   string     `json:"name"`
	Total  int        `json:"total"`
	Counts CountsJSON `json:"counts"`
}

// ProductJSON is a knowledge product and the events that present it.
type ProductJSON struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Topic  *string        `json:"topic"`
	Events []EventRefJSON `json:"events"`
}

// EventRefJSON names an event and its state.
type EventRefJSON struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Type       string `json:"type"`
	DateText   string `json:"dateText"`
	State      string `json:"state"`
	StateLabel string `json:"stateLabel"`
}

// MilestoneJSON is a milestone of the year.
type MilestoneJSON struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Date   *string `json:"date"`
	Notes  *string `json:"notes"`
	Passed bool    `json:"passed"`
}

func optInt(n int) *int {
	if n < 0 {
		return nil
	}
	return &n
}

func (r *Report) eventJSON(es present.EventStatus) EventJSON {
	return EventJSON{
		EventJSON:  render.EventJSONFor(r.Plan, es.Event, present.Internal),
		State:      es.State.String(),
		StateLabel: es.State.Label(),
		Detail:     es.Detail(),
		DaysToGo:   optInt(es.DaysToGo),
		DaysSince:  optInt(es.DaysSince),
	}
}

// JSON converts the report to its published JSON shape.
func (r *Report) JSON() JSON {
	p := r.Plan
	j := JSON{
		AsOf: workplan.ISODay(r.AsOf),
		Plan: PlanJSON{
			ID: p.ID, Title: p.Title, Year: p.Year, Revision: p.Revision,
			Chair: render.OptString(p.Chair), CoChair: render.OptString(p.CoChair), Secretariat: render.OptString(p.Secretariat),
		},
		Total:      r.Counts.Total(),
		Counts:     countsJSON(r.Counts),
		States:     make([]StateJSON, 0, len(present.States)),
		Next:       make([]EventJSON, 0, len(r.Next)),
		Events:     make([]EventJSON, 0, len(r.Events)),
		ByGroup:    breakdownsJSON(r.ByGroup),
		ByType:     breakdownsJSON(r.ByType),
		ByQuarter:  breakdownsJSON(r.ByQuarter),
		Products:   make([]ProductJSON, 0, len(r.Products)),
		Milestones: make([]MilestoneJSON, 0, len(r.Milestones)),
		FollowUp:   r.followUpJSON(),
		Attention:  r.attentionJSON(),
	}
	if !p.Revised.IsZero() {
		j.Plan.Revised = render.OptString(workplan.ISODay(p.Revised))
	}
	if f := p.Framework; f != nil {
		j.Plan.Framework = &FrameworkJSON{Name: f.Name, Start: f.Start, End: f.End, Year: f.Year}
	}
	for _, s := range present.States {
		j.States = append(j.States, StateJSON{ID: s.String(), Label: s.Label(), Description: s.Doc(), Count: r.Counts[s]})
	}
	for _, es := range r.Next {
		j.Next = append(j.Next, r.eventJSON(es))
	}
	for _, es := range r.Events {
		j.Events = append(j.Events, r.eventJSON(es))
	}
	for _, ps := range r.Products {
		pj := ProductJSON{ID: ps.Product.ID, Title: ps.Product.Title, Topic: render.OptString(ps.Product.Topic), Events: make([]EventRefJSON, 0, len(ps.Events))}
		for _, es := range ps.Events {
			e := es.Event
			pj.Events = append(pj.Events, EventRefJSON{ID: e.ID, Title: e.Title, Type: string(e.Type), DateText: e.DateText(), State: es.State.String(), StateLabel: es.State.Label()})
		}
		j.Products = append(j.Products, pj)
	}
	for _, ms := range r.Milestones {
		m := ms.Milestone
		mj := MilestoneJSON{ID: m.ID, Title: m.Title, Notes: render.OptString(m.Notes), Passed: ms.Passed}
		if !m.Date.IsZero() {
			mj.Date = render.OptString(workplan.ISODay(m.Date))
		}
		j.Milestones = append(j.Milestones, mj)
	}
	return j
}

func breakdownsJSON(bs []Breakdown) []BreakdownJSON {
	out := make([]BreakdownJSON, 0, len(bs))
	for _, b := range bs {
		out = append(out, BreakdownJSON{ID: render.OptString(b.ID), Name: b.Name, Total: b.Counts.Total(), Counts: countsJSON(b.Counts)})
	}
	return out
}

// AttentionJSON is what needs attention (key "attention"): a meeting
// soon or an overdue action, and why.
type AttentionJSON struct {
	Kind    string   `json:"kind"` // "meeting" or "action"
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	When    string   `json:"when"` // the meeting's dateText, the action's dueText
	Reasons []string `json:"reasons"`
}

func (r *Report) attentionJSON() []AttentionJSON {
	out := []AttentionJSON{}
	for _, a := range r.Attention() {
		if a.Meeting != nil {
			e := a.Meeting.Event
			out = append(out, AttentionJSON{Kind: "meeting", ID: e.ID, Title: e.Title, When: e.DateText(), Reasons: a.Why})
			continue
		}
		x := a.Action.Action
		out = append(out, AttentionJSON{Kind: "action", ID: x.ID, Title: x.Text, When: x.DueText(), Reasons: a.Why})
	}
	return out
}
