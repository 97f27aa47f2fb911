package workplan

import (
	"slices"
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

// TimeText returns "10:00–12:00 Europe/Vienna", or "" when the event has
// no times.
func (e *Event) TimeText(plan *Plan) string {
	s := ClockRange(e.StartTime, e.EndTime)
	if s == "" {
		return ""
	}
	if tz := e.Zone(plan); tz != "" {
		s += " " + tz
	}
	return s
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
