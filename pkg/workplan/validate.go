package workplan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Options holds what the whole-plan rules need from outside the file.
type Options struct {
	// Today enables the rules that compare a status with the date (held
	// in the future, outcome recorded in the future). Zero skips them.
	Today time.Time
}

// Check parses data and validates the plan: every diagnostic, sorted.
// The plan is nil only when the file could not be read at all.
func Check(file string, data []byte, lim Limits, opt Options) (*Plan, []Diagnostic) {
	plan, diags := Parse(file, data, lim)
	if plan != nil {
		diags = append(diags, Validate(plan, opt)...)
	}
	SortDiagnostics(diags)
	return plan, diags
}

// CheckTree is [Check] on a tree read already: see [ParseTree].
func CheckTree(file string, data []byte, root *yaml.Node, lim Limits, opt Options) (*Plan, []Diagnostic) {
	plan, diags := ParseTree(file, data, root, lim)
	if plan != nil {
		diags = append(diags, Validate(plan, opt)...)
	}
	SortDiagnostics(diags)
	return plan, diags
}

// Validate applies the rules that need the whole plan: unique ids,
// references, dates against the year and each other, statuses against
// the date, back-to-back pairs and overlapping in-person events.
func Validate(p *Plan, opt Options) []Diagnostic {
	v := &validator{p: p, opt: opt}
	v.ids()
	v.actionIDs()
	for _, e := range p.Events {
		v.event(e)
		v.actions(e)
	}
	v.aheadOfPlan()
	for _, m := range p.Milestones {
		if !m.Date.IsZero() && p.Year > 0 && m.Date.Year() != p.Year {
			v.errorf(m.pos, "date-year", "", "milestone %q: date %s is outside the plan's year %d", m.ID, day(m.Date), p.Year)
		}
	}
	v.overlaps()
	return v.diags
}

type validator struct {
	p     *Plan
	opt   Options
	diags []Diagnostic

	// the ids a "did you mean" hint picks from, gathered once
	groupIDs, productIDs, eventIDs []string

	// events whose revision or revised date is ahead of the plan's
	revisionAhead, revisedAhead []*Event
}

// full reports whether the diagnostic list is at its cap: the rules then
// skip the work of building messages and hints nobody will see. The first
// time, it adds the "limit" line that says so.
func (v *validator) full() bool {
	if len(v.diags) == MaxDiagnostics {
		d := tooMany(v.p.File)
		d.Severity = SeverityWarning // until an error is left out
		v.diags = append(v.diags, d)
	}
	return len(v.diags) >= MaxDiagnostics
}

// dropped records that an error was left out: the plan is invalid even
// when every diagnostic listed is a warning.
func (v *validator) dropped() { v.diags[MaxDiagnostics].Severity = SeverityError }

// maxSuggest bounds the ids a hint compares a misspelt reference with, so
// that 1000 bad references in a plan of 100k events stay cheap.
const maxSuggest = 2000

func (v *validator) add(sev Severity, pos Pos, rule, hint, format string, args ...any) {
	if v.full() {
		if sev == SeverityError {
			v.dropped()
		}
		return
	}
	v.diags = append(v.diags, Diagnostic{
		File: v.p.File, Line: pos.Line, Col: pos.Col, Severity: sev, Rule: rule,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

func (v *validator) errorf(pos Pos, rule, hint, format string, args ...any) {
	v.add(SeverityError, pos, rule, hint, format, args...)
}

func (v *validator) warnf(pos Pos, rule, hint, format string, args ...any) {
	v.add(SeverityWarning, pos, rule, hint, format, args...)
}

func day(t time.Time) string { return ISODay(t) }

// days reads a range of days: "on 2026-06-26", "2026-06-25 to 2026-06-26".
func days(first, last time.Time) string {
	if first.Equal(last) {
		return "on " + day(first)
	}
	return day(first) + " to " + day(last)
}

func (v *validator) ids() {
	seen := make(map[string]Pos, len(v.p.Events))
	for _, e := range v.p.Events {
		if e.ID == "" {
			continue
		}
		if first, dup := seen[e.ID]; dup {
			v.errorf(e.FieldPos("id"), "duplicate-id", "ids must be unique: rename one (calendar UIDs derive from them)",
				"event id %q is already used at line %d", e.ID, first.Line)
			continue
		}
		seen[e.ID] = e.FieldPos("id")
	}
	dupes := func(kind string, ids []string, pos []Pos) {
		first := map[string]Pos{}
		for i, id := range ids {
			if id == "" {
				continue
			}
			if p, dup := first[id]; dup {
				v.errorf(pos[i], "duplicate-id", "ids must be unique: rename one",
					"%s id %q is already used at line %d", kind, id, p.Line)
				continue
			}
			first[id] = pos[i]
		}
	}
	var ids []string
	var pos []Pos
	for _, g := range v.p.Groups {
		ids, pos = append(ids, g.ID), append(pos, g.pos)
	}
	dupes("group", ids, pos)
	ids, pos = ids[:0], pos[:0]
	for _, pr := range v.p.Products {
		ids, pos = append(ids, pr.ID), append(pos, pr.pos)
	}
	dupes("product", ids, pos)
	ids, pos = ids[:0], pos[:0]
	for _, m := range v.p.Milestones {
		ids, pos = append(ids, m.ID), append(pos, m.pos)
	}
	dupes("milestone", ids, pos)
}

func (v *validator) refHint(kind string, id string, known []string) string {
	if len(known) > maxSuggest {
		return "run 'bp list' for the " + kind + " ids"
	}
	if s := suggest(id, known); s != "" {
		return "did you mean " + strconv.Quote(s) + "?"
	}
	if len(known) == 0 {
		return "define it under " + kind + "s: first"
	}
	if len(known) > 8 {
		known = known[:8]
	}
	return "known " + kind + "s: " + strings.Join(known, ", ")
}

// eventName names an event in a diagnostic: `event "rg-2026-03"`, or
// `event at line 12` without an id. It is written only when a diagnostic
// is, not for each event checked.
type eventName struct{ e *Event }

func (n eventName) String() string {
	if n.e.ID == "" {
		return "event at line " + strconv.Itoa(n.e.pos.Line)
	}
	return "event " + strconv.Quote(n.e.ID)
}

func (v *validator) event(e *Event) {
	name := eventName{e}
	p := v.p

	// references
	for _, g := range e.Groups {
		if p.Group(g) == nil && v.full() {
			v.dropped()
		} else if p.Group(g) == nil {
			if v.groupIDs == nil {
				v.groupIDs = make([]string, 0, len(p.Groups))
				for _, gr := range p.Groups {
					v.groupIDs = append(v.groupIDs, gr.ID)
				}
			}
			v.errorf(e.FieldPos("groups"), "unknown-ref", v.refHint("group", g, v.groupIDs), "%s: unknown group %q", name, g)
		}
	}
	if e.Product != "" && p.Product(e.Product) == nil && v.full() {
		v.dropped()
	} else if e.Product != "" && p.Product(e.Product) == nil {
		if v.productIDs == nil {
			v.productIDs = make([]string, 0, len(p.Products))
			for _, pr := range p.Products {
				v.productIDs = append(v.productIDs, pr.ID)
			}
		}
		v.errorf(e.FieldPos("product"), "unknown-ref", v.refHint("product", e.Product, v.productIDs), "%s: unknown product %q", name, e.Product)
	}
	if e.BackToBack != "" {
		other := p.Event(e.BackToBack)
		switch {
		case e.BackToBack == e.ID:
			v.errorf(e.FieldPos("backToBack"), "unknown-ref", "name the other event of the pair", "%s: is back-to-back with itself", name)
		case other == nil && v.full():
			v.dropped()
		case other == nil:
			v.errorf(e.FieldPos("backToBack"), "unknown-ref", v.refHint("event", e.BackToBack, v.allEventIDs()),
				"%s: backToBack names unknown event %q", name, e.BackToBack)
		default:
			v.backToBack(name, e, other)
		}
	}

	// dates
	if e.HasDay() {
		if e.End.Before(e.Start) {
			v.errorf(e.FieldPos("end"), "date-order", "swap start and end, or correct the end date",
				"%s: end %s is before start %s", name, day(e.End), day(e.Start))
		}
		if p.Year > 0 {
			if e.Start.Year() != p.Year {
				v.errorf(e.FieldPos("start"), "date-year", "check the year: this plan covers "+strconv.Itoa(p.Year),
					"%s: start %s is outside the plan's year %d", name, day(e.Start), p.Year)
			} else if e.End.Year() != p.Year {
				v.errorf(e.FieldPos("end"), "date-year", "check the year: this plan covers "+strconv.Itoa(p.Year),
					"%s: end %s is outside the plan's year %d", name, day(e.End), p.Year)
			}
		}
	} else if !e.Month.IsZero() && p.Year > 0 && e.Month.Year() != p.Year {
		v.errorf(e.FieldPos("month"), "date-year", "check the year: this plan covers "+strconv.Itoa(p.Year),
			"%s: month %s is outside the plan's year %d", name, ISOMonth(e.Month), p.Year)
	}

	if _, last := e.Span(); last.After(LastDay) {
		key := "month"
		if e.HasDay() {
			key = "start"
			if e.End.After(e.Start) {
				key = "end"
			}
		}
		v.errorf(e.FieldPos(key), "date", "end it by "+day(LastDay)+": a calendar file cannot end an event later",
			"%s: its last day, %s, is after %s, the last day bp can write to a calendar", name, day(last), day(LastDay))
	}

	// times
	if !e.EndTime.IsZero() && e.StartTime.IsZero() {
		v.errorf(e.FieldPos("endTime"), "date-fields", "add startTime", "%s: endTime without startTime", name)
	}
	if !e.StartTime.IsZero() {
		if !e.HasDay() {
			v.errorf(e.FieldPos("startTime"), "date-fields", "times need a day: set start, or drop the times", "%s: a time is given but no day", name)
		}
		if e.TimeZone == "" && p.TimeZone == "" {
			v.errorf(e.FieldPos("startTime"), "timezone", "add timezone: (such as Europe/Vienna) to the event, or to plan: for every event",
				"%s: times are given without a time zone", name)
		}
		if !e.EndTime.IsZero() && e.HasDay() && e.Start.Equal(e.End) && !e.StartTime.Before(e.EndTime) {
			v.errorf(e.FieldPos("endTime"), "date-order", "an event that runs past midnight needs an end date",
				"%s: endTime %s is not after startTime %s", name, e.EndTime, e.StartTime)
		}
	}

	// status against the date
	first, _ := e.Span()
	if !v.opt.Today.IsZero() && e.Status == StatusHeld && first.After(v.opt.Today) {
		v.errorf(e.FieldPos("status"), "status-date", "set status: planned or confirmed until it has taken place",
			"%s: status is held, but it starts %s, after today (%s)", name, spanStart(e), day(v.opt.Today))
	}
	if e.Status == StatusConfirmed && e.DateTBC {
		v.warnf(e.FieldPos("status"), "status-date", "drop dateTBC once the date is fixed, or set status: planned",
			"%s: status is confirmed, but the date is still TBC", name)
	}

	// outcome
	if o := e.Outcome; o != nil && !o.Recorded.IsZero() {
		pos := e.FieldPos("outcome")
		if first.After(o.Recorded) {
			v.errorf(pos, "outcome", "record the outcome on or after the event's first day",
				"%s: outcome recorded %s, before the event (%s)", name, day(o.Recorded), spanStart(e))
		}
		if !v.opt.Today.IsZero() && o.Recorded.After(v.opt.Today) {
			v.errorf(pos, "outcome", "the recorded date is the day the outcome was written down",
				"%s: outcome recorded %s, after today (%s)", name, day(o.Recorded), day(v.opt.Today))
		}
		switch e.Status {
		case StatusCancelled, StatusPostponed:
			v.errorf(pos, "outcome", "an event that did not take place has no outcome: remove it, or set status: held",
				"%s: has an outcome, but its status is %s", name, e.Status)
		case StatusPlanned, StatusConfirmed:
			v.errorf(e.FieldPos("status"), "outcome", "set status: held once it has taken place, or remove the outcome",
				"%s: has an outcome, but its status is still %s", name, e.Status)
		}
	}
	_, last := e.Span()
	if e.Status == StatusHeld && e.Outcome == nil && !v.opt.Today.IsZero() && last.Before(v.opt.Today) {
		v.warnf(e.FieldPos("status"), "outcome", "record what came of it: bp record "+e.ID+" --summary TEXT",
			"%s: status is held, but no outcome is recorded", name)
	}

	// a postponed event waits for a new date; one that has it is not
	// postponed any more
	if e.Status == StatusPostponed && len(e.MovedFrom) > 0 {
		v.warnf(e.FieldPos("status"), "status-date",
			"set status: planned (or confirmed) now that it has a new date; postponed means a new date is to be announced",
			"%s: status is postponed, but it has moved to %s (%s)", name, e.DateText(), e.MovedText())
	}

	// the event's own revision cannot be ahead of the plan's (said in
	// aheadOfPlan, once all are known)
	if e.Revision > 0 && p.Revision > 0 && e.Revision > p.Revision {
		v.revisionAhead = append(v.revisionAhead, e)
	}
	if !e.Revised.IsZero() && !p.Revised.IsZero() && e.Revised.After(p.Revised) {
		v.revisedAhead = append(v.revisedAhead, e)
	}
}

// aheadOfPlan reports the events whose revision or revised date is ahead
// of the plan's. One event ahead is most likely that event's mistake,
// said at its line; several are most likely the plan's (its revision or
// date set back by hand), said once, at the plan's line, rather than as
// one error per event that would each ask to set the event back.
func (v *validator) aheadOfPlan() {
	p := v.p
	switch n := len(v.revisionAhead); {
	case n == 1:
		e := v.revisionAhead[0]
		v.errorf(e.FieldPos("revision"), "revision", "an event carries the plan revision in which it last changed: set revision: "+strconv.Itoa(p.Revision),
			"event %q: revision %d is after the plan's revision %d", e.ID, e.Revision, p.Revision)
	case n > 1:
		latest := slices.MaxFunc(v.revisionAhead, func(a, b *Event) int { return a.Revision - b.Revision })
		v.errorf(p.FieldPos("revision"), "revision",
			"a plan is at least as new as its events: set revision: "+strconv.Itoa(latest.Revision),
			"revision %d is before the revision of %d events (the latest, %q, has %d)", p.Revision, n, latest.ID, latest.Revision)
	}
	switch n := len(v.revisedAhead); {
	case n == 1:
		e := v.revisedAhead[0]
		v.errorf(e.FieldPos("revised"), "revision", "an event's revised date is that of the plan revision in which it last changed: set revised: "+day(p.Revised),
			"event %q: revised %s is after the plan's revised date %s", e.ID, day(e.Revised), day(p.Revised))
	case n > 1:
		latest := slices.MaxFunc(v.revisedAhead, func(a, b *Event) int { return a.Revised.Compare(b.Revised) })
		v.errorf(p.FieldPos("revised"), "revision",
			"a plan is at least as new as its events: set revised: "+day(latest.Revised),
			"revised %s is before the revised date of %d events (the latest, %q, has %s)", day(p.Revised), n, latest.ID, day(latest.Revised))
	}
}

func spanStart(e *Event) string {
	if e.HasDay() {
		return day(e.Start)
	}
	return ISOMonth(e.Month)
}

func (v *validator) allEventIDs() []string {
	if v.eventIDs == nil {
		v.eventIDs = make([]string, 0, len(v.p.Events))
		for _, e := range v.p.Events {
			if e.ID != "" {
				v.eventIDs = append(v.eventIDs, e.ID)
			}
		}
	}
	return v.eventIDs
}

// backToBack checks that a pair of events are on adjacent (or shared)
// days: one may start at most a day after the other ends.
func (v *validator) backToBack(name eventName, e, o *Event) {
	if !e.HasDay() || !o.HasDay() {
		return // the day is not known yet: nothing to compare
	}
	next := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	if o.Start.After(next(e.End)) || e.Start.After(next(o.End)) {
		a, b := e, o
		if b.Start.Before(a.Start) {
			a, b = b, a
		}
		v.errorf(e.FieldPos("backToBack"), "back-to-back",
			fmt.Sprintf("move %q to start by %s, or drop backToBack", b.ID, day(next(a.End))),
			"%s: back-to-back with %q, but %q ends %s and %q starts %s", name, o.ID, a.ID, day(a.End), b.ID, day(b.Start))
	}
}

// overlaps warns about in-person events on shared days in different
// cities: nobody can attend both. Each event is compared, in start order,
// with the earlier events that end last in two different cities (the
// "reach" of a city is how late its events run), so the sweep is
// O(n log n) and warns at most once per event, whatever the input: 100k
// events on one day give 100k lines, not 10^10.
func (v *validator) overlaps() {
	// Each event's city is lower-cased once: comparing in the sweep
	// would lower-case the reach cities again for every event.
	type sited struct {
		*Event
		city string
	}
	var evs []sited
	for _, e := range v.p.Events {
		if e.Format == FormatInPerson && e.HasDay() && !e.End.Before(e.Start) &&
			e.Location != nil && len(e.Location.Alternatives) == 0 && e.Location.City != "" &&
			e.Status != StatusCancelled && e.Status != StatusPostponed {
			evs = append(evs, sited{e, strings.ToLower(e.Location.City)})
		}
	}
	slices.SortStableFunc(evs, func(a, b sited) int { return a.Start.Compare(b.Start) })
	// reach[0] and reach[1]: the events that end last in the two cities
	// whose events end last so far. Only they can overlap a later event
	// in another city if any can.
	var reach [2]*sited
	for i := range evs {
		e := &evs[i]
		for _, a := range reach {
			if a != nil && a.city != e.city {
				if !a.End.Before(e.Start) {
					v.warnf(e.FieldPos("start"), "overlap", "check the dates: one delegation cannot be in both places",
						"event %q in %s overlaps %q in %s (%s)", e.ID, brief(e.Location.City), a.ID, brief(a.Location.City),
						days(e.Start, minTime(e.End, a.End)))
				}
				break
			}
		}
		switch {
		case reach[0] != nil && reach[0].city == e.city:
			if e.End.After(reach[0].End) {
				reach[0] = e
			}
		case reach[1] != nil && reach[1].city == e.city:
			if e.End.After(reach[1].End) {
				reach[1] = e
			}
		default:
			if reach[1] == nil || e.End.After(reach[1].End) {
				reach[1] = e
			}
		}
		if reach[1] != nil && (reach[0] == nil || reach[1].End.After(reach[0].End)) {
			reach[0], reach[1] = reach[1], reach[0]
		}
	}
}

// brief cuts a name that many messages may quote (an overlap names the
// other event's city in every warning about it) to 100 bytes, so that a
// huge name cannot multiply the output: 1,000 warnings quoting a 1 MB
// city would be a gigabyte.
func brief(s string) string {
	const most = 100
	if len(s) <= most {
		return s
	}
	i := most
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
