package present

// Where an event stands on a day.
//
// As of a date, every event is in exactly one [State]. The rules are
// tried in this order and the first that matches wins:
//
//  1. cancelled: its status is cancelled.
//  2. postponed: its status is postponed.
//  3. held: an outcome is recorded, on or before the date. The outcome is
//     the evidence; status: held alone is not enough.
//  4. happening now: its days are known and the date falls within them.
//  5. needs follow-up: its days are known and have passed, and no outcome
//     is recorded by the date. This includes status: held without an
//     outcome, and an event whose day was marked TBC.
//  6. overdue to schedule: only its month is known, and the month has
//     passed without a day being fixed.
//  7. to be confirmed: still ahead, but its day or place is TBC (including
//     a month-only event in the current or a later month).
//  8. upcoming: still ahead, day and place fixed.
//
// The status field carries no date, so cancelled and postponed apply
// whatever the date; an outcome counts only from the day it was recorded,
// so a report as of an earlier day shows what was known then. These are
// the Secretariat's words; what the public is told of each is
// [EventStatus.Public].

import (
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// State is where one event stands as of a day.
type State int

// The states, in the order reports list them.
const (
	Held State = iota
	FollowUp
	InProgress
	Upcoming
	ToConfirm
	Overdue
	Postponed
	Cancelled
	numStates
)

// States lists every state in report order.
var States = []State{Held, FollowUp, InProgress, Upcoming, ToConfirm, Overdue, Postponed, Cancelled}

// NumStates is the number of states, for arrays indexed by [State].
const NumStates = int(numStates)

var stateInfo = [numStates]struct {
	tone       Tone
	short, doc string
}{
	Held:       {ToneHeld, "held", "took place; its outcome is recorded"},
	FollowUp:   {ToneFollowUp, "follow-up", "its days have passed and no outcome is recorded"},
	InProgress: {ToneNow, "now", "the date falls within its days"},
	Upcoming:   {ToneUpcoming, "upcoming", "ahead, with day and place fixed"},
	ToConfirm:  {ToneToConfirm, "TBC", "ahead, but its day or place is TBC"},
	Overdue:    {ToneOverdue, "overdue", "only its month is known, and the month has passed"},
	Postponed:  {TonePostponed, "postponed", "its status is postponed"},
	Cancelled:  {ToneCancelled, "cancelled", "its status is cancelled"},
}

// String returns the state's id, as JSON gives it: "needs-follow-up".
func (s State) String() string { return string(stateInfo[s].tone) }

// Label returns the state as a person reads it: "Needs follow-up".
func (s State) Label() string { return stateInfo[s].tone.Label() }

// Short returns the state in a word, for table cells: "follow-up".
func (s State) Short() string { return stateInfo[s].short }

// Doc returns what the state means, in a phrase.
func (s State) Doc() string { return stateInfo[s].doc }

// Tone returns the state's tone: its colour and legend.
func (s State) Tone() Tone { return stateInfo[s].tone }

// EventStatus is one event and where it stands.
type EventStatus struct {
	Event *workplan.Event
	State State
	// DaysToGo counts the days from the report's date to the event's first
	// (possible) day; set for events still ahead, else -1.
	DaysToGo int
	// DaysSince counts the days since its last (possible) day; set for
	// needs follow-up and overdue to schedule, else -1.
	DaysSince int
	// AsOf is the day it is judged on.
	AsOf time.Time
}

// Classify returns where e stands as of asOf (a day; its time of day is
// ignored), by the rules above.
func Classify(e *workplan.Event, asOf time.Time) EventStatus {
	asOf = Day(asOf)
	es := EventStatus{Event: e, DaysToGo: -1, DaysSince: -1, AsOf: asOf}
	first, last := e.Span()
	switch {
	case e.Status == workplan.StatusCancelled:
		es.State = Cancelled
	case e.Status == workplan.StatusPostponed:
		es.State = Postponed
	case e.Outcome != nil && !e.Outcome.Recorded.IsZero() && !e.Outcome.Recorded.After(asOf):
		es.State = Held
	case e.HasDay() && !first.After(asOf) && !last.Before(asOf):
		es.State = InProgress
	case e.HasDay() && last.Before(asOf):
		es.State = FollowUp
		es.DaysSince = DaysBetween(last, asOf)
	case !e.HasDay() && last.Before(asOf):
		es.State = Overdue
		es.DaysSince = DaysBetween(last, asOf)
	case e.Unconfirmed() || !e.HasDay():
		es.State = ToConfirm
	default:
		es.State = Upcoming
	}
	if (es.State == Upcoming || es.State == ToConfirm) && first.After(asOf) {
		es.DaysToGo = DaysBetween(asOf, first)
	}
	return es
}

// Past reports whether the event's days (or month) are over as of the
// day it is judged on.
func (es EventStatus) Past() bool {
	_, last := es.Event.Span()
	return last.Before(es.AsOf)
}

// Detail says in a few words why the event is in its state, and where
// it moved from: "in 12 days", "ended 3 days ago, no outcome recorded",
// "in 40 days; moved from 25–26 Jun 2026". These are the Secretariat's
// words; [EventStatus.Public] gives the public's.
func (es EventStatus) Detail() string {
	s := es.detail()
	if m := es.Event.MovedText(); m != "" {
		if s == "" {
			return m
		}
		return s + "; " + m
	}
	return s
}

func (es EventStatus) detail() string {
	e := es.Event
	switch es.State {
	case Held:
		return "outcome recorded " + workplan.DayText(e.Outcome.Recorded)
	case FollowUp:
		s := "ended " + DaysAgo(es.DaysSince) + ", no outcome recorded"
		if e.Status == workplan.StatusHeld {
			s = "marked held, but " + s
		}
		return s
	case InProgress:
		return until(e)
	case Upcoming:
		return InDays(es.DaysToGo)
	case ToConfirm:
		s := tbcText(e)
		if es.DaysToGo > 0 {
			s = InDays(es.DaysToGo) + "; " + s
		}
		return s
	case Overdue:
		return e.Month.Month().String() + " passed with no day fixed"
	case Postponed:
		if len(e.MovedFrom) > 0 {
			return "postponed" // moved before; the new date is to be announced
		}
		return "postponed; no new date"
	case Cancelled:
		return "will not take place"
	}
	return ""
}

// until says when a meeting under way ends: "today", "until 18 Jun".
func until(e *workplan.Event) string {
	if e.Start.Equal(e.End) {
		return "today"
	}
	return "until " + workplan.DayMonthText(e.End)
}

// tbcText names what is still to be confirmed: "day TBC", "day and
// place TBC".
func tbcText(e *workplan.Event) string {
	var tbc []string
	if e.DateTBC {
		tbc = append(tbc, "day")
	}
	if e.LocationTBC() {
		tbc = append(tbc, "place")
	}
	if len(tbc) == 0 {
		return ""
	}
	return strings.Join(tbc, " and ") + " TBC"
}

// Day returns t's day at UTC midnight: how bp compares days.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts whole days from a to b (both UTC midnight).
func DaysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours()+12) / 24
}

// InDays says when a day is, from today: "today", "tomorrow", "in 12
// days".
func InDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return "in " + strconv.Itoa(n) + " days"
}

// DaysAgo says how long ago a day was: "yesterday", "3 days ago".
func DaysAgo(n int) string {
	if n == 1 {
		return "yesterday"
	}
	return strconv.Itoa(n) + " days ago"
}

// Days reads a number of days: "1 day", "12 days".
func Days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
