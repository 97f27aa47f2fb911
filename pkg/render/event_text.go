package render

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// EventText writes one event in full for a terminal (`bp show`): its
// title, then one labelled row per field that has a value, wrapped at 74
// columns. Every value goes through [Clean]. Groups, products and the
// plan named are those of the event's own plan (plan when the event does
// not know it).
func EventText(w io.Writer, plan *workplan.Plan, e *workplan.Event) error {
	plan = eventPlan(plan, e)
	bw := bufio.NewWriter(w)
	bw.WriteString(Clean(e.Title) + "\n\n")
	row := func(k, v string) {
		if v == "" {
			return
		}
		lines := wrapWords(Clean(v), 58)
		bw.WriteString("  " + k + strings.Repeat(" ", 14-len(k)) + lines[0] + "\n")
		for _, l := range lines[1:] {
			bw.WriteString(strings.Repeat(" ", 16) + l + "\n")
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
		row("recorded", o.Recorded.Format("2 Jan 2006"))
		row("report", o.Link)
	}
	row("plan", plan.Title+", revision "+strconv.Itoa(plan.Revision))
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
