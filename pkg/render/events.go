// Package render writes workplan data for people and programs: tables for
// the terminal, JSON, CSV and Markdown for events, and text, JSON and
// GitHub annotations for diagnostics. Every writer takes an io.Writer and
// gives the same bytes for the same input.
//
// # Safety
//
// Text from a workplan is data, never markup. [Clean], bp's one cleaning
// function, keeps control, bidi and zero-width characters from the
// terminal (tables, diagnostics, GitHub annotations, CSV); JSON keeps
// them as \u escapes; CSV cells, and each ";"-part of one, that a
// spreadsheet would run as a formula are prefixed with a quote; and
// Markdown cells escape the characters that would change the table or
// inject HTML.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// EventJSON is the published JSON shape of one event. Its field names are
// a contract (README lists them); it is separate from the YAML model so
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
	Groups               []string     `json:"groups"`
	Partners             []string     `json:"partners"`
	Product              *string      `json:"product"`
	BackToBack           *string      `json:"backToBack"`
	Purpose              *string      `json:"purpose"`
	Notes                *string      `json:"notes"`
	Outcome              *OutcomeJSON `json:"outcome"`
	MovedFrom            []DatesJSON  `json:"movedFrom"`
}

// DatesJSON is the published JSON shape of a date an event had before it
// moved: its days, or its month when the day was not known.
type DatesJSON struct {
	Start    *string `json:"start"`
	End      *string `json:"end"`
	Month    string  `json:"month"`
	DateText string  `json:"dateText"`
}

// OutcomeJSON is the published JSON shape of an event's outcome.
type OutcomeJSON struct {
	Summary  string  `json:"summary"`
	Link     *string `json:"link"`
	Recorded string  `json:"recorded"`
}

func strPtr(s string) *string {
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

// NewEventJSON converts an event to its JSON shape. plan is the event's
// plan when the event does not know it (see [workplan.Event.Plan]).
func NewEventJSON(plan *workplan.Plan, e *workplan.Event) EventJSON {
	plan = eventPlan(plan, e)
	j := EventJSON{
		ID:                   e.ID,
		Title:                e.Title,
		Type:                 string(e.Type),
		DateTBC:              e.DateTBC,
		DateText:             e.DateText(),
		StartTime:            strPtr(e.StartTime.String()),
		EndTime:              strPtr(e.EndTime.String()),
		Format:               strPtr(string(e.Format)),
		Location:             strPtr(e.Location.Name()),
		LocationTBC:          e.LocationTBC(),
		LocationAlternatives: []string{},
		Status:               string(e.Status),
		Groups:               nonNil(e.Groups),
		Partners:             nonNil(e.Partners),
		Product:              strPtr(e.Product),
		BackToBack:           strPtr(e.BackToBack),
		Purpose:              strPtr(e.Purpose),
		Notes:                strPtr(e.Notes),
	}
	if !e.StartTime.IsZero() {
		j.TimeZone = strPtr(e.Zone(plan))
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
		j.Outcome = &OutcomeJSON{Summary: o.Summary, Link: strPtr(o.Link), Recorded: workplan.ISODay(o.Recorded)}
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

// WriteJSON writes v as one indented JSON document with a trailing
// newline. HTML characters are not escaped: the output is data for
// scripts, and "<" must stay "<". Every character [safetext.Unsafe]
// names is written as a \uXXXX escape (encoding/json escapes only C0
// controls): the data is kept and round-trips, but no raw C1 control,
// bidi or zero-width character reaches a terminal that shows the JSON.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeUnsafe(buf.Bytes()))
	return err
}

// escapeUnsafe writes the unsafe characters of a JSON document as \u
// escapes. Outside strings JSON has only ASCII, and encoding/json has
// escaped every C0 control inside them, so each unsafe character at or
// above DEL is inside a string, where \uXXXX means the same character
// (all of them are in the Basic Multilingual Plane).
func escapeUnsafe(b []byte) []byte {
	var out []byte // nil until the first unsafe character
	last := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if safetext.Unsafe(r) {
			if out == nil {
				out = make([]byte, 0, len(b)+64)
			}
			out = append(out, b[last:i]...)
			out = append(out, '\\', 'u')
			out = append(out, fmt.Sprintf("%04x", r)...)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// EventsJSON writes {"events": [...]} for the given events.
func EventsJSON(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	out := struct {
		Events []EventJSON `json:"events"`
	}{Events: make([]EventJSON, 0, len(evs))}
	for _, e := range evs {
		out.Events = append(out.Events, NewEventJSON(plan, e))
	}
	return WriteJSON(w, out)
}
