package workplan

// EventType is the kind of an event: its id as the file writes it
// ("webinar"), with [EventType.Label] for people.
type EventType string

// The event types of the format.
const (
	TypeReferenceGroup  EventType = "reference-group"
	TypeWorkingGroup    EventType = "working-group"
	TypeWebinar         EventType = "webinar"
	TypeThematicMeeting EventType = "thematic-meeting"
	TypeSeniorOfficials EventType = "senior-officials"
)

// Status is where an event is in its lifecycle.
type Status string

// The statuses of the format.
const (
	StatusPlanned   Status = "planned"
	StatusConfirmed Status = "confirmed"
	StatusHeld      Status = "held"
	StatusPostponed Status = "postponed"
	StatusCancelled Status = "cancelled"
)

// Format is how participants attend an event. The zero Format means the
// plan does not say.
type Format string

// The formats of the format.
const (
	FormatOnline   Format = "online"
	FormatInPerson Format = "in-person"
	FormatHybrid   Format = "hybrid"
)

// GroupKind is the kind of a body of the process.
type GroupKind string

// The group kinds of the format.
const (
	GroupReferenceGroup         GroupKind = "reference-group"
	GroupThematicWorkingGroup   GroupKind = "thematic-working-group"
	GroupSeniorOfficialsMeeting GroupKind = "senior-officials-meeting"
)

// The words of the format, in the order help, completion and the schema
// list them.
var (
	EventTypes = []EventType{TypeReferenceGroup, TypeWorkingGroup, TypeWebinar, TypeThematicMeeting, TypeSeniorOfficials}
	Statuses   = []Status{StatusPlanned, StatusConfirmed, StatusHeld, StatusPostponed, StatusCancelled}
	Formats    = []Format{FormatOnline, FormatInPerson, FormatHybrid}
	GroupKinds = []GroupKind{GroupReferenceGroup, GroupThematicWorkingGroup, GroupSeniorOfficialsMeeting}
)

// term is how people read a word of the format.
type term struct {
	// label stands alone: a table cell, a calendar category, a heading,
	// a "Format: In person" line.
	label string
	// phrase sits inside a sentence: "format changed from online to
	// in-person", "type changed from webinar to thematic meeting".
	// Proper names keep their capitals.
	phrase string
}

// terms is the one label table of the format's words, keyed by the typed
// constant (so "reference-group" the event type and "reference-group" the
// group kind are different keys). Every output that shows a word to a
// person reads it from here; JSON and CSV keep the ids.
var terms = map[any]term{
	TypeReferenceGroup:  {"Reference Group meeting", "Reference Group meeting"},
	TypeWorkingGroup:    {"Thematic Working Group meeting", "Thematic Working Group meeting"},
	TypeWebinar:         {"Webinar", "webinar"},
	TypeThematicMeeting: {"Thematic meeting", "thematic meeting"},
	TypeSeniorOfficials: {"Senior Officials Meeting", "Senior Officials Meeting"},

	StatusPlanned:   {"Planned", "planned"},
	StatusConfirmed: {"Confirmed", "confirmed"},
	StatusHeld:      {"Held", "held"},
	StatusPostponed: {"Postponed", "postponed"},
	StatusCancelled: {"Cancelled", "cancelled"},

	FormatOnline:   {"Online", "online"},
	FormatInPerson: {"In person", "in-person"},
	FormatHybrid:   {"Hybrid", "hybrid"},

	GroupReferenceGroup:         {"Reference Group", "Reference Group"},
	GroupThematicWorkingGroup:   {"Thematic Working Group", "Thematic Working Group"},
	GroupSeniorOfficialsMeeting: {"Senior Officials Meeting", "Senior Officials Meeting"},

	ActionOpen:    {"Open", "open"},
	ActionDone:    {"Done", "done"},
	ActionDropped: {"Dropped", "dropped"},
}

type word interface {
	~string
	EventType | Status | Format | GroupKind | ActionState
}

// lookup returns w's term; a word the table does not know (a plan that
// failed validation) reads as itself, and the empty word as "".
func lookup[W word](w W) term {
	if t, ok := terms[w]; ok {
		return t
	}
	return term{string(w), string(w)}
}

// Label returns the type as it stands alone: "Thematic Working Group meeting".
func (t EventType) Label() string { return lookup(t).label }

// Phrase returns the type as it reads in a sentence: "thematic meeting".
func (t EventType) Phrase() string { return lookup(t).phrase }

// Label returns the status as it stands alone: "Postponed".
func (s Status) Label() string { return lookup(s).label }

// Phrase returns the status as it reads in a sentence: "postponed".
func (s Status) Phrase() string { return lookup(s).phrase }

// Label returns the format as it stands alone: "In person"; "" when the
// plan does not say.
func (f Format) Label() string { return lookup(f).label }

// Phrase returns the format as it reads in a sentence: "in-person".
func (f Format) Phrase() string { return lookup(f).phrase }

// Label returns the kind as it stands alone: "Thematic Working Group".
func (k GroupKind) Label() string { return lookup(k).label }

// Phrase returns the kind as it reads in a sentence.
func (k GroupKind) Phrase() string { return lookup(k).phrase }

// Words returns words as the file writes them, for help text,
// completion and the schema: Words(Statuses) is ["planned", …].
func Words[W ~string](words []W) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = string(w)
	}
	return out
}
