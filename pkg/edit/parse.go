package edit

// The forms the edit commands take their values in.

import (
	"fmt"
	"slices"
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

// ParseLink reads a link as --link takes it: "KIND=URL", or "KIND=URL
// LABEL" (the label after the first space: an address has none), such
// as "join=https://meet.example.org/j/1?pwd=a=b Join on the platform".
// The address may hold '=' and ','; it must be https
// ([workplan.CheckHTTPS]).
func ParseLink(s string) (workplan.Link, error) {
	kind, rest, ok := strings.Cut(strings.TrimSpace(s), "=")
	kind = strings.ToLower(strings.TrimSpace(kind))
	kinds := strings.Join(workplan.Words(workplan.LinkKinds), ", ")
	if !ok || kind == "" {
		return workplan.Link{}, fmt.Errorf("%q: write KIND=URL (or KIND=URL LABEL), KIND one of %s", s, kinds)
	}
	if !slices.Contains(workplan.LinkKinds, workplan.LinkKind(kind)) {
		hint := ""
		if w := workplan.Suggest(kind, workplan.Words(workplan.LinkKinds)); w != "" {
			hint = fmt.Sprintf("did you mean %q? ", w)
		}
		return workplan.Link{}, fmt.Errorf("%q: unknown kind %q; %sa link is one of %s", s, kind, hint, kinds)
	}
	addr, label, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if err := workplan.CheckHTTPS(addr); err != nil {
		return workplan.Link{}, err
	}
	return workplan.Link{Kind: workplan.LinkKind(kind), URL: addr, Label: strings.Join(strings.Fields(label), " ")}, nil
}
