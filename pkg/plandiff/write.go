package plandiff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/render"
)

func sideText(s Side) string {
	if s.Absent {
		return "absent"
	}
	t := "revision " + strconv.Itoa(s.Revision)
	if !s.Revised.IsZero() {
		t += " of " + day(s.Revised)
	}
	return t
}

// countsText says "1 event added, 2 changed" or "no event changed".
func (d *Diff) countsText() string {
	a, r, c := d.Counts()
	var parts []string
	if a > 0 {
		parts = append(parts, strconv.Itoa(a)+" added")
	}
	if r > 0 {
		parts = append(parts, strconv.Itoa(r)+" removed")
	}
	if c > 0 {
		parts = append(parts, strconv.Itoa(c)+" changed")
	}
	if len(parts) == 0 {
		return "no event changed"
	}
	n := a + r + c
	word := "events"
	if n == 1 {
		word = "event"
	}
	return strconv.Itoa(n) + " " + word + ": " + strings.Join(parts, ", ")
}

var marks = map[string]string{KindAdded: "+", KindRemoved: "-", KindChanged: "~"}

// WriteText writes the differences for a terminal, one line a change.
func (d *Diff) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "--- %s (%s)\n", render.Clean(d.Old.Name), sideText(d.Old))
	fmt.Fprintf(bw, "+++ %s (%s)\n", render.Clean(d.New.Name), sideText(d.New))
	if d.Equal() {
		bw.WriteString("\nThe plans are the same.\n")
		return bw.Flush()
	}
	if len(d.Plan) > 0 {
		bw.WriteString("\nPlan:\n")
		for _, c := range d.Plan {
			writeWrapped(bw, "  ", "    ", render.Clean(c.Text))
		}
	}
	if len(d.Events) > 0 {
		bw.WriteString("\nEvents:\n")
		for _, e := range d.Events {
			head := "  " + marks[e.Kind] + " " + e.ID + "  "
			if render.Width(head) > 50 {
				// A long id keeps its line; the title goes under it.
				bw.WriteString(strings.TrimRight(head, " ") + "\n")
				head = "    "
			}
			// The title's further lines sit under the id, left of the
			// changes, so that they do not read as a change.
			writeWrapped(bw, head, "    ", render.Clean(e.Title))
			for _, c := range e.Changes {
				writeWrapped(bw, "      ", "        ", render.Clean(c.Text))
			}
		}
	}
	bw.WriteString("\n" + d.countsText() + "\n")
	return bw.Flush()
}

var markdownKinds = map[string]string{KindAdded: "Added", KindRemoved: "Removed", KindChanged: "Changed"}

// WriteMarkdown writes the differences as GitHub-flavoured Markdown, for
// a pull-request comment or a job summary. Text from the plans is escaped,
// so a title cannot add links, HTML or script.
func (d *Diff) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("### Workplan changes\n\n")
	fmt.Fprintf(bw, "From %s (%s) to %s (%s).\n\n",
		codeSpan(d.Old.Name), sideText(d.Old), codeSpan(d.New.Name), sideText(d.New))
	if d.Equal() {
		bw.WriteString("The plans are the same.\n")
		return bw.Flush()
	}
	if len(d.Plan) > 0 {
		bw.WriteString("**Plan**\n\n")
		for _, c := range d.Plan {
			bw.WriteString("- " + render.MarkdownCell(c.Text) + "\n")
		}
		bw.WriteString("\n")
	}
	if len(d.Events) > 0 {
		bw.WriteString("**Events** (" + d.countsText() + ")\n\n")
		for _, e := range d.Events {
			fmt.Fprintf(bw, "- %s: %s (`%s`)\n", markdownKinds[e.Kind], render.MarkdownCell(e.Title), e.ID)
			for _, c := range e.Changes {
				if c.Kind == KindAdded || c.Kind == KindRemoved {
					c.Text = strings.TrimPrefix(strings.TrimPrefix(c.Text, "added: "), "removed ")
				}
				bw.WriteString("  - " + render.MarkdownCell(c.Text) + "\n")
			}
		}
	}
	return bw.Flush()
}

// codeSpan writes a file name or REV:PATH as inline code, so that
// "HEAD~2" and "HEAD~1" on one line are not taken for strikethrough.
func codeSpan(s string) string {
	if s == "" || strings.ContainsAny(s, "`\r\n") {
		return render.MarkdownCell(s)
	}
	return "`" + render.Clean(s) + "`"
}

// SideJSON is the published JSON shape of one side of a comparison.
type SideJSON struct {
	Name     string `json:"name"`
	Revision int    `json:"revision"`
	Revised  string `json:"revised"`
}

// ChangeJSON is the published JSON shape of one change. old and new are
// "" when the value is absent.
type ChangeJSON struct {
	Kind  string `json:"kind"`
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
	Text  string `json:"text"`
}

// EventChangeJSON is the published JSON shape of one event's changes.
type EventChangeJSON struct {
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Change  string       `json:"change"` // added, removed or changed
	Changes []ChangeJSON `json:"changes"`
}

// DiffJSON is the published JSON shape of a comparison.
type DiffJSON struct {
	Old     SideJSON          `json:"old"`
	New     SideJSON          `json:"new"`
	Equal   bool              `json:"equal"`
	Added   int               `json:"added"`
	Removed int               `json:"removed"`
	Changed int               `json:"changed"`
	Plan    []ChangeJSON      `json:"plan"`
	Events  []EventChangeJSON `json:"events"`
}

func changesJSON(cs []Change) []ChangeJSON {
	out := make([]ChangeJSON, 0, len(cs))
	for _, c := range cs {
		// Field by field, not ChangeJSON(c): the published shape must not
		// follow the internal type's fields.
		//lint:ignore S1016 the JSON contract is kept apart from Change on purpose
		out = append(out, ChangeJSON{Kind: c.Kind, Field: c.Field, Old: c.Old, New: c.New, Text: c.Text})
	}
	return out
}

// JSON returns the comparison in its published JSON shape.
func (d *Diff) JSON() DiffJSON {
	a, r, c := d.Counts()
	out := DiffJSON{
		Old:   SideJSON{Name: d.Old.Name, Revision: d.Old.Revision, Revised: day(d.Old.Revised)},
		New:   SideJSON{Name: d.New.Name, Revision: d.New.Revision, Revised: day(d.New.Revised)},
		Equal: d.Equal(), Added: a, Removed: r, Changed: c,
		Plan:   changesJSON(d.Plan),
		Events: make([]EventChangeJSON, 0, len(d.Events)),
	}
	for _, e := range d.Events {
		out.Events = append(out.Events, EventChangeJSON{ID: e.ID, Title: e.Title, Change: e.Kind, Changes: changesJSON(e.Changes)})
	}
	return out
}

// WriteJSON writes the comparison as one JSON document.
func (d *Diff) WriteJSON(w io.Writer) error { return render.WriteJSON(w, d.JSON()) }

// writeWrapped writes text after first, wrapped at spaces to fit 80
// columns, each further line after indent.
func writeWrapped(w *bufio.Writer, first, indent, text string) {
	w.WriteString(render.Hang(first, indent, text, 80))
}
