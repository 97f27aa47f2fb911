package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// WriteMarkdown writes the report as GitHub-flavoured Markdown, ready to
// paste into a wiki page or an issue. Every piece of text from the plan,
// in tables and outside them, is escaped with render.MarkdownCell, so it
// can neither break a table nor add markup, links or HTML.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := render.MarkdownCell
	line := func(s string) { bw.WriteString(s + "\n") }
	table := func(header []string, rows [][]string) {
		line("")
		line("| " + strings.Join(header, " | ") + " |")
		seps := make([]string, len(header))
		for i, h := range header {
			seps[i] = "---"
			if h == "Events" || h == "Held" {
				seps[i] = "--:"
			}
		}
		line("| " + strings.Join(seps, " | ") + " |")
		for _, row := range rows {
			line("| " + strings.Join(row, " | ") + " |")
		}
	}

	line("# " + m(r.Heading()))
	line("")
	line("**" + m(r.Subheading()) + "**")
	var meta []string
	if f := FrameworkText(r.Plan); f != "" {
		meta = append(meta, m(f))
	}
	if p := r.People(); p != "" {
		meta = append(meta, m(p))
	}
	if len(meta) > 0 {
		line("")
		line(strings.Join(meta, "  \n"))
	}
	line("")
	line(m(r.Overview()) + ".")
	line("")
	line("**Next:** " + m(r.NextText()))

	line("")
	line("## States")
	var rows [][]string
	for _, s := range States {
		rows = append(rows, []string{m(s.Label()), strconv.Itoa(r.Counts[s]), m(s.Doc())})
	}
	table([]string{"State", "Events", "Meaning"}, rows)

	line("")
	line("## Events")
	if len(r.Events) == 0 {
		line("")
		line("The plan has no events.")
	} else {
		rows = rows[:0]
		for _, es := range r.Events {
			e := es.Event
			rows = append(rows, []string{
				m(e.DateText()),
				m(e.Title) + " (" + m(e.ID) + ")",
				m(render.Where(e)),
				"**" + m(es.State.Label()) + "**",
				m(es.Detail()) + outcomeMarkdown(es) + notesMarkdown(es.Event),
			})
		}
		table([]string{"Date", "Event", "Where", "State", "Detail"}, rows)
	}

	for _, sec := range []struct {
		title, col string
		rows       []Breakdown
	}{
		{"By group", "Group", r.ByGroup},
		{"By type", "Type", r.ByType},
		{"By quarter", "Quarter", r.ByQuarter},
	} {
		line("")
		line("## " + sec.title)
		rows = rows[:0]
		for _, b := range sec.rows {
			rows = append(rows, []string{m(b.Name), strconv.Itoa(b.Counts.Total()), strconv.Itoa(b.Counts[Held]), m(b.Counts.Summary())})
		}
		table([]string{sec.col, "Events", "Held", "States"}, rows)
	}

	line("")
	line("## Knowledge products")
	if len(r.Products) == 0 {
		line("")
		line("The plan names no knowledge products.")
	} else {
		rows = rows[:0]
		for _, ps := range r.Products {
			var ats []string
			for _, es := range ps.Events {
				ats = append(ats, m(es.Event.Title)+", "+m(es.Event.DateText())+": **"+m(es.State.Label())+"**")
			}
			at := "not presented at any event"
			if len(ats) > 0 {
				at = strings.Join(ats, "<br>")
			}
			rows = append(rows, []string{m(ps.Product.Title), at})
		}
		table([]string{"Product", "Presented at"}, rows)
	}

	line("")
	line("## Milestones")
	if len(r.Milestones) == 0 {
		line("")
		line("The plan names no milestones.")
	} else {
		rows = rows[:0]
		for _, ms := range r.Milestones {
			rows = append(rows, []string{m(ms.Milestone.Title), m(ms.When(r))})
		}
		table([]string{"Milestone", "When"}, rows)
	}
	r.followUpMarkdown(line, table)
	return bw.Flush()
}

// outcomeMarkdown adds the recorded outcome to a held event's detail.
// The link is shown as text, escaped, not as a Markdown link: a plan's
// text never becomes markup.
func outcomeMarkdown(es EventStatus) string {
	o := es.Event.Outcome
	if es.State != Held || o == nil {
		return ""
	}
	s := ": " + render.MarkdownCell(o.Summary)
	if o.Link != "" {
		s += " (" + render.MarkdownCell(o.Link) + ")"
	}
	return s
}

// notesMarkdown adds an event's notes to its detail: why it was postponed
// or cancelled, what is still sought.
func notesMarkdown(e *workplan.Event) string {
	if strings.TrimSpace(e.Notes) == "" {
		return ""
	}
	return "<br>**Notes:** " + render.MarkdownCell(e.Notes)
}
