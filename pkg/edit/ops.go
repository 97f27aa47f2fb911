package edit

// The changes behind bp's edit commands. Each reads the event as it was
// (Event.Old) to decide, and writes the tree key by key.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// EventSpec is a new event, as bp add takes it.
type EventSpec struct {
	ID       string
	Title    string
	Type     workplan.EventType
	Dates    workplan.Dates
	Groups   []string
	Times    *Times          // nil to leave them out
	TimeZone string          // the times' time zone; "" for the plan's
	Format   workplan.Format // "" to leave it out
	Place    *workplan.Place // nil to leave it out
	Status   workplan.Status // "" means planned
	Purpose  string
	Partners []string
	Product  string
	Links    []workplan.Link
	Notes    string
}

// Add adds an event, placed in date order among the others.
func Add(s EventSpec) Change {
	return func(t *Tree) error {
		status := s.Status
		if status == "" {
			status = workplan.StatusPlanned
		}
		kvs := []KeyValue{{"title", Str(s.Title)}, {"type", Str(string(s.Type))}}
		if len(s.Groups) > 0 {
			kvs = append(kvs, KeyValue{"groups", List(s.Groups)})
		}
		kvs = append(kvs, dateKeys(s.Dates)...)
		if s.Times != nil {
			kvs = append(kvs, KeyValue{"startTime", Str(s.Times.Start.String())})
			if !s.Times.End.IsZero() {
				kvs = append(kvs, KeyValue{"endTime", Str(s.Times.End.String())})
			}
		}
		if s.TimeZone != "" {
			kvs = append(kvs, KeyValue{"timezone", Str(s.TimeZone)})
		}
		if s.Format != "" {
			kvs = append(kvs, KeyValue{"format", Str(string(s.Format))})
		}
		if s.Place != nil {
			kvs = append(kvs, KeyValue{"location", placeNode(*s.Place)})
		}
		links, err := changeLinks(nil, s.Links, nil)
		if err != nil {
			return err
		}
		if len(links) > 0 {
			kvs = append(kvs, KeyValue{"links", linksNode(links)})
		}
		kvs = append(kvs, KeyValue{"status", Str(string(status))})
		if len(s.Partners) > 0 {
			kvs = append(kvs, KeyValue{"partners", List(s.Partners)})
		}
		if s.Product != "" {
			kvs = append(kvs, KeyValue{"product", Str(s.Product)})
		}
		for _, kv := range []KeyValue{{"purpose", Str(s.Purpose)}, {"notes", Str(s.Notes)}} {
			if strings.TrimSpace(kv.Value.Value) != "" {
				kvs = append(kvs, kv)
			}
		}
		first := s.Dates.Start
		if !s.Dates.HasDay() {
			first = s.Dates.Month
		}
		_, err = t.AddEvent(s.ID, first, kvs)
		return err
	}
}

func dateKeys(d workplan.Dates) []KeyValue {
	if !d.HasDay() {
		return []KeyValue{{"month", Month(d.Month)}}
	}
	kvs := []KeyValue{{"start", Date(d.Start)}}
	if d.End.After(d.Start) {
		kvs = append(kvs, KeyValue{"end", Date(d.End)})
	}
	return kvs
}

func placeNode(p workplan.Place) *yaml.Node {
	var kvs []KeyValue
	if p.Venue != "" {
		kvs = append(kvs, KeyValue{"venue", Str(p.Venue)})
	}
	if p.City != "" {
		kvs = append(kvs, KeyValue{"city", Str(p.City)})
	}
	return Map(append(kvs, KeyValue{"country", Str(p.Country)})...)
}

// Times is a start time and an optional end time (zero when not given).
type Times struct{ Start, End workplan.Clock }

// Fields are the values bp set changes; nil leaves a value as it is.
type Fields struct {
	Title    *string
	Dates    *workplan.Dates
	Times    *Times
	TimeZone *string
	Format   *workplan.Format
	Place    *workplan.Place
	Status   *workplan.Status
	Purpose  *string
	Partners *[]string // an empty list removes them
	Product  *string   // "" removes it
	Notes    *string
	// Links are added, in order: a link whose address the event has
	// already replaces that one (its kind and label), another goes at
	// the end. RemoveLinks are removed first: each a kind (every link of
	// it) or an address.
	Links       []workplan.Link
	RemoveLinks []string
	Unset       []string // keys to remove, from [Unsettable]
}

// Unsettable lists the event keys bp set --unset removes. The others are
// required, or bookkeeping the edit commands keep.
var Unsettable = []string{"groups", "end", "dateTBC", "movedFrom", "startTime", "endTime", "timezone",
	"format", "location", "links", "reason", "partners", "product", "backToBack", "purpose", "notes", "outcome"}

// sets names the keys each field of Fields sets, for the check that a
// key is not both set and removed.
func (f Fields) sets() []string {
	var keys []string
	add := func(set bool, k ...string) {
		if set {
			keys = append(keys, k...)
		}
	}
	add(f.Title != nil, "title")
	add(f.Dates != nil, "start", "end", "month", "dateTBC", "movedFrom")
	add(f.Times != nil, "startTime", "endTime")
	add(f.TimeZone != nil, "timezone")
	add(f.Format != nil, "format")
	add(f.Place != nil, "location")
	add(f.Status != nil, "status")
	add(f.Purpose != nil, "purpose")
	add(f.Partners != nil, "partners")
	add(f.Product != nil, "product")
	add(f.Notes != nil, "notes")
	add(len(f.Links)+len(f.RemoveLinks) > 0, "links")
	return keys
}

// Set changes an event's values. A new date moves the event: the date it
// had is kept in movedFrom (unless only the day of a month-only event is
// now known); a day given to a month-only event is no longer TBC, while a
// day moved to another keeps its dateTBC. A month clears the days and the
// times. A place replaces the location (alternatives and venue go; a tbc
// mark stays: bp confirm clears it).
func Set(id string, f Fields) Change {
	return func(t *Tree) error {
		ev, err := t.Event(id)
		if err != nil {
			return err
		}
		for _, k := range f.Unset {
			if !slices.Contains(Unsettable, k) {
				return unsettable(k)
			}
			if slices.Contains(f.sets(), k) {
				return fmt.Errorf("%s is both set and removed (--unset %s); do one", k, k)
			}
			if _, err := ev.Unset(k); err != nil {
				return err
			}
		}
		if f.Title != nil {
			if err := ev.SetString("title", *f.Title); err != nil {
				return err
			}
		}
		if f.Dates != nil {
			if err := setDates(ev, *f.Dates, false); err != nil {
				return err
			}
		}
		if f.Times != nil {
			if err := ev.SetString("startTime", f.Times.Start.String()); err != nil {
				return err
			}
			if !f.Times.End.IsZero() {
				err = ev.SetString("endTime", f.Times.End.String())
			} else {
				_, err = ev.Unset("endTime")
			}
			if err != nil {
				return err
			}
		}
		if f.TimeZone != nil {
			if err := ev.SetString("timezone", *f.TimeZone); err != nil {
				return err
			}
		}
		if f.Format != nil {
			if err := ev.SetString("format", string(*f.Format)); err != nil {
				return err
			}
		}
		if f.Place != nil {
			if err := setPlace(ev, *f.Place, false); err != nil {
				return err
			}
		}
		if f.Status != nil {
			if err := setStatus(ev, *f.Status); err != nil {
				return err
			}
		}
		if f.Purpose != nil {
			if err := setText(ev.Mapping, "purpose", *f.Purpose); err != nil {
				return err
			}
		}
		if f.Partners != nil {
			if err := setList(ev.Mapping, "partners", *f.Partners); err != nil {
				return err
			}
		}
		if f.Product != nil {
			if err := setText(ev.Mapping, "product", *f.Product); err != nil {
				return err
			}
		}
		if f.Notes != nil {
			if err := setText(ev.Mapping, "notes", *f.Notes); err != nil {
				return err
			}
		}
		if len(f.Links)+len(f.RemoveLinks) > 0 {
			var had []workplan.Link
			if ev.Old != nil {
				had = ev.Old.Links
			}
			links, err := changeLinks(had, f.Links, f.RemoveLinks)
			if err != nil {
				return err
			}
			if len(links) == 0 {
				_, err = ev.Unset("links")
				return err
			}
			return ev.Set("links", linksNode(links))
		}
		return nil
	}
}

// setStatus sets an event's status. A cancelled event given another
// status is no longer cancelled: the reason it was cancelled goes.
func setStatus(ev *Event, s workplan.Status) error {
	if err := ev.SetString("status", string(s)); err != nil {
		return err
	}
	if ev.Old != nil && ev.Old.Status == workplan.StatusCancelled && s != workplan.StatusCancelled {
		_, err := ev.Unset("reason")
		return err
	}
	return nil
}

// setList sets a list of texts, or removes the key for an empty one.
func setList(m *Mapping, key string, items []string) error {
	if len(items) == 0 {
		_, err := m.Unset(key)
		return err
	}
	return m.Set(key, List(items))
}

// changeLinks is the links had, less those remove names (each a kind, or
// an address), with add: a link whose address is there already takes
// its place, another goes at the end. Naming a link to remove that is
// not there is refused.
func changeLinks(had, add []workplan.Link, remove []string) ([]workplan.Link, error) {
	out := slices.Clone(had)
	for _, r := range remove {
		r = strings.TrimSpace(r)
		n := len(out)
		out = slices.DeleteFunc(out, func(l workplan.Link) bool { return string(l.Kind) == strings.ToLower(r) || l.URL == r })
		if len(out) == n {
			var have []string
			for _, l := range had {
				have = append(have, string(l.Kind)+" "+l.URL)
			}
			if len(have) == 0 {
				return nil, fmt.Errorf("no link to remove (--remove-link %s): the event has none", r)
			}
			return nil, fmt.Errorf("no link of kind or address %q to remove; the event has: %s", r, strings.Join(have, ", "))
		}
	}
	for _, l := range add {
		if i := slices.IndexFunc(out, func(o workplan.Link) bool { return o.URL == l.URL }); i >= 0 {
			out[i] = l
			continue
		}
		out = append(out, l)
	}
	return out, nil
}

// linksNode is the links as the file writes them.
func linksNode(links []workplan.Link) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, l := range links {
		kvs := []KeyValue{{"kind", Str(string(l.Kind))}, {"url", Str(l.URL)}}
		if l.Label != "" {
			kvs = append(kvs, KeyValue{"label", Str(l.Label)})
		}
		n.Content = append(n.Content, Map(kvs...))
	}
	return n
}

func unsettable(k string) error {
	why := "it is not a key of an event"
	switch k {
	case "id", "title", "type", "status":
		why = "it is required"
	case "start", "month":
		why = "an event needs its start or its month: give another with --date or --month"
	case "revision", "revised":
		why = "the edit commands keep it"
	case "time":
		why = "the keys are startTime and endTime"
	}
	return fmt.Errorf("--unset %s: cannot remove %s: %s (removable: %s)", k, strconv.Quote(k), why, strings.Join(Unsettable, ", "))
}

// setText sets a text value, or removes the key for an empty one.
func setText(m *Mapping, key, s string) error {
	if strings.TrimSpace(s) == "" {
		_, err := m.Unset(key)
		return err
	}
	return m.SetString(key, s)
}

// setDates gives the event new dates; see [Set].
func setDates(ev *Event, d workplan.Dates, clearTBC bool) error {
	old := ev.Old
	if old != nil && sameDates(old.Dates(), d) {
		if clearTBC {
			_, err := ev.Unset("dateTBC")
			return err
		}
		return nil
	}
	if old != nil && isMove(old.Dates(), d) {
		if err := ev.Append("movedFrom", formerNode(old.Dates())); err != nil {
			return err
		}
	}
	var err error
	unset := func(keys ...string) {
		for _, k := range keys {
			if err == nil {
				_, err = ev.Unset(k)
			}
		}
	}
	if d.HasDay() {
		if err = ev.Set("start", Date(d.Start)); err != nil {
			return err
		}
		if d.End.After(d.Start) {
			err = ev.Set("end", Date(d.End))
		} else {
			unset("end")
		}
		unset("month")
		if clearTBC || old != nil && !old.HasDay() {
			unset("dateTBC") // the day is known now
		}
		return err
	}
	if err = ev.Set("month", Month(d.Month)); err != nil {
		return err
	}
	unset("start", "end", "dateTBC", "startTime", "endTime")
	return err
}

func sameDates(a, b workplan.Dates) bool {
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Month.Equal(b.Month)
}

// isMove reports whether going from dates a to b moves the event, as
// opposed to fixing its day within the month it had (or giving up the
// day within the same month).
func isMove(a, b workplan.Dates) bool {
	switch {
	case a.HasDay() && b.HasDay():
		return !sameDates(a, b)
	case a.HasDay():
		return !sameMonth(a.Start, b.Month)
	case b.HasDay():
		return !(sameMonth(a.Month, b.Start) && sameMonth(a.Month, b.End))
	}
	return !sameMonth(a.Month, b.Month)
}

func sameMonth(a, b time.Time) bool { return a.Year() == b.Year() && a.Month() == b.Month() }

func formerNode(d workplan.Dates) *yaml.Node {
	if !d.HasDay() {
		return Map(KeyValue{"month", Month(d.Month)})
	}
	kvs := []KeyValue{{"start", Date(d.Start)}}
	if d.End.After(d.Start) {
		kvs = append(kvs, KeyValue{"end", Date(d.End)})
	}
	return Map(kvs...)
}

// Append adds item at the end of the list under key, made when absent.
func (m *Mapping) Append(key string, item *yaml.Node) error {
	i := index(m.n, key)
	if i < 0 || isNull(m.n.Content[i+1]) {
		return m.Set(key, &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{item}})
	}
	v := m.n.Content[i+1]
	if m.t.shared(v) {
		return fmt.Errorf("%s: %q is anchored (&%s) and used elsewhere through an alias; edit it by hand", m.where(), key, v.Anchor)
	}
	if v.Kind == yaml.AliasNode {
		target := follow(v)
		if target == nil || target.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s: %q is not a list", m.where(), key)
		}
		c := copyTree(target)
		c.HeadComment, c.LineComment, c.FootComment = v.HeadComment, v.LineComment, v.FootComment
		m.n.Content[i+1], v = c, c
	}
	if v.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s: %q is not a list", m.where(), key)
	}
	if err := checkText(item); err != nil {
		return fmt.Errorf("%s: %s: %w", m.where(), key, err)
	}
	v.Content = append(v.Content, item)
	v.Style &^= yaml.FlowStyle
	m.touch()
	return nil
}

// setPlace sets the location to one place; confirm also clears its tbc.
func setPlace(ev *Event, p workplan.Place, confirm bool) error {
	loc, err := ev.Child("location")
	if err != nil {
		return err
	}
	if _, err := loc.Unset("alternatives"); err != nil {
		return err
	}
	if confirm {
		if _, err := loc.Unset("tbc"); err != nil {
			return err
		}
	}
	for _, kv := range []struct{ key, value string }{{"venue", p.Venue}, {"city", p.City}, {"country", p.Country}} {
		if err := setText(loc, kv.key, kv.value); err != nil {
			return err
		}
	}
	return nil
}

// ConfirmSpec is what bp confirm fixes; empty fields clear what is TBC
// as it is.
type ConfirmSpec struct {
	Dates  *workplan.Dates
	Place  *workplan.Place
	Choose string // a city among the location's alternatives
	Format *workplan.Format
}

// Confirm fixes an event's date and place and sets its status to
// confirmed: the dates given (or its day as it is, no longer TBC), the
// place given or chosen from the alternatives (or its place as it is, no
// longer TBC). An event whose day or place is not known cannot be
// confirmed without them.
func Confirm(id string, c ConfirmSpec) Change {
	return func(t *Tree) error {
		ev, err := t.Event(id)
		if err != nil {
			return err
		}
		old := ev.Old
		switch {
		case c.Dates != nil:
			err = setDates(ev, *c.Dates, true)
		case !old.HasDay():
			return fmt.Errorf("event %q has only a month (%s); give its day with --date", id, workplan.ISOMonth(old.Month))
		default:
			_, err = ev.Unset("dateTBC")
		}
		if err != nil {
			return err
		}
		alts := []workplan.Place(nil)
		if old.Location != nil {
			alts = old.Location.Alternatives
		}
		switch {
		case c.Place != nil && c.Choose != "":
			return fmt.Errorf("give --place or --choose, not both")
		case c.Place != nil:
			err = setPlace(ev, *c.Place, true)
		case c.Choose != "" && len(alts) == 0 && old.Location != nil && strings.EqualFold(old.Location.City, strings.TrimSpace(c.Choose)):
			err = setPlace(ev, old.Location.Place, true) // chosen already
		case c.Choose != "":
			p, cerr := choose(id, alts, c.Choose)
			if cerr != nil {
				return cerr
			}
			err = setPlace(ev, p, true)
		case len(alts) > 0:
			return fmt.Errorf("event %q has places in the running (%s); choose one with --choose CITY, or give --place \"City, Country\"", id, old.Location.Name())
		case old.Location != nil && old.Location.TBC:
			var loc *Mapping
			if loc, err = ev.Child("location"); err == nil {
				_, err = loc.Unset("tbc")
			}
		}
		if err != nil {
			return err
		}
		if c.Format != nil {
			if err := ev.SetString("format", string(*c.Format)); err != nil {
				return err
			}
		}
		return setStatus(ev, workplan.StatusConfirmed)
	}
}

// choose finds city among the alternatives: by city, or "City, Country".
func choose(id string, alts []workplan.Place, city string) (workplan.Place, error) {
	if len(alts) == 0 {
		return workplan.Place{}, fmt.Errorf("event %q has no places in the running to choose from; give --place \"City, Country\"", id)
	}
	want := strings.TrimSpace(city)
	var found []workplan.Place
	for _, a := range alts {
		if strings.EqualFold(a.City, want) || strings.EqualFold(a.City+", "+a.Country, want) || strings.EqualFold(a.String(), want) {
			found = append(found, a)
		}
	}
	names := make([]string, len(alts))
	for i, a := range alts {
		names[i] = a.String()
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return workplan.Place{}, fmt.Errorf("%q is not one of the places in the running for %q (%s); give --place \"City, Country\" for another", city, id, strings.Join(names, " / "))
	}
	return workplan.Place{}, fmt.Errorf("%q names more than one place in the running for %q (%s); write \"City, Country\"", city, id, strings.Join(names, " / "))
}

// Postpone postpones an event. Without a date its status becomes
// postponed: a new date is to be announced. With one, the event moves
// there (keeping the date it had in movedFrom) and is no longer
// postponed: a postponed event becomes planned again, another keeps its
// status. A reason says why, in a few words (the event's reason: shown
// with its status, and by the move); without one, a reason given before
// stays.
func Postpone(id string, to *workplan.Dates, reason string) Change {
	return func(t *Tree) error {
		ev, err := t.Event(id)
		if err != nil {
			return err
		}
		if r := oneLine(reason); r != "" {
			if err := ev.SetString("reason", r); err != nil {
				return err
			}
		}
		if to == nil {
			return setStatus(ev, workplan.StatusPostponed)
		}
		if err := setDates(ev, *to, true); err != nil {
			return err
		}
		if ev.Old.Status == workplan.StatusPostponed {
			return ev.SetString("status", string(workplan.StatusPlanned))
		}
		return nil
	}
}

// Cancel cancels an event: it stays in the plan (and in the calendars,
// marked cancelled) so that subscribers see it go. A reason says why
// ("merged into the Senior Officials Meeting"): the event's reason,
// shown with its status everywhere. Without one, an event cancelled
// already keeps its reason, and another loses the reason it had (that
// said why it was postponed, not why it is cancelled).
func Cancel(id, reason string) Change {
	return func(t *Tree) error {
		ev, err := t.Event(id)
		if err != nil {
			return err
		}
		if err := ev.SetString("status", string(workplan.StatusCancelled)); err != nil {
			return err
		}
		if r := oneLine(reason); r != "" {
			return ev.SetString("reason", r)
		}
		if ev.Old.Status != workplan.StatusCancelled {
			_, err = ev.Unset("reason")
		}
		return err
	}
}

// oneLine is s with its runs of white space, line breaks included, as
// one space: a reason is one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// OutcomeSpec is what came of an event, as bp record takes it.
type OutcomeSpec struct {
	Summary string    // "" keeps the summary the outcome has (one must)
	Link    string    // "" keeps the link the outcome has, if any
	On      time.Time // the day it is recorded; zero: today
	// Conclusions are added to the outcome's, after them (a text it has
	// already is not added twice); ClearConclusions removes the ones
	// it has first, so that Conclusions replace them.
	Conclusions      []string
	ClearConclusions bool
}

// Record records an event's outcome and sets its status to held. A new
// summary (or --on) dates the outcome, on the day given or today; adding
// conclusions or a link to an outcome recorded already keeps its date.
func Record(id string, o OutcomeSpec) Change {
	return func(t *Tree) error {
		ev, err := t.Event(id)
		if err != nil {
			return err
		}
		had := ev.Old != nil && ev.Old.Outcome != nil
		if strings.TrimSpace(o.Summary) == "" && !had {
			return fmt.Errorf("event %q has no outcome recorded yet: give its --summary", id)
		}
		oc, err := ev.Child("outcome")
		if err != nil {
			return err
		}
		if strings.TrimSpace(o.Summary) != "" {
			if err := oc.SetString("summary", o.Summary); err != nil {
				return err
			}
		}
		if o.Link != "" {
			if err := oc.SetString("link", o.Link); err != nil {
				return err
			}
		}
		if err := setConclusions(ev, oc, o); err != nil {
			return err
		}
		if strings.TrimSpace(o.Summary) != "" || !o.On.IsZero() || !had {
			on := o.On
			if on.IsZero() {
				on = t.Today
			}
			if err := oc.Set("recorded", Date(on)); err != nil {
				return err
			}
		}
		return ev.SetString("status", string(workplan.StatusHeld))
	}
}

// setConclusions adds the conclusions o gives to the outcome oc of ev,
// after removing its own when o says so.
func setConclusions(ev *Event, oc *Mapping, o OutcomeSpec) error {
	var have []string
	if ev.Old != nil && ev.Old.Outcome != nil && !o.ClearConclusions {
		have = slices.Clone(ev.Old.Outcome.Conclusions)
	}
	if o.ClearConclusions {
		if _, err := oc.Unset("conclusions"); err != nil {
			return err
		}
	}
	for _, c := range o.Conclusions {
		c = oneLine(c)
		if c == "" || slices.Contains(have, c) {
			continue
		}
		have = append(have, c)
		if err := oc.Append("conclusions", Str(c)); err != nil {
			return err
		}
	}
	return nil
}

// Remove takes an event out of the plan. Only for an event never
// published: one that subscribers have is cancelled instead ([Cancel]);
// the command line checks which it is.
func Remove(id string) Change {
	return func(t *Tree) error { return t.RemoveEvent(id) }
}
