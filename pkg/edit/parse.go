package edit

// The forms the edit commands take their values in.

import (
	"fmt"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// ParseDates reads a day, "2026-09-15", or a range of days,
// "2026-09-15..2026-09-16".
func ParseDates(s string) (workplan.Dates, error) {
	s = strings.TrimSpace(s)
	a, b, isRange := strings.Cut(s, "..")
	start, err := workplan.ParseDate(a)
	if err != nil {
		return workplan.Dates{}, fmt.Errorf("%v (a day is YYYY-MM-DD, a range 2026-09-15..2026-09-16)", err)
	}
	end := start
	if isRange {
		if end, err = workplan.ParseDate(b); err != nil {
			return workplan.Dates{}, fmt.Errorf("%v (a range is 2026-09-15..2026-09-16)", err)
		}
		if end.Before(start) {
			return workplan.Dates{}, fmt.Errorf("%q ends before it starts", s)
		}
	}
	return workplan.Dates{Start: start, End: end}, nil
}

// ParseMonth reads a month, "2026-05".
func ParseMonth(s string) (workplan.Dates, error) {
	t, err := workplan.ParseYearMonth(s)
	if err != nil {
		return workplan.Dates{}, err
	}
	return workplan.Dates{Month: t}, nil
}

// ParsePlace reads "City, Country", or "Venue, City, Country".
func ParsePlace(s string) (workplan.Place, error) {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
		if parts[i] == "" {
			return workplan.Place{}, fmt.Errorf("%q: write the place as \"City, Country\" (or \"Venue, City, Country\")", s)
		}
	}
	switch len(parts) {
	case 2:
		return workplan.Place{City: parts[0], Country: parts[1]}, nil
	case 3:
		return workplan.Place{Venue: parts[0], City: parts[1], Country: parts[2]}, nil
	}
	return workplan.Place{}, fmt.Errorf("%q: write the place as \"City, Country\" (or \"Venue, City, Country\")", s)
}

// ParseTimes reads "10:00-16:00" (an en dash works too), or a start time
// alone, "10:00".
func ParseTimes(s string) (Times, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "–", "-")
	a, b, hasEnd := strings.Cut(s, "-")
	var t Times
	var err1, err2 error
	t.Start, err1 = workplan.ParseClock(strings.TrimSpace(a))
	if hasEnd {
		t.End, err2 = workplan.ParseClock(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil {
		return Times{}, fmt.Errorf("%q is not a time range: use HH:MM-HH:MM on a 24-hour clock, such as 10:00-16:00 (or a start time alone)", s)
	}
	return t, nil
}
