package edit

// The changes behind bp action add, done and drop: the follow-up actions
// of a meeting, kept in its outcome (format 3). A change to an action is
// a change to its meeting's event, which carries the new revision.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// ActionSpec is a new action, as bp action add takes it.
type ActionSpec struct {
	ID       string // "": the next of the event's (workplan.NextActionID), chosen as the change is made
	Text     string
	Owners   []string
	Due      workplan.Dates // a day (Start = End) or a month
	ReportTo []string
	Public   bool // published with the meeting's conclusions
}

// AddAction adds an action to the outcome of the meeting eventID: open
// since today. The meeting must have its outcome recorded (bp record):
// an action is what a meeting that took place set.
func AddAction(eventID string, s ActionSpec) Change {
	return func(t *Tree) error {
		ev, err := t.Event(eventID)
		if err != nil {
			return err
		}
		if ev.Old.Outcome == nil {
			return fmt.Errorf("event %q has no outcome recorded: record it first (bp record %s --summary TEXT); an action is set by a meeting that took place", eventID, eventID)
		}
		if err := checkOwners(t, s.Owners); err != nil {
			return err
		}
		id := s.ID
		if id == "" {
			id = t.nextActionID(eventID)
		} else if a := t.Plan.Action(id); a != nil || t.addedActions[id] {
			return fmt.Errorf("the plan already has an action %q; choose another id with --id", id)
		}
		kvs := []KeyValue{{"id", Str(id)}, {"text", Str(s.Text)}, {"owners", List(s.Owners)}, {"due", dueNode(s.Due)}}
		kvs = append(kvs, KeyValue{"state", Str(string(workplan.ActionOpen))}, KeyValue{"since", Date(t.Today)})
		if len(s.ReportTo) > 0 {
			kvs = append(kvs, KeyValue{"reportTo", List(s.ReportTo)})
		}
		if s.Public {
			kvs = append(kvs, KeyValue{"public", Bool(true)})
		}
		oc, err := ev.Child("outcome")
		if err != nil {
			return err
		}
		if t.addedActions == nil {
			t.addedActions = map[string]bool{}
		}
		t.addedActions[id] = true
		return oc.Append("actions", Map(kvs...))
	}
}

// dueNode is a due date as the file writes it: a day or a month.
func dueNode(d workplan.Dates) *yaml.Node {
	if d.HasDay() {
		return Date(d.Start)
	}
	return Month(d.Month)
}

// checkOwners refuses an owner written as an id that names no group of
// the plan nor an office: a misspelt group id, most likely (bp validate
// warns of one written by hand).
func checkOwners(t *Tree, owners []string) error {
	for _, o := range owners {
		if hint, unknown := t.Plan.UnknownOwner(o); unknown {
			return &RefusedError{Msg: fmt.Sprintf("owner %q is no group of the plan nor an office", o), Hint: hint}
		}
	}
	return nil
}

// ActionFields are the values bp action set changes; nil leaves a
// value as it is.
type ActionFields struct {
	Text     *string
	Owners   []string        // nil: as they are
	Due      *workplan.Dates // a day (Start = End) or a month
	ReportTo *[]string       // an empty list removes them
	Public   *bool
}

// SetAction changes an action: its text, owners (each checked as
// [AddAction] checks them), due date, the meetings it is to be reported
// to, and whether it is published. Its state is bp action done's and
// drop's.
func SetAction(id string, f ActionFields) Change {
	return func(t *Tree) error {
		_, m, err := t.action(id)
		if err != nil {
			return err
		}
		if f.Text != nil {
			if strings.TrimSpace(*f.Text) == "" {
				return fmt.Errorf("action %q: the text is empty", id)
			}
			if err := m.SetString("text", strings.TrimSpace(*f.Text)); err != nil {
				return err
			}
		}
		if f.Owners != nil {
			if err := checkOwners(t, f.Owners); err != nil {
				return err
			}
			if err := m.Set("owners", List(f.Owners)); err != nil {
				return err
			}
		}
		if f.Due != nil {
			if err := m.Set("due", dueNode(*f.Due)); err != nil {
				return err
			}
		}
		if f.ReportTo != nil {
			if err := setList(m, "reportTo", *f.ReportTo); err != nil {
				return err
			}
		}
		switch {
		case f.Public == nil:
		case *f.Public:
			err = m.Set("public", Bool(true))
		default:
			_, err = m.Unset("public")
		}
		return err
	}
}

// nextActionID is the id of an action added to the event eventID without
// one: the event's id with -a and the number after the highest of the
// plans of the set and of the actions this change set added. It is chosen
// from the file as read for the change, so that edits that take turns
// (the command line's lock) each take the next number.
func (t *Tree) nextActionID(eventID string) string {
	id := workplan.NextActionID(eventID, append(slices.Clone(t.Others), t.Plan)...)
	for t.addedActions[id] {
		n, _ := strconv.Atoi(strings.TrimPrefix(id, eventID+"-a"))
		id = eventID + "-a" + strconv.Itoa(n+1)
	}
	return id
}

// ActionDone marks an open action done on the day on (zero: today), with
// an optional note on how.
func ActionDone(id string, on time.Time, note string) Change {
	return func(t *Tree) error {
		a, m, err := t.action(id)
		if err != nil {
			return err
		}
		if a.State != workplan.ActionOpen {
			return stateError(a)
		}
		if on.IsZero() {
			on = t.Today
		}
		if err := m.SetString("state", string(workplan.ActionDone)); err != nil {
			return err
		}
		if err := m.Set("since", Date(on)); err != nil {
			return err
		}
		if strings.TrimSpace(note) != "" {
			return m.SetString("note", note)
		}
		return nil
	}
}

// ActionDrop drops an open action today, for a reason.
func ActionDrop(id, reason string) Change {
	return func(t *Tree) error {
		a, m, err := t.action(id)
		if err != nil {
			return err
		}
		if a.State != workplan.ActionOpen {
			return stateError(a)
		}
		if strings.TrimSpace(reason) == "" {
			return fmt.Errorf("say why action %q is dropped (--reason)", id)
		}
		if err := m.SetString("state", string(workplan.ActionDropped)); err != nil {
			return err
		}
		if err := m.Set("since", Date(t.Today)); err != nil {
			return err
		}
		return m.SetString("reason", reason)
	}
}

func stateError(a *workplan.Action) error {
	since := ""
	if !a.Since.IsZero() {
		since = " since " + workplan.ISODay(a.Since)
	}
	return fmt.Errorf("action %q is %s%s, not open; edit the file to change it back", a.ID, a.State, since)
}

// RefusedError is a change refused for a reason the user can mend, said
// in Msg, with a hint of how.
type RefusedError struct{ Msg, Hint string }

func (e *RefusedError) Error() string { return e.Msg + "\n  hint: " + e.Hint }

// ActionNotFoundError is a change naming an action the plan does not have.
type ActionNotFoundError struct {
	ID    string
	Known []string // ids that look like it
}

func (e *ActionNotFoundError) Error() string {
	s := fmt.Sprintf("no action %q in the plan", e.ID)
	if len(e.Known) > 0 {
		return s + "; did you mean " + strings.Join(e.Known, " or ") + "?"
	}
	return s + "; run 'bp actions' for the ids"
}

// action finds the mapping of an action in the tree, with the action as
// read; changing the mapping marks its meeting changed.
func (t *Tree) action(id string) (*workplan.Action, *Mapping, error) {
	a := t.Plan.Action(id)
	if a == nil {
		var ids []string
		for _, x := range t.Plan.Actions() {
			ids = append(ids, x.ID)
		}
		var known []string
		if s := workplan.Suggest(id, ids); s != "" {
			known = append(known, strconv.Quote(s))
		}
		return nil, nil, &ActionNotFoundError{ID: id, Known: known}
	}
	ev, err := t.Event(a.Event.ID)
	if err != nil {
		return nil, nil, err
	}
	oc := follow(get(ev.n, "outcome"))
	list := follow(get(oc, "actions"))
	if oc == nil || oc.Kind != yaml.MappingNode || list == nil || list.Kind != yaml.SequenceNode {
		return nil, nil, fmt.Errorf("event %q: its outcome or actions are written as aliases; edit them by hand", a.Event.ID)
	}
	for _, item := range list.Content {
		if item.Kind == yaml.MappingNode && idOf(item) == id {
			if t.shared(item) || t.shared(list) || t.shared(oc) {
				return nil, nil, fmt.Errorf("action %q is anchored and used elsewhere through an alias; edit it by hand", id)
			}
			return a, &Mapping{t: t, n: item, event: a.Event.ID}, nil
		}
	}
	return nil, nil, fmt.Errorf("action %q is written as an alias; edit it by hand", id)
}
