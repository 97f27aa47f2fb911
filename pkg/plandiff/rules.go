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
	set := "set revision: " + strconv.Itoa(next) + " and revised: " + workplan.ISODay(revised)
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
				plan.Revision, workplan.ISODay(plan.Revised), old.Revision),
			"set revised: "+workplan.ISODay(revised)+" unless both revisions are of that day")
		w.Severity = workplan.SeverityWarning
		out = append(out, w)
	}
	if plan.Revised.Before(old.Revised) {
		out = append(out, diag(plan.FieldPos("revised"), "revision",
			fmt.Sprintf("revised (%s) is before the date of the plan at %s (%s): a revision date never goes back",
				workplan.ISODay(plan.Revised), oldName, workplan.ISODay(old.Revised)),
			"set revised: "+workplan.ISODay(revised)))
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
		return fmt.Sprintf("set revision: %d and revised: %s on event %q", want, workplan.ISODay(revised), e.ID)
	}
	var out []workplan.Diagnostic
	changed := map[string]bool{}
	named := map[string]bool{}
	for _, ec := range d.Events {
		if ec.Kind == KindRemoved {
			continue
		}
		changed[ec.ID] = true
		o, n := old.Event(ec.ID), plan.Event(ec.ID)
		if o != nil && n != nil && (o.Title != n.Title || o.DateText() != n.DateText()) {
			named[ec.ID] = true
		}
	}
	for _, e := range plan.Events {
		o := old.Event(e.ID)
		had := old.Revision // an event added since: above the plan's revision there
		if o != nil {
			had = revisionOf(old, o)
		}
		rev := revisionOf(plan, e)
		switch {
		case changed[e.ID] && rev <= had:
			what := "changed"
			if o == nil {
				what = "was added"
			}
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q %s since %s, but its revision is still %d: calendar apps would keep the old entry", e.ID, what, d.Old.Name, rev),
				set(e)))
		case !changed[e.ID] && named[e.BackToBack] && rev <= had:
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q is back-to-back with %q, whose title or date changed since %s; its calendar entry names it, but its revision is still %d", e.ID, e.BackToBack, d.Old.Name, rev),
				set(e)))
		case o != nil && rev < had:
			out = append(out, diag(e.FieldPos("revision"), "revision",
				fmt.Sprintf("event %q: revision went back from %d to %d since %s", e.ID, had, rev, d.Old.Name),
				fmt.Sprintf("set revision: %d", had)))
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
