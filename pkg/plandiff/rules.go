package plandiff

import (
	"fmt"
	"strconv"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// CheckRevision is the "revision" rule of `bp validate --against`, with
// the publishing rules beside it. plan (read from file) is compared with
// old, the same plan at an earlier version named oldName:
//   - when it says something else, its revision must go up (calendar apps
//     take an update only when SEQUENCE goes up), and its revised date
//     must never go back;
//   - each event changed or added since must carry a revision above the
//     one it had there (its own SEQUENCE), and so must an event whose
//     back-to-back partner's title or date changed (its calendar entry
//     names them);
//   - an event published there must not be gone: subscribers would keep
//     it in their calendars. An event cancelled there may go.
//
// today is the date the hints propose for revised. The diagnostics point
// at plan's revision or revised key, or at the event's.
func CheckRevision(file, oldName string, old, plan *workplan.Plan, today time.Time) []workplan.Diagnostic {
	d := Compare(oldName, old, file, plan)
	diag := func(p workplan.Pos, rule, msg, hint string) workplan.Diagnostic {
		return workplan.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: workplan.SeverityError,
			Rule: rule, Message: msg, Hint: hint}
	}
	next := old.Revision + 1
	revised := today
	if revised.Before(old.Revised) {
		revised = old.Revised
	}
	set := "set revision: " + strconv.Itoa(next) + " and revised: " + revised.Format("2006-01-02")
	why := " (calendar apps take an event's update only when its SEQUENCE, the revision, goes up)"
	var out []workplan.Diagnostic
	switch {
	case plan.Revision < old.Revision:
		out = append(out, diag(plan.FieldPos("revision"), "revision",
			fmt.Sprintf("revision went back from %d to %d since %s", old.Revision, plan.Revision, oldName),
			set))
	case d.ContentChanged() && plan.Revision == old.Revision:
		a, r, c := d.Counts()
		out = append(out, diag(plan.FieldPos("revision"), "revision",
			fmt.Sprintf("the plan changed since %s (%s added, %d removed, %d changed), but revision is still %d",
				oldName, events(a), r, c, plan.Revision),
			set+why))
	case plan.Revision > old.Revision && plan.Revised.Equal(old.Revised) && today.After(old.Revised):
		// Two revisions on one day are allowed, so this is a warning.
		w := diag(plan.FieldPos("revised"), "revision",
			fmt.Sprintf("revision went up to %d, but revised is still %s, the date of revision %d",
				plan.Revision, plan.Revised.Format("2006-01-02"), old.Revision),
			"set revised: "+revised.Format("2006-01-02")+" unless both revisions are of that day")
		w.Severity = workplan.SeverityWarning
		out = append(out, w)
	}
	if plan.Revised.Before(old.Revised) {
		out = append(out, diag(plan.FieldPos("revised"), "revision",
			fmt.Sprintf("revised (%s) is before the date of the plan at %s (%s): a revision date never goes back",
				plan.Revised.Format("2006-01-02"), oldName, old.Revised.Format("2006-01-02")),
			"set revised: "+revised.Format("2006-01-02")))
	}
	out = append(out, eventRevisions(d, old, plan, revised, diag)...)
	for _, ec := range d.Events {
		if ec.Kind != KindRemoved {
			continue
		}
		o := old.Event(ec.ID)
		if o == nil || o.Status == workplan.StatusCancelled {
			continue
		}
		out = append(out, diag(plan.FieldPos("events"), "removed",
			fmt.Sprintf("event %q, published at %s (%s), is gone: subscribers would keep it in their calendars", o.ID, oldName, summary(o)),
			"put it back and cancel it (bp cancel "+o.ID+"), so that subscribers see it go"))
	}
	return out
}

// eventRevisions checks that each event whose calendar entry changed
// since old carries a higher revision than it had there.
func eventRevisions(d *Diff, old, plan *workplan.Plan, revised time.Time, diag func(workplan.Pos, string, string, string) workplan.Diagnostic) []workplan.Diagnostic {
	want := plan.Revision
	if want <= old.Revision {
		want = old.Revision + 1
	}
	if plan.Revision > old.Revision && !plan.Revised.Before(old.Revised) {
		revised = plan.Revised
	}
	set := func(e *workplan.Event) string {
		return fmt.Sprintf("set revision: %d and revised: %s on event %q", want, revised.Format("2006-01-02"), e.ID)
	}
	var out []workplan.Diagnostic
	entries := d.ChangedEntries(old, plan)
	for _, e := range plan.Events {
		o := old.Event(e.ID)
		had := old.Revision // an event added since: above the plan's revision there
		if o != nil {
			had = revisionOf(old, o)
		}
		rev := revisionOf(plan, e)
		switch {
		case entries[e.ID] == EntryChanged && rev <= had:
			what := "changed"
			if o == nil {
				what = "was added"
			}
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q %s since %s, but its revision is still %d: calendar apps would keep the old entry", e.ID, what, d.Old.Name, rev),
				set(e)))
		case entries[e.ID] == PartnerChanged && rev <= had:
			what := "whose title or date changed"
			switch {
			case old.Event(e.BackToBack) == nil:
				what = "added"
			case plan.Event(e.BackToBack) == nil:
				what = "removed"
			}
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q is back-to-back with %q, %s since %s; its calendar entry names it, but its revision is still %d", e.ID, e.BackToBack, what, d.Old.Name, rev),
				set(e)))
		case o != nil && rev < had:
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q: revision went back from %d to %d since %s", e.ID, had, rev, d.Old.Name),
				fmt.Sprintf("set revision: %d", had)))
		}
	}
	return out
}

// EntryChange is why the calendar entry of an event differs between two
// versions of a plan (see Diff.ChangedEntries).
type EntryChange int

const (
	// EntryChanged: the event was added, or something it says changed.
	EntryChanged EntryChange = iota + 1
	// PartnerChanged: the event says the same, but its back-to-back
	// partner's title or date changed, or the partner was added or
	// removed: the event's entry names the partner ("Back-to-back with
	// TITLE (DATE)" in the calendar's DESCRIPTION).
	PartnerChanged
)

// ChangedEntries returns, by id, the events of plan whose calendar entry
// changed since old, and why: each event d shows added or changed, and
// each other event whose back-to-back partner's title or date changed
// or that appeared or went. d is Compare(…, old, …, plan). This is the
// one rule of which events must carry a new revision (their calendar
// SEQUENCE): bp validate --against checks it (CheckRevision) and the
// edit commands stamp by it (pkg/edit).
func (d *Diff) ChangedEntries(old, plan *workplan.Plan) map[string]EntryChange {
	out := map[string]EntryChange{}
	named := map[string]bool{} // events whose title or date, as a partner's entry shows them, changed
	for _, ec := range d.Events {
		if ec.Kind != KindRemoved {
			out[ec.ID] = EntryChanged
		}
		o, n := old.Event(ec.ID), plan.Event(ec.ID)
		if o == nil || n == nil || o.Title != n.Title || o.DateText() != n.DateText() {
			named[ec.ID] = true
		}
	}
	if len(named) == 0 {
		return out
	}
	for _, e := range plan.Events {
		if _, ok := out[e.ID]; !ok && named[e.BackToBack] {
			out[e.ID] = PartnerChanged
		}
	}
	return out
}

// revisionOf is an event's own revision; the plan's when it has none (a
// plan built in code).
func revisionOf(p *workplan.Plan, e *workplan.Event) int {
	if e.Revision > 0 {
		return e.Revision
	}
	return p.Revision
}

// events is "1 event" or "N events".
func events(n int) string {
	if n == 1 {
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}
