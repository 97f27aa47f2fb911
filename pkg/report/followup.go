package report

// The follow-up section of the status report: who still owes what of the
// actions the meetings set, what was done in the period, and what is to
// be reported at the meetings ahead.

import (
	"cmp"
	"slices"
	"time"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Tracking is the follow-up section of a report: the actions of the report's
// plan and of the years before it (an action stays tracked in the plan of
// the year that set it until it is closed).
type Tracking struct {
	// Since is the first day of the period whose done actions are shown
	// (the plan's year, or --since); the period ends on the report's date.
	Since time.Time
	// Open are the open actions by owner, owners in the order of their
	// most overdue action; an action with two owners is under each.
	Open []OwnerActions
	// Done are the actions done in the period, latest first.
	Done []render.PlanAction
	// Meetings are the meetings ahead where actions are to be reported,
	// in date order, each with those actions.
	Meetings []MeetingActions
	// Counts counts each action once.
	Counts FollowUpCounts
	// Any reports whether the plans hold any action at all.
	Any bool
}

// OwnerActions is an owner and the open actions it owes, overdue first
// (most days overdue first), then by due date.
type OwnerActions struct {
	Owner   string // as written: a group id, an office, a body's name
	Name    string // as people read it
	Actions []render.PlanAction
	Overdue int // how many of them are overdue
}

// MeetingActions is a meeting ahead and the actions to be reported there.
type MeetingActions struct {
	Event   *workplan.Event
	Actions []render.PlanAction
}

// FollowUpCounts counts the actions of the follow-up, each once.
type FollowUpCounts struct {
	Open, Overdue, DoneInPeriod, DroppedInPeriod int
}

// AddFollowUp gives the report its follow-up section from the plans of
// the set: the actions of the report's plan and of the years before it,
// done ones counted from since (zero: the first day of the report's plan
// year), and the meetings ahead of any plan where actions are to be
// reported.
func (r *Report) AddFollowUp(plans []*workplan.Plan, since time.Time) {
	f := &Tracking{Since: since}
	if f.Since.IsZero() {
		f.Since = time.Date(r.Plan.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		if f.Since.After(r.AsOf) {
			// a report on a plan year still ahead: the period is the
			// year so far of the report's date
			f.Since = time.Date(r.AsOf.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	t := &tracker{r: r, f: f, events: map[string]*workplan.Event{}, byOwner: map[string]*OwnerActions{}, meetings: map[*workplan.Event]*MeetingActions{}}
	var acts []render.PlanAction
	for _, p := range plans {
		for _, e := range p.Events {
			t.events[e.ID] = e
		}
		if p.Year > r.Plan.Year {
			continue
		}
		for _, a := range p.Actions() {
			acts = append(acts, render.PlanAction{Plan: p, Action: a})
		}
	}
	f.Any = len(acts) > 0
	for _, pa := range acts {
		// an action counts only from the day the meeting set it
		if first, _ := pa.Action.Event.Span(); !first.After(r.AsOf) {
			t.add(pa)
		}
	}
	t.sort()
	r.FollowUp = f
}

// tracker builds a report's follow-up, an action at a time.
type tracker struct {
	r        *Report
	f        *Tracking
	events   map[string]*workplan.Event // of every plan, by id
	byOwner  map[string]*OwnerActions
	owners   []*OwnerActions // in the order first met
	meetings map[*workplan.Event]*MeetingActions
	order    []*workplan.Event // the meetings, in the order first met
}

// add counts an action: open (under each of its owners), or done or
// dropped in the period; and under each meeting ahead it is to be
// reported at.
func (t *tracker) add(pa render.PlanAction) {
	a, f, asOf := pa.Action, t.f, t.r.AsOf
	switch {
	case a.State == workplan.ActionOpen:
		f.Counts.Open++
		if a.DaysOverdue(asOf) > 0 {
			f.Counts.Overdue++
		}
		for _, o := range a.Owners {
			t.owner(pa, o)
		}
	case inPeriod(a.Since, f.Since, asOf) && a.State == workplan.ActionDone:
		f.Counts.DoneInPeriod++
		f.Done = append(f.Done, pa)
	case inPeriod(a.Since, f.Since, asOf) && a.State == workplan.ActionDropped:
		f.Counts.DroppedInPeriod++
	}
	for _, id := range a.ReportTo {
		e := t.events[id]
		if e == nil || e.Status == workplan.StatusCancelled {
			continue
		}
		if _, last := e.Span(); last.Before(asOf) {
			continue // held already
		}
		m := t.meetings[e]
		if m == nil {
			m = &MeetingActions{Event: e}
			t.meetings[e] = m
			t.order = append(t.order, e)
		}
		m.Actions = append(m.Actions, pa)
	}
}

// owner files an open action under one of its owners.
func (t *tracker) owner(pa render.PlanAction, o string) {
	oa := t.byOwner[o]
	if oa == nil {
		oa = &OwnerActions{Owner: o, Name: t.r.Plan.OwnerName(o)}
		if pa.Plan != nil && t.r.Plan.Group(o) == nil {
			oa.Name = pa.Plan.OwnerName(o)
		}
		t.byOwner[o] = oa
		t.owners = append(t.owners, oa)
	}
	oa.Actions = append(oa.Actions, pa)
	if pa.Action.DaysOverdue(t.r.AsOf) > 0 {
		oa.Overdue++
	}
}

// sort orders the follow-up: owners with the most overdue action first,
// then by their first due; done actions the latest first; meetings by
// date.
func (t *tracker) sort() {
	f, asOf := t.f, t.r.AsOf
	for _, oa := range t.owners {
		sortByOverdue(oa.Actions, asOf)
	}
	slices.SortStableFunc(t.owners, func(x, y *OwnerActions) int {
		a, b := x.Actions[0].Action, y.Actions[0].Action
		return cmp.Or(cmp.Compare(b.DaysOverdue(asOf), a.DaysOverdue(asOf)), a.DueBy().Compare(b.DueBy()), cmp.Compare(x.Owner, y.Owner))
	})
	for _, oa := range t.owners {
		f.Open = append(f.Open, *oa)
	}
	slices.SortStableFunc(f.Done, func(x, y render.PlanAction) int {
		return cmp.Or(y.Action.Since.Compare(x.Action.Since), cmp.Compare(x.Action.ID, y.Action.ID))
	})
	for _, e := range t.order {
		f.Meetings = append(f.Meetings, *t.meetings[e])
	}
	slices.SortStableFunc(f.Meetings, func(x, y MeetingActions) int {
		xf, _ := x.Event.Span()
		yf, _ := y.Event.Span()
		return cmp.Or(xf.Compare(yf), cmp.Compare(x.Event.ID, y.Event.ID))
	})
}

func inPeriod(t, from, to time.Time) bool {
	return !t.IsZero() && !t.Before(from) && !t.After(to)
}

// sortByOverdue orders actions the most overdue first, then by due date
// and id.
func sortByOverdue(acts []render.PlanAction, asOf time.Time) {
	slices.SortStableFunc(acts, func(x, y render.PlanAction) int {
		return cmp.Or(cmp.Compare(y.Action.DaysOverdue(asOf), x.Action.DaysOverdue(asOf)),
			x.Action.DueBy().Compare(y.Action.DueBy()), cmp.Compare(x.Action.ID, y.Action.ID))
	})
}
