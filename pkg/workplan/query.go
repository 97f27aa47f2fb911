package workplan

import (
	"slices"
	"sync"
	"time"
)

// Filter selects events. Zero fields select everything; set fields
// combine with AND, and the values within one list with OR.
type Filter struct {
	From, To    time.Time // inclusive days; an event overlapping the range matches
	Types       []EventType
	Groups      []string
	Statuses    []Status
	Unconfirmed bool // only events whose date or place is TBC
	// Text selects events with the text in one of [SearchFields], ignoring
	// case and accents (see [Fold]); a country's English exonym finds the
	// plan's name for it and back (see [Exonyms]).
	Text string
}

// Select returns the events that match f, in date order (month-only
// events sort at the start of their month, then by file order).
func (p *Plan) Select(f Filter) []*Event {
	out := make([]*Event, 0, len(p.Events))
	text := newTextQuery(f.Text)
	for _, e := range p.Events {
		if f.matches(e) && (text.empty() || p.hasText(e, &text)) {
			out = append(out, e)
		}
	}
	SortEvents(out)
	return out
}

// SortEvents orders events by their first possible day, dated events
// before month-only ones starting the same day, then by file position.
func SortEvents(evs []*Event) {
	slices.SortStableFunc(evs, compareEvents)
}

// compareEvents is the order of [SortEvents], file order aside.
func compareEvents(a, b *Event) int {
	af, _ := a.Span()
	bf, _ := b.Span()
	if c := af.Compare(bf); c != 0 {
		return c
	}
	if a.HasDay() != b.HasDay() {
		if a.HasDay() {
			return -1
		}
		return 1
	}
	return 0
}

func (f *Filter) matches(e *Event) bool {
	first, last := e.Span()
	if !f.From.IsZero() && last.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && first.After(f.To) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, e.Status) {
		return false
	}
	if len(f.Groups) > 0 && !slices.ContainsFunc(e.Groups, func(g string) bool { return slices.Contains(f.Groups, g) }) {
		return false
	}
	if f.Unconfirmed && !e.Unconfirmed() {
		return false
	}
	return true
}

// TimeText returns the event's times with the zone they are in and its
// offset from UTC on the event's first day: "10:00–12:00 CEST, UTC+2",
// "10:00 UTC+4:30"; "" when the event has no times.
func (e *Event) TimeText(plan *Plan) string {
	s := ClockRange(e.StartTime, e.EndTime)
	if s == "" {
		return ""
	}
	name := e.Zone(plan)
	if name == "" {
		return s
	}
	first, _ := e.Span()
	loc := ZoneLocation(name)
	if loc == nil || first.IsZero() {
		return s + " " + name // not a zone validate accepts
	}
	at := time.Date(first.Year(), first.Month(), first.Day(), e.StartTime.Hour(), e.StartTime.Minute(), 0, 0, loc)
	return s + " " + ZoneText(at)
}

// zones holds the time zones loaded, by name (nil: unknown): a plan of
// thousands of events names a few zones, and loading one reads a file.
var zones sync.Map

// ZoneLocation returns the time zone of the IANA name, loaded once per
// name, or nil when the system does not know it.
func ZoneLocation(name string) *time.Location {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		loc = nil
	}
	zones.Store(name, loc)
	return loc
}

// Zone returns the event's time zone: its own, or the plan's.
func (e *Event) Zone(plan *Plan) string {
	if e.TimeZone != "" {
		return e.TimeZone
	}
	if plan != nil {
		return plan.TimeZone
	}
	return ""
}
