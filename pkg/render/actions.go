package render

// The follow-up actions of bp actions: table, JSON, CSV and Markdown.

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// PlanAction is an action with the plan it is in: its owners read by
// that plan's groups and offices.
type PlanAction struct {
	Plan   *workplan.Plan
	Action *workplan.Action
}

// ActionJSON is the published JSON form of an action (bp actions -o
// json, and the follow-up of bp status). Its field names are a contract.
type ActionJSON struct {
	ID          string   `json:"id"`
	Text        string   `json:"text"`
	Event       string   `json:"event"`
	EventTitle  string   `json:"eventTitle"`
	Year        int      `json:"year"`
	Owners      []string `json:"owners"`
	OwnerNames  []string `json:"ownerNames"`
	Due         string   `json:"due"`
	DueText     string   `json:"dueText"`
	State       string   `json:"state"`
	Since       *string  `json:"since"`
	Reason      *string  `json:"reason"`
	Note        *string  `json:"note"`
	ReportTo    []string `json:"reportTo"`
	DaysOverdue int      `json:"daysOverdue"`
}

// NewActionJSON converts an action; today dates daysOverdue.
func NewActionJSON(pa PlanAction, today time.Time) ActionJSON {
	a := pa.Action
	j := ActionJSON{
		ID: a.ID, Text: a.Text, Owners: nonNil(a.Owners), Due: a.DueValue(), DueText: a.DueText(),
		State: string(a.State), Since: datePtr(a.Since), Reason: strPtr(a.Reason), Note: strPtr(a.Note),
		ReportTo: nonNil(a.ReportTo), DaysOverdue: a.DaysOverdue(today), OwnerNames: []string{},
	}
	if a.Event != nil {
		j.Event, j.EventTitle = a.Event.ID, a.Event.Title
	}
	if pa.Plan != nil {
		j.Year = pa.Plan.Year
		for _, o := range a.Owners {
			j.OwnerNames = append(j.OwnerNames, pa.Plan.OwnerName(o))
		}
	}
	return j
}

// StateText is an action's state as a person reads it: "Open", "Open,
// 12 days overdue", "Done 20 Apr 2026", "Dropped 10 Sep 2026".
func StateText(a *workplan.Action, today time.Time) string {
	s := a.State.Label()
	if n := a.DaysOverdue(today); n > 0 {
		return s + ", " + Days(n) + " overdue"
	}
	if a.State != workplan.ActionOpen && !a.Since.IsZero() {
		s += " " + workplan.DayText(a.Since)
	}
	return s
}

// Days reads a number of days: "1 day", "12 days".
func Days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// OwnersText names an action's owners as people read them, joined by
// ", ".
func OwnersText(plan *workplan.Plan, a *workplan.Action) string {
	names := make([]string, len(a.Owners))
	for i, o := range a.Owners {
		names[i] = o
		if plan != nil {
			names[i] = plan.OwnerName(o)
		}
	}
	return strings.Join(names, ", ")
}

// ActionsTable writes the actions as a terminal table.
func ActionsTable(w io.Writer, acts []PlanAction, today time.Time) error {
	t := Table{
		Header: []string{"Due", "Action", "Owners", "State"},
		Max:    []int{11, 30, 18, 13},
	}
	for _, pa := range acts {
		a := pa.Action
		t.Rows = append(t.Rows, []string{a.DueText(), a.Text + "\n(" + a.ID + ")", OwnersText(pa.Plan, a), StateText(a, today)})
	}
	return t.Write(w)
}

// ActionsJSON writes {"actions": […]}.
func ActionsJSON(w io.Writer, acts []PlanAction, today time.Time) error {
	out := struct {
		Actions []ActionJSON `json:"actions"`
	}{Actions: make([]ActionJSON, 0, len(acts))}
	for _, pa := range acts {
		out.Actions = append(out.Actions, NewActionJSON(pa, today))
	}
	return WriteJSON(w, out)
}

// actionsCSVHeader is the published column list of bp actions -o csv.
var actionsCSVHeader = []string{"id", "text", "event", "year", "owners", "due", "state", "since", "daysOverdue", "reason", "note", "reportTo"}

// ActionsCSV writes the actions as CSV, cells made safe as [EventsCSV]'s.
func ActionsCSV(w io.Writer, acts []PlanAction, today time.Time) error {
	bw := bufio.NewWriter(w)
	writeCSVRecord(bw, actionsCSVHeader)
	for _, pa := range acts {
		j := NewActionJSON(pa, today)
		row := []string{j.ID, j.Text, j.Event, strconv.Itoa(j.Year), strings.Join(j.Owners, ";"), j.Due, j.State,
			deref(j.Since), strconv.Itoa(j.DaysOverdue), deref(j.Reason), deref(j.Note), strings.Join(j.ReportTo, ";")}
		for i := range row {
			row[i] = CSVCell(row[i])
		}
		writeCSVRecord(bw, row)
	}
	return bw.Flush()
}

// ActionsMarkdown writes the actions as a Markdown table.
func ActionsMarkdown(w io.Writer, acts []PlanAction, today time.Time) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("| Due | Action | Owners | State | Meeting | ID |\n")
	bw.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	for _, pa := range acts {
		a := pa.Action
		meeting := ""
		if a.Event != nil {
			meeting = a.Event.ID
		}
		cells := []string{a.DueText(), a.Text, OwnersText(pa.Plan, a), StateText(a, today), meeting, a.ID}
		bw.WriteString("|")
		for _, c := range cells {
			bw.WriteString(" " + MarkdownCell(c) + " |")
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}
