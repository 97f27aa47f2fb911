// Package calendar turns a workplan into iCalendar (RFC 5545) files that
// import cleanly into calendar clients: Thunderbird (ical.js), khal,
// python-icalendar and the many clients built on libical, and that a
// CalDAV server (RFC 4791) stores as they are.
//
// # What it owns
//
// The mapping from a [workplan.Event] to a VEVENT: UIDs, dates and times,
// STATUS, SUMMARY, LOCATION, DESCRIPTION and CATEGORIES, and its links
// (CONFERENCE for a join link, ATTACH for the agenda and documents, each
// also in DESCRIPTION, which every client shows); the calendar's
// own properties (name, description, refresh interval); and VTIMEZONE
// components built from Go's time zone database, which golang-ical
// cannot generate.
//
// # Three kinds of file
//
// [Build] makes a calendar of the events given (bp ics); [Feed] makes a
// subscription feed, which is written even when its group has no event;
// [BuildOne] makes the file of one event, as the site offers it ("add to
// calendar") and as a CalDAV client stores it at <UID>.ics.
//
// # What every client reads alike
//
// Each rule below is one on which real parsers disagreed or warned
// (testdata/interop and the interop tests hold the evidence):
//   - no METHOD: a published file is not an iTIP message (libical's
//     iTIP check wants an ORGANIZER with METHOD:PUBLISH), and RFC 4791
//     forbids METHOD in what a CalDAV server stores;
//   - an event with a start time and no end time gets DURATION:PT0S, a
//     moment (khal reads an hour when neither DTEND nor DURATION is
//     there);
//   - the categories are one CATEGORIES property holding a list (khal
//     reads none when there are two properties);
//   - an event over several days with times happens at those times on
//     each day: 2–3 Nov, 09:00–13:00 is DTSTART/DTEND on 2 Nov and
//     RRULE:FREQ=DAILY;COUNT=2, two mornings, not one block from the first
//     morning to the second noon. TZID keeps the local times on a day the
//     clocks change;
//   - a calendar always holds a component ([ErrEmpty]), and no date
//     after 31 December 9999 ([ErrOutOfRange]).
//
// # Stable output
//
// The same plan gives the same bytes, and an event that did not change
// is written the same in every revision of the plan: its SEQUENCE is the
// plan revision in which what its entry shows last changed (the event's
// own revision; [Entry] is what it shows), its DTSTAMP and LAST-MODIFIED
// that revision's date, and nothing in it names the plan's current
// revision. A UID is "<event-id>@<plan-id>" (the plan an
// event moved from, when it moved to another year's: uidPlan), so moving
// an event keeps its UID, and its higher SEQUENCE makes clients accept the
// update; the other events are not announced again. A calendar may hold
// the events of several plans (a feed that spans plan years): each event
// is written with its own plan ([workplan.Event.Plan]).
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
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// ProdID is the PRODID of every calendar bp writes. It carries no version
// number on purpose: a new build of bp must not change the bytes of an
// unchanged plan's calendar.
const ProdID = "-//ICMPD//bp workplan calendar//EN"

// RefreshInterval is how often subscribers are asked to fetch a feed
// again (REFRESH-INTERVAL and X-PUBLISHED-TTL).
const RefreshInterval = "PT12H"

// Options changes what [Build], [Feed] and [BuildOne] write. BuildOne
// ignores Name and Description: a one-event file is not a calendar of its
// own.
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
	// URL gives the absolute address of an event's page, which the event
	// carries as its URL (RFC 5545 §3.8.4.6) so that a calendar links
	// back to it; nil, or "" for an event, writes none. bp site and bp
	// ics --base-url give events/<id>.html under the site's address.
	URL func(e *workplan.Event) string
}

// Calendar is a built calendar: the golang-ical value, and what was left
// out of it.
type Calendar struct {
	// ICS is the calendar as golang-ical holds it. Write it with
	// [Calendar.WriteTo]: the CATEGORIES value is a list bp escaped
	// itself, which golang-ical's own Serialize would escape again.
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
	out := *c.ICS
	out.Components = make([]ics.Component, len(c.ICS.Components))
	for i, comp := range c.ICS.Components {
		if ev, ok := comp.(*ics.VEvent); ok {
			comp = listEvent{ev}
		}
		out.Components[i] = comp
	}
	err := out.SerializeTo(cw, ics.WithNewLineWindows)
	if err == nil {
		err = cw.err
	}
	return cw.n, err
}

// listEvent writes a VEVENT as golang-ical does, except its CATEGORIES
// value, which bp escaped itself (golang-ical escapes every comma of a
// TEXT value, so the list "A,B" would become one category named "A,B"),
// and its links, whose parameters bp quotes itself (writeLinkProperty).
type listEvent struct{ *ics.VEvent }

func (e listEvent) SerializeTo(w io.Writer, cfg *ics.SerializationConfiguration) error {
	if _, err := io.WriteString(w, "BEGIN:"+string(ics.ComponentVEvent)+cfg.NewLine); err != nil {
		return err
	}
	for _, p := range e.Properties {
		var err error
		switch {
		case p.IANAToken == string(ics.ComponentPropertyCategories) && len(p.ICalParameters) == 0:
			err = writeFolded(w, p.IANAToken+":"+p.Value, cfg)
		case p.IANAToken == propConference || p.IANAToken == propAttach:
			err = writeLinkProperty(w, p, cfg)
		default:
			err = p.SerializeTo(w, cfg)
		}
		if err != nil {
			return err
		}
	}
	for _, sub := range e.Components {
		if err := sub.SerializeTo(w, cfg); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "END:"+string(ics.ComponentVEvent)+cfg.NewLine)
	return err
}

// writeFolded writes a content line folded as golang-ical v0.3.4 folds
// the others: at most cfg.MaxLength octets a line, preferably before a
// space, the continuation lines starting with a space, never inside a
// UTF-8 character.
func writeFolded(w io.Writer, line string, cfg *ics.SerializationConfiguration) error {
	var b strings.Builder
	if len(line) > cfg.MaxLength {
		n := foldAt(line, cfg.MaxLength)
		b.WriteString(line[:n] + cfg.NewLine)
		line = line[n:]
		for len(line) > cfg.MaxLength-1 {
			n := foldAt(line, cfg.MaxLength-1)
			b.WriteString(" " + line[:n] + cfg.NewLine)
			line = line[n:]
		}
		b.WriteString(" ")
	}
	b.WriteString(line + cfg.NewLine)
	_, err := io.WriteString(w, b.String())
	return err
}

// foldAt returns where to fold s to keep at most limit octets: before the
// last space (or '<', or after '>') that fits, else after the last whole
// UTF-8 character that fits.
func foldAt(s string, limit int) int {
	n, boundary := 0, -1
	var prev rune
	for i, r := range s {
		if r == ' ' || r == '<' || prev == '>' {
			boundary = i
		}
		prev = r
		if n+utf8.RuneLen(r) > limit {
			break
		}
		n += utf8.RuneLen(r)
	}
	if boundary > 0 {
		return boundary
	}
	return n
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

// EventUID returns the calendar UID of an event of plan: the UID of the
// plan it moved from, when it moved here from another year's plan
// (uidPlan), so that a subscriber's calendar moves it rather than adds it
// again.
func EventUID(plan *workplan.Plan, e *workplan.Event) string {
	if e.UIDPlan != "" {
		return UID(e.UIDPlan, e.ID)
	}
	return UID(plan.ID, e.ID)
}

// ErrEmpty is the error an [*EmptyError] matches (errors.Is): there was
// no event to write.
var ErrEmpty = errors.New("no events to write")

// EmptyError is what [Build] and [BuildOne] return when none of the
// events given can be written — none was given, or each was month-only
// and left out — since a VCALENDAR without a component is not valid RFC
// 5545. [Feed] writes a feed anyway.
type EmptyError struct {
	// LeftOut lists the month-only events that were not written.
	LeftOut []*workplan.Event
}

func (e *EmptyError) Error() string {
	switch n := len(e.LeftOut); n {
	case 0:
	case 1:
		return fmt.Sprintf("build calendar: %s: the one event has only a month", ErrEmpty)
	default:
		return fmt.Sprintf("build calendar: %s: the %d events have only a month", ErrEmpty, n)
	}
	return "build calendar: " + ErrEmpty.Error()
}

// Is makes errors.Is(err, ErrEmpty) hold.
func (e *EmptyError) Is(target error) bool { return target == ErrEmpty }

// ErrOutOfRange is wrapped in the error [Build] returns for an event that
// would end after 31 December 9999: RFC 5545 years have four digits, so
// an all-day event on 31 December 9999, whose exclusive end is 1 January
// 10000, cannot be written. DURATION:P1D instead of DTEND is valid RFC
// 5545, but clients written in Python (khal, and any user of
// python-icalendar) cannot hold the end date and drop the event.
var ErrOutOfRange = errors.New("out of range")

// lastDay is the last day an iCalendar date can hold.
var lastDay = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// Build makes the calendar of the given events (in the order given): a
// feed's properties, the VTIMEZONEs the events use, the events. Each
// event is written with its own plan; plan gives the calendar's default
// name and description, and is the plan of events not read by
// [workplan.Parse].
// With no event to write it returns an [*EmptyError]. It fails otherwise
// only on data that validation should have refused, such as an unknown
// time zone, or on an event past the year 9999 ([ErrOutOfRange]).
func Build(plan *workplan.Plan, events []*workplan.Event, opts Options) (*Calendar, error) {
	cal, err := build(plan, events, opts, true)
	if err != nil {
		return nil, err
	}
	return cal, nil
}

// Feed makes a subscription feed: [Build], except that a feed with no
// event to write is still a valid calendar, never an error, so that a
// subscribed address keeps answering while its group has nothing
// planned. RFC 5545 wants at least one component in a calendar; an empty
// feed holds the VTIMEZONE of the plan's time zone (of UTC when the plan
// has none), which every client reads as a calendar without events.
// [Calendar.LeftOut] still lists the month-only events left out.
func Feed(plan *workplan.Plan, events []*workplan.Event, opts Options) (*Calendar, error) {
	cal, err := build(plan, events, opts, true)
	var empty *EmptyError
	if !errors.As(err, &empty) {
		return cal, err
	}
	name, loc := "Etc/UTC", time.UTC
	if z := plan.TimeZone; z != "" && !isUTC(z) {
		if loc, err = loadZone(z); err != nil {
			return nil, fmt.Errorf("build calendar: plan time zone: %w", err)
		}
		name = z
	}
	year := plan.Year
	if year < 1 || year > 9999 {
		year = plan.Revised.Year()
	}
	cal.ICS.AddVTimezone(VTimezone(name, loc, year, year))
	return cal, nil
}

// BuildOne makes the calendar of one event: the file the site offers to
// add one meeting to a calendar, and the calendar object a CalDAV client
// stores at <UID>.ics (RFC 4791 §4.1: one UID per object). It holds the
// event and the VTIMEZONE it uses, and none of a feed's own properties
// (name, description, refresh interval): importing it adds an event, not
// a calendar. A month-only event gives an [*EmptyError] unless
// [Options.IncludeUndated] is set.
func BuildOne(plan *workplan.Plan, e *workplan.Event, opts Options) (*Calendar, error) {
	if e == nil {
		return nil, errors.New("build calendar: no event")
	}
	cal, err := build(plan, []*workplan.Event{e}, opts, false)
	if err != nil {
		return nil, err
	}
	return cal, nil
}

// build makes the calendar; with no event to write it returns the
// calendar so far with an *EmptyError, for Feed.
func build(plan *workplan.Plan, events []*workplan.Event, opts Options, feed bool) (*Calendar, error) {
	if plan == nil {
		return nil, errors.New("build calendar: no plan")
	}
	cal := ics.NewCalendarFor("ICMPD")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	if feed {
		setFeedProperties(cal, plan, opts)
	}

	out := &Calendar{ICS: cal}
	zones := newZoneSet()
	var vevents []*ics.VEvent
	for _, e := range events {
		if !e.HasDay() && !opts.IncludeUndated {
			out.LeftOut = append(out.LeftOut, e)
			continue
		}
		ev, err := buildEvent(eventPlan(plan, e), e, zones, opts.URL)
		if err != nil {
			return nil, fmt.Errorf("build calendar: event %q: %w", e.ID, err)
		}
		vevents = append(vevents, ev)
	}
	if len(vevents) == 0 {
		return out, &EmptyError{LeftOut: out.LeftOut}
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

// eventPlan is the plan an event is written with: its own (events of
// several plan years share one feed, each with its plan's id, revision
// and groups), or plan for an event not read from a file.
func eventPlan(plan *workplan.Plan, e *workplan.Event) *workplan.Plan {
	if p := e.Plan(); p != nil {
		return p
	}
	return plan
}

// setFeedProperties sets what a subscribed calendar carries: its name and
// description, and how often to fetch it again.
func setFeedProperties(cal *ics.Calendar, plan *workplan.Plan, opts Options) {
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
}

// DefaultDescription is the calendar description [Build] uses when
// [Options.Description] is empty.
func DefaultDescription(plan *workplan.Plan) string {
	s := fmt.Sprintf("%s, revision %d", line(plan.Title), plan.Revision)
	if !plan.Revised.IsZero() {
		s += " of " + workplan.LongDayText(plan.Revised)
	}
	return s + ". Events marked tentative are not confirmed yet: their date, place or both may change."
}

// DescribePlans is the description of a calendar that holds events of
// several plans (a feed across plan years): [DefaultDescription] for
// one plan; for several, each plan's title, revision and date.
func DescribePlans(plans []*workplan.Plan) string {
	if len(plans) == 1 {
		return DefaultDescription(plans[0])
	}
	parts := make([]string, len(plans))
	for i, p := range plans {
		s := fmt.Sprintf("%s (revision %d", line(p.Title), p.Revision)
		if !p.Revised.IsZero() {
			s += " of " + workplan.LongDayText(p.Revised)
		}
		parts[i] = s + ")"
	}
	list := strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	return list + ". Events marked tentative are not confirmed yet: their date, place or both may change."
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

// Categories returns an event's categories: its type, then the names of
// its groups, without repeats. Commas are left out of a category:
// python-icalendar 4.0 splits CATEGORIES at an escaped comma too, so
// "A\, B" would become two categories there while every other parser
// reads one.
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

// Description returns an event's DESCRIPTION: its purpose first, as the
// plan writes it (a client shows the first lines), then its facts as the
// public reads them (present.EventFacts), one "Label: value" line each,
// a list's items on lines of their own. They do not depend on the day
// (a calendar entry whose text changed would be announced again without
// a new SEQUENCE), and name the plan's title, not its revision: an
// event that did not change reads the same in the plan's next revision.
func Description(plan *workplan.Plan, e *workplan.Event) string {
	var b strings.Builder
	if p := strings.TrimSpace(clean(e.Purpose)); p != "" {
		b.WriteString(p + "\n\n")
	}
	for _, f := range present.EventFacts(plan, e, present.Public, time.Time{}) {
		if f.Label == present.LabelPurpose {
			continue
		}
		b.WriteString(f.Label + ":")
		if v := f.Text(); v != "" {
			b.WriteString(" " + v)
		}
		b.WriteString("\n")
		for _, it := range f.Items {
			b.WriteString("- " + it + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func buildEvent(plan *workplan.Plan, e *workplan.Event, zones *zoneSet, url func(*workplan.Event) string) (*ics.VEvent, error) {
	ev := ics.NewEvent(EventUID(plan, e))
	seq, stamp := Sequence(plan, e)
	ev.SetDtStampTime(stamp)
	ev.SetSequence(seq)
	if err := setWhen(ev, plan, e, zones); err != nil {
		return nil, err
	}
	ev.SetSummary(Summary(e))
	ev.SetStatus(Status(e))
	if l := Location(e); l != "" {
		ev.SetLocation(l)
	}
	ev.SetDescription(Description(plan, e))
	if url != nil {
		if u := url(e); u != "" {
			ev.SetURL(u)
		}
	}
	setLinks(ev, e)
	if cats := Categories(plan, e); len(cats) > 0 {
		// One property for the list: khal reads no category at all from
		// an event with two CATEGORIES properties.
		ev.AddProperty(ics.ComponentPropertyCategories, CategoryList(cats))
	}
	if !e.HasDay() {
		// A month-long placeholder must not make the month look busy.
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	ev.SetLastModifiedAt(stamp)
	return ev, nil
}

// Sequence returns an event's SEQUENCE and the time of its DTSTAMP and
// LAST-MODIFIED: the plan revision in which it last changed and that
// revision's date; the plan's own for an event that has none (a plan
// built in code).
func Sequence(plan *workplan.Plan, e *workplan.Event) (int, time.Time) {
	seq, stamp := e.Revision, e.Revised
	if seq == 0 {
		seq = plan.Revision
	}
	if stamp.IsZero() {
		stamp = plan.Revised
	}
	return seq, stamp
}

// CategoryList returns the value of one CATEGORIES property holding the
// categories: each escaped as RFC 5545 TEXT (its own commas as "\,"),
// joined by commas. [Calendar.WriteTo] writes it as it is.
func CategoryList(cats []string) string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = ics.ToText(c)
	}
	return strings.Join(out, ",")
}

// setWhen writes when the event happens: dates for an all-day event
// (DTEND the day after the last day, as RFC 5545 wants it exclusive), or
// date-times in the event's zone. Times hold on each day of the event:
// 2–3 Nov, 09:00–13:00 is two mornings, so the event is its first day's
// slot and RRULE:FREQ=DAILY;COUNT=2. An end time not after the start time
// runs past midnight: each slot ends on the next day, the last day holds
// only the end of the last slot (22:00–04:00 over 28–29 Mar is one
// night). Without an end time each slot is a moment (DURATION:PT0S).
func setWhen(ev *ics.VEvent, plan *workplan.Plan, e *workplan.Event, zones *zoneSet) error {
	first, last := e.Span()
	if e.StartTime.IsZero() || !e.HasDay() {
		return setAllDay(ev, first, last)
	}
	name := e.Zone(plan)
	loc, err := loadZone(name)
	if err != nil {
		return err
	}
	sh, sm := e.StartTime.Hour(), e.StartTime.Minute()
	days := int(last.Sub(first).Hours()/24) + 1
	slots, endDay := days, first
	eh, em := e.EndTime.Hour(), e.EndTime.Minute()
	if !e.EndTime.IsZero() {
		if !e.StartTime.Before(e.EndTime) {
			slots, endDay = days-1, first.AddDate(0, 0, 1)
		}
		if slots < 1 {
			return fmt.Errorf("ends at %s on %s, not after its start at %s", e.EndTime, workplan.ISODay(last), e.StartTime)
		}
	}
	date := func(day time.Time, h, m int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	}
	start := date(first, sh, sm)
	end := start // a moment without an end time
	if !e.EndTime.IsZero() {
		end = date(endDay, eh, em)
		if !end.After(start) {
			return fmt.Errorf("ends at %s, not after its start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
		}
	}
	lastEnd := date(first.AddDate(0, 0, slots-1), sh, sm).Add(end.Sub(start))
	if err := inRange(lastEnd); err != nil {
		return err
	}
	if isUTC(name) {
		ev.SetStartAt(start)
		if !e.EndTime.IsZero() {
			ev.SetEndAt(end)
		}
	} else {
		zones.add(name, loc, start)
		zones.add(name, loc, lastEnd)
		// The wall-clock time of the plan, digit for digit (Go would move
		// a time inside a spring-forward gap; RFC 5545 says how clients
		// read it).
		ev.SetProperty(ics.ComponentPropertyDtStart, wall(first, sh, sm), ics.WithTZID(name))
		if !e.EndTime.IsZero() {
			ev.SetProperty(ics.ComponentPropertyDtEnd, wall(endDay, eh, em), ics.WithTZID(name))
		}
	}
	setRepeat(ev, e.EndTime.IsZero(), slots)
	return nil
}

// setRepeat writes how long a timed event's slot is when it has no end
// time (a moment: RFC 5545 makes an event with neither DTEND nor
// DURATION end when it starts, but khal shows it an hour long), and how
// many days it repeats.
func setRepeat(ev *ics.VEvent, moment bool, slots int) {
	if moment {
		ev.SetProperty(ics.ComponentPropertyDuration, "PT0S")
	}
	if slots > 1 {
		ev.SetProperty(ics.ComponentPropertyRrule, "FREQ=DAILY;COUNT="+strconv.Itoa(slots))
	}
}

// setAllDay writes the dates of an all-day event: DTEND the day after
// the last, as RFC 5545 wants it exclusive.
func setAllDay(ev *ics.VEvent, first, last time.Time) error {
	if !last.Before(lastDay) {
		return fmt.Errorf("%w: its last day is %s; a calendar file ends an all-day event on the next day, and no date after 9999-12-31 can be written (RFC 5545 years have four digits)",
			ErrOutOfRange, workplan.ISODay(last))
	}
	ev.SetAllDayStartAt(first)
	ev.SetAllDayEndAt(last.AddDate(0, 0, 1))
	return nil
}

// inRange refuses an event that ends after the last instant iCalendar
// can hold.
func inRange(lastEnd time.Time) error {
	if lastEnd.UTC().After(lastDay.AddDate(0, 0, 1).Add(-time.Second)) {
		return fmt.Errorf("%w: it ends at %s, and no time after 9999-12-31 can be written (RFC 5545 years have four digits)",
			ErrOutOfRange, lastEnd.UTC().Format(time.RFC3339))
	}
	return nil
}

// wall formats a local date and time as an RFC 5545 local DATE-TIME.
func wall(day time.Time, h, m int) string {
	return fmt.Sprintf("%sT%02d%02d00", workplan.BasicDay(day), h, m)
}

// clean makes text safe for an iCalendar TEXT value: invalid UTF-8
// becomes U+FFFD, CR LF and lone CR become LF (golang-ical writes a raw CR
// as is), and the other characters [safetext.Unsafe] names (controls but
// tab, bidi and zero-width characters) are dropped, as on a terminal:
// calendar clients show SUMMARY and DESCRIPTION as they are.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if safetext.Unsafe(r) {
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

// Entry returns what a calendar shows of an event: its VEVENT as [BuildOne]
// writes it (a month-only event as its placeholder), less the properties
// that say when the entry last changed (SEQUENCE, DTSTAMP,
// LAST-MODIFIED). Two versions of an event whose entries are equal read
// the same in every calendar, and must keep their SEQUENCE: a calendar
// would announce the entry again for nothing (plandiff.ChangedEntries
// decides which events carry a new revision by it). An event that cannot
// be written (past the year 9999) gives the error, in words.
func Entry(plan *workplan.Plan, e *workplan.Event) string {
	// without a URL: an event's page address does not change with it
	ev, err := buildEvent(eventPlan(plan, e), e, newZoneSet(), nil)
	if err != nil {
		return "error: " + err.Error()
	}
	keep := ev.Properties[:0]
	for _, p := range ev.Properties {
		switch ics.ComponentProperty(p.IANAToken) {
		case ics.ComponentPropertySequence, ics.ComponentPropertyDtstamp, ics.ComponentPropertyLastModified:
		default:
			keep = append(keep, p)
		}
	}
	ev.Properties = keep
	var b strings.Builder
	cfg := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	if err := (listEvent{ev}).SerializeTo(&b, cfg); err != nil {
		return "error: " + err.Error()
	}
	return b.String()
}
