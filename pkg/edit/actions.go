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
		id := s.ID
		if id == "" {
			id = t.nextActionID(eventID)
		} else if a := t.Plan.Action(id); a != nil || t.addedActions[id] {
			return fmt.Errorf("the plan already has an action %q; choose another id with --id", id)
		}
		kvs := []KeyValue{{"id", Str(id)}, {"text", Str(s.Text)}, {"owners", List(s.Owners)}}
		if s.Due.HasDay() {
			kvs = append(kvs, KeyValue{"due", Date(s.Due.Start)})
		} else {
			kvs = append(kvs, KeyValue{"due", Month(s.Due.Month)})
		}
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
