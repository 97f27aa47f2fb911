package plandiff

// What happened to a meeting between two published versions of a plan,
// in the words the public reads (the site's "What changed" page and its
// Atom feeds): no ids, no field names, no internal state.

import (
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// PublicWords says what happened to a meeting between two published
// versions of its plan, one sentence a change, in the order a reader
// wants them: o is the meeting as it was (nil: it is new), n as it is
// (nil: it left the plan). The words are the public's: "New: 25–26 Jun
// 2026, Vienna, Austria", "Moved from 25–26 Jun 2026 to 8–9 Jul 2026",
// "Date set: 14 Sep 2026", "Date confirmed: 14 Sep 2026", "Place
// confirmed: Vienna, Austria", "Postponed: a new date is to be
// announced", "Cancelled: merged into the October meeting", "Outcome
// published: …". A cancellation or a postponement says only that. It
// returns nothing when nothing the public reads changed.
func PublicWords(o, n *workplan.Event) []string {
	switch {
	case o == nil && n == nil:
		return nil
	case o == nil:
		return []string{"New: " + publicSummary(n)}
	case n == nil:
		return []string{"Removed from the plan"}
	}
	if n.Status != o.Status {
		switch n.Status {
		case workplan.StatusCancelled:
			if r := CancelReason(n); r != "" {
				return []string{"Cancelled: " + r}
			}
			return []string{"Cancelled"}
		case workplan.StatusPostponed:
			if n.Reason != "" {
				return []string{"Postponed: " + n.Reason + "; a new date is to be announced"}
			}
			return []string{"Postponed: a new date is to be announced"}
		}
	}
	var words []string
	add := func(s string) {
		if s != "" {
			words = append(words, s)
		}
	}
	if o.Title != n.Title {
		add("Renamed; it was “" + o.Title + "”")
	}
	if (o.Status == workplan.StatusCancelled || o.Status == workplan.StatusPostponed) && n.Status != workplan.StatusHeld {
		add("Back in the plan, " + o.Status.Phrase() + " no longer")
	}
	if c, ok := dateChange(o, n); ok {
		add(publicDateWords(o, n, c))
	}
	add(publicTimeWords(o, n))
	if c, ok := locationChange(o.Location, n.Location); ok {
		add(publicPlaceWords(o.Location, n.Location, c))
	}
	add(publicFormatWords(o.Format, n.Format))
	if n.Status == workplan.StatusConfirmed && o.Status != n.Status && len(words) == 0 {
		add("Confirmed")
	}
	if oo, no := recorded(o.Outcome), recorded(n.Outcome); no != nil && (oo == nil || outcomeText(oo) != outcomeText(no)) {
		if oo == nil {
			add("Outcome published: " + no.Summary)
		} else {
			add("Outcome updated: " + no.Summary)
		}
	}
	if len(words) == 0 && detailsChanged(o, n) {
		add("Details updated")
	}
	return words
}

// publicTimeWords words a change of a meeting's times; "" for none.
func publicTimeWords(o, n *workplan.Event) string {
	if timeText(o) == timeText(n) {
		return ""
	}
	switch {
	case workplan.ClockRange(o.StartTime, o.EndTime) == "":
		return "Time set: " + n.TimeText(n.Plan())
	case workplan.ClockRange(n.StartTime, n.EndTime) == "":
		return "Time removed; it was " + o.TimeText(o.Plan())
	}
	return "Time changed from " + o.TimeText(o.Plan()) + " to " + n.TimeText(n.Plan())
}

// publicFormatWords words a change of format; "" for none.
func publicFormatWords(o, n workplan.Format) string {
	switch {
	case o == n:
		return ""
	case n == "":
		return "Format no longer given"
	case o == "":
		return "Format set: " + n.Phrase()
	}
	return "Now " + n.Phrase() + "; it was " + o.Phrase()
}

// CancelReason is why a meeting was cancelled: its reason, or, in a plan
// written before events had one, what bp cancel --reason then added at
// the end of its notes ("Cancelled: REASON"); "" when neither says.
func CancelReason(e *workplan.Event) string {
	if e.Reason != "" {
		return e.Reason
	}
	i := strings.LastIndex(e.Notes, "Cancelled: ")
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(e.Notes[i+len("Cancelled: "):])
}

// publicSummary is a new meeting in a few words: its date, its time and
// where or how it is held.
func publicSummary(e *workplan.Event) string {
	parts := []string{e.DateText()}
	if t := e.TimeText(e.Plan()); t != "" {
		parts = append(parts, t)
	}
	if s := e.Location.String(); s != "" {
		parts = append(parts, s)
	} else if e.Format != "" {
		parts = append(parts, e.Format.Phrase())
	}
	return strings.Join(parts, ", ")
}

// publicDateWords words a change of days that dateChange found.
func publicDateWords(o, n *workplan.Event, c Change) string {
	sameDays := o.Start.Equal(n.Start) && o.End.Equal(n.End) && o.Month.Equal(n.Month)
	switch {
	case sameDays && !n.DateTBC:
		return "Date confirmed: " + n.DateText()
	case sameDays:
		return "Date to be confirmed again: " + n.DateText()
	case c.Kind == KindConfirmed && !o.HasDay():
		return "Date set: " + n.DateText()
	case !o.HasDay() && n.HasDay(): // a proposed day in the month
		return "Date proposed: " + n.DateText()
	}
	return "Moved from " + o.Dates().Text() + " to " + n.DateText()
}

// publicPlaceWords words a change of place that locationChange found.
func publicPlaceWords(o, n *workplan.Location, c Change) string {
	switch {
	case c.New == "":
		return "Place removed; it was " + c.Old
	case c.Old == "":
		return "Place set: " + c.New
	case c.Kind == KindConfirmed:
		return "Place confirmed: " + n.String()
	case o.Name() == n.Name():
		return "Place to be confirmed again: " + n.String()
	case len(n.Alternatives) > 0 || n.TBC:
		return "Place changed: now " + n.String()
	}
	return "Place changed from " + placeWords(o) + " to " + n.String()
}

// recorded is the outcome once recorded; nil before.
func recorded(o *workplan.Outcome) *workplan.Outcome {
	if o == nil || o.Recorded.IsZero() {
		return nil
	}
	return o
}

// detailsChanged reports whether anything else the public reads of a
// meeting changed: its type, groups, partners, purpose, notes, the
// product it presents or the meeting it is back-to-back with.
func detailsChanged(o, n *workplan.Event) bool {
	for _, c := range otherChanges(o, n) {
		if c.Field != "outcome" {
			return true
		}
	}
	return o.Type != n.Type
}
