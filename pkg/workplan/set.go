package workplan

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Set is the plans of several years read together, as a workplans/
// directory holds them: one plan per year. An event id names one event
// across the whole set (calendar UIDs derive from it, and a UID must
// never repeat across years), and a group id means the same group in
// every year. Build a Set with [NewSet]; it is read-only afterwards.
type Set struct {
	// Plans are in year order; of two plans for one year (an error
	// NewSet reports), the one given first comes first.
	Plans []*Plan

	byID map[string]*Event
}

// NewSet gathers plans into a set (nil plans are skipped) and checks the
// rules that span plans:
//   - one plan per year: a second plan for a year is an error;
//   - an event id is used by one plan only: the later use is an error
//     that names the earlier one's file and line;
//   - a group id means the same group in every year: a group whose kind
//     differs from the year before is an error, whose name differs a
//     warning (a group may be renamed; check it was not a new group);
//   - the follow-up actions' rules that span plans ([CheckActions]).
//
// The diagnostics are placed in the later plan, in year order. Rules within one plan are [Validate]'s.
func NewSet(plans ...*Plan) (*Set, []Diagnostic) {
	s := &Set{}
	for _, p := range plans {
		if p != nil {
			s.Plans = append(s.Plans, p)
		}
	}
	slices.SortStableFunc(s.Plans, func(a, b *Plan) int { return cmp.Compare(a.Year, b.Year) })
	c := &setChecker{}
	if len(s.Plans) == 1 {
		// Nothing to compare across plans: the plan's own index of event
		// ids is the set's (a second map of 100,000 ids took 1% of the
		// time bp validate took on such a plan).
		s.byID = s.Plans[0].byID
		return s, append(c.diags, CheckActions(s.Plans...)...)
	}
	n := 0
	for _, p := range s.Plans {
		n += len(p.Events)
	}
	s.byID = make(map[string]*Event, n)
	groups := map[string]*Group{} // the latest definition of each group id so far
	groupPlan := map[*Group]*Plan{}
	for i, p := range s.Plans {
		if i > 0 && s.Plans[i-1].Year == p.Year {
			prev := s.Plans[i-1]
			c.errorf(p, p.FieldPos("year"), "give each year one plan file: change this plan's year, or merge the two plans",
				"a second plan for %d: %s is the plan of %d already", p.Year, where(prev, prev.FieldPos("year")), p.Year)
		}
		for _, e := range p.Events {
			if e.ID == "" || p.byID[e.ID] != e {
				continue // a duplicate within the plan: Validate reports it
			}
			if first, dup := s.byID[e.ID]; dup {
				if c.full() {
					continue
				}
				c.errorf(p, e.FieldPos("id"), fmt.Sprintf("give this event an id of its own, such as %q; an id names one event in every year (calendar UIDs derive from it)", suggestYearID(e.ID, p.Year)),
					"event id %q is used in the %d plan too (%s)", e.ID, first.plan.Year, where(first.plan, first.FieldPos("id")))
				continue
			}
			s.byID[e.ID] = e
		}
		for _, g := range p.Groups {
			if g.ID == "" || p.groupBy[g.ID] != g {
				continue
			}
			if old, ok := groups[g.ID]; ok && !c.full() {
				op := groupPlan[old]
				switch {
				case old.Kind != g.Kind:
					c.errorf(p, g.pos, "a group id means the same group in every year: give a new group an id of its own",
						"group %q is a %s here but a %s in the %d plan (%s)", g.ID, g.Kind.Phrase(), old.Kind.Phrase(), op.Year, where(op, old.pos))
				case old.Name != g.Name:
					c.warnf(p, g.pos, "a group id means the same group in every year; if the group was renamed, this is fine; if it is another group, give it an id of its own",
						"group %q is named %q here but %q in the %d plan (%s)", g.ID, g.Name, old.Name, op.Year, where(op, old.pos))
				}
			}
			groups[g.ID] = g
			groupPlan[g] = p
		}
	}
	// the follow-up actions' rules that span plans (validate_action.go)
	return s, append(c.diags, CheckActions(s.Plans...)...)
}

// setChecker collects the diagnostics of NewSet, up to MaxDiagnostics.
type setChecker struct{ diags []Diagnostic }

func (c *setChecker) full() bool { return len(c.diags) >= MaxDiagnostics }

func (c *setChecker) add(sev Severity, p *Plan, pos Pos, hint, format string, args ...any) {
	if c.full() {
		if len(c.diags) == MaxDiagnostics {
			c.diags = append(c.diags, tooMany(p.File))
		}
		return
	}
	c.diags = append(c.diags, Diagnostic{File: p.File, Line: pos.Line, Col: pos.Col, Severity: sev,
		Rule: "duplicate-id", Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (c *setChecker) errorf(p *Plan, pos Pos, hint, format string, args ...any) {
	c.add(SeverityError, p, pos, hint, format, args...)
}

func (c *setChecker) warnf(p *Plan, pos Pos, hint, format string, args ...any) {
	c.add(SeverityWarning, p, pos, hint, format, args...)
}

// where names a position in a plan's file as file:line:col.
func where(p *Plan, pos Pos) string {
	return p.File + ":" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Col)
}

// suggestYearID proposes an id for an event that repeats another year's:
// the year swapped in when the id holds another year, else added.
func suggestYearID(id string, year int) string {
	y := strconv.Itoa(year)
	if strings.Contains(id, y) {
		return id + "-2"
	}
	for _, f := range strings.Split(id, "-") {
		if len(f) == 4 && f[0] >= '1' && f[0] <= '9' {
			if _, err := strconv.Atoi(f); err == nil {
				return strings.Replace(id, f, y, 1)
			}
		}
	}
	return id + "-" + y
}

// Years returns the years the set's plans cover, in order, each once.
func (s *Set) Years() []int {
	var ys []int
	for _, p := range s.Plans {
		if len(ys) == 0 || ys[len(ys)-1] != p.Year {
			ys = append(ys, p.Year)
		}
	}
	return ys
}

// YearsText lists the years as "2026, 2027", for messages.
func (s *Set) YearsText() string {
	ys := s.Years()
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}

// Plan returns the plan of year, or nil when no plan covers it.
func (s *Set) Plan(year int) *Plan {
	i, ok := slices.BinarySearchFunc(s.Plans, year, func(p *Plan, y int) int { return cmp.Compare(p.Year, y) })
	if !ok {
		return nil
	}
	return s.Plans[i]
}

// Event returns the event with the given id in any plan of the set (its
// plan is [Event.Plan]), or nil.
func (s *Set) Event(id string) *Event { return s.byID[id] }

// Current returns the plan a command that shows one year takes as of
// today: the plan of today's year when one covers it, else the nearest
// plan year ahead, else the latest. It is nil only for an empty set.
func (s *Set) Current(today time.Time) *Plan {
	y := today.Year()
	for _, p := range s.Plans {
		if p.Year >= y {
			return p // the year of today, or the nearest one ahead
		}
	}
	if len(s.Plans) == 0 {
		return nil
	}
	return s.Plans[len(s.Plans)-1]
}

// Select returns the events of every plan that match f, in date order.
func (s *Set) Select(f Filter) []*Event {
	return SelectFrom(s.Plans, func(*Plan) Filter { return f })
}

// SelectFrom returns the events of plans that match the filter filterOf
// gives for each plan, in date order: one list from several plans.
func SelectFrom(plans []*Plan, filterOf func(*Plan) Filter) []*Event {
	var out []*Event
	for _, p := range plans {
		evs := p.Select(filterOf(p))
		if out == nil {
			out = evs
			continue
		}
		out = append(out, evs...)
	}
	if out == nil {
		out = []*Event{}
	}
	// A plan's events fall in its year and plans are in year order, so
	// the list is sorted already unless two plans share a year.
	if !slices.IsSortedFunc(out, compareEvents) {
		SortEvents(out)
	}
	return out
}

// Groups returns every group of the set: see [GroupsOf].
func (s *Set) Groups() []*Group { return GroupsOf(s.Plans) }

// GroupsOf returns every group of plans, each id once, in the order the
// ids first appear (plans in the order given); of a group defined in
// several plans, the last definition.
func GroupsOf(plans []*Plan) []*Group {
	var out []*Group
	at := map[string]int{}
	for _, p := range plans {
		for _, g := range p.Groups {
			if i, ok := at[g.ID]; ok {
				out[i] = g
				continue
			}
			at[g.ID] = len(out)
			out = append(out, g)
		}
	}
	return out
}

// TitleWithoutYear returns the plan's title with its year taken out, as
// the name of something that spans the years of a set (a calendar feed
// subscribed to for years): "Budapest Process Workplan 2026" gives
// "Budapest Process Workplan". A title without the year is returned as
// it is.
func (p *Plan) TitleWithoutYear() string {
	y := strconv.Itoa(p.Year)
	words := strings.Fields(p.Title)
	out := words[:0:0]
	for _, w := range words {
		if strings.Trim(w, "()[],:;–—-") == y {
			continue
		}
		out = append(out, w)
	}
	t := strings.Trim(strings.Join(out, " "), " ,:;–—-")
	if t == "" {
		return p.Title
	}
	return t
}
