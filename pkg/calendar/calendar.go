// Package calendar turns a workplan into iCalendar (RFC 5545) files that
// import cleanly into calendar clients: Thunderbird (ical.js), khal,
// python-icalendar and the many clients built on libical.
//
// # What it owns
//
// The mapping from a [workplan.Event] to a VEVENT: UIDs, dates and times,
// STATUS, SUMMARY, LOCATION, DESCRIPTION and CATEGORIES; the calendar's
// own properties (name, description, refresh interval); and VTIMEZONE
// components built from Go's time zone database, which golang-ical
// cannot generate.
//
// # Stable output
//
// The same plan gives the same bytes: DTSTAMP and LAST-MODIFIED come from
// the plan's revision date, SEQUENCE is the plan's revision number, and a
// UID is "<event-id>@<plan-id>", so moving an event keeps its UID and a
// new revision makes clients accept the update.
//
// # What it leaves out
//
// An event whose day is not known (only its month) is never given an
// invented day. [Build] leaves it out and lists it in [Calendar.LeftOut],
// unless [Options.IncludeUndated] asks for a placeholder: an all-day,
// TENTATIVE, TRANSPARENT event spanning the whole month whose summary
// starts with "[date TBC]".
package calendar

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/workplan"
)

// ProdID is the PRODID of every calendar bp writes. It carries no version
// number on purpose: a new build of bp must not change the bytes of an
// unchanged plan's calendar.
const ProdID = "-//ICMPD//bp workplan calendar//EN"

// RefreshInterval is how often subscribers are asked to fetch a feed
// again (REFRESH-INTERVAL and X-PUBLISHED-TTL).
const RefreshInterval = "PT12H"

// Options changes what [Build] writes.
type Options struct {
	// Name is the calendar's name (NAME, X-WR-CALNAME); default: the
	// plan's title.
	Name string
	// Description is the calendar's description; default: the plan's
	// title, revision and revision date.
	Description string
	// IncludeUndated adds month-only events as month-long tentative
	// placeholders instead of leaving them out.
	IncludeUndated bool
}

// Calendar is a built calendar: the golang-ical value, and what was left
// out of it.
type Calendar struct {
	// ICS is the calendar as golang-ical holds it.
	ICS *ics.Calendar
	// Events is the number of VEVENTs in it.
	Events int
	// LeftOut lists the month-only events that were not written (empty
	// with [Options.IncludeUndated]).
	LeftOut []*workplan.Event
}

// WriteTo writes the calendar as RFC 5545 text: CRLF line ends, lines
// folded at 75 octets on UTF-8 character boundaries.
func (c *Calendar) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := c.ICS.SerializeTo(cw, ics.WithNewLineWindows)
	return cw.n, err
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

// Write remembers the first error: golang-ical ignores some write errors
// (BEGIN/END lines), so the writer must not lose them.
func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// UID returns the calendar UID of an event of a plan. It depends only on
// the two ids, never on the title or the date.
func UID(planID, eventID string) string { return eventID + "@" + planID }

// Build makes the calendar of the given events of plan (in the order
// given). It fails only on data that validation should have refused,
// such as an unknown time zone.
func Build(plan *workplan.Plan, events []*workplan.Event, opts Options) (*Calendar, error) {
	if plan == nil {
		return nil, errors.New("build calendar: no plan")
	}
	cal := ics.NewCalendarFor("ICMPD")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	name := line(opts.Name)
	if name == "" {
		name = line(plan.Title)
	}
	desc := clean(opts.Description)
	if desc == "" {
		desc = DefaultDescription(plan)
	}
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetDescription(desc)
	cal.SetXWRCalDesc(desc)
	// Not SetRefreshInterval: golang-ical v0.3.4 names that property
	// "REFRESH-INTERVAL;VALUE=DURATION", so a parameter passed to it is
	// written twice.
	cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{BaseProperty: ics.BaseProperty{
		IANAToken:      "REFRESH-INTERVAL",
		ICalParameters: map[string][]string{"VALUE": {"DURATION"}},
		Value:          RefreshInterval,
	}})
	cal.SetXPublishedTTL(RefreshInterval)

	out := &Calendar{ICS: cal}
	zones := newZoneSet()
	var vevents []*ics.VEvent
	for _, e := range events {
		if !e.HasDay() && !opts.IncludeUndated {
			out.LeftOut = append(out.LeftOut, e)
			continue
		}
		ev, err := buildEvent(plan, e, zones)
		if err != nil {
			return nil, fmt.Errorf("build calendar: event %q: %w", e.ID, err)
		}
		vevents = append(vevents, ev)
	}
	// VTIMEZONEs first: some clients resolve a TZID only against the
	// zones they have already read.
	for _, tz := range zones.components() {
		cal.AddVTimezone(tz)
	}
	for _, ev := range vevents {
		cal.AddVEvent(ev)
	}
	out.Events = len(vevents)
	return out, nil
}

// DefaultDescription is the calendar description [Build] uses when
// [Options.Description] is empty.
func DefaultDescription(plan *workplan.Plan) string {
	s := fmt.Sprintf("%s, revision %d", line(plan.Title), plan.Revision)
	if !plan.Revised.IsZero() {
		s += " of " + plan.Revised.Format("2 January 2006")
	}
	return s + ". Events marked tentative are not confirmed yet: their date, place or both may change."
}

// Status returns the STATUS an event gets: CANCELLED for a cancelled
// event, CONFIRMED for a confirmed or held one whose date and place are
// final, and TENTATIVE for everything else (planned, postponed, or
// anything still TBC).
func Status(e *workplan.Event) ics.ObjectStatus {
	switch {
	case e.Status == workplan.StatusCancelled:
		return ics.ObjectStatusCancelled
	case (e.Status == workplan.StatusConfirmed || e.Status == workplan.StatusHeld) && !e.Unconfirmed() && e.HasDay():
		return ics.ObjectStatusConfirmed
	}
	return ics.ObjectStatusTentative
}

// Summary returns an event's SUMMARY: its title on one line, marked
// "[cancelled]", "[postponed]" or "[date TBC]" (month-only placeholder)
// for clients that do not show STATUS.
func Summary(e *workplan.Event) string {
	s := line(e.Title)
	switch {
	case e.Status == workplan.StatusCancelled:
		s = "[cancelled] " + s
	case e.Status == workplan.StatusPostponed:
		s = "[postponed] " + s
	case !e.HasDay():
		s = "[date TBC] " + s
	}
	return s
}

// Location returns an event's LOCATION: "Baghdad, Iraq / Istanbul,
// Türkiye (TBC)", "Online" for an online event without a place, or "".
func Location(e *workplan.Event) string {
	if s := line(e.Location.String()); s != "" {
		return s
	}
	if e.Format == workplan.FormatOnline {
		return workplan.FormatOnline.Label()
	}
	return ""
}

// Categories returns an event's CATEGORIES, one value per category: its
// type, then the names of its groups, without repeats. Commas are left
// out of a category: python-icalendar 4.0 splits CATEGORIES at an
// escaped comma too, so "A\, B" would become two categories there.
func Categories(plan *workplan.Plan, e *workplan.Event) []string {
	var cats []string
	add := func(s string) {
		s = line(strings.ReplaceAll(s, ",", " "))
		if s != "" && !slices.Contains(cats, s) {
			cats = append(cats, s)
		}
	}
	add(e.Type.Label())
	for _, id := range e.Groups {
		if g := plan.Group(id); g != nil {
			add(g.Name)
		} else {
			add(id)
		}
	}
	return cats
}

// Description returns an event's DESCRIPTION: what a participant needs,
// one labelled line per fact, the purpose first.
func Description(plan *workplan.Plan, e *workplan.Event) string {
	var b strings.Builder
	if p := clean(e.Purpose); p != "" {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	field := func(label, value string) {
		if value != "" {
			b.WriteString(label + ": " + value + "\n")
		}
	}
	switch e.Status {
	case workplan.StatusCancelled:
		field("Status", e.Status.Label())
	case workplan.StatusPostponed:
		field("Status", e.Status.Label()+"; a new date is to be announced")
	}
	when := e.DateText()
	if t := e.TimeText(plan); t != "" {
		when += ", " + t
	}
	if !e.HasDay() {
		when += " (shown across the month until the day is known)"
	}
	field("When", when)
	if e.Location != nil {
		field("Where", line(e.Location.String()))
	}
	field("Format", e.Format.Label())
	var groups []string
	for _, id := range e.Groups {
		if g := plan.Group(id); g != nil {
			groups = append(groups, line(g.Name))
		}
	}
	field("Groups", strings.Join(groups, "; "))
	var partners []string
	for _, p := range e.Partners {
		partners = append(partners, line(p))
	}
	field("Jointly with", strings.Join(partners, "; "))
	if p := plan.Product(e.Product); p != nil {
		field("Presents", line(p.Title))
	}
	if o := plan.Event(e.BackToBack); o != nil {
		field("Back-to-back with", line(o.Title)+" ("+o.DateText()+")")
	}
	if n := clean(e.Notes); n != "" {
		field("Notes", n)
	}
	if o := e.Outcome; o != nil {
		field("Outcome", clean(o.Summary))
		field("Outcome link", line(o.Link))
	}
	field("Workplan", fmt.Sprintf("%s, revision %d", line(plan.Title), plan.Revision))
	return strings.TrimRight(b.String(), "\n")
}

func buildEvent(plan *workplan.Plan, e *workplan.Event, zones *zoneSet) (*ics.VEvent, error) {
	ev := ics.NewEvent(UID(plan.ID, e.ID))
	stamp := plan.Revised
	ev.SetDtStampTime(stamp)
	ev.SetSequence(plan.Revision)
	if err := setWhen(ev, plan, e, zones); err != nil {
		return nil, err
	}
	ev.SetSummary(Summary(e))
	ev.SetStatus(Status(e))
	if l := Location(e); l != "" {
		ev.SetLocation(l)
	}
	ev.SetDescription(Description(plan, e))
	for _, c := range Categories(plan, e) {
		// One property per category: golang-ical escapes the comma of
		// "A,B" into one category named "A,B".
		ev.AddProperty(ics.ComponentPropertyCategories, c)
	}
	if !e.HasDay() {
		// A month-long placeholder must not make the month look busy.
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	ev.SetLastModifiedAt(stamp)
	return ev, nil
}

const localFormat = "20060102T150405"

// setWhen writes DTSTART and DTEND: dates (DTEND the day after the last
// day, as RFC 5545 wants it exclusive), or date-times in the event's zone.
func setWhen(ev *ics.VEvent, plan *workplan.Plan, e *workplan.Event, zones *zoneSet) error {
	first, last := e.Span()
	if e.StartTime == "" || !e.HasDay() {
		ev.SetAllDayStartAt(first)
		ev.SetAllDayEndAt(last.AddDate(0, 0, 1))
		return nil
	}
	name := e.Zone(plan)
	loc, err := loadZone(name)
	if err != nil {
		return err
	}
	start, err := at(first, e.StartTime, loc)
	if err != nil {
		return fmt.Errorf("startTime: %w", err)
	}
	var end time.Time
	if e.EndTime != "" {
		if end, err = at(last, e.EndTime, loc); err != nil {
			return fmt.Errorf("endTime: %w", err)
		}
		if !end.After(start) {
			return fmt.Errorf("ends at %s, not after its start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
		}
	}
	if isUTC(name) {
		ev.SetStartAt(start)
		if !end.IsZero() {
			ev.SetEndAt(end)
		}
		return nil
	}
	zones.add(name, loc, start)
	ev.SetProperty(ics.ComponentPropertyDtStart, start.Format(localFormat), ics.WithTZID(name))
	if !end.IsZero() {
		zones.add(name, loc, end)
		ev.SetProperty(ics.ComponentPropertyDtEnd, end.Format(localFormat), ics.WithTZID(name))
	}
	// Without an end time there is no DTEND: RFC 5545 then makes the
	// event end when it starts, which is better than an invented hour.
	return nil
}

// at returns the day at "HH:MM" in loc.
func at(day time.Time, hhmm string, loc *time.Location) (time.Time, error) {
	h, m, ok := strings.Cut(hhmm, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(h) != 2 || len(m) != 2 {
		return time.Time{}, fmt.Errorf("%q is not a time: use HH:MM", hhmm)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, loc), nil
}

// clean makes text safe for an iCalendar TEXT value: invalid UTF-8
// becomes U+FFFD, CR LF and lone CR become LF (golang-ical writes a raw CR
// as is), and the other control characters but tab are dropped.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// line is [clean] on one line: line breaks and tabs become spaces, runs of
// spaces one space, and the ends are trimmed (calcurse drops a SUMMARY
// with a line break; a summary is one line everywhere).
func line(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, clean(s))), " ")
}
