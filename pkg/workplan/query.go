package workplan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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

// MonthForms documents the forms ParseMonth accepts, for error messages
// and help.
const MonthForms = "a month name (june, June), its first three letters (jun), its number (6, 06) or YYYY-MM (2026-06)"

// ParseMonth reads a month in any of [MonthForms] and returns its first
// and last day. A month without a year is taken in year.
func ParseMonth(s string, year int) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
	var m, y = 0, year
	if len(s) == 7 && s[4] == '-' {
		yy, ok1 := atoi(s[:4])
		mm, ok2 := atoi(s[5:])
		if ok1 && ok2 {
			y, m = yy, mm
		}
	} else if n, err := strconv.Atoi(s); err == nil && s[0] >= '0' && s[0] <= '9' {
		m = n
	} else {
		ls := strings.ToLower(s)
		for i := time.January; i <= time.December; i++ {
			name := strings.ToLower(i.String())
			if ls == name || (len(ls) == 3 && ls == name[:3]) || (ls == "sept" && i == time.September) {
				m = int(i)
			}
		}
	}
	if m < 1 || m > 12 {
		msg := fmt.Sprintf("unknown month %q: use %s", s, MonthForms)
		if sg := suggest(strings.ToLower(s), monthNames()); sg != "" {
			msg = fmt.Sprintf("unknown month %q (did you mean %q?): use %s", s, sg, MonthForms)
		}
		return time.Time{}, time.Time{}, fmt.Errorf("%s", msg)
	}
	first = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, 1, -1), nil
}

func monthNames() []string {
	names := make([]string, 12)
	for i := range names {
		names[i] = strings.ToLower(time.Month(i + 1).String())
	}
	return names
}

// ParseDate reads YYYY-MM-DD, rejecting impossible days.
func ParseDate(s string) (time.Time, error) {
	y, m, d, ok := splitDate(strings.TrimSpace(s))
	if ok {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m >= 1 && m <= 12 && d >= 1 && t.Day() == d {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
}

// DateText returns the event's date as a person reads it:
// "4 Mar 2026", "25–26 Jun 2026", "30 Jun – 2 Jul 2026",
// "May 2026 · day TBC", "14 Sep 2026 (TBC)".
func (e *Event) DateText() string {
	if !e.HasDay() {
		if e.Month.IsZero() {
			return "date TBC"
		}
		return e.Month.Format("Jan 2006") + " · day TBC"
	}
	out := dayRange(e.Start, e.End)
	if e.DateTBC {
		out += " (TBC)"
	}
	return out
}

// dayRange writes a range of days: "4 Mar 2026", "25–26 Jun 2026",
// "30 Jun – 2 Jul 2026".
func dayRange(s, en time.Time) string {
	switch {
	case s.Equal(en) || en.Before(s):
		return s.Format("2 Jan 2006")
	case s.Month() == en.Month() && s.Year() == en.Year():
		return strconv.Itoa(s.Day()) + "–" + en.Format("2 Jan 2006")
	case s.Year() == en.Year():
		return s.Format("2 Jan") + " – " + en.Format("2 Jan 2006")
	}
	return s.Format("2 Jan 2006") + " – " + en.Format("2 Jan 2006")
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
