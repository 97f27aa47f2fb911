package plandiff

// What changed in a meeting's follow-up (format 3): its conclusions and
// its actions, one change per action.

import (
	"slices"
	"strings"

	"github.com/icmpd/bp/pkg/workplan"
)

// followUpChanges words what changed in the conclusions and actions of
// an event's outcome.
func followUpChanges(o, n *workplan.Outcome) []Change {
	var ch []Change
	add := func(field, old, new, text string) {
		ch = append(ch, Change{Kind: KindField, Field: field, Old: old, New: new, Text: text})
	}
	var oc, nc []string
	var oa, na []*workplan.Action
	if o != nil {
		oc, oa = o.Conclusions, o.Actions
	}
	if n != nil {
		nc, na = n.Conclusions, n.Actions
	}
	for _, c := range nc {
		if !slices.Contains(oc, c) {
			add("conclusions", "", c, "conclusion added: "+quote(c))
		}
	}
	for _, c := range oc {
		if !slices.Contains(nc, c) {
			add("conclusions", c, "", "conclusion removed: "+quote(c))
		}
	}
	find := func(list []*workplan.Action, id string) *workplan.Action {
		for _, a := range list {
			if a.ID == id {
				return a
			}
		}
		return nil
	}
	for _, a := range na {
		was := find(oa, a.ID)
		if was == nil {
			add("actions", "", a.ID, "action "+a.ID+" added: "+quote(a.Text)+" ("+actionTerms(a)+")")
			continue
		}
		if t := actionChange(was, a); t != "" {
			add("actions", actionText(was), actionText(a), "action "+a.ID+" "+t)
		}
	}
	for _, a := range oa {
		if find(na, a.ID) == nil {
			add("actions", a.ID, "", "action "+a.ID+" removed (was: "+quote(a.Text)+")")
		}
	}
	return ch
}

// actionTerms says who owes an action and by when: "secretariat, chair;
// due Jan 2027".
func actionTerms(a *workplan.Action) string {
	s := strings.Join(a.Owners, ", ") + "; due " + a.DueText()
	if len(a.ReportTo) > 0 {
		s += "; report to " + strings.Join(a.ReportTo, ", ")
	}
	if a.Public {
		s += "; public"
	}
	return s
}

func actionText(a *workplan.Action) string {
	s := string(a.State)
	if !a.Since.IsZero() {
		s += " " + workplan.ISODay(a.Since)
	}
	return a.Text + " (" + actionTerms(a) + "; " + s + ")"
}

// actionChange words how an action changed: "done 2026-11-28", "dropped
// 2026-11-28: reason", "due changed from Dec 2026 to Jan 2027"; "" when
// it did not.
func actionChange(o, n *workplan.Action) string {
	var parts []string
	if o.State != n.State || !o.Since.Equal(n.Since) {
		s := n.State.Phrase()
		if !n.Since.IsZero() {
			s += " " + workplan.ISODay(n.Since)
		}
		if n.State == workplan.ActionDropped && n.Reason != "" {
			s += ": " + n.Reason
		}
		parts = append(parts, s)
	}
	if o.Text != n.Text {
		parts = append(parts, "text changed to "+quote(n.Text))
	}
	if !slices.Equal(o.Owners, n.Owners) {
		parts = append(parts, changedText("owners", strings.Join(o.Owners, ", "), strings.Join(n.Owners, ", ")))
	}
	if o.DueValue() != n.DueValue() {
		parts = append(parts, changedText("due", o.DueText(), n.DueText()))
	}
	if !slices.Equal(o.ReportTo, n.ReportTo) {
		parts = append(parts, changedText("reportTo", strings.Join(o.ReportTo, ", "), strings.Join(n.ReportTo, ", ")))
	}
	if o.Note != n.Note {
		parts = append(parts, textChange("note", o.Note, n.Note))
	}
	if o.Reason != n.Reason && (o.State == n.State || n.State != workplan.ActionDropped) {
		parts = append(parts, textChange("reason", o.Reason, n.Reason))
	}
	switch {
	case n.Public && !o.Public:
		parts = append(parts, "now public")
	case o.Public && !n.Public:
		parts = append(parts, "no longer public")
	}
	return strings.Join(parts, "; ")
}
