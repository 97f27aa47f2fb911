package report

// The follow-up section in each format of the report. Text, Markdown and
// HTML show it when the plans hold any action; JSON always has it.

import (
	_ "embed"
	"strconv"

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
		return a.DueText() + " (" + render.Days(n) + " overdue)"
	}
	return a.DueText()
}

// followUpText writes the section for the terminal.
func (r *Report) followUpText(section func(string), para func(string), line func(string), table func(render.Table) error) error {
	f := r.FollowUp
	if f == nil || !f.Any {
		return nil
	}
	section("Follow-up")
	para(f.Summary(workplan.DayText(r.AsOf)))
	if len(f.Open) > 0 {
		line("")
		line("Open actions by owner, overdue first:")
		t := render.Table{Header: []string{"Owner", "Action", "Due"}, Max: []int{20, 34, 18}}
		for _, o := range f.Open {
			for i, pa := range o.Actions {
				name := o.Name
				if i > 0 {
					name = ""
				}
				t.Rows = append(t.Rows, []string{name, pa.Action.Text + "\n(" + pa.Action.ID + ")", r.due(pa)})
			}
		}
		if err := table(t); err != nil {
			return err
		}
	}
	if len(f.Done) > 0 {
		line("")
		line("Done since " + workplan.DayText(f.Since) + ":")
		t := render.Table{Header: []string{"Done", "Action", "Owners"}, Max: []int{11, 38, 24}}
		for _, pa := range f.Done {
			t.Rows = append(t.Rows, []string{workplan.DayText(pa.Action.Since), pa.Action.Text + "\n(" + pa.Action.ID + ")", render.OwnersText(pa.Plan, pa.Action)})
		}
		if err := table(t); err != nil {
			return err
		}
	}
	for _, m := range f.Meetings {
		line("")
		para("To report at " + m.Event.Title + ", " + m.Event.DateText() + " (" + m.Event.ID + "):")
		t := render.Table{Header: []string{"Action", "Owners", "State"}, Max: []int{34, 20, 18}}
		for _, pa := range m.Actions {
			t.Rows = append(t.Rows, []string{pa.Action.Text + "\n(" + pa.Action.ID + ")", render.OwnersText(pa.Plan, pa.Action), render.StateText(pa.Action, r.AsOf)})
		}
		if err := table(t); err != nil {
			return err
		}
	}
	return nil
}

// followUpMarkdown writes the section as Markdown.
func (r *Report) followUpMarkdown(line func(string), table func([]string, [][]string)) {
	f := r.FollowUp
	if f == nil || !f.Any {
		return
	}
	m := render.MarkdownCell
	line("")
	line("## Follow-up")
	line("")
	line(m(f.Summary(workplan.DayText(r.AsOf))))
	if len(f.Open) > 0 {
		line("")
		line("### Open actions by owner")
		var rows [][]string
		for _, o := range f.Open {
			for i, pa := range o.Actions {
				name := "**" + m(o.Name) + "**"
				if i > 0 {
					name = ""
				}
				rows = append(rows, []string{name, m(pa.Action.Text) + " (`" + m(pa.Action.ID) + "`)", m(r.due(pa))})
			}
		}
		table([]string{"Owner", "Action", "Due"}, rows)
	}
	if len(f.Done) > 0 {
		line("")
		line("### Done since " + m(workplan.DayText(f.Since)))
		var rows [][]string
		for _, pa := range f.Done {
			rows = append(rows, []string{m(workplan.DayText(pa.Action.Since)), m(pa.Action.Text) + " (`" + m(pa.Action.ID) + "`)", m(render.OwnersText(pa.Plan, pa.Action))})
		}
		table([]string{"Done", "Action", "Owners"}, rows)
	}
	for _, mt := range f.Meetings {
		line("")
		line("### To report at " + m(mt.Event.Title) + ", " + m(mt.Event.DateText()))
		var rows [][]string
		for _, pa := range mt.Actions {
			rows = append(rows, []string{m(pa.Action.Text) + " (`" + m(pa.Action.ID) + "`)", m(render.OwnersText(pa.Plan, pa.Action)), m(render.StateText(pa.Action, r.AsOf))})
		}
		table([]string{"Action", "Owners", "State"}, rows)
	}
}

// htmlFollowUp is the follow-up as the HTML page shows it.
type htmlFollowUp struct {
	Summary  string
	Since    string
	Open     []htmlOwner
	Done     []htmlAction
	Meetings []htmlMeeting
}

type htmlOwner struct {
	Name    string
	Actions []htmlAction
}

type htmlAction struct {
	ID, Text, Owners, Due, State, Since string
	Overdue                             bool
}

type htmlMeeting struct {
	ID, Title, Date string
	Actions         []htmlAction
}

func (r *Report) followUpHTML() *htmlFollowUp {
	f := r.FollowUp
	if f == nil || !f.Any {
		return nil
	}
	act := func(pa render.PlanAction) htmlAction {
		a := pa.Action
		h := htmlAction{ID: a.ID, Text: a.Text, Owners: render.OwnersText(pa.Plan, a), Due: r.due(pa),
			State: render.StateText(a, r.AsOf), Overdue: a.DaysOverdue(r.AsOf) > 0}
		if !a.Since.IsZero() {
			h.Since = workplan.DayText(a.Since)
		}
		return h
	}
	h := &htmlFollowUp{Summary: f.Summary(workplan.DayText(r.AsOf)), Since: workplan.DayText(f.Since)}
	for _, o := range f.Open {
		ho := htmlOwner{Name: o.Name}
		for _, pa := range o.Actions {
			ho.Actions = append(ho.Actions, act(pa))
		}
		h.Open = append(h.Open, ho)
	}
	for _, pa := range f.Done {
		h.Done = append(h.Done, act(pa))
	}
	for _, m := range f.Meetings {
		hm := htmlMeeting{ID: m.Event.ID, Title: m.Event.Title, Date: m.Event.DateText()}
		for _, pa := range m.Actions {
			hm.Actions = append(hm.Actions, act(pa))
		}
		h.Meetings = append(h.Meetings, hm)
	}
	return h
}

//go:embed followup.html.tmpl
var followUpHTMLSource string
