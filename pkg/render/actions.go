package render

// The follow-up actions of bp actions: JSON and CSV (ActionsDoc is the
// view for people).

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
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
	Public      bool     `json:"public"`
}

// NewActionJSON converts an action; today dates daysOverdue.
func NewActionJSON(pa PlanAction, today time.Time) ActionJSON {
	a := pa.Action
	j := ActionJSON{
		ID: a.ID, Text: a.Text, Owners: nonNil(a.Owners), Due: a.DueValue(), DueText: a.DueText(),
		State: string(a.State), Since: datePtr(a.Since), Reason: OptString(a.Reason), Note: OptString(a.Note),
		ReportTo: nonNil(a.ReportTo), DaysOverdue: a.DaysOverdue(today), OwnerNames: []string{}, Public: a.Public,
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

// ActionsJSON writes {"actions": […]}.
func ActionsJSON(w io.Writer, acts []PlanAction, today time.Time) error {
	out := struct {
		Actions []ActionJSON `json:"actions"`
	}{Actions: make([]ActionJSON, 0, len(acts))}
	for _, pa := range acts {
		out.Actions = append(out.Actions, NewActionJSON(pa, today))
	}
	return present.WriteJSON(w, out)
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
