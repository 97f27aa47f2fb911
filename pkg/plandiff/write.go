package plandiff

import (
	"strconv"
	"strings"

	"github.com/icmpd/bp/pkg/present"
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

var kindWords = map[string]string{KindAdded: "Added", KindRemoved: "Removed", KindChanged: "Changed"}

// Doc returns the comparison's view: the plan's changes, then each
// event's, then the counts.
func (d *Diff) Doc() *present.Doc {
	doc := &present.Doc{
		Title:    "Workplan changes",
		Subtitle: "From " + d.Old.Name + " (" + sideText(d.Old) + ") to " + d.New.Name + " (" + sideText(d.New) + ")",
	}
	if d.Equal() {
		doc.Blocks = []present.Block{&present.Para{Text: "The plans are the same."}}
		return doc
	}
	if len(d.Plan) > 0 {
		l := &present.List{Label: present.LabelPlan}
		for _, c := range d.Plan {
			l.Items = append(l.Items, present.Item{Text: c.Text})
		}
		doc.Blocks = append(doc.Blocks, &present.Section{Title: present.LabelPlan, ID: "plan", Blocks: []present.Block{l}})
	}
	if len(d.Events) > 0 {
		l := &present.List{Label: "Events"}
		for _, e := range d.Events {
			it := present.Item{Text: kindWords[e.Kind] + ": " + e.Title + " (" + e.ID + ")"}
			for _, c := range e.Changes {
				it.Sub = append(it.Sub, c.Text)
			}
			l.Items = append(l.Items, it)
		}
		doc.Blocks = append(doc.Blocks, &present.Section{Title: "Events", ID: "events", Blocks: []present.Block{l}})
	}
	doc.Blocks = append(doc.Blocks, &present.Para{Text: d.countsText() + "."})
	return doc
}

// Document returns the comparison as bp diff writes it: its view, and
// its published JSON shape.
func (d *Diff) Document() present.Document {
	return present.Document{Doc: d.Doc, JSON: func() any { return d.JSON() }}
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
