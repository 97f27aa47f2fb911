package present

import (
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// Audience is who a document is written for. What each audience is told
// is decided here, in one table ([AudienceRules]), and nowhere else:
//
//	audience  documents                          the past                          follow-up
//	public    bp site (pages, events.json),      "Took place" when held; a past    summary and conclusions;
//	          the feeds (bp ics --feeds, the     meeting without an outcome is     only the actions the
//	          site's calendars), one-event .ics  just a past meeting; no "needs    plan marks public: true
//	          files, bp ics, bp list             follow-up", "overdue", "no
//	                                             outcome recorded", no day counts
//	internal  bp status, bp actions, bp brief,   every state and its detail        everything: every action,
//	          bp show (and the site's status     ("needs follow-up, ended 278      its owners, how many days
//	          page, only with --with-status)     days ago, no outcome recorded")   overdue, which are public
type Audience int

// The audiences.
const (
	// Public is anyone: the site, the calendar feeds, one-event files.
	Public Audience = iota
	// Internal is the Secretariat and the Chairs preparing meetings: bp
	// status, bp actions, bp brief, bp show.
	Internal
)

// AudienceRule is what one audience is told.
type AudienceRule struct {
	Name string
	// Documents names the documents written for it.
	Documents string
	// States tells the Secretariat's states: needs follow-up, overdue to
	// schedule, and their details with days counted. Without it, a past
	// meeting is "Took place" when held and has no mark otherwise, and
	// no detail counts days.
	States bool
	// AllActions shows every action a meeting set; without it, only the
	// actions the plan marks public.
	AllActions bool
	// IDs shows event and action ids, which people type into bp.
	IDs bool
}

// AudienceRules is the table of what each audience is told, indexed by
// [Audience].
var AudienceRules = [...]AudienceRule{
	Public: {
		Name:      "public",
		Documents: "bp site (pages and events.json), the feeds (bp ics --feeds and the site's calendars), one-event calendar files, bp ics, bp list",
	},
	Internal: {
		Name:       "internal",
		Documents:  "bp status, bp actions, bp brief, bp show, and the site's status page (bp site --with-status)",
		States:     true,
		AllActions: true,
		IDs:        true,
	},
}

// Rule returns what the audience is told.
func (a Audience) Rule() AudienceRule { return AudienceRules[a] }

// String returns the audience's name: "public".
func (a Audience) String() string { return AudienceRules[a].Name }

// InternalWords are words only the internal audience reads: a public
// document never holds one (tests check every page of the site).
var InternalWords = []string{"needs follow-up", "overdue", "no outcome recorded", "days ago", "days overdue"}

// Mark returns the event's state as the audience is told it, for a
// label beside it on a page or a line: the Secretariat's state and
// detail; for the public, neutral words: "Took place", "Upcoming",
// "Cancelled", none at all for a past meeting whose outcome is not
// recorded, and never a count of days.
func (es EventStatus) Mark(a Audience) Mark {
	e := es.Event
	if a.Rule().States {
		return Mark{Tone: es.State.Tone(), Label: es.State.Label(), Detail: es.Detail()}
	}
	m := es.public()
	if moved := e.MovedText(); moved != "" && m.Label != "" {
		m.Detail = Join("; ", m.Detail, moved)
	}
	if es.State != Cancelled {
		m.Flags = flags(e) // a cancelled meeting's date or place is no longer to be confirmed
	}
	return m
}

// public is the public's mark, flags aside.
func (es EventStatus) public() Mark {
	e := es.Event
	switch es.State {
	case Cancelled:
		return Mark{Tone: ToneCancelled, Label: Cancelled.Label()}
	case Postponed:
		return Mark{Tone: TonePostponed, Label: Postponed.Label(), Detail: newDateTBA}
	case Held:
		return Mark{Tone: ToneTookPlace, Label: ToneTookPlace.Label()}
	case FollowUp:
		if e.Status == workplan.StatusHeld {
			return Mark{Tone: ToneTookPlace, Label: ToneTookPlace.Label()}
		}
		return Mark{} // a past meeting, no more
	case InProgress:
		return Mark{Tone: ToneNow, Label: InProgress.Label(), Detail: until(e)}
	case Upcoming:
		return Mark{Tone: ToneUpcoming, Label: Upcoming.Label()}
	}
	// to be confirmed, or a month that passed with no day fixed: the
	// public hears that the day is still to be confirmed
	return Mark{Tone: ToneToConfirm, Label: ToConfirm.Label()}
}

// newDateTBA is what a postponed meeting's new date is.
const newDateTBA = "a new date is to be announced"

// flags are the marks of what is not final: "Place TBC".
func flags(e *workplan.Event) []string {
	var out []string
	switch {
	case !e.HasDay():
		out = append(out, "Day not fixed yet: only the month is known")
	case e.DateTBC:
		out = append(out, "Date TBC")
	}
	if e.LocationTBC() {
		out = append(out, "Place TBC")
	}
	return out
}

// ActionState says where an action stands, as the audience is told it:
// "Open", "Open, 59 days overdue" (internal only), "Done 20 Apr 2026",
// "Dropped 10 Sep 2026". With a zero today (a calendar file, which must
// not change from day to day) an open action is "Open".
func ActionState(a *workplan.Action, aud Audience, today time.Time) (string, Tone) {
	switch a.State {
	case workplan.ActionDone:
		return withDay(a.State.Label(), a.Since), ToneActionDone
	case workplan.ActionDropped:
		return withDay(a.State.Label(), a.Since), ToneActionDropped
	}
	if n := a.DaysOverdue(today); n > 0 && !today.IsZero() && aud.Rule().States {
		return "Open, " + Days(n) + " overdue", ToneActionLate
	}
	return "Open", NoTone
}

// ActionStateDue is [ActionState] with an open action's due date, where
// no column gives it: "Open, due 31 May 2026", "Open, 59 days overdue
// (due 30 Sep 2026)".
func ActionStateDue(a *workplan.Action, aud Audience, today time.Time) (string, Tone) {
	s, tone := ActionState(a, aud, today)
	if a.State != workplan.ActionOpen || a.DueValue() == "" {
		return s, tone
	}
	if tone == ToneActionLate {
		return s + " (due " + a.DueText() + ")", tone
	}
	return s + ", due " + a.DueText(), tone
}

// withDay is "Done 20 Apr 2026"; the label alone without a day.
func withDay(label string, t time.Time) string {
	if t.IsZero() {
		return label
	}
	return label + " " + workplan.DayText(t)
}

// Actions returns the actions of an outcome the audience sees, in the
// plan's order: every one, or the public ones.
func Actions(o *workplan.Outcome, a Audience) []*workplan.Action {
	if o == nil {
		return nil
	}
	if a.Rule().AllActions {
		return o.Actions
	}
	var out []*workplan.Action
	for _, x := range o.Actions {
		if x.Public {
			out = append(out, x)
		}
	}
	return out
}

// Join joins the parts that are not empty with sep.
func Join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
