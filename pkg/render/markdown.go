package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// MarkdownCell makes text safe inside a Markdown table cell: pipes and
// backslashes are escaped, line breaks become spaces, and the characters
// that start HTML or links are written as entities, so a title cannot
// add markup or script to a rendered page.
func MarkdownCell(s string) string {
	s = Clean(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '|':
			b.WriteString(`\|`)
		case '\\':
			b.WriteString(`\\`)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '[', ']', '`', '*', '_', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// EventsMarkdown writes the events as a GitHub-flavoured Markdown table.
func EventsMarkdown(w io.Writer, plan *workplan.Plan, evs []*workplan.Event) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("| Date | Event | Where | Status | ID |\n")
	bw.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, e := range evs {
		date := e.DateText()
		if t := e.TimeText(eventPlan(plan, e)); t != "" {
			date += ", " + t
		}
		if m := e.MovedText(); m != "" {
			date += " (" + m + ")"
		}
		cells := []string{date, e.Title, Where(e), e.Status.Label(), e.ID}
		bw.WriteString("|")
		for _, c := range cells {
			bw.WriteString(" " + MarkdownCell(c) + " |")
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// DateWithMoves is the event's date, and where it moved from:
// "8–9 Jul 2026 (moved from 25–26 Jun 2026)".
func DateWithMoves(e *workplan.Event) string {
	if m := e.MovedText(); m != "" {
		return e.DateText() + " (" + m + ")"
	}
	return e.DateText()
}
