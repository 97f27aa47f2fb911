package workplan

// Follow-up: the conclusions a meeting reached and the actions it set
// (format 3), kept in the event's outcome.

import (
	"strconv"
	"strings"
	"time"
)

// ActionState is where a follow-up action stands.
type ActionState string

// The states of an action.
const (
	ActionOpen    ActionState = "open"
	ActionDone    ActionState = "done"
	ActionDropped ActionState = "dropped"
)

// ActionStates lists the states in the order help and the schema give them.
var ActionStates = []ActionState{ActionOpen, ActionDone, ActionDropped}

// Label returns the state as it stands alone: "Open".
func (s ActionState) Label() string { return lookup(s).label }

// Phrase returns the state as it reads in a sentence: "open".
func (s ActionState) Phrase() string { return lookup(s).phrase }

// The owners an action may name besides the plan's groups: the offices of
// the process, as the plan's metadata names them.
const (
	OwnerSecretariat = "secretariat"
	OwnerChair       = "chair"
	OwnerCoChair     = "co-chair"
)

// OwnerRoles lists the offices an owner may name.
var OwnerRoles = []string{OwnerSecretariat, OwnerChair, OwnerCoChair}

// Action is a follow-up action a meeting set: who owes what, by when,
// and where it is to be reported.
type Action struct {
	ID     string
	Text   string
	Owners []string
	// Due is a day (Start = End) or a month (Month).
	Due   Dates
	State ActionState
	// Since is the day the state last changed; zero when not given (an
	// open action then counts from the outcome's recorded date).
	Since    time.Time
	Reason   string // why it was dropped
	Note     string
	ReportTo []string // ids of events, in this plan or another year's
	// Public is true when the plan publishes the action with its
	// meeting's conclusions (the site, the calendars); false, the
	// default, keeps it for the Secretariat's follow-up only.
	Public bool

	// Event is the meeting that set the action.
	Event *Event

	pos    Pos
	fields fieldPositions
}

// Pos returns where the action starts in its file.
func (a *Action) Pos() Pos { return a.pos }

// FieldPos returns where the value of key starts, or the action's own
// position when the key is absent.
func (a *Action) FieldPos(key string) Pos {
	if p, ok := a.fields.get(key); ok {
		return p
	}
	return a.pos
}

// DueBy returns the last day the action is due: its day, or the last day
// of its month; zero when no due date is known.
func (a *Action) DueBy() time.Time {
	if a.Due.HasDay() {
		return a.Due.End
	}
	if a.Due.Month.IsZero() {
		return time.Time{}
	}
	return a.Due.Month.AddDate(0, 1, -1)
}

// DueText returns the due date as a person reads it: "30 Apr 2026",
// "May 2026".
func (a *Action) DueText() string { return a.Due.Text() }

// DueValue returns the due date as the file writes it: 2026-04-30 or
// 2026-05.
func (a *Action) DueValue() string {
	if a.Due.HasDay() {
		return ISODay(a.Due.Start)
	}
	if a.Due.Month.IsZero() {
		return ""
	}
	return ISOMonth(a.Due.Month)
}

// DaysOverdue returns how many days past its due date an open action is
// on today; 0 when it is not overdue (or not open).
func (a *Action) DaysOverdue(today time.Time) int {
	due := a.DueBy()
	if a.State != ActionOpen || due.IsZero() || !today.After(due) {
		return 0
	}
	return int(today.Sub(due).Hours() / 24)
}

// Actions returns every action of the plan, in file order.
func (p *Plan) Actions() []*Action {
	var out []*Action
	for _, e := range p.Events {
		if e.Outcome != nil {
			out = append(out, e.Outcome.Actions...)
		}
	}
	return out
}

// Action returns the action with the given id, or nil.
func (p *Plan) Action(id string) *Action { return p.actBy[id] }

// NextActionID returns an id for a new action of the meeting eventID:
// the event id with "-a" and the number after the highest its actions
// in any of the plans have ("rg-2026-03-a3" after "rg-2026-03-a2").
func NextActionID(eventID string, plans ...*Plan) string {
	prefix := eventID + "-a"
	n := 0
	for _, p := range plans {
		for _, a := range p.Actions() {
			if rest, ok := strings.CutPrefix(a.ID, prefix); ok {
				if k, err := strconv.Atoi(rest); err == nil && k > n {
					n = k
				}
			}
		}
	}
	return prefix + strconv.Itoa(n+1)
}

// OwnerName returns an owner as a person reads it: a group's name, the
// office with the plan's holder ("Secretariat (ICMPD)"), or the owner as
// written.
func (p *Plan) OwnerName(owner string) string {
	if g := p.Group(owner); g != nil {
		return g.Name
	}
	office := func(label, holder string) string {
		if holder == "" {
			return label
		}
		return label + " (" + holder + ")"
	}
	switch owner {
	case OwnerSecretariat:
		return office("Secretariat", p.Secretariat)
	case OwnerChair:
		return office("Chair", p.Chair)
	case OwnerCoChair:
		return office("Co-Chair", p.CoChair)
	}
	return owner
}

// looksLikeID reports whether an owner is written as an id would be
// (lowercase letters, digits and dashes, no spaces) rather than a name in
// plain words ("Türkiye", "IOM", "the Chair's office").
func looksLikeID(s string) bool { return isID(s) }
