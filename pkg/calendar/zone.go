package calendar

import (
	"fmt"
	"slices"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/workplan"
)

// utcNames are the zone names written as UTC ("…Z") with no VTIMEZONE.
var utcNames = []string{"UTC", "Etc/UTC", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0", "Etc/Greenwich", "Greenwich"}

func isUTC(name string) bool { return slices.Contains(utcNames, name) }

func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, fmt.Errorf("times are given without a time zone")
	}
	if name == "Local" {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// zoneSet collects the zones the events use and the years they use them
// in, to write one VTIMEZONE per zone.
type zoneSet struct {
	names []string
	locs  map[string]*time.Location
	years map[string][2]int // first and last year
}

func newZoneSet() *zoneSet {
	return &zoneSet{locs: map[string]*time.Location{}, years: map[string][2]int{}}
}

func (z *zoneSet) add(name string, loc *time.Location, t time.Time) {
	y := t.In(loc).Year()
	r, ok := z.years[name]
	if !ok {
		z.names = append(z.names, name)
		z.locs[name] = loc
		r = [2]int{y, y}
	}
	r[0], r[1] = min(r[0], y), max(r[1], y)
	z.years[name] = r
}

// components returns the VTIMEZONEs, sorted by TZID.
func (z *zoneSet) components() []*ics.VTimezone {
	names := slices.Clone(z.names)
	slices.Sort(names)
	out := make([]*ics.VTimezone, 0, len(names))
	for _, name := range names {
		r := z.years[name]
		out = append(out, VTimezone(name, z.locs[name], r[0], r[1]))
	}
	return out
}

// VTimezone builds the VTIMEZONE of loc, named name, for the years first
// to last: one STANDARD or DAYLIGHT observance per real transition of
// Go's zone data in those years, and before them the observance in force
// on 1 January of the first year. No RRULE: the transitions are the
// zone's own, so a rule change (a country dropping summer time) cannot be
// extrapolated wrongly, and every parser reads a list of dates.
func VTimezone(name string, loc *time.Location, first, last int) *ics.VTimezone {
	tz := ics.NewTimezone(name)
	from := time.Date(first, time.January, 1, 0, 0, 0, 0, loc)
	until := time.Date(last+1, time.January, 1, 0, 0, 0, 0, loc)
	if start := lastChange(from); start.IsZero() {
		// The offset in force on 1 January has been so since the zone
		// began: one observance from a date before any event.
		tz.Components = append(tz.Components, observance(from, loc, true))
	} else {
		tz.Components = append(tz.Components, observance(start, loc, false))
	}
	for t := nextChange(from, until); !t.IsZero(); t = nextChange(t, until) {
		tz.Components = append(tz.Components, observance(t, loc, false))
	}
	return tz
}

// The observances come from [time.Time.ZoneBounds], but not every bound
// it gives is a change: zone data that ends in a rule (Go's embedded
// copy, "slim" zone files) makes it stop at every new year, where data
// that lists each transition (most hosts' "fat" files) does not. Only a
// bound where the abbreviation, offset or daylight flag changes counts,
// so the VTIMEZONE is the same whichever data the host has.

// lastChange returns when the observance in force at t began, or the zero
// time when it has been in force since the zone began.
func lastChange(t time.Time) time.Time {
	start, _ := t.ZoneBounds()
	for !start.IsZero() {
		before := start.Add(-time.Nanosecond)
		if !sameZone(before, start) {
			return start
		}
		prev, _ := before.ZoneBounds()
		if !prev.Before(start) {
			break // cannot happen; never loop
		}
		start = prev
	}
	return start
}

// nextChange returns the first change of observance after t and before
// until, or the zero time.
func nextChange(t, until time.Time) time.Time {
	for t.Before(until) {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(until) {
			return time.Time{}
		}
		if !end.After(t) {
			// On the last UTC day of a leap year served by the rule, Go
			// gives an end a day early, before t (golang/go#81583).
			// Look a day on: no zone changes twice on 31 December.
			end = t.Add(24 * time.Hour)
			if !sameZone(t, end) {
				if c := firstIn(t, end); c.Before(until) {
					return c
				}
				return time.Time{}
			}
		} else if !sameZone(t, end) {
			return end
		}
		t = end
	}
	return time.Time{}
}

// firstIn finds, to the second, the first instant after a in b's
// observance, a and b being in different ones.
func firstIn(a, b time.Time) time.Time {
	for b.Sub(a) > time.Second {
		mid := a.Add(b.Sub(a) / 2).Truncate(time.Second)
		if sameZone(mid, b) {
			b = mid
		} else {
			a = mid
		}
	}
	return b
}

// sameZone reports whether a and b are in one observance: the same
// abbreviation, offset and daylight flag.
func sameZone(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return an == bn && ao == bo && a.IsDST() == b.IsDST()
}

// observance returns the STANDARD or DAYLIGHT component for the offset
// that starts at the instant t. DTSTART is the local time of the onset
// in the offset before it (RFC 5545 §3.6.5). With always set, the offset
// has no known start: DTSTART is 1 January 1970 and the offset is its own
// predecessor.
func observance(t time.Time, loc *time.Location, always bool) ics.Component {
	t = t.In(loc)
	abbr, to := t.Zone()
	fromOff := to
	dtstart := "19700101T000000"
	if !always {
		_, fromOff = t.Add(-time.Second).Zone()
		dtstart = workplan.BasicLocal(t.UTC().Add(time.Duration(fromOff) * time.Second))
	}
	cb := ics.ComponentBase{}
	cb.AddProperty(ics.ComponentPropertyDtStart, dtstart)
	cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(fromOff))
	cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(to))
	cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), abbr)
	if t.IsDST() {
		return &ics.Daylight{ComponentBase: cb}
	}
	return &ics.Standard{ComponentBase: cb}
}

// offset formats seconds east of UTC as an RFC 5545 UTC-OFFSET: +0100,
// -0330, or +003412 when there are seconds.
func offset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	s := fmt.Sprintf("%s%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		s += fmt.Sprintf("%02d", secs%60)
	}
	return s
}
