package edit

// Moving events from one year's plan to another's: the change of two
// files at once.

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Moved is what [Move] did: the result of each file, and the events
// that went from one to the other.
type Moved struct {
	From, To *Result
	IDs      []string
}

// Move takes the events ids (one, or a back-to-back pair) out of the plan
// file from and puts them into the plan file to (another year's), then
// runs change on them there: the command's change, which gives them
// their new dates (and so keeps the dates they had in movedFrom: the
// change sees each event as it was in from). Each event keeps its id,
// its comments and everything it says, and the calendar UID it had:
// uidPlan names the plan the UID was made with (it goes when the event
// comes back to that plan).
//
// Each file is changed as [Apply] changes one, with the guarantees it
// gives, and its revision raised once. The events moved carry the new
// revision of to, which is raised, if need be, above the revision each
// had in from: its calendar SEQUENCE must go up for a subscriber's
// calendar to take the move. The rules that span the plans of the set
// are checked with both files changed (from.Others and to.Others are the
// plans of the set but the file itself, as for Apply).
//
// Writing the two files is the caller's: the target first (see
// store.Session.ReplaceAll), so that a stop between the two writes
// leaves the events in both files, never in neither.
func Move(from, to Input, ids []string, change Change) (*Moved, error) {
	taken := map[string]*takenEvent{}
	fromIn := from
	fromIn.setChecked = true
	fromRes, err := Apply(fromIn, takeEvents(ids, taken))
	if err != nil {
		return nil, err
	}
	if !fromRes.Changed() {
		return nil, fmt.Errorf("nothing to move") // takeEvents removes or refuses
	}
	toIn := to
	toIn.setChecked = true
	for _, id := range ids {
		e := taken[id].old
		toIn.minRevision = max(toIn.minRevision, revisionOf(fromRes.Old, e)+1)
	}
	toRes, err := Apply(toIn, insertEvents(ids, taken, fromRes.Old.ID), change, placeEvents(ids))
	if err != nil {
		return nil, err
	}
	rest := slices.DeleteFunc(slices.Clone(from.Others), func(p *workplan.Plan) bool { return p == nil || p.File == to.File })
	if errs := NewSetErrors(rest, []*workplan.Plan{fromRes.Old, toRes.Old}, []*workplan.Plan{fromRes.New, toRes.New}); len(errs) > 0 {
		return nil, &InvalidError{Diagnostics: errs}
	}
	return &Moved{From: fromRes, To: toRes, IDs: ids}, nil
}

// revisionOf is an event's own revision, or its plan's when it has none.
func revisionOf(p *workplan.Plan, e *workplan.Event) int {
	if e.Revision > 0 {
		return e.Revision
	}
	return p.Revision
}

// NewSetErrors returns the errors of the rules that span the plans of a
// set (workplan.NewSet) that the plans rest and after have, and rest and
// before did not (by message: lines move): what a change of the plans
// before into the plans after would break in the set.
func NewSetErrors(rest, before, after []*workplan.Plan) []workplan.Diagnostic {
	_, was := workplan.NewSet(append(slices.Clone(rest), before...)...)
	_, is := workplan.NewSet(append(slices.Clone(rest), after...)...)
	known := map[string]bool{}
	for _, d := range workplan.Errors(was) {
		known[d.Message] = true
	}
	var out []workplan.Diagnostic
	for _, d := range workplan.Errors(is) {
		if !known[d.Message] {
			out = append(out, d)
		}
	}
	return out
}

// takenEvent is an event taken out of a plan's tree: a copy of its
// node, comments and all, and the event as it was read.
type takenEvent struct {
	node *yaml.Node
	old  *workplan.Event
}

// takeEvents removes the events from the tree, keeping a copy of each
// in taken. Their comments leave the file with them.
func takeEvents(ids []string, taken map[string]*takenEvent) Change {
	return func(t *Tree) error {
		for _, id := range ids {
			ev, err := t.Event(id)
			if err != nil {
				return err
			}
			if t.holdsNamedAnchor(ev.n) || hasAlias(ev.n) {
				return fmt.Errorf("event %q holds an anchor or an alias (&name, *name) that ties it to the rest of %s; edit it by hand", id, t.Plan.File)
			}
			i := slices.Index(t.events.Content, ev.n)
			t.events.Content = slices.Delete(t.events.Content, i, i+1)
			t.removed[id] = true
			delete(t.touched, id)
			t.exported = allComments(ev.n, t.exported)
			taken[id] = &takenEvent{node: copyTree(ev.n), old: ev.Old}
		}
		return nil
	}
}

func hasAlias(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	if n.Kind == yaml.AliasNode {
		return true
	}
	return slices.ContainsFunc(n.Content, hasAlias)
}

// insertEvents puts the events taken into the tree, at the end of the
// list (placeEvents puts them in date order once they have their new
// dates), with uidPlan naming the plan their calendar UID was made with.
func insertEvents(ids []string, taken map[string]*takenEvent, fromID string) Change {
	return func(t *Tree) error {
		for _, id := range ids {
			tk := taken[id]
			if t.Plan.Event(id) != nil {
				return fmt.Errorf("the %d plan has an event %q already; an id names one event in every year", t.Plan.Year, id)
			}
			n := copyTree(tk.node) // a pass of Apply may run again: a fresh copy each time
			t.events.Content = append(t.events.Content, n)
			if t.imported == nil {
				t.imported = map[string]*workplan.Event{}
			}
			t.imported[id] = tk.old
			t.importedComments = allComments(n, t.importedComments)
			t.added[id], t.touched[id] = true, true
			m := &Mapping{t: t, n: n, event: id}
			uidPlan := tk.old.UIDPlan
			if uidPlan == "" {
				uidPlan = fromID
			}
			var err error
			if uidPlan == t.Plan.ID {
				_, err = m.Unset("uidPlan") // back in the plan its UID names
			} else {
				err = m.SetString("uidPlan", uidPlan)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// placeEvents moves the events to their place in date order, after the
// last event that starts on or before their (new) first day.
func placeEvents(ids []string) Change {
	return func(t *Tree) error {
		for _, id := range ids {
			ev, err := t.Event(id)
			if err != nil {
				return err
			}
			first, ok := firstDay(ev.n)
			if !ok {
				continue // the validation of the result says what is wrong
			}
			i := slices.Index(t.events.Content, ev.n)
			t.events.Content = slices.Delete(t.events.Content, i, i+1)
			at := len(t.events.Content)
			for j := len(t.events.Content) - 1; j >= 0; j-- {
				if f, ok := firstDay(t.events.Content[j]); ok && !f.After(first) {
					break
				}
				at = j
			}
			t.events.Content = slices.Insert(t.events.Content, at, ev.n)
		}
		return nil
	}
}

// firstDay reads the first day of an event's mapping: its start, or
// the first of its month.
func firstDay(item *yaml.Node) (time.Time, bool) {
	item = follow(item)
	if v := follow(get(item, "start")); v != nil && v.Kind == yaml.ScalarNode {
		d, err := workplan.ParseDate(v.Value)
		return d, err == nil
	}
	if v := follow(get(item, "month")); v != nil && v.Kind == yaml.ScalarNode {
		d, err := workplan.ParseYearMonth(v.Value)
		return d, err == nil
	}
	return time.Time{}, false
}

// WriteChanges writes what the move did: each event moved, how, and
// from which file to which; then each file's revision.
func (m *Moved) WriteChanges(w io.Writer) error {
	var b strings.Builder
	d := plandiff.Compare(m.From.Old.File, m.From.Old, m.To.New.File, m.To.New)
	for _, e := range d.Events {
		if !slices.Contains(m.IDs, e.ID) {
			continue
		}
		b.WriteString(present.Hang("~ "+render.Clean(e.ID)+"  ", "  ", render.Clean(e.Title), 80))
		b.WriteString(present.Hang("    ", "      ", "moved from "+render.Clean(m.From.Old.File)+" to "+render.Clean(m.To.New.File), 80))
		for _, c := range e.Changes {
			b.WriteString(present.Hang("    ", "      ", render.Clean(c.Text), 80))
		}
	}
	for _, r := range []*Result{m.From, m.To} {
		var plan []string
		for _, c := range r.Diff.Plan {
			plan = append(plan, render.Clean(c.Text))
		}
		if len(plan) > 0 {
			b.WriteString(present.Hang("plan "+render.Clean(r.New.File)+": ", "  ", strings.Join(plan, "; "), 80))
		}
		if r.Upgraded > 0 {
			fmt.Fprintf(&b, "%s: format version %d → %d (bp migrate)\n", render.Clean(r.New.File), r.Upgraded, workplan.FormatVersion)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
