// Package render writes workplan data for programs and the views of its
// lists for people: the published JSON shapes of events and actions, CSV,
// the calendar grid of bp cal, diagnostics as text, JSON and GitHub
// annotations, and the views (present.Docs) of bp list, bp show and bp
// actions. Every writer takes an io.Writer and gives the same bytes for
// the same input.
//
// # Safety
//
// Text from a workplan is data, never markup. [Clean], bp's one cleaning
// function, keeps control, bidi and zero-width characters from the
// terminal (diagnostics, GitHub annotations, CSV); JSON keeps them as
// \u escapes (present.WriteJSON); CSV cells, and each ";"-part of one,
// that a spreadsheet would run as a formula are prefixed with a quote.
// The views of events and actions are present.Docs, which present's
// writers print safely.
package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// EventJSON is the published JSON shape of one event. Its field names are
// a contract (bp help output lists them); it is separate from the YAML model so
// that renaming a Go field cannot break a script.
type EventJSON struct {
	ID                   string       `json:"id"`
	Title                string       `json:"title"`
	Type                 string       `json:"type"`
	Start                *string      `json:"start"`
	End                  *string      `json:"end"`
	Month                string       `json:"month"`
	DateTBC              bool         `json:"dateTBC"`
	DateText             string       `json:"dateText"`
	StartTime            *string      `json:"startTime"`
	EndTime              *string      `json:"endTime"`
	TimeZone             *string      `json:"timezone"`
	Format               *string      `json:"format"`
	Location             *string      `json:"location"`
	LocationTBC          bool         `json:"locationTBC"`
	LocationAlternatives []string     `json:"locationAlternatives"`
	Status               string       `json:"status"`
	Reason               *string      `json:"reason"`
	Links                []LinkJSON   `json:"links"`
	Groups               []string     `json:"groups"`
	Partners             []string     `json:"partners"`
	Product              *string      `json:"product"`
	BackToBack           *string      `json:"backToBack"`
	Purpose              *string      `json:"purpose"`
	Notes                *string      `json:"notes"`
	Outcome              *OutcomeJSON `json:"outcome"`
	MovedFrom            []DatesJSON  `json:"movedFrom"`
}

// LinkJSON is the published JSON shape of a link of an event: its kind
// (join, registration, agenda, documents, page), https address and
// label (null to show the address).
type LinkJSON struct {
	Kind  string  `json:"kind"`
	URL   string  `json:"url"`
	Label *string `json:"label"`
}

// DatesJSON is the published JSON shape of a date an event had before it
// moved: its days, or its month when the day was not known.
type DatesJSON struct {
	Start    *string `json:"start"`
	End      *string `json:"end"`
	Month    string  `json:"month"`
	DateText string  `json:"dateText"`
}

// OutcomeJSON is the published JSON shape of an event's outcome: what
// the meeting concluded, and the follow-up actions it set. Actions are
// those the document's audience sees (present.Actions): in bp list and
// the site's events.json only the ones the plan marks public; in bp show
// and bp brief every one, each saying whether it is public.
type OutcomeJSON struct {
	Summary     string              `json:"summary"`
	Link        *string             `json:"link"`
	Recorded    string              `json:"recorded"`
	Conclusions []string            `json:"conclusions"`
	Actions     []OutcomeActionJSON `json:"actions"`
}

// OutcomeActionJSON is an action in an event's outcome: who owes what,
// by when, and where it stands.
type OutcomeActionJSON struct {
	ID         string   `json:"id"`
	Text       string   `json:"text"`
	Owners     []string `json:"owners"`
	OwnerNames []string `json:"ownerNames"`
	Due        string   `json:"due"`
	DueText    string   `json:"dueText"`
	State      string   `json:"state"`
	Since      *string  `json:"since"`
	Public     bool     `json:"public"`
}

// OptString is s for a JSON field that is null when empty.
func OptString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func datePtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := workplan.ISODay(t)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// eventPlan is the plan an event is shown with: its own, when it was
// read from a file (a list may hold events of several plan years), else
// plan.
func eventPlan(plan *workplan.Plan, e *workplan.Event) *workplan.Plan {
	if p := e.Plan(); p != nil {
		return p
	}
	return plan
}

// NewEventJSON converts an event to its JSON shape, as the public reads
// it (bp list, the site's events.json): its outcome's actions are those
// the plan marks public. plan is the event's plan when the event does
// not know it (see [workplan.Event.Plan]).
func NewEventJSON(plan *workplan.Plan, e *workplan.Event) EventJSON {
	return EventJSONFor(plan, e, present.Public)
}

// EventJSONFor converts an event to its JSON shape as the audience reads
// it: its outcome holds the actions the audience sees.
func EventJSONFor(plan *workplan.Plan, e *workplan.Event, a present.Audience) EventJSON {
	plan = eventPlan(plan, e)
	j := EventJSON{
		ID:                   e.ID,
		Title:                e.Title,
		Type:                 string(e.Type),
		DateTBC:              e.DateTBC,
		DateText:             e.DateText(),
		StartTime:            OptString(e.StartTime.String()),
		EndTime:              OptString(e.EndTime.String()),
		Format:               OptString(string(e.Format)),
		Location:             OptString(e.Location.Name()),
		LocationTBC:          e.LocationTBC(),
		LocationAlternatives: []string{},
		Status:               string(e.Status),
		Reason:               OptString(e.Reason),
		Links:                make([]LinkJSON, len(e.Links)),
		Groups:               nonNil(e.Groups),
		Partners:             nonNil(e.Partners),
		Product:              OptString(e.Product),
		BackToBack:           OptString(e.BackToBack),
		Purpose:              OptString(e.Purpose),
		Notes:                OptString(e.Notes),
	}
	for i, l := range e.Links {
		j.Links[i] = LinkJSON{Kind: string(l.Kind), URL: l.URL, Label: OptString(l.Label)}
	}
	if !e.StartTime.IsZero() {
		j.TimeZone = OptString(e.Zone(plan))
	}
	if e.HasDay() {
		j.Start, j.End = datePtr(e.Start), datePtr(e.End)
	}
	if !e.Month.IsZero() {
		j.Month = workplan.ISOMonth(e.Month)
	}
	if e.Location != nil {
		for _, p := range e.Location.Alternatives {
			j.LocationAlternatives = append(j.LocationAlternatives, p.String())
		}
	}
	if o := e.Outcome; o != nil {
		j.Outcome = outcomeJSON(plan, o, a)
	}
	j.MovedFrom = make([]DatesJSON, 0, len(e.MovedFrom))
	for _, d := range e.MovedFrom {
		dj := DatesJSON{DateText: d.Text()}
		if d.HasDay() {
			dj.Start, dj.End = datePtr(d.Start), datePtr(d.End)
			dj.Month = workplan.ISOMonth(d.Start)
		} else {
			dj.Month = workplan.ISOMonth(d.Month)
		}
		j.MovedFrom = append(j.MovedFrom, dj)
	}
	return j
}

// EventsJSON writes {"events": [...]} for the given events: the bytes
// present.WriteJSON writes for them, one event at a time, so that neither
// the events' JSON shapes nor the document are ever whole in memory
// (100,000 events make 76 MB of JSON).
func EventsJSON(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	if len(evs) == 0 {
		return present.WriteJSON(w, struct {
			Events []EventJSON `json:"events"`
		}{Events: []EventJSON{}})
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ") // an item of "events", two levels down
	enc.SetEscapeHTML(false)
	bw.WriteString("{\n  \"events\": [\n    ")
	var j EventJSON // one for all: Encode would take a copy of each to the heap
	for i, e := range evs {
		if i > 0 {
			bw.WriteString(",\n    ")
		}
		one.Reset()
		j = NewEventJSON(plan, e)
		if err := enc.Encode(&j); err != nil {
			return err
		}
		bw.Write(present.EscapeJSON(bytes.TrimSuffix(one.Bytes(), []byte("\n"))))
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

func outcomeJSON(plan *workplan.Plan, o *workplan.Outcome, a present.Audience) *OutcomeJSON {
	j := &OutcomeJSON{Summary: o.Summary, Link: OptString(o.Link), Recorded: workplan.ISODay(o.Recorded),
		Conclusions: nonNil(o.Conclusions), Actions: []OutcomeActionJSON{}}
	for _, x := range present.Actions(o, a) {
		aj := OutcomeActionJSON{ID: x.ID, Text: x.Text, Owners: nonNil(x.Owners), OwnerNames: []string{},
			Due: x.DueValue(), DueText: x.DueText(), State: string(x.State), Since: datePtr(x.Since), Public: x.Public}
		for _, o := range x.Owners {
			aj.OwnerNames = append(aj.OwnerNames, plan.OwnerName(o))
		}
		j.Actions = append(j.Actions, aj)
	}
	return j
}
