package render

// The views of the documents of bp list, bp show and bp actions: each
// builds a present.Doc, which present's writers print as text,
// Markdown or HTML.

import (
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// EventsDoc is the view of a list of events (bp list): one table of
// their dates, titles and ids (and why an event was cancelled or
// postponed, its reason fact), where, and their status in the plan,
// marked "(past)" once their days are over as of today.
func EventsDoc(plan *workplan.Plan, evs []*workplan.Event, today time.Time) *present.Doc {
	t := &present.Table{Columns: []present.Column{
		{Title: present.LabelDate, Width: 14}, {Title: "Event", Width: 29},
		{Title: "Where", Width: 17}, {Title: present.LabelStatus, Width: 9},
	}}
	for _, e := range evs {
		date := strings.Split(When(plan, e), "\n")
		if m := e.MovedText(); m != "" {
			date = append(date, "("+m+")")
		}
		title := []string{"(" + e.ID + ")"}
		if r := present.ReasonFact(e); r.Value != "" {
			title = append(title, r.Label+": "+r.Value)
		}
		t.Rows = append(t.Rows, []present.Cell{
			present.Plain(date[0], date[1:]...),
			present.Plain(e.Title, title...),
			present.Plain(Where(e)),
			present.Plain(e.Status.Label(), pastMark(e, today)...),
		})
	}
	return &present.Doc{Blocks: []present.Block{t}}
}

// pastMark is "(past)" for an event still planned, confirmed or
// postponed whose days are over as of today; none for a held or
// cancelled one, whose status says it.
func pastMark(e *workplan.Event, today time.Time) []string {
	if _, last := e.Span(); today.IsZero() || !last.Before(present.Day(today)) ||
		e.Status == workplan.StatusHeld || e.Status == workplan.StatusCancelled {
		return nil
	}
	return []string{"(past)"}
}

// EventDoc is the view of one event in full (bp show): its title, and
// its facts as the audience is told them as of asOf
// ([present.EventFacts]).
func EventDoc(plan *workplan.Plan, e *workplan.Event, a present.Audience, asOf time.Time) *present.Doc {
	return &present.Doc{Title: e.Title, Blocks: []present.Block{
		&present.Facts{Items: present.EventFacts(plan, e, a, asOf)},
	}}
}

// ActionsDoc is the view of a list of actions (bp actions): one table
// of when each is due, what it is, who owes it and where it stands.
func ActionsDoc(acts []PlanAction, today time.Time) *present.Doc {
	t := &present.Table{Columns: []present.Column{
		{Title: "Due", Width: 11}, {Title: "Action", Width: 30},
		{Title: "Owners", Width: 18}, {Title: "State", Width: 13},
	}}
	for _, pa := range acts {
		a := pa.Action
		state, tone := present.ActionState(a, present.Internal, today)
		t.Rows = append(t.Rows, []present.Cell{
			present.Plain(a.DueText()),
			present.Plain(a.Text, "("+a.ID+")"),
			present.Plain(OwnersText(pa.Plan, a)),
			{Text: state, Tone: tone},
		})
	}
	return &present.Doc{Blocks: []present.Block{t}}
}
