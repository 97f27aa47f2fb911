// Package report owns the status report: where a workplan stands on a
// given day. [Status] turns a plan and a date into a [Report], plain data;
// the writers print it as text for a terminal, Markdown for a wiki or an
// issue, one self-contained HTML page, or JSON for scripts.
//
// # States
//
// As of a date, every event is in exactly one [State]. The rules are tried
// in this order and the first that matches wins:
//
//  1. cancelled: its status is cancelled.
//  2. postponed: its status is postponed.
//  3. held: an outcome is recorded, on or before the date. The outcome is
//     the evidence; status: held alone is not enough.
//  4. happening now: its days are known and the date falls within them.
//  5. needs follow-up: its days are known and have passed, and no outcome
//     is recorded by the date. This includes status: held without an
//     outcome, and an event whose day was marked TBC.
//  6. overdue to schedule: only its month is known, and the month has
//     passed without a day being fixed.
//  7. to be confirmed: still ahead, but its day or place is TBC (including
//     a month-only event in the current or a later month).
//  8. upcoming: still ahead, day and place fixed.
//
// The status field carries no date, so cancelled and postponed apply
// whatever the date; an outcome counts only from the day it was recorded,
// so a report as of an earlier day shows what was known then.
//
// # Determinism
//
// Nothing here reads the clock: the date comes in, and the same plan and
// date give the same bytes in every format.
package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// State is where one event stands as of the report's date.
type State int

// The states, in the order reports list them.
const (
	Held State = iota
	FollowUp
	InProgress
	Upcoming
	ToConfirm
	Overdue
	Postponed
	Cancelled
	numStates
)

// States lists every state in report order.
var States = []State{Held, FollowUp, InProgress, Upcoming, ToConfirm, Overdue, Postponed, Cancelled}

var stateInfo = [numStates]struct{ id, label, short, doc string }{
	Held:       {"held", "Held", "held", "took place; its outcome is recorded"},
	FollowUp:   {"needs-follow-up", "Needs follow-up", "follow-up", "its days have passed and no outcome is recorded"},
	InProgress: {"happening-now", "Happening now", "now", "the date falls within its days"},
	Upcoming:   {"upcoming", "Upcoming", "upcoming", "ahead, with day and place fixed"},
	ToConfirm:  {"to-be-confirmed", "To be confirmed", "TBC", "ahead, but its day or place is TBC"},
	Overdue:    {"overdue-to-schedule", "Overdue to schedule", "overdue", "only its month is known, and the month has passed"},
	Postponed:  {"postponed", "Postponed", "postponed", "its status is postponed"},
	Cancelled:  {"cancelled", "Cancelled", "cancelled", "its status is cancelled"},
}

// String returns the state's id, as JSON gives it: "needs-follow-up".
func (s State) String() string { return stateInfo[s].id }

// Label returns the state as a person reads it: "Needs follow-up".
func (s State) Label() string { return stateInfo[s].label }

// Short returns the state in a word, for table cells: "follow-up".
func (s State) Short() string { return stateInfo[s].short }

// Doc returns what the state means, in a phrase.
func (s State) Doc() string { return stateInfo[s].doc }

// Counts holds a number of events per state, indexed by [State].
type Counts [numStates]int

// Total returns the number of events counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Summary returns the non-zero counts in report order, in short words:
// "2 follow-up, 1 overdue"; "" when all are zero.
func (c Counts) Summary() string {
	var parts []string
	for _, s := range States {
		if c[s] > 0 {
			parts = append(parts, strconv.Itoa(c[s])+" "+s.Short())
		}
	}
	return strings.Join(parts, ", ")
}

// Report is the status of one plan as of one day.
type Report struct {
	Plan *workplan.Plan
	AsOf time.Time

	Events []EventStatus // date order
	Counts Counts

	ByGroup   []Breakdown // the plan's groups in file order, then "no group" if any
	ByType    []Breakdown // every event type, in the format's order
	ByQuarter []Breakdown // Q1–Q4 of the plan's year, by the event's first possible day

	Next       []EventStatus // the soonest events still ahead (several when they start the same day)
	Products   []ProductStatus
	Milestones []MilestoneStatus

	// FollowUp is the follow-up of the meetings' actions, once
	// [Report.AddFollowUp] has given it; nil before.
	FollowUp *Tracking
}

// EventStatus is one event and where it stands.
type EventStatus struct {
	Event *workplan.Event
	State State
	// DaysToGo counts the days from the report's date to the event's first
	// (possible) day; set for events still ahead, else -1.
	DaysToGo int
	// DaysSince counts the days since its last (possible) day; set for
	// needs follow-up and overdue to schedule, else -1.
	DaysSince int
}

// Detail says in a few words why the event is in its state, and where
// it moved from: "in 12 days", "ended 3 days ago, no outcome recorded",
// "in 40 days; moved from 25–26 Jun 2026".
func (es EventStatus) Detail() string {
	s := es.detail()
	if m := es.Event.MovedText(); m != "" {
		if s == "" {
			return m
		}
		return s + "; " + m
	}
	return s
}

func (es EventStatus) detail() string {
	e := es.Event
	switch es.State {
	case Held:
		return "outcome recorded " + workplan.DayText(e.Outcome.Recorded)
	case FollowUp:
		s := "ended " + daysAgo(es.DaysSince) + ", no outcome recorded"
		if e.Status == workplan.StatusHeld {
			s = "marked held, but " + s
		}
		return s
	case InProgress:
		if e.Start.Equal(e.End) {
			return "today"
		}
		return "until " + workplan.DayMonthText(e.End)
	case Upcoming:
		return inDays(es.DaysToGo)
	case ToConfirm:
		var tbc []string
		if e.DateTBC {
			tbc = append(tbc, "day")
		}
		if e.LocationTBC() {
			tbc = append(tbc, "place")
		}
		s := strings.Join(tbc, " and ") + " TBC"
		if es.DaysToGo > 0 {
			s = inDays(es.DaysToGo) + "; " + s
		}
		return s
	case Overdue:
		return e.Month.Month().String() + " passed with no day fixed"
	case Postponed:
		if len(e.MovedFrom) > 0 {
			return "postponed" // moved before; the new date is to be announced
		}
		return "postponed; no new date"
	case Cancelled:
		return "will not take place"
	}
	return ""
}

func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return "in " + strconv.Itoa(n) + " days"
}

func daysAgo(n int) string {
	if n == 1 {
		return "yesterday"
	}
	return strconv.Itoa(n) + " days ago"
}

// Breakdown counts the events of one group, type or quarter by state.
type Breakdown struct {
	ID     string // group id, type, or "Q1"…"Q4"; "" for events with no group
	Name   string // group name, type as read, or "Q1 (Jan–Mar)"
	Counts Counts
}

// ProductStatus is a knowledge product and the events that present it.
type ProductStatus struct {
	Product *workplan.Product
	Events  []EventStatus
}

// MilestoneStatus is a milestone and whether its date has come.
type MilestoneStatus struct {
	Milestone *workplan.Milestone
	// Passed is true when the milestone has a date on or before the
	// report's date.
	Passed bool
}

// Status works out where plan stands as of asOf (a date; its time of day
// is ignored).
func Status(plan *workplan.Plan, asOf time.Time) *Report {
	asOf = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	r := &Report{Plan: plan, AsOf: asOf}

	evs := make([]*workplan.Event, len(plan.Events))
	copy(evs, plan.Events)
	workplan.SortEvents(evs)
	byID := make(map[string]EventStatus, len(evs))
	for _, e := range evs {
		es := Classify(e, asOf)
		r.Events = append(r.Events, es)
		r.Counts[es.State]++
		byID[e.ID] = es
	}

	// groups
	noGroup := Breakdown{Name: "No group"}
	groupIdx := make(map[string]int, len(plan.Groups))
	for _, g := range plan.Groups {
		groupIdx[g.ID] = len(r.ByGroup)
		r.ByGroup = append(r.ByGroup, Breakdown{ID: g.ID, Name: g.Name})
	}
	for _, es := range r.Events {
		counted := false
		seen := map[string]bool{}
		for _, g := range es.Event.Groups {
			if i, ok := groupIdx[g]; ok && !seen[g] {
				seen[g] = true
				r.ByGroup[i].Counts[es.State]++
				counted = true
			}
		}
		if !counted {
			noGroup.Counts[es.State]++
		}
	}
	if noGroup.Counts.Total() > 0 {
		r.ByGroup = append(r.ByGroup, noGroup)
	}

	// types
	typeIdx := make(map[workplan.EventType]int, len(workplan.EventTypes))
	for _, t := range workplan.EventTypes {
		typeIdx[t] = len(r.ByType)
		r.ByType = append(r.ByType, Breakdown{ID: string(t), Name: t.Label()})
	}
	for _, es := range r.Events {
		if i, ok := typeIdx[es.Event.Type]; ok {
			r.ByType[i].Counts[es.State]++
		}
	}

	// quarters
	for q := 1; q <= 4; q++ {
		first := time.Month(3*q - 2)
		last := first + 2
		r.ByQuarter = append(r.ByQuarter, Breakdown{
			ID:   "Q" + strconv.Itoa(q),
			Name: "Q" + strconv.Itoa(q) + " (" + first.String()[:3] + "–" + last.String()[:3] + ")",
		})
	}
	for _, es := range r.Events {
		first, _ := es.Event.Span()
		if plan.Year == 0 || first.Year() == plan.Year {
			r.ByQuarter[(int(first.Month())-1)/3].Counts[es.State]++
		}
	}

	// next: the events still ahead that start soonest
	for _, es := range r.Events {
		if es.DaysToGo <= 0 {
			continue
		}
		if len(r.Next) > 0 && es.DaysToGo != r.Next[0].DaysToGo {
			break
		}
		r.Next = append(r.Next, es)
	}

	for _, p := range plan.Products {
		ps := ProductStatus{Product: p}
		for _, es := range r.Events {
			if es.Event.Product == p.ID {
				ps.Events = append(ps.Events, es)
			}
		}
		r.Products = append(r.Products, ps)
	}
	for _, m := range plan.Milestones {
		r.Milestones = append(r.Milestones, MilestoneStatus{
			Milestone: m,
			Passed:    !m.Date.IsZero() && !m.Date.After(asOf),
		})
	}
	return r
}

// Classify returns where e stands as of asOf (UTC midnight), by the rules
// in the package documentation.
func Classify(e *workplan.Event, asOf time.Time) EventStatus {
	es := EventStatus{Event: e, DaysToGo: -1, DaysSince: -1}
	first, last := e.Span()
	switch {
	case e.Status == workplan.StatusCancelled:
		es.State = Cancelled
	case e.Status == workplan.StatusPostponed:
		es.State = Postponed
	case e.Outcome != nil && !e.Outcome.Recorded.IsZero() && !e.Outcome.Recorded.After(asOf):
		es.State = Held
	case e.HasDay() && !first.After(asOf) && !last.Before(asOf):
		es.State = InProgress
	case e.HasDay() && last.Before(asOf):
		es.State = FollowUp
		es.DaysSince = days(last, asOf)
	case !e.HasDay() && last.Before(asOf):
		es.State = Overdue
		es.DaysSince = days(last, asOf)
	case e.Unconfirmed() || !e.HasDay():
		es.State = ToConfirm
	default:
		es.State = Upcoming
	}
	if (es.State == Upcoming || es.State == ToConfirm) && first.After(asOf) {
		es.DaysToGo = days(asOf, first)
	}
	return es
}

// days counts whole days from a to b (both UTC midnight).
func days(a, b time.Time) int {
	return int(b.Sub(a).Hours()+12) / 24
}

// FrameworkText returns "Call for Action 2025–2030, year 2 of 6", or ""
// when the plan names no framework.
func FrameworkText(p *workplan.Plan) string {
	f := p.Framework
	if f == nil {
		return ""
	}
	s := f.Name
	if f.Year > 0 {
		s += ", year " + strconv.Itoa(f.Year)
		if f.End >= f.Start && f.Start > 0 {
			s += " of " + strconv.Itoa(f.End-f.Start+1)
		}
	}
	return s
}

// Groups returns the names of the event's groups, joined by ", ".
func (r *Report) Groups(e *workplan.Event) string {
	names := make([]string, 0, len(e.Groups))
	for _, id := range e.Groups {
		if g := r.Plan.Group(id); g != nil {
			names = append(names, g.Name)
		}
	}
	return strings.Join(names, ", ")
}
