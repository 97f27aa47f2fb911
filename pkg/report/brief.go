package report

// The meeting brief: what a delegate needs before a meeting, from every
// plan year of a set.

import (
	"cmp"
	"slices"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Brief is what a delegate needs before a meeting: its facts, what the
// previous meeting of each of its groups concluded, the actions to be
// reported there, the open actions its groups owe, and the knowledge
// products it presents. Build one with [Briefs.Brief].
type Brief struct {
	Event  *workplan.Event
	Plan   *workplan.Plan // the event's own plan
	AsOf   time.Time
	Status present.EventStatus // where the event stands as of AsOf

	// Previous has one entry per group of the event, in the event's
	// order: the group's previous meeting, or none.
	Previous []PreviousMeeting
	// ToReport are the actions whose reportTo names the event, of any
	// plan year, by due date.
	ToReport []render.PlanAction
	// Owed are the open actions owned by one of the event's groups that
	// meetings before it set, by today, other than those of ToReport:
	// the most overdue first, then by due date.
	Owed []render.PlanAction
	// Products are the knowledge products the event presents.
	Products []BriefProduct
}

// PreviousMeeting is the meeting of a group before the one a brief is
// for.
type PreviousMeeting struct {
	Group     string // the group's id
	GroupName string
	// Event is the group's latest meeting, of any plan year, that starts
	// before the brief's event (cancelled and postponed meetings aside);
	// nil when there is none.
	Event *workplan.Event
	// Outcome is its outcome, when recorded on or before the brief's
	// date; nil when it is not.
	Outcome *workplan.Outcome
}

// BriefProduct is a knowledge product a meeting presents, and the other
// events of the plan that present it.
type BriefProduct struct {
	Product *workplan.Product
	Others  []present.EventStatus
}

// Any reports whether the brief has anything beyond the event's facts:
// follow-up ([Brief.FollowUp]) or a product presented.
func (b *Brief) Any() bool { return b.FollowUp() || len(b.Products) > 0 }

// FollowUp reports whether the brief has follow-up to show: a previous
// meeting with a recorded outcome, or an action to report or owed.
func (b *Brief) FollowUp() bool {
	for _, p := range b.Previous {
		if p.Outcome != nil {
			return true
		}
	}
	return len(b.ToReport) > 0 || len(b.Owed) > 0
}

// Briefs indexes the plans of a set for meeting briefs, so that a brief
// for each of many events costs little: each group's meetings in date
// order, the actions to be reported at each meeting, the actions each
// owner owes. It is read-only once built.
type Briefs struct {
	meetings map[string][]*workplan.Event   // by group id, in date order; cancelled and postponed left out
	reportAt map[string][]render.PlanAction // by event id
	owes     map[string][]render.PlanAction // open actions by owner
	products map[*workplan.Plan]map[string][]*workplan.Event
}

// NewBriefs indexes plans (a set's, in any order) for [Briefs.Brief].
func NewBriefs(plans []*workplan.Plan) *Briefs {
	b := &Briefs{
		meetings: map[string][]*workplan.Event{},
		reportAt: map[string][]render.PlanAction{},
		owes:     map[string][]render.PlanAction{},
		products: map[*workplan.Plan]map[string][]*workplan.Event{},
	}
	ordered := slices.Clone(plans)
	slices.SortStableFunc(ordered, func(x, y *workplan.Plan) int { return cmp.Compare(x.Year, y.Year) })
	for _, p := range ordered {
		evs := slices.Clone(p.Events)
		workplan.SortEvents(evs)
		byProduct := map[string][]*workplan.Event{}
		for _, e := range evs {
			if e.Product != "" {
				byProduct[e.Product] = append(byProduct[e.Product], e)
			}
			if e.Status == workplan.StatusCancelled || e.Status == workplan.StatusPostponed {
				continue
			}
			for _, g := range uniq(e.Groups) {
				b.meetings[g] = append(b.meetings[g], e)
			}
		}
		b.products[p] = byProduct
		for _, a := range p.Actions() {
			pa := render.PlanAction{Plan: p, Action: a}
			for _, id := range uniq(a.ReportTo) {
				b.reportAt[id] = append(b.reportAt[id], pa)
			}
			if a.State == workplan.ActionOpen {
				for _, o := range uniq(a.Owners) {
					b.owes[o] = append(b.owes[o], pa)
				}
			}
		}
	}
	// Plans of one year each are in order already; two plans of a year
	// (which a set refuses) would not be.
	for g, evs := range b.meetings {
		slices.SortStableFunc(evs, func(x, y *workplan.Event) int {
			xf, _ := x.Span()
			yf, _ := y.Span()
			return xf.Compare(yf)
		})
		b.meetings[g] = evs
	}
	return b
}

func uniq(s []string) []string {
	if len(s) < 2 {
		return s
	}
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// previous is the meeting of group g before e: the latest that starts
// before e's first day, with its outcome once recorded as of asOf.
func (b *Briefs) previous(e *workplan.Event, g string, asOf time.Time) PreviousMeeting {
	pm := PreviousMeeting{Group: g, GroupName: g}
	if p := e.Plan(); p != nil {
		if gr := p.Group(g); gr != nil {
			pm.GroupName = gr.Name
		}
	}
	first, _ := e.Span()
	evs := b.meetings[g]
	// the first meeting that starts on or after e's first day
	i, _ := slices.BinarySearchFunc(evs, first, func(x *workplan.Event, t time.Time) int {
		xf, _ := x.Span()
		return xf.Compare(t)
	})
	if i > 0 {
		pm.Event = evs[i-1]
		if o := pm.Event.Outcome; o != nil && !o.Recorded.IsZero() && !o.Recorded.After(asOf) {
			pm.Outcome = o
		}
	}
	return pm
}

// Brief returns the brief for e (an event of one of the indexed plans)
// as of asOf.
func (b *Briefs) Brief(e *workplan.Event, asOf time.Time) *Brief {
	return b.BriefFor(e, asOf, present.Internal)
}

// BriefFor returns the brief for e as of asOf with what audience a reads
// in it ([Brief.Sections]): an audience that is not told every action
// (the public) gets no Owed and no Products, which cost a look at every
// meeting that presents the same product; a site of 10,000 events made
// that look for each.
func (b *Briefs) BriefFor(e *workplan.Event, asOf time.Time, a present.Audience) *Brief {
	asOf = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	plan := e.Plan()
	br := &Brief{Event: e, Plan: plan, AsOf: asOf, Status: present.Classify(e, asOf)}
	first, _ := e.Span()
	for _, g := range uniq(e.Groups) {
		br.Previous = append(br.Previous, b.previous(e, g, asOf))
	}

	br.ToReport = slices.Clone(b.reportAt[e.ID])
	slices.SortStableFunc(br.ToReport, func(x, y render.PlanAction) int {
		return cmp.Or(x.Action.DueBy().Compare(y.Action.DueBy()), cmp.Compare(x.Action.ID, y.Action.ID))
	})

	if !a.Rule().AllActions {
		return br
	}
	seen := map[*workplan.Action]bool{}
	for _, pa := range br.ToReport {
		seen[pa.Action] = true
	}
	for _, g := range uniq(e.Groups) {
		for _, pa := range b.owes[g] {
			set, _ := pa.Action.Event.Span()
			if seen[pa.Action] || pa.Action.Event == e || !set.Before(first) || set.After(asOf) {
				continue
			}
			seen[pa.Action] = true
			br.Owed = append(br.Owed, pa)
		}
	}
	sortByOverdue(br.Owed, asOf)

	if plan != nil {
		if pr := plan.Product(e.Product); pr != nil {
			bp := BriefProduct{Product: pr}
			for _, o := range b.products[plan][pr.ID] {
				if o != e {
					bp.Others = append(bp.Others, present.Classify(o, asOf))
				}
			}
			br.Products = append(br.Products, bp)
		}
	}
	return br
}
