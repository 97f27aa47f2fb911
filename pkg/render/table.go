package render

import (
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// Where joins format and place: "In person · Antalya, Türkiye".
func Where(e *workplan.Event) string {
	parts := make([]string, 0, 2)
	if f := e.Format.Label(); f != "" {
		parts = append(parts, f)
	}
	if l := e.Location.String(); l != "" {
		parts = append(parts, l)
	}
	return strings.Join(parts, " · ")
}

// When is the Date cell of the table: the date, then for a timed event
// its times and, on a line of its own, their time zone, which a reader
// cannot guess ("20 Jan 2027\n10:00–12:00\nEurope/Vienna").
func When(plan *workplan.Plan, e *workplan.Event) string {
	s := strings.Replace(e.DateText(), " · ", "\n", 1)
	if e.StartTime.IsZero() {
		return s
	}
	s += "\n" + workplan.ClockRange(e.StartTime, e.EndTime)
	if tz := e.Zone(eventPlan(plan, e)); tz != "" {
		s += "\n" + tz
	}
	return s
}
