package render

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// eventRows are the labelled fields of one event that have a value, in
// the order bp show prints them; plan is the event's own plan.
func eventRows(plan *workplan.Plan, e *workplan.Event) [][2]string {
	var rows [][2]string
	row := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, v})
		}
	}
	row("id", e.ID)
	row("date", DateWithMoves(e))
	row("time", e.TimeText(plan))
	row("type", e.Type.Label())
	row("status", e.Status.Label())
	row("format", e.Format.Label())
	row("location", e.Location.String())
	var groups []string
	for _, g := range e.Groups {
		if gr := plan.Group(g); gr != nil {
			groups = append(groups, gr.Name+" ("+g+")")
		}
	}
	row("groups", strings.Join(groups, "; "))
	row("partners", strings.Join(e.Partners, ", "))
	if p := plan.Product(e.Product); p != nil {
		row("presents", p.Title+" ("+p.ID+")")
	}
	if o := plan.Event(e.BackToBack); o != nil {
		row("back-to-back", o.Title+", "+o.DateText()+" ("+o.ID+")")
	}
	row("purpose", e.Purpose)
	row("notes", e.Notes)
	if o := e.Outcome; o != nil {
		row("outcome", o.Summary)
		row("recorded", workplan.DayText(o.Recorded))
		row("report", o.Link)
	}
	row("plan", plan.Title+", revision "+strconv.Itoa(plan.Revision))
	return rows
}

// EventText writes one event in full for a terminal (`bp show`): its
// title, wrapped at 78 columns, then one labelled row per field that has
// a value, wrapped at 74 columns; a word (an id, a link) is never cut.
// Every value goes through [Clean]. Groups, products and the plan named
// are those of the event's own plan (plan when the event does not know
// it).
func EventText(w io.Writer, plan *workplan.Plan, e *workplan.Event) error {
	plan = eventPlan(plan, e)
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(wrapWords(Clean(e.Title), 78), "\n") + "\n\n")
	for _, r := range eventRows(plan, e) {
		k := r[0]
		lines := wrapWords(Clean(r[1]), 58)
		bw.WriteString("  " + k + strings.Repeat(" ", 14-len(k)) + lines[0] + "\n")
		for _, l := range lines[1:] {
			bw.WriteString(strings.Repeat(" ", 16) + l + "\n")
		}
	}
	return bw.Flush()
}

// EventMarkdown writes one event in full as Markdown (`bp show -o
// markdown`): its title as a heading, then a table of the fields of
// [EventText]. Every value goes through [MarkdownCell].
func EventMarkdown(w io.Writer, plan *workplan.Plan, e *workplan.Event) error {
	plan = eventPlan(plan, e)
	bw := bufio.NewWriter(w)
	bw.WriteString("## " + MarkdownCell(e.Title) + "\n\n| Field | Value |\n| --- | --- |\n")
	for _, r := range eventRows(plan, e) {
		bw.WriteString("| " + r[0] + " | " + MarkdownCell(r[1]) + " |\n")
	}
	return bw.Flush()
}

// wrapWords breaks text into lines of at most width runes, at spaces; a
// word longer than width keeps a line to itself.
func wrapWords(s string, width int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	return append(lines, cur)
}
