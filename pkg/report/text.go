package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Heading returns the report's first line: the plan's title.
func (r *Report) Heading() string {
	if r.Plan.Title != "" {
		return r.Plan.Title
	}
	return r.Plan.ID
}

// Subheading returns "Status as of 27 Nov 2026 · revision 1 of 27 Nov 2026".
func (r *Report) Subheading() string {
	s := "Status as of " + workplan.DayText(r.AsOf)
	if r.Plan.Revision > 0 {
		s += " · revision " + strconv.Itoa(r.Plan.Revision)
		if !r.Plan.Revised.IsZero() {
			s += " of " + workplan.DayText(r.Plan.Revised)
		}
	}
	return s
}

// People returns "Chair: Türkiye · Co-chair: Hungary · Secretariat: ICMPD",
// leaving out the roles the plan does not name.
func (r *Report) People() string {
	var parts []string
	for _, kv := range [][2]string{{"Chair", r.Plan.Chair}, {"Co-chair", r.Plan.CoChair}, {"Secretariat", r.Plan.Secretariat}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+": "+kv[1])
		}
	}
	return strings.Join(parts, " · ")
}

// Overview returns "11 events: 9 follow-up, 2 overdue".
func (r *Report) Overview() string {
	n := r.Counts.Total()
	s := strconv.Itoa(n) + " events"
	if n == 1 {
		s = "1 event"
	}
	if sum := r.Counts.Summary(); sum != "" {
		s += ": " + sum
	}
	return s
}

// NextText returns the next event in a sentence, or says there is none.
func (r *Report) NextText() string {
	if len(r.Next) == 0 {
		return "No event of the plan is still ahead."
	}
	parts := make([]string, len(r.Next))
	for i, es := range r.Next {
		parts[i] = es.Event.Title + ", " + es.Event.DateText() + " (" + es.Event.ID + ")"
	}
	return strings.Join(parts, "; ") + ", " + inDays(r.Next[0].DaysToGo) + "."
}

// When says where a milestone is in time: "1 Apr 2026 · passed",
// "1 Oct 2026 · in 106 days", "date not set".
func (ms MilestoneStatus) When(r *Report) string {
	m := ms.Milestone
	if m.Date.IsZero() {
		return "date not set"
	}
	if ms.Passed {
		return workplan.DayText(m.Date) + " · passed"
	}
	return workplan.DayText(m.Date) + " · " + inDays(days(r.AsOf, m.Date))
}

// WriteText writes the report for an 80-column terminal, its tables drawn
// by render.Table. Every piece of text from the plan is cleaned of control
// characters.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	c := render.Clean
	line := func(s string) { bw.WriteString(s + "\n") }
	para := func(s string) {
		for _, l := range render.Wrap(c(s), 78) {
			line(l)
		}
	}
	section := func(title string) {
		line("")
		line(title)
		line(strings.Repeat("─", len([]rune(title))))
	}
	table := func(t render.Table) error {
		if err := bw.Flush(); err != nil {
			return err
		}
		return t.Write(bw)
	}

	para(r.Heading())
	line(r.Subheading())
	if f := FrameworkText(r.Plan); f != "" {
		para(f)
	}
	if p := r.People(); p != "" {
		para(p)
	}
	line("")
	para(r.Overview())
	para("Next: " + r.NextText())

	section("States")
	st := render.Table{Header: []string{"State", "Events", "Meaning"}, Max: []int{19, 6, 45}}
	for _, s := range States {
		st.Rows = append(st.Rows, []string{s.Label(), strconv.Itoa(r.Counts[s]), s.Doc()})
	}
	if err := table(st); err != nil {
		return err
	}

	section("Events")
	if len(r.Events) == 0 {
		line("The plan has no events.")
	} else {
		et := render.Table{Header: []string{"Date", "Event", "State"}, Max: []int{14, 32, 24}}
		for _, es := range r.Events {
			e := es.Event
			state := es.State.Label() + "\n" + es.Detail()
			et.Rows = append(et.Rows, []string{
				strings.Replace(e.DateText(), " · ", "\n", 1),
				e.Title + "\n(" + e.ID + ")",
				state,
			})
		}
		if err := table(et); err != nil {
			return err
		}
	}

	// Notes say why: a postponement's reason, a cancellation's, a date
	// still sought. They are sentences, too long for a table cell.
	var noted []EventStatus
	for _, es := range r.Events {
		if strings.TrimSpace(es.Event.Notes) != "" {
			noted = append(noted, es)
		}
	}
	if len(noted) > 0 {
		section("Notes")
		for i, es := range noted {
			if i > 0 {
				line("")
			}
			para(es.Event.Title + " (" + es.Event.ID + "), " + es.Event.DateText() + ":")
			for _, l := range render.Wrap(c(es.Event.Notes), 76) {
				line("  " + l)
			}
		}
	}

	for _, sec := range []struct {
		title, col string
		rows       []Breakdown
	}{
		{"By group", "Group", r.ByGroup},
		{"By type", "Type", r.ByType},
		{"By quarter", "Quarter", r.ByQuarter},
	} {
		section(sec.title)
		if len(sec.rows) == 0 {
			line("None.")
			continue
		}
		t := render.Table{Header: []string{sec.col, "Events", "Held", "States"}, Max: []int{32, 6, 4, 24}}
		for _, b := range sec.rows {
			t.Rows = append(t.Rows, []string{b.Name, strconv.Itoa(b.Counts.Total()), strconv.Itoa(b.Counts[Held]), b.Counts.Summary()})
		}
		if err := table(t); err != nil {
			return err
		}
	}

	section("Knowledge products")
	if len(r.Products) == 0 {
		line("The plan names no knowledge products.")
	} else {
		t := render.Table{Header: []string{"Product", "Presented at", "State"}, Max: []int{30, 28, 15}}
		for _, ps := range r.Products {
			if len(ps.Events) == 0 {
				t.Rows = append(t.Rows, []string{ps.Product.Title, "not presented at any event", ""})
			}
			for i, es := range ps.Events {
				title := ps.Product.Title
				if i > 0 {
					title = ""
				}
				t.Rows = append(t.Rows, []string{title, es.Event.Title + "\n" + es.Event.DateText(), es.State.Label()})
			}
		}
		if err := table(t); err != nil {
			return err
		}
	}

	section("Milestones")
	if len(r.Milestones) == 0 {
		line("The plan names no milestones.")
	} else {
		t := render.Table{Header: []string{"Milestone", "When"}, Max: []int{50, 24}}
		for _, ms := range r.Milestones {
			t.Rows = append(t.Rows, []string{ms.Milestone.Title, ms.When(r)})
		}
		if err := table(t); err != nil {
			return err
		}
	}
	if err := r.followUpText(section, para, line, table); err != nil {
		return err
	}
	return bw.Flush()
}
