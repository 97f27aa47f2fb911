package workplan

import (
	"math"
	"strings"
	"time"
)

// FormatVersion is the newest version of the file format this bp reads.
// A file declares its own in its top-level formatVersion key.
const FormatVersion = 3

// Pos is a position in a source file: 1-based line and column.
type Pos struct {
	Line int
	Col  int
}

// Plan is one workplan: its metadata, the bodies and products it refers
// to, and its events in file order.
type Plan struct {
	File          string // the name diagnostics use
	FormatVersion int

	ID       string
	Title    string
	Year     int
	Revision int
	Revised  time.Time // the date of this revision (UTC midnight)
	TimeZone string    // IANA name; default for events with times
	Summary  string

	Framework   *Framework
	Chair       string
	CoChair     string
	Secretariat string

	Groups     []*Group
	Products   []*Product
	Milestones []*Milestone
	Events     []*Event

	pos     Pos
	fields  fieldPositions
	byID    map[string]*Event
	groupBy map[string]*Group
	prodBy  map[string]*Product
	actBy   map[string]*Action
}

// Framework is the multi-year framework a plan implements, such as the
// Call for Action 2025–2030.
type Framework struct {
	Name  string
	Start int // first year
	End   int // last year
	Year  int // which year of the framework this plan is (1-based)
}

// Group is a body of the process: the Reference Group, a Thematic Working
// Group, the Senior Officials Meeting.
type Group struct {
	ID    string
	Name  string
	Kind  GroupKind
	Topic string
	// Purpose is what the group is for, as its page on the site says it
	// (format 3).
	Purpose string
	pos     Pos
}

// Product is a knowledge product (a paper) that events may present.
type Product struct {
	ID    string
	Title string
	Topic string
	pos   Pos
}

// Milestone is a notable moment of the year that is not a meeting.
type Milestone struct {
	ID    string
	Title string
	Date  time.Time // may be zero: the year alone is known
	Notes string
	pos   Pos
}

// Event is one calendar entry of the plan.
type Event struct {
	ID     string
	Title  string
	Type   EventType
	Groups []string

	// Start and End are the first and last day (inclusive, UTC midnight).
	// Both are zero when only the month is known; then Month is set.
	Start time.Time
	End   time.Time
	Month time.Time // first day of the month; always set after Parse
	// DateTBC is true when the day is not final (marked TBC) or not known.
	DateTBC bool
	// MovedFrom lists the dates the event had before it was moved, oldest
	// first: a rescheduled meeting keeps its history.
	MovedFrom []Dates

	StartTime Clock  // optional
	EndTime   Clock  // optional, on the last day
	TimeZone  string // IANA name, optional (defaults to the plan's)

	Format   Format // "" when the plan does not say
	Location *Location
	// Links are where to join, register, read the agenda or documents,
	// in the file's order (format 3).
	Links  []Link
	Status Status
	// Reason says why the event was cancelled or postponed (format 3).
	Reason string

	Partners   []string
	Product    string
	BackToBack string
	Purpose    string
	Notes      string
	Outcome    *Outcome

	// UIDPlan is the id of the plan the event's calendar UID names, when
	// the event moved here from another year's plan; "" for the plan's
	// own (see CalendarPlan).
	UIDPlan string

	// Revision is the plan revision in which the event last changed, and
	// Revised that revision's date (format 2). A calendar's SEQUENCE,
	// DTSTAMP and LAST-MODIFIED for the event come from them, so an event
	// that did not change is written the same in every revision. Zero
	// when the plan was built in code rather than read.
	Revision int
	Revised  time.Time

	pos    Pos
	fields fieldPositions
	plan   *Plan // the plan the event was read from; set by Parse
}

// Dates is a date an event had, or may have: its first and last day, or
// only its month (Start and End zero) while the day is not known.
type Dates struct {
	Start, End time.Time
	Month      time.Time // first day of the month; zero when Start is set
}

// HasDay reports whether the days are known (not only the month).
func (d Dates) HasDay() bool { return !d.Start.IsZero() }

// Dates returns the event's own dates.
func (e *Event) Dates() Dates {
	if e.HasDay() {
		return Dates{Start: e.Start, End: e.End}
	}
	return Dates{Month: e.Month}
}

// MovedText says where a moved event was: "moved from 25–26 Jun 2026",
// "moved from 25–26 Jun 2026, then from 8–9 Jul 2026"; "" when it never
// moved.
func (e *Event) MovedText() string {
	if len(e.MovedFrom) == 0 {
		return ""
	}
	parts := make([]string, len(e.MovedFrom))
	for i, d := range e.MovedFrom {
		parts[i] = d.Text()
	}
	return "moved from " + strings.Join(parts, ", then from ")
}

// Location is where an event takes place, or the places still in the
// running when it is not yet chosen.
type Location struct {
	Place
	Alternatives []Place
	TBC          bool
}

// Place is a city in a country, with an optional venue.
type Place struct {
	Venue   string
	City    string
	Country string
}

// Outcome records what came of an event: the follow-up a status report
// looks for.
type Outcome struct {
	Summary  string
	Link     string
	Recorded time.Time
	// Conclusions are what the meeting concluded, one short text each,
	// and Actions the follow-up it set (format 3).
	Conclusions []string
	Actions     []*Action
}

// Pos returns where the event starts in its file.
func (e *Event) Pos() Pos { return e.pos }

// Plan returns the plan the event was read from, so that a list of
// events taken from several plans (a [Set]) can still be shown with each
// event's own groups, time zone and revision. It is nil for an event
// that was not read by [Parse].
func (e *Event) Plan() *Plan { return e.plan }

// FieldPos returns where the value of key starts, or the event's own
// position when the key is absent.
func (e *Event) FieldPos(key string) Pos {
	if p, ok := e.fields.get(key); ok {
		return p
	}
	return e.pos
}

// HasDay reports whether the event's days are known (not month-only).
func (e *Event) HasDay() bool { return !e.Start.IsZero() }

// Span returns the first and last day the event may occupy: its days, or
// the whole month when only the month is known.
func (e *Event) Span() (first, last time.Time) {
	if e.HasDay() {
		return e.Start, e.End
	}
	return e.Month, e.Month.AddDate(0, 1, -1)
}

// LocationTBC reports whether the place is still to be confirmed.
func (e *Event) LocationTBC() bool {
	return e.Location != nil && (e.Location.TBC || len(e.Location.Alternatives) > 0)
}

// Unconfirmed reports whether the date or the place is not final.
func (e *Event) Unconfirmed() bool { return e.DateTBC || e.LocationTBC() }

// Name returns "City, Country", or the alternatives joined by " / ";
// "" for no location.
func (l *Location) Name() string {
	if l == nil {
		return ""
	}
	if len(l.Alternatives) > 0 {
		parts := make([]string, len(l.Alternatives))
		for i, p := range l.Alternatives {
			parts[i] = p.String()
		}
		return strings.Join(parts, " / ")
	}
	return l.Place.String()
}

// String returns [Location.Name] followed by " (TBC)" when the place is
// not chosen yet: "Baghdad, Iraq / Istanbul, Türkiye (TBC)".
func (l *Location) String() string {
	s := l.Name()
	if l != nil && (l.TBC || len(l.Alternatives) > 0) {
		s += " (TBC)"
	}
	return s
}

// String returns "Venue, City, Country" leaving out the parts not given.
func (p Place) String() string {
	parts := make([]string, 0, 3)
	for _, s := range []string{p.Venue, p.City, p.Country} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// Event returns the event with the given id, or nil.
func (p *Plan) Event(id string) *Event { return p.byID[id] }

// Group returns the group with the given id, or nil.
func (p *Plan) Group(id string) *Group { return p.groupBy[id] }

// Product returns the product with the given id, or nil.
func (p *Plan) Product(id string) *Product { return p.prodBy[id] }

// FieldPos returns where a key of the file's top level or of its plan:
// mapping ("revision", "events") starts.
func (p *Plan) FieldPos(key string) Pos {
	if q, ok := p.fields.get(key); ok {
		return q
	}
	return p.pos
}

// fieldPositions keeps where each key of a mapping starts. A slice, not a
// map, of 16 bytes an entry: an event has a dozen keys, every event keeps
// them, and a plan may have 100k events.
type fieldPositions []fieldPos

type fieldPos struct {
	field     *Field // the Schema's, whose Key the key is
	line, col int32  // past 2^31-1 (a file of over 2 GiB), that
}

func newFieldPos(f *Field, at Pos) fieldPos {
	return fieldPos{f, int32(min(at.Line, math.MaxInt32)), int32(min(at.Col, math.MaxInt32))}
}

func (f fieldPositions) get(key string) (Pos, bool) {
	for _, fp := range f {
		if fp.field.Key == key {
			return Pos{int(fp.line), int(fp.col)}, true
		}
	}
	return Pos{}, false
}

// index builds the id lookups and gives each event its plan.
// Duplicates keep the first; Validate reports them.
func (p *Plan) index() {
	p.byID = make(map[string]*Event, len(p.Events))
	for _, e := range p.Events {
		e.plan = p
		if _, dup := p.byID[e.ID]; !dup && e.ID != "" {
			p.byID[e.ID] = e
		}
	}
	p.groupBy = make(map[string]*Group, len(p.Groups))
	for _, g := range p.Groups {
		if _, dup := p.groupBy[g.ID]; !dup && g.ID != "" {
			p.groupBy[g.ID] = g
		}
	}
	p.actBy = make(map[string]*Action)
	for _, a := range p.Actions() {
		if _, dup := p.actBy[a.ID]; !dup && a.ID != "" {
			p.actBy[a.ID] = a
		}
	}
	p.prodBy = make(map[string]*Product, len(p.Products))
	for _, pr := range p.Products {
		if _, dup := p.prodBy[pr.ID]; !dup && pr.ID != "" {
			p.prodBy[pr.ID] = pr
		}
	}
}
