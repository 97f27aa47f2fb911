package plandiff

import (
	"fmt"
	"strconv"
	"time"

	"github.com/icmpd/bp/pkg/calendar"
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
// at plan's revision or revised key, or at the event's. A plan file
// checked with the others of its set is [CheckRevisions]'s.
func CheckRevision(file, oldName string, old, plan *workplan.Plan, today time.Time) []workplan.Diagnostic {
	return CheckRevisions([]Version{{File: file, OldName: oldName, Old: old, Plan: plan}}, today)[0].Diagnostics
}

// Version is a plan file as it is (Plan, read from File) and as it was
// at an earlier version (Old, named OldName).
type Version struct {
	File, OldName string
	Old, Plan     *workplan.Plan
}

// Check is what CheckRevisions finds in one file: the diagnostics, and
// the revision values they prescribe (the hints' "set revision: …"),
// which bp validate --fix writes.
type Check struct {
	File        string
	Diagnostics []workplan.Diagnostic
	Fixes       []Fix
}

// Fix is a revision value to write: the plan's (Event "") or an event's
// revision and revised date; a zero value is left as it is.
type Fix struct {
	Event    string
	Revision int
	Revised  time.Time
}

// CheckRevisions is CheckRevision over the plan files of a set, in which
// an event may move from one file to another (to another year's plan):
// an event gone from one file and in another file of the set, with the
// same id, moved, and is not gone; where it is now, it must carry a
// revision above the one it had where it was (its calendar SEQUENCE),
// and keep its calendar UID (uidPlan). It returns one Check per version,
// in order.
func CheckRevisions(vs []Version, today time.Time) []Check {
	now, was := map[string]*workplan.Plan{}, map[string]int{} // where each event is now, and was (its version)
	for i, v := range vs {
		for _, e := range v.Plan.Events {
			now[e.ID] = v.Plan
		}
		for _, e := range v.Old.Events {
			if _, ok := was[e.ID]; !ok {
				was[e.ID] = i
			}
		}
	}
	out := make([]Check, len(vs))
	for i, v := range vs {
		c := &checker{Version: v, today: today, check: &out[i]}
		c.check.File = v.File
		c.moved = func(id string) (from *Version, to *workplan.Plan) {
			if j, ok := was[id]; ok && j != i {
				from = &vs[j]
			}
			if p := now[id]; p != nil && p != v.Plan {
				to = p
			}
			return from, to
		}
		c.run()
	}
	return out
}

// checker is CheckRevisions at work on one version.
type checker struct {
	Version
	today time.Time
	check *Check
	// moved says where an event of the set was, when it was in another
	// file, and where it is now, when it is in another file
	moved func(id string) (from *Version, to *workplan.Plan)
}

func (c *checker) diag(p workplan.Pos, rule, msg, hint string) {
	c.check.Diagnostics = append(c.check.Diagnostics, workplan.Diagnostic{File: c.File, Line: p.Line, Col: p.Col,
		Severity: workplan.SeverityError, Rule: rule, Message: msg, Hint: hint})
}

// fix records a revision value to write. An event of a format 1 plan
// has none of its own (its calendar takes the plan's): the plan's fix
// is enough.
func (c *checker) fix(f Fix) {
	if f.Event != "" && c.Plan.FormatVersion < 2 {
		return
	}
	c.check.Fixes = append(c.check.Fixes, f)
}

func (c *checker) run() {
	old, plan := c.Old, c.Plan
	d := Compare(c.OldName, old, c.File, plan)
	revised := c.today
	if revised.Before(old.Revised) {
		revised = old.Revised
	}
	rev, date := c.planRevision(d, revised)
	rev = c.eventRevisions(d, rev, date, revised)
	if rev != plan.Revision || !date.Equal(plan.Revised) {
		c.check.Fixes = append([]Fix{{Revision: rev, Revised: date}}, c.check.Fixes...)
	}
	c.removed(d)
}

// planRevision checks the plan's own revision and date against old's,
// revised being the date a hint proposes; it returns them as they are
// once the fixes are written.
func (c *checker) planRevision(d *Diff, revised time.Time) (rev int, date time.Time) {
	old, plan, oldName := c.Old, c.Plan, c.OldName
	next := old.Revision + 1
	set := "set revision: " + strconv.Itoa(next) + " and revised: " + workplan.ISODay(revised)
	why := " (calendar apps take an event's update only when its SEQUENCE, the revision, goes up)"
	rev, date = plan.Revision, plan.Revised
	switch {
	case plan.Revision < old.Revision:
		c.diag(plan.FieldPos("revision"), "revision",
			fmt.Sprintf("revision went back from %d to %d since %s", old.Revision, plan.Revision, oldName),
			set)
		rev, date = next, revised
	case d.ContentChanged() && plan.Revision == old.Revision:
		a, r, ch := d.Counts()
		c.diag(plan.FieldPos("revision"), "revision",
			fmt.Sprintf("the plan changed since %s (%s added, %d removed, %d changed), but revision is still %d",
				oldName, events(a), r, ch, plan.Revision),
			set+why)
		rev, date = next, revised
	case plan.Revision > old.Revision && plan.Revised.Equal(old.Revised) && c.today.After(old.Revised):
		// Two revisions on one day are allowed, so this is a warning,
		// and --fix leaves it.
		c.diag(plan.FieldPos("revised"), "revision",
			fmt.Sprintf("revision went up to %d, but revised is still %s, the date of revision %d",
				plan.Revision, workplan.ISODay(plan.Revised), old.Revision),
			"set revised: "+workplan.ISODay(revised)+" unless both revisions are of that day")
		c.check.Diagnostics[len(c.check.Diagnostics)-1].Severity = workplan.SeverityWarning
	}
	if plan.Revised.Before(old.Revised) {
		c.diag(plan.FieldPos("revised"), "revision",
			fmt.Sprintf("revised (%s) is before the date of the plan at %s (%s): a revision date never goes back",
				workplan.ISODay(plan.Revised), oldName, workplan.ISODay(old.Revised)),
			"set revised: "+workplan.ISODay(revised))
		date = revised
	}
	return rev, date
}

// removed reports each event published at old that is gone from the
// plan without having been cancelled, unless it moved to another plan of
// the set.
func (c *checker) removed(d *Diff) {
	for _, ec := range d.Events {
		if ec.Kind != KindRemoved {
			continue
		}
		o := c.Old.Event(ec.ID)
		if o == nil || o.Status == workplan.StatusCancelled {
			continue
		}
		if _, to := c.moved(o.ID); to != nil {
			continue // moved to another plan of the set, where it is checked
		}
		c.diag(c.Plan.FieldPos("events"), "removed",
			fmt.Sprintf("event %q, published at %s (%s), is gone: subscribers would keep it in their calendars", o.ID, c.OldName, summary(o)),
			"put it back and cancel it (bp cancel "+o.ID+"), so that subscribers see it go; if it moved to another year's plan, check the plans together (bp validate --against REV, naming no file)")
	}
}

// eventRevisions checks that each event whose calendar entry changed
// since old carries a higher revision than it had there (or, for an
// event moved in from another file of the set, than it had in that
// file), and that an event moved in keeps its calendar UID. rev and
// date are the plan's revision and date once fixed, revised the date a
// hint proposes; it returns the plan's revision, raised when an event
// moved in needs more.
func (c *checker) eventRevisions(d *Diff, rev int, date, revised time.Time) int {
	old, plan := c.Old, c.Plan
	want := rev
	if want <= old.Revision {
		want = old.Revision + 1
	}
	if plan.Revision > old.Revision && !plan.Revised.Before(old.Revised) {
		revised = plan.Revised
	}
	if date.After(revised) {
		revised = date
	}
	entries := d.ChangedEntries(old, plan)
	need := rev // the plan's revision: at least each event's
	for _, e := range plan.Events {
		if w, raised := c.eventRevision(d, e, entries[e.ID], want, revised); raised {
			need = max(need, w)
		}
	}
	return need
}

// eventRevision checks one event of the plan (see eventRevisions); entry
// is why its calendar entry changed, if it did, want the least revision a
// changed event needs. It returns the revision the event needs and
// whether it must be raised to it.
func (c *checker) eventRevision(d *Diff, e *workplan.Event, entry EntryChange, want int, revised time.Time) (int, bool) {
	old, plan := c.Old, c.Plan
	o := old.Event(e.ID)
	had := old.Revision // an event added since: above the plan's revision there
	if o != nil {
		had = revisionOf(old, o)
	}
	from, _ := c.moved(e.ID)
	if o == nil && from != nil {
		was := from.Old.Event(e.ID)
		had = max(had, revisionOf(from.Old, was))
		c.checkUID(from, was, e)
	}
	rev := revisionOf(plan, e)
	w := max(want, had+1)
	set := fmt.Sprintf("set revision: %d and revised: %s on event %q", w, workplan.ISODay(revised), e.ID)
	switch {
	case entry == EntryChanged && rev <= had:
		what := "changed"
		switch {
		case from != nil && o == nil:
			what = "moved here from " + from.File
		case o == nil:
			what = "was added"
		}
		c.diag(e.FieldPos("revision"), "revision",
			fmt.Sprintf("event %q %s since %s, but its revision is still %d: calendar apps would keep the old entry", e.ID, what, d.Old.Name, rev),
			set)
	case entry == PartnerChanged && rev <= had:
		what := "whose title or date changed"
		switch {
		case old.Event(e.BackToBack) == nil:
			what = "added"
		case plan.Event(e.BackToBack) == nil:
			what = "removed"
		}
		c.diag(e.FieldPos("revision"), "revision",
			fmt.Sprintf("event %q is back-to-back with %q, %s since %s; its calendar entry names it, but its revision is still %d", e.ID, e.BackToBack, what, d.Old.Name, rev),
			set)
	case entry == PlanChanged && rev <= had:
		c.diag(e.FieldPos("revision"), "revision",
			fmt.Sprintf("event %q says the same, but its calendar entry shows its plan's title, time zone, groups, products or offices, which changed since %s; its revision is still %d", e.ID, d.Old.Name, rev),
			set)
	case o != nil && rev < had:
		c.diag(e.FieldPos("revision"), "revision",
			fmt.Sprintf("event %q: revision went back from %d to %d since %s", e.ID, had, rev, d.Old.Name),
			fmt.Sprintf("set revision: %d", had))
		c.fix(Fix{Event: e.ID, Revision: had})
		return w, true
	default:
		return 0, false
	}
	c.fix(Fix{Event: e.ID, Revision: w, Revised: revised})
	return w, true
}

// checkUID reports an event moved in from another file of the set whose
// calendar UID is not the one it had there.
func (c *checker) checkUID(from *Version, was, e *workplan.Event) {
	if u, w := uidPlan(from.Old, was), uidPlan(c.Plan, e); u != w {
		c.diag(e.FieldPos("id"), "revision",
			fmt.Sprintf("event %q moved here from %s, but its calendar UID changed (%s@%s, now %s@%s): calendars would show it twice", e.ID, from.OldName, e.ID, u, e.ID, w),
			fmt.Sprintf("set uidPlan: %s on event %q (bp postpone and bp set write it when they move an event)", u, e.ID))
	}
}

// uidPlan is the plan id an event's calendar UID names (see
// calendar.EventUID).
func uidPlan(p *workplan.Plan, e *workplan.Event) string {
	if e.UIDPlan != "" {
		return e.UIDPlan
	}
	return p.ID
}

// EntryChange is why the calendar entry of an event differs between two
// versions of a plan (see Diff.ChangedEntries).
type EntryChange int

const (
	// EntryChanged: the event was added, or something it says that a
	// calendar shows changed.
	EntryChanged EntryChange = iota + 1
	// PartnerChanged: the event says the same, but its back-to-back
	// partner's title or date changed, or the partner was added or
	// removed: the event's entry names the partner ("Back-to-back:
	// TITLE, DATE" in the calendar's DESCRIPTION).
	PartnerChanged
	// PlanChanged: the event says the same, but what its entry shows of
	// its plan changed: the plan's title or time zone, a group's or a
	// product's name, who holds an office a public action names.
	PlanChanged
)

// ChangedEntries returns, by id, the events of plan whose calendar entry
// changed since old, and why. An entry is what a calendar shows
// (calendar.Entry: the VEVENT but for SEQUENCE, DTSTAMP and
// LAST-MODIFIED), so an event whose change no calendar shows (an internal
// action done, a status held where it was confirmed) keeps its entry and
// its SEQUENCE, and one whose back-to-back partner or plan changed what
// its entry shows gets a new one. d is Compare(…, old, …, plan); only
// the events it shows changed, those back-to-back with one, and, when
// the plan itself changed, all are rendered and compared. This is the
// one rule of which events must carry a new revision (their calendar
// SEQUENCE): bp validate --against checks it (CheckRevision) and the
// edit commands stamp by it (pkg/edit).
func (d *Diff) ChangedEntries(old, plan *workplan.Plan) map[string]EntryChange {
	out := map[string]EntryChange{}
	changed := map[string]bool{} // events d shows changed, added or removed
	for _, ec := range d.Events {
		changed[ec.ID] = true
		if ec.Kind == KindAdded {
			out[ec.ID] = EntryChanged
		}
	}
	planWide := false
	for _, c := range d.Plan {
		if c.Field != "revision" && c.Field != "revised" {
			planWide = true
		}
	}
	if len(changed) == 0 && !planWide {
		return out
	}
	for _, e := range plan.Events {
		if _, done := out[e.ID]; done {
			continue
		}
		partner := e.BackToBack != "" && changed[e.BackToBack]
		if o := old.Event(e.ID); o != nil && o.BackToBack != "" && changed[o.BackToBack] {
			partner = true
		}
		if !changed[e.ID] && !partner && !planWide {
			continue
		}
		o := old.Event(e.ID)
		if o == nil || calendar.Entry(old, o) == calendar.Entry(plan, e) {
			continue
		}
		switch {
		case changed[e.ID]:
			out[e.ID] = EntryChanged
		case partner:
			out[e.ID] = PartnerChanged
		default:
			out[e.ID] = PlanChanged
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
