package workplan

// The rules of follow-up actions (format 3): within a plan here, and
// across the plans of a set in [CheckActions].

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// actionIDs reports an action id used twice in the plan.
func (v *validator) actionIDs() {
	seen := map[string]Pos{}
	for _, a := range v.p.Actions() {
		if a.ID == "" {
			continue
		}
		if first, dup := seen[a.ID]; dup {
			v.errorf(a.FieldPos("id"), "duplicate-id", "action ids must be unique across the plans: rename one (bp action add makes them from the event id)",
				"action id %q is already used at line %d", a.ID, first.Line)
			continue
		}
		seen[a.ID] = a.FieldPos("id")
	}
}

// actions checks the actions an event's outcome sets.
func (v *validator) actions(e *Event) {
	if e.Outcome == nil || len(e.Outcome.Actions) == 0 {
		return
	}
	first, _ := e.Span()
	for _, a := range e.Outcome.Actions {
		if v.full() {
			if len(v.diags) > MaxDiagnostics {
				v.dropped()
			}
			return
		}
		name := "action " + strconv.Quote(a.ID)
		v.owners(a, name)
		if due := a.DueBy(); !due.IsZero() && due.Before(first) {
			v.errorf(a.FieldPos("due"), "action", "an action is due after the meeting that sets it: give a later day or month",
				"%s: due %s, before the meeting %q (%s)", name, a.DueValue(), e.ID, spanStart(e))
		}
		switch a.State {
		case ActionDone, ActionDropped:
			if a.Since.IsZero() {
				v.errorf(a.FieldPos("state"), "action", "add since: YYYY-MM-DD, the day it was "+string(a.State)+" (bp action "+map[ActionState]string{ActionDone: "done", ActionDropped: "drop"}[a.State]+" sets it)",
					"%s: is %s, but does not say since when", name, a.State)
			}
			if a.State == ActionDropped && strings.TrimSpace(a.Reason) == "" {
				v.errorf(a.FieldPos("state"), "action", "add reason: why it was dropped",
					"%s: is dropped, but gives no reason", name)
			}
		}
		if !a.Since.IsZero() {
			if !v.opt.Today.IsZero() && a.Since.After(v.opt.Today) && a.State != ActionOpen {
				v.errorf(a.FieldPos("since"), "action", "the date is the day it was "+string(a.State)+"; it cannot be in the future",
					"%s: %s %s, after today (%s)", name, a.State, day(a.Since), day(v.opt.Today))
			}
			if a.Since.Before(first) {
				v.errorf(a.FieldPos("since"), "action", "the meeting set the action: its state changed on or after "+spanStart(e),
					"%s: since %s, before the meeting %q (%s)", name, day(a.Since), e.ID, spanStart(e))
			}
		}
		if a.State == ActionDone && e.Status == StatusCancelled {
			v.errorf(a.FieldPos("state"), "action", "a cancelled meeting set no action: move the action to the meeting that did, or drop it",
				"%s: is done, but its meeting %q is cancelled", name, e.ID)
		}
		for _, r := range a.ReportTo {
			if r == e.ID {
				v.errorf(a.FieldPos("reportTo"), "action", "name a later meeting, where the action is to be reported",
					"%s: is to be reported to the meeting that set it", name)
			}
		}
	}
}

// owners checks who owes an action: someone must (an action nobody owes
// is counted open, and overdue, under no one), and each owner is named.
// A missing owners key, or one that is no list, is reported where it is
// read (Owners is nil then).
func (v *validator) owners(a *Action, name string) {
	if a.Owners == nil {
		return
	}
	const hint = "name who owes it, such as owners: [secretariat]"
	if len(a.Owners) == 0 {
		v.errorf(a.FieldPos("owners"), "required", hint, "%s: no owner", name)
		return
	}
	for i, o := range a.Owners {
		if strings.TrimSpace(o) == "" {
			v.errorf(a.FieldPos("owners"), "required", hint, "%s: owner %d of %d is blank", name, i+1, len(a.Owners))
			continue
		}
		v.owner(a, name, o)
	}
}

// owner warns about an owner that is written as an id but names no group
// of the plan nor an office: likely a misspelt group id. A body in plain
// words (Türkiye, IOM) is taken as written.
func (v *validator) owner(a *Action, name, o string) {
	if hint, unknown := v.p.UnknownOwner(o); unknown {
		v.warnf(a.FieldPos("owners"), "owner", hint, "%s: owner %q is no group of the plan nor an office", name, o)
	}
}

// UnknownOwner reports whether the owner o is written as an id but names
// no group of the plan nor an office (a misspelt group id, most likely),
// with a hint that says what it may have meant. A body in plain words
// (Türkiye, IOM) is taken as written. bp validate warns of such an
// owner; the action commands refuse one.
func (p *Plan) UnknownOwner(o string) (hint string, unknown bool) {
	if p.Group(o) != nil || slices.Contains(OwnerRoles, o) || !looksLikeID(o) {
		return "", false
	}
	known := append([]string{}, OwnerRoles...)
	for _, g := range p.Groups {
		known = append(known, g.ID)
	}
	hint = "an owner is a group id (" + strings.Join(known, ", ") + ") or a body in plain words, as it is spelt (Türkiye, IOM)"
	if s := suggest(o, known); s != "" {
		hint = "did you mean " + strconv.Quote(s) + "? " + hint
	}
	return hint, true
}

// CheckActions checks the rules of follow-up actions that span the plans
// of a set (or a single plan): an action id is used once across the
// plans, and an action is reported to an event that exists in one of
// them, held no earlier than the meeting that set the action. A
// duplicate is reported in the later plan, as [NewSet] does for events.
func CheckActions(plans ...*Plan) []Diagnostic {
	if !slices.ContainsFunc(plans, func(p *Plan) bool { return p != nil && len(p.Actions()) > 0 }) {
		return nil // nothing to check: no index of every event to build
	}
	var diags []Diagnostic
	add := func(p *Plan, pos Pos, rule, hint, format string, args ...any) {
		if len(diags) >= MaxDiagnostics {
			return
		}
		diags = append(diags, Diagnostic{File: p.File, Line: pos.Line, Col: pos.Col, Severity: SeverityError,
			Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	events := map[string]*Event{}
	var ids []string
	for _, p := range plans {
		if p == nil {
			continue
		}
		for _, e := range p.Events {
			if _, dup := events[e.ID]; !dup && e.ID != "" {
				events[e.ID] = e
				if len(ids) < maxSuggest {
					ids = append(ids, e.ID)
				}
			}
		}
	}
	seen := map[string]*Plan{}
	for _, p := range plans {
		if p == nil {
			continue
		}
		for _, a := range p.Actions() {
			if q, dup := seen[a.ID]; dup && q != p && a.ID != "" {
				at := q.Action(a.ID)
				add(p, a.FieldPos("id"), "duplicate-id", "action ids must be unique across the plans: rename one",
					"action id %q is used in the %d plan too (%s)", a.ID, q.Year, q.File+":"+strconv.Itoa(at.FieldPos("id").Line))
			} else if !dup {
				seen[a.ID] = p
			}
			first, _ := a.Event.Span()
			for _, r := range a.ReportTo {
				to := events[r]
				switch {
				case to == nil:
					hint := "name an event of the plans; an event of another year counts when the plans are read together (bp validate with no file)"
					if s := suggest(r, ids); s != "" {
						hint = "did you mean " + strconv.Quote(s) + "?"
					}
					add(p, a.FieldPos("reportTo"), "unknown-ref", hint, "action %q: reportTo names unknown event %q", a.ID, r)
				case to != a.Event:
					if _, last := to.Span(); last.Before(first) {
						add(p, a.FieldPos("reportTo"), "action", "name a meeting after "+a.Event.ID+", where the action is to be reported",
							"action %q: to be reported to %q (%s), before the meeting that set it (%s)", a.ID, r, spanStart(to), spanStart(a.Event))
					}
				}
			}
		}
	}
	SortDiagnostics(diags)
	return diags
}
