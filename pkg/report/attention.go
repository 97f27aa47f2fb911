package report

import (
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Attention is something the person preparing the next meetings must
// see first: a meeting within [Soon] days still planned or TBC, or
// missing its format, place or time; or an overdue action.
type Attention struct {
	// Meeting is the meeting, or nil for an action.
	Meeting *present.EventStatus
	// Action is the overdue action, or nil for a meeting.
	Action *render.PlanAction
	// Why says what is missing or late, a phrase each: "still planned,
	// not confirmed", "place TBC", "time not set", "59 days overdue".
	Why []string
}

// Attention returns what needs attention as of the report's day: the
// meetings starting within [Soon] days (or under way, or in a month that
// has begun with no day fixed) that are still planned or TBC, or lack a
// format, a place or a time, in date order; then the overdue actions of
// the follow-up ([Report.AddFollowUp]), the most overdue first.
func (r *Report) Attention() []Attention {
	var out []Attention
	for i, es := range r.Events {
		if why := missing(es, r); len(why) > 0 {
			out = append(out, Attention{Meeting: &r.Events[i], Why: why})
		}
	}
	if r.FollowUp == nil {
		return out
	}
	seen := map[*workplan.Action]bool{}
	var late []render.PlanAction
	for _, o := range r.FollowUp.Open {
		for _, pa := range o.Actions {
			if !seen[pa.Action] && pa.Action.DaysOverdue(r.AsOf) > 0 {
				seen[pa.Action] = true
				late = append(late, pa)
			}
		}
	}
	sortByOverdue(late, r.AsOf)
	for i := range late {
		n := late[i].Action.DaysOverdue(r.AsOf)
		out = append(out, Attention{Action: &late[i], Why: []string{present.Days(n) + " (due " + late[i].Action.DueText() + ")"}})
	}
	return out
}

// missing says what a meeting soon lacks; none for a meeting not soon,
// cancelled or postponed, or ready.
func missing(es present.EventStatus, r *Report) []string {
	e := es.Event
	first, last := e.Span()
	if e.Status == workplan.StatusCancelled || e.Status == workplan.StatusPostponed ||
		last.Before(r.AsOf) || present.DaysBetween(r.AsOf, first) > Soon {
		return nil
	}
	var why []string
	add := func(ok bool, s string) {
		if ok {
			why = append(why, s)
		}
	}
	add(e.Status == workplan.StatusPlanned, "still planned, not confirmed")
	add(e.DateTBC || !e.HasDay(), "day TBC")
	add(e.LocationTBC(), "place TBC")
	add(e.Format == "", "format not set")
	add(e.Location == nil && e.Format != workplan.FormatOnline, "place not set")
	add(e.StartTime.IsZero(), "time not set")
	return why
}
