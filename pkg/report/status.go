// Package report owns the documents of the Secretariat: the status
// report (where a workplan stands on a day: [Status] turns a plan and a
// date into a [Report]), its follow-up of the meetings' actions
// ([Tracking]), and the meeting brief ([Brief]). Each is plain data with
// a view ([Report.Doc], [Brief.Doc]) that package present writes as text,
// Markdown or HTML, and a published JSON shape.
//
// # States
//
// Where each event stands as of the day is [present.Classify]'s: the
// rules are documented there, with what each audience is told of them.
//
// # Determinism
//
// Nothing here reads the clock: the date comes in, and the same plan and
// date give the same bytes in every format.
package report

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// Counts holds a number of events per state, indexed by
// [present.State].
type Counts [present.NumStates]int

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
	for _, s := range present.States {
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

	Events []present.EventStatus // date order
	Counts Counts

	ByGroup   []Breakdown // the plan's groups in file order, then "no group" if any
	ByType    []Breakdown // every event type, in the format's order
	ByQuarter []Breakdown // Q1–Q4 of the plan's year, by the event's first possible day

	// Next are the meetings still ahead: all that start within [Soon]
	// days, and at least the [MinNext] soonest.
	Next       []present.EventStatus
	Products   []ProductStatus
	Milestones []MilestoneStatus

	// FollowUp is the follow-up of the meetings' actions, once
	// [Report.AddFollowUp] has given it; nil before.
	FollowUp *Tracking
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
	Events  []present.EventStatus
}

// MilestoneStatus is a milestone and whether its date has come.
type MilestoneStatus struct {
	Milestone *workplan.Milestone
	// Passed is true when the milestone has a date on or before the
	// report's date.
	Passed bool
}

// Soon is how far ahead a report looks for what needs attention and
// for the next meetings: the next 30 days.
const Soon = 30

// MinNext is how many meetings "next" lists at least, even when fewer
// start within [Soon] days.
const MinNext = 3

// Status works out where plan stands as of asOf (a date; its time of day
// is ignored).
func Status(plan *workplan.Plan, asOf time.Time) *Report {
	r := &Report{Plan: plan, AsOf: present.Day(asOf)}
	evs := slices.Clone(plan.Events)
	workplan.SortEvents(evs)
	for _, e := range evs {
		es := present.Classify(e, r.AsOf)
		r.Events = append(r.Events, es)
		r.Counts[es.State]++
	}
	r.byGroup()
	r.byType()
	r.byQuarter()
	r.next()
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
			Passed:    !m.Date.IsZero() && !m.Date.After(r.AsOf),
		})
	}
	return r
}

// byGroup counts the events of each of the plan's groups (an event of
// two groups in each), then those of no group.
func (r *Report) byGroup() {
	noGroup := Breakdown{Name: "No group"}
	groupIdx := make(map[string]int, len(r.Plan.Groups))
	for _, g := range r.Plan.Groups {
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
}

// byType counts the events of each type, in the format's order.
func (r *Report) byType() {
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
}

// byQuarter counts the events of each quarter of the plan's year, by
// their first possible day.
func (r *Report) byQuarter() {
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
		if r.Plan.Year == 0 || first.Year() == r.Plan.Year {
			r.ByQuarter[(int(first.Month())-1)/3].Counts[es.State]++
		}
	}
}

// next lists the meetings still ahead: every one that starts within
// [Soon] days, and at least the [MinNext] soonest (with any that start
// on the same day as the last of them).
func (r *Report) next() {
	for _, es := range r.Events {
		if es.DaysToGo <= 0 {
			continue
		}
		n := len(r.Next)
		if es.DaysToGo > Soon && n >= MinNext && es.DaysToGo != r.Next[n-1].DaysToGo {
			break
		}
		r.Next = append(r.Next, es)
	}
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
