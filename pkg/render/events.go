// Package render writes workplan data for people and programs: tables for
// the terminal, JSON, CSV and Markdown for events, and text, JSON and
// GitHub annotations for diagnostics. Every writer takes an io.Writer and
// gives the same bytes for the same input.
//
// # Safety
//
// Text from a workplan is data, never markup: terminal output drops
// control characters (no escape sequences reach the terminal), CSV cells
// that a spreadsheet would run as a formula are prefixed with a quote,
// and Markdown cells escape the characters that would change the table
// or inject HTML.
package render

import (
	"encoding/json"
	"io"
	"time"

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
	s := t.Format("2006-01-02")
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// NewEventJSON converts an event of plan to its JSON shape.
func NewEventJSON(plan *workplan.Plan, e *workplan.Event) EventJSON {
	j := EventJSON{
		ID:                   e.ID,
		Title:                e.Title,
		Type:                 string(e.Type),
		DateTBC:              e.DateTBC,
		DateText:             e.DateText(),
		StartTime:            strPtr(e.StartTime),
		EndTime:              strPtr(e.EndTime),
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
	if e.StartTime != "" {
		j.TimeZone = strPtr(e.Zone(plan))
	}
	if e.HasDay() {
		j.Start, j.End = datePtr(e.Start), datePtr(e.End)
	}
	if !e.Month.IsZero() {
		j.Month = e.Month.Format("2006-01")
	}
	if e.Location != nil {
		for _, p := range e.Location.Alternatives {
			j.LocationAlternatives = append(j.LocationAlternatives, p.String())
		}
	}
	if o := e.Outcome; o != nil {
		j.Outcome = &OutcomeJSON{Summary: o.Summary, Link: strPtr(o.Link), Recorded: o.Recorded.Format("2006-01-02")}
	}
	return j
}

// WriteJSON writes v as one indented JSON document with a trailing
// newline. HTML characters are not escaped: the output is data for
// scripts, and "<" must stay "<".
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
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
