package report

// The follow-up of the report as JSON (always there) and its section in
// the report's view (when the plans hold any action).

import (
	"strconv"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// FollowUpJSON is the follow-up in the published JSON shape of a status
// report (key "followUp"); its field names are a contract.
type FollowUpJSON struct {
	Since    string               `json:"since"`
	Counts   FollowUpCountsJSON   `json:"counts"`
	Open     []OwnerActionsJSON   `json:"open"`
	Done     []render.ActionJSON  `json:"done"`
	Meetings []MeetingActionsJSON `json:"meetings"`
}

// FollowUpCountsJSON counts the actions, each once.
type FollowUpCountsJSON struct {
	Open            int `json:"open"`
	Overdue         int `json:"overdue"`
	DoneInPeriod    int `json:"doneInPeriod"`
	DroppedInPeriod int `json:"droppedInPeriod"`
}

// OwnerActionsJSON is an owner and the open actions it owes.
type OwnerActionsJSON struct {
	Owner   string              `json:"owner"`
	Name    string              `json:"name"`
	Overdue int                 `json:"overdue"`
	Actions []render.ActionJSON `json:"actions"`
}

// MeetingActionsJSON is a meeting ahead and the actions to be reported
// there.
type MeetingActionsJSON struct {
	Event    string              `json:"event"`
	Title    string              `json:"title"`
	DateText string              `json:"dateText"`
	Actions  []render.ActionJSON `json:"actions"`
}

func (r *Report) followUpJSON() *FollowUpJSON {
	f := r.FollowUp
	if f == nil {
		f = &Tracking{}
	}
	j := &FollowUpJSON{
		Counts:   FollowUpCountsJSON{Open: f.Counts.Open, Overdue: f.Counts.Overdue, DoneInPeriod: f.Counts.DoneInPeriod, DroppedInPeriod: f.Counts.DroppedInPeriod},
		Open:     []OwnerActionsJSON{},
		Done:     []render.ActionJSON{},
		Meetings: []MeetingActionsJSON{},
	}
	if !f.Since.IsZero() {
		j.Since = workplan.ISODay(f.Since)
	}
	list := func(pas []render.PlanAction) []render.ActionJSON {
		out := make([]render.ActionJSON, 0, len(pas))
		for _, pa := range pas {
			out = append(out, render.NewActionJSON(pa, r.AsOf))
		}
		return out
	}
	for _, o := range f.Open {
		j.Open = append(j.Open, OwnerActionsJSON{Owner: o.Owner, Name: o.Name, Overdue: o.Overdue, Actions: list(o.Actions)})
	}
	j.Done = list(f.Done)
	for _, m := range f.Meetings {
		j.Meetings = append(j.Meetings, MeetingActionsJSON{Event: m.Event.ID, Title: m.Event.Title, DateText: m.Event.DateText(), Actions: list(m.Actions)})
	}
	return j
}

// Summary says where the follow-up stands in a sentence: "5
// actions open, 2 of them overdue; 3 done and 1 dropped since 1 Jan
// 2026."
func (f *Tracking) Summary(asOf string) string {
	s := plural(f.Counts.Open, "action") + " open"
	if f.Counts.Overdue > 0 {
		s += ", " + strconv.Itoa(f.Counts.Overdue) + " of them overdue"
	}
	s += "; " + strconv.Itoa(f.Counts.DoneInPeriod) + " done"
	if f.Counts.DroppedInPeriod > 0 {
		s += " and " + strconv.Itoa(f.Counts.DroppedInPeriod) + " dropped"
	}
	return s + " from " + workplan.DayText(f.Since) + " to " + asOf + "."
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// due is an open action's due date with how late it is: "31 May 2026
// (181 days overdue)".
func (r *Report) due(pa render.PlanAction) string {
	a := pa.Action
	if n := a.DaysOverdue(r.AsOf); n > 0 {
		return a.DueText() + " (" + present.Days(n) + " overdue)"
	}
	return a.DueText()
}

// followUpSection is the follow-up in the report's view: who still owes
// what, what was done in the period, what is to be reported at the
// meetings ahead; nil when the plans hold no action.
func (r *Report) followUpSection() *present.Section {
	f := r.FollowUp
	if f == nil || !f.Any {
		return nil
	}
	s := &present.Section{Title: "Follow-up", ID: "followup", Blocks: []present.Block{
		&present.Para{Text: f.Summary(workplan.DayText(r.AsOf))},
	}}
	if len(f.Open) > 0 {
		t := &present.Table{Label: "Open actions", Columns: []present.Column{
			{Title: "Owner", Width: 20}, {Title: "Action", Width: 34}, {Title: "Due", Width: 18},
		}}
		for _, o := range f.Open {
			for _, pa := range o.Actions {
				due := present.Cell{Text: r.due(pa)}
				if pa.Action.DaysOverdue(r.AsOf) > 0 {
					due.Tone = present.ToneActionLate
				}
				t.Rows = append(t.Rows, []present.Cell{{Text: o.Name, Strong: true}, present.Plain(pa.Action.Text, "("+pa.Action.ID+")"), due})
			}
		}
		s.Blocks = append(s.Blocks, &present.Section{Title: "Open actions by owner, overdue first", Blocks: []present.Block{t}})
	}
	if len(f.Done) > 0 {
		t := &present.Table{Label: "Done", Columns: []present.Column{
			{Title: "Done", Width: 11}, {Title: "Action", Width: 38}, {Title: "Owners", Width: 24},
		}}
		for _, pa := range f.Done {
			t.Rows = append(t.Rows, []present.Cell{present.Plain(workplan.DayText(pa.Action.Since)), present.Plain(pa.Action.Text, "("+pa.Action.ID+")"), present.Plain(render.OwnersText(pa.Plan, pa.Action))})
		}
		s.Blocks = append(s.Blocks, &present.Section{Title: "Done since " + workplan.DayText(f.Since), Blocks: []present.Block{t}})
	}
	for _, m := range f.Meetings {
		s.Blocks = append(s.Blocks, &present.Section{
			Title:  "To report at " + m.Event.Title + ", " + m.Event.DateText() + " (" + m.Event.ID + ")",
			Blocks: []present.Block{actionsTable(m.Actions, present.Internal, r.AsOf)},
		})
	}
	return s
}

// actionsTable is a table of actions: what, who owes it, its state as
// the audience is told it.
func actionsTable(acts []render.PlanAction, a present.Audience, today time.Time) *present.Table {
	t := &present.Table{Label: present.LabelActions, Columns: []present.Column{
		{Title: "Action", Width: 34}, {Title: "Owners", Width: 20}, {Title: "State", Width: 18},
	}}
	for _, pa := range acts {
		state, tone := present.ActionStateDue(pa.Action, a, today)
		what := present.Plain(pa.Action.Text)
		if a.Rule().IDs {
			what.Sub = []string{"(" + pa.Action.ID + ")"}
		}
		t.Rows = append(t.Rows, []present.Cell{what, present.Plain(render.OwnersText(pa.Plan, pa.Action)), {Text: state, Tone: tone}})
	}
	return t
}
