package workplan

// Values that parse, and that bp still refuses, because what it writes
// from them (calendar files, the site) could not hold them or other
// programs would read them wrong.

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// LastDay is the last day an event may take place on. A calendar file
// ends an all-day event on the day after its last (DTEND is exclusive),
// and RFC 5545 years have four digits: an event on 31 December 9999
// cannot be written, and bp ics and bp site would refuse the whole plan.
var LastDay = time.Date(9999, time.December, 30, 0, 0, 0, 0, time.UTC)

// zoneAreas are the areas of the IANA time zone database's names of
// places (Area/Location, such as Europe/Vienna or
// America/Argentina/Buenos_Aires).
var zoneAreas = []string{"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}

// utcZones are the names of UTC a plan may use.
var utcZones = []string{"UTC", "Etc/UTC"}

// ZoneHint says which time zones a plan may name.
const ZoneHint = "use a place's IANA zone (Area/Location), such as Europe/Vienna, or UTC"

// CheckZone returns why name cannot be the time zone of a plan or of an
// event's times, or nil. A plan names a place's zone, as the IANA time
// zone database does (Area/Location, whose area is Africa, America,
// Antarctica, Arctic, Asia, Atlantic, Australia, Europe, Indian or
// Pacific), or UTC (or Etc/UTC), and the system's zone data must know it.
// The database's other names are refused although Go loads them:
// Factory, posixrules, EST5EDT, CET, Etc/GMT+5, US/Eastern. Calendar
// programs do not all know them (vobject fails a file that names
// Factory, node-ical puts a meeting in posixrules hours off), and
// Etc/GMT+5 is five hours behind UTC, not ahead.
func CheckZone(name string) error {
	if slices.Contains(utcZones, name) {
		return nil
	}
	if _, err := time.LoadLocation(name); err != nil || name == "" {
		return fmt.Errorf("unknown time zone %q", name)
	}
	if area, _, ok := strings.Cut(name, "/"); !ok || !slices.Contains(zoneAreas, area) {
		return fmt.Errorf("%q is not a place's time zone (Area/Location) nor UTC", name)
	}
	return nil
}
