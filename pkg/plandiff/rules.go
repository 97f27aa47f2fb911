package plandiff

import (
	"fmt"
	"strconv"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// CheckRevision is the "revision" rule of `bp validate --against`: when
// plan (read from file) says something other than old (the same plan at
// an earlier version, named oldName), its revision must go up and its
// revised date must not go back. Calendar apps take an event's update
// only when its SEQUENCE, the plan's revision, goes up. today is the date
// the hints propose for revised. The diagnostics point at plan's
// revision or revised key.
func CheckRevision(file, oldName string, old, plan *workplan.Plan, today time.Time) []workplan.Diagnostic {
	d := Compare(oldName, old, file, plan)
	diag := func(key, msg, hint string) workplan.Diagnostic {
		p := plan.FieldPos(key)
		return workplan.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: workplan.SeverityError,
			Rule: "revision", Message: msg, Hint: hint}
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
		out = append(out, diag("revision",
			fmt.Sprintf("revision went back from %d to %d since %s", old.Revision, plan.Revision, oldName),
			set))
	case d.ContentChanged() && plan.Revision == old.Revision:
		a, r, c := d.Counts()
		out = append(out, diag("revision",
			fmt.Sprintf("the plan changed since %s (%s added, %d removed, %d changed), but revision is still %d",
				oldName, events(a), r, c, plan.Revision),
			set+why))
	case plan.Revision > old.Revision && plan.Revised.Before(old.Revised):
		out = append(out, diag("revised",
			fmt.Sprintf("revision went up to %d, but revised (%s) is before the previous revision's date (%s)",
				plan.Revision, plan.Revised.Format("2006-01-02"), old.Revised.Format("2006-01-02")),
			"set revised: "+revised.Format("2006-01-02")))
	case plan.Revision > old.Revision && plan.Revised.Equal(old.Revised) && today.After(old.Revised):
		// Two revisions on one day are allowed, so this is a warning.
		d := diag("revised",
			fmt.Sprintf("revision went up to %d, but revised is still %s, the date of revision %d",
				plan.Revision, plan.Revised.Format("2006-01-02"), old.Revision),
			"set revised: "+revised.Format("2006-01-02")+" unless both revisions are of that day")
		d.Severity = workplan.SeverityWarning
		out = append(out, d)
	}
	return out
}

// events is "1 event" or "N events".
func events(n int) string {
	if n == 1 {
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}
