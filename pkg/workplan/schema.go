package workplan

// Kind is the type of a value in the workplan format.
type Kind int

// The kinds of value a field may hold.
const (
	KindString   Kind = iota // one line of text
	KindText                 // text that may span lines
	KindInt                  // a whole number
	KindBool                 // true or false
	KindDate                 // YYYY-MM-DD
	KindMonth                // YYYY-MM
	KindTime                 // HH:MM (24-hour)
	KindID                   // lowercase letters, digits and '-'
	KindEnum                 // one word of Field.Enum
	KindRef                  // the id of another object (Field.Ref names what)
	KindTimeZone             // an IANA time zone name
	KindURL                  // an http(s) URL
	KindHTTPS                // an https URL (CheckHTTPS)
	KindDue                  // a day YYYY-MM-DD or a month YYYY-MM
	KindList                 // a sequence of Field.Elem
	KindObject               // a mapping described by Field.Object
)

// Field describes one key of a mapping in the format.
type Field struct {
	Key      string
	Kind     Kind
	Required bool
	Enum     []string // KindEnum
	Ref      string   // KindRef: "group", "product" or "event"
	Elem     *Field   // KindList
	Object   *Object  // KindObject
	Min      int      // KindInt: smallest allowed value; KindList: fewest items
	Doc      string
	// Since is the format version that added the key (0: the first).
	// A required key is required only of files written for that version
	// or later: an older file gets it from its migration.
	Since int
}

// Object describes a mapping: the keys it may have.
type Object struct {
	Name   string // used in messages: "event", "location"
	Doc    string
	Fields []Field
}

// Field returns the field with the given key, or nil.
func (o *Object) Field(key string) *Field {
	if i := o.index(key); i >= 0 {
		return &o.Fields[i]
	}
	return nil
}

// index returns the position of key's field in o.Fields, or -1.
func (o *Object) index(key string) int {
	for i := range o.Fields {
		if o.Fields[i].Key == key {
			return i
		}
	}
	return -1
}

// Keys returns the object's keys in schema order.
func (o *Object) Keys() []string {
	keys := make([]string, len(o.Fields))
	for i, f := range o.Fields {
		keys[i] = f.Key
	}
	return keys
}

var placeFields = []Field{
	{Key: "venue", Kind: KindString, Doc: "Venue or building, if known."},
	{Key: "city", Kind: KindString, Doc: "City."},
	{Key: "country", Kind: KindString, Doc: "Country."},
}

var placeObject = &Object{Name: "place", Doc: "A city in a country.", Fields: placeFields}

var locationObject = &Object{
	Name: "location",
	Doc:  "Where the event takes place: a place, or the alternatives still in the running.",
	Fields: append(append([]Field{}, placeFields...),
		Field{Key: "alternatives", Kind: KindList, Min: 2, Elem: &Field{Kind: KindObject, Object: placeObject},
			Doc: "Places still in the running when the choice is not made; implies tbc."},
		Field{Key: "tbc", Kind: KindBool, Doc: "The place is to be confirmed."},
	),
}

var outcomeObject = &Object{
	Name: "outcome",
	Doc:  "What came of the event: the follow-up a status report looks for.",
	Fields: []Field{
		{Key: "summary", Kind: KindText, Required: true, Doc: "What was agreed or achieved, in a sentence or two."},
		{Key: "link", Kind: KindURL, Doc: "Where the report or conclusions are published."},
		{Key: "recorded", Kind: KindDate, Required: true, Doc: "The date the outcome was recorded."},
		{Key: "conclusions", Kind: KindList, Elem: &Field{Kind: KindString}, Since: 3,
			Doc: "What the meeting concluded, one short text per item."},
		{Key: "actions", Kind: KindList, Elem: &Field{Kind: KindObject, Object: actionObject}, Since: 3,
			Doc: "The follow-up actions the meeting set (bp action add)."},
	},
}

var actionObject = &Object{
	Name: "action",
	Doc:  "A follow-up action a meeting set: who owes what, by when.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Identifier, unique across every year's plan (bp action add makes one from the event's: rg-2026-03-a1)."},
		{Key: "text", Kind: KindString, Required: true, Doc: "What is to be done."},
		{Key: "owners", Kind: KindList, Required: true, Min: 1, Elem: &Field{Kind: KindString},
			Doc: "Who owes it: a group id of the plan, secretariat, chair, co-chair, or a body in plain words (a country, a partner organisation)."},
		{Key: "due", Kind: KindDue, Required: true, Doc: "When it is due: a day (YYYY-MM-DD) or a month (YYYY-MM); not before the meeting."},
		{Key: "state", Kind: KindEnum, Required: true, Enum: Words(ActionStates), Doc: "Where it stands."},
		{Key: "since", Kind: KindDate, Doc: "The date the state last changed; required once done or dropped."},
		{Key: "reason", Kind: KindText, Doc: "Why it was dropped; required for a dropped action."},
		{Key: "note", Kind: KindText, Doc: "Anything else: how it was done, what is left."},
		{Key: "reportTo", Kind: KindList, Elem: &Field{Kind: KindRef, Ref: "event"},
			Doc: "Ids of the events where it is to be reported, in this plan or another year's."},
		{Key: "public", Kind: KindBool, Since: 3,
			Doc: "Publish the action with the meeting's conclusions (its page on the site, the calendars); default false: it stays in the internal follow-up (bp status, bp actions, bp brief)."},
	},
}

var linkObject = &Object{
	Name: "link",
	Doc:  "A link of an event: where to join it, register, read its agenda or documents.",
	Fields: []Field{
		{Key: "kind", Kind: KindEnum, Required: true, Enum: Words(LinkKinds),
			Doc: "What it leads to: join (an online meeting), registration, agenda, documents, page (a page about the event elsewhere)."},
		{Key: "url", Kind: KindHTTPS, Required: true, Doc: "The address: https only."},
		{Key: "label", Kind: KindString, Doc: "The words to show for it (default: the address)."},
	},
}

var formerDateObject = &Object{
	Name: "formerDate",
	Doc:  "A date an event had before it moved: its days, or its month while the day was not known.",
	Fields: []Field{
		{Key: "start", Kind: KindDate, Doc: "First day (YYYY-MM-DD). Give start, or month."},
		{Key: "end", Kind: KindDate, Doc: "Last day, inclusive; defaults to start."},
		{Key: "month", Kind: KindMonth, Doc: "The month (YYYY-MM) when the day was not known."},
	},
}

var eventObject = &Object{
	Name: "event",
	Doc:  "One calendar entry.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Stable identifier; never change it once published (calendar UIDs derive from it)."},
		{Key: "title", Kind: KindString, Required: true, Doc: "Title as published."},
		{Key: "type", Kind: KindEnum, Required: true, Enum: Words(EventTypes), Doc: "Kind of event."},
		{Key: "groups", Kind: KindList, Elem: &Field{Kind: KindRef, Ref: "group"}, Doc: "Ids of the groups the event belongs to."},
		{Key: "start", Kind: KindDate, Doc: "First day (YYYY-MM-DD). Give start, or month when the day is not known."},
		{Key: "end", Kind: KindDate, Doc: "Last day, inclusive; defaults to start."},
		{Key: "month", Kind: KindMonth, Doc: "The month (YYYY-MM) when no day is known yet; implies dateTBC."},
		{Key: "dateTBC", Kind: KindBool, Doc: "The date is to be confirmed."},
		{Key: "movedFrom", Kind: KindList, Elem: &Field{Kind: KindObject, Object: formerDateObject},
			Doc: "The dates the event had before it was moved, oldest first (bp set, bp postpone --to).", Since: 2},
		{Key: "startTime", Kind: KindTime, Doc: "Start time (HH:MM, 24-hour) in the event's time zone."},
		{Key: "endTime", Kind: KindTime, Doc: "End time (HH:MM, 24-hour) on the last day."},
		{Key: "timezone", Kind: KindTimeZone, Doc: "IANA time zone of the times; defaults to the plan's."},
		{Key: "format", Kind: KindEnum, Enum: Words(Formats), Doc: "How participants attend."},
		{Key: "location", Kind: KindObject, Object: locationObject, Doc: "Where the event takes place."},
		{Key: "links", Kind: KindList, Elem: &Field{Kind: KindObject, Object: linkObject}, Since: 3,
			Doc: "Its links, published with it (the site, the calendars): where to join, register, read the agenda or documents (bp add/set --link)."},
		{Key: "status", Kind: KindEnum, Required: true, Enum: Words(Statuses), Doc: "Where the event is in its lifecycle."},
		{Key: "reason", Kind: KindString, Since: 3,
			Doc: "Why it was cancelled or postponed, in a few words, published with its status (bp cancel/postpone --reason)."},
		{Key: "partners", Kind: KindList, Elem: &Field{Kind: KindString}, Doc: "Organisations or processes the event is held jointly with."},
		{Key: "product", Kind: KindRef, Ref: "product", Doc: "Id of the knowledge product the event presents."},
		{Key: "backToBack", Kind: KindRef, Ref: "event", Doc: "Id of the event this one is held back-to-back with."},
		{Key: "purpose", Kind: KindText, Doc: "Why the event is held."},
		{Key: "notes", Kind: KindText, Doc: "Anything else participants should know."},
		{Key: "outcome", Kind: KindObject, Object: outcomeObject, Doc: "What came of the event, once it is held."},
		{Key: "uidPlan", Kind: KindID, Since: 3,
			Doc: "The id of the plan whose calendar UID the event keeps, having moved here from another year's plan (bp set and bp postpone write it), so that calendars move the event rather than add it again."},
		{Key: "revision", Kind: KindInt, Required: true, Min: 1, Since: 2,
			Doc: "The plan revision in which what a calendar shows of the event last changed: its calendar SEQUENCE (the edit commands set it)."},
		{Key: "revised", Kind: KindDate, Required: true, Since: 2,
			Doc: "The date of that revision (its calendar DTSTAMP and LAST-MODIFIED)."},
	},
}

var groupObject = &Object{
	Name: "group",
	Doc:  "A body of the process.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Identifier events refer to."},
		{Key: "name", Kind: KindString, Required: true, Doc: "Full name."},
		{Key: "kind", Kind: KindEnum, Required: true, Enum: Words(GroupKinds), Doc: "Kind of body."},
		{Key: "topic", Kind: KindString, Doc: "Theme of a working group."},
		{Key: "purpose", Kind: KindText, Since: 3,
			Doc: "What the group is for, in a sentence or two: the first words of its page on the site (bp site)."},
	},
}

var productObject = &Object{
	Name: "product",
	Doc:  "A knowledge product (paper) of the year.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Identifier events refer to."},
		{Key: "title", Kind: KindString, Required: true, Doc: "Title, or a description while it has none."},
		{Key: "topic", Kind: KindString, Doc: "What it is about."},
	},
}

var milestoneObject = &Object{
	Name: "milestone",
	Doc:  "A notable moment of the year that is not a meeting.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Identifier."},
		{Key: "title", Kind: KindString, Required: true, Doc: "What is marked."},
		{Key: "date", Kind: KindDate, Doc: "The day, if there is one."},
		{Key: "notes", Kind: KindText, Doc: "Background."},
	},
}

var frameworkObject = &Object{
	Name: "framework",
	Doc:  "The multi-year framework the plan implements.",
	Fields: []Field{
		{Key: "name", Kind: KindString, Required: true, Doc: "Name, such as Call for Action 2025–2030."},
		{Key: "start", Kind: KindInt, Min: 1900, Doc: "First year of the framework."},
		{Key: "end", Kind: KindInt, Min: 1900, Doc: "Last year of the framework."},
		{Key: "year", Kind: KindInt, Min: 1, Doc: "Which year of the framework this plan is (1 = first)."},
	},
}

var planObject = &Object{
	Name: "plan",
	Doc:  "The plan's metadata.",
	Fields: []Field{
		{Key: "id", Kind: KindID, Required: true, Doc: "Stable identifier of the plan; calendar UIDs derive from it."},
		{Key: "title", Kind: KindString, Required: true, Doc: "Title as published."},
		{Key: "year", Kind: KindInt, Required: true, Min: 1900, Doc: "The year the plan covers; every date must fall in it."},
		{Key: "revision", Kind: KindInt, Required: true, Min: 1, Doc: "Revision number; raise it with every change (the edit commands do); each event changed carries it."},
		{Key: "revised", Kind: KindDate, Required: true, Doc: "Date of this revision."},
		{Key: "timezone", Kind: KindTimeZone, Doc: "Default IANA time zone for event times."},
		{Key: "framework", Kind: KindObject, Object: frameworkObject, Doc: "The framework the plan implements."},
		{Key: "chair", Kind: KindString, Doc: "Chair of the process this year."},
		{Key: "coChair", Kind: KindString, Doc: "Co-Chair."},
		{Key: "secretariat", Kind: KindString, Doc: "Secretariat."},
		{Key: "summary", Kind: KindText, Doc: "What the year is about."},
	},
}

// Schema is the whole workplan format: the top-level mapping of a file.
var Schema = &Object{
	Name: "workplan",
	Doc:  "A bp workplan file.",
	Fields: []Field{
		{Key: "formatVersion", Kind: KindInt, Required: true, Min: 1, Doc: "Version of this file format; bp refuses files newer than it knows."},
		{Key: "plan", Kind: KindObject, Required: true, Object: planObject, Doc: "The plan's metadata."},
		{Key: "groups", Kind: KindList, Elem: &Field{Kind: KindObject, Object: groupObject}, Doc: "Bodies of the process."},
		{Key: "products", Kind: KindList, Elem: &Field{Kind: KindObject, Object: productObject}, Doc: "Knowledge products."},
		{Key: "milestones", Kind: KindList, Elem: &Field{Kind: KindObject, Object: milestoneObject}, Doc: "Milestones of the year."},
		{Key: "events", Kind: KindList, Required: true, Elem: &Field{Kind: KindObject, Object: eventObject}, Doc: "The calendar."},
	},
}
