// Package plandiff compares two versions of a workplan and says what
// changed, in words a reader of the plan uses: an event added or removed,
// renamed, moved from one date to another, its date or place confirmed,
// a city chosen from the alternatives, its format or status changed; and
// the plan's own revision, date, title, groups and products.
//
// # Data and writers
//
// [Compare] returns a [Diff] as data; its view ([Diff.Doc]) is written
// by package present as text or Markdown, and [Diff.JSON] is its
// published shape. Events are matched by id, and the order
// of the output depends only on the two plans: events by date (the new
// date when there is one), then id.
package plandiff

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// The kinds of change, as they appear in JSON.
const (
	KindAdded     = "added"
	KindRemoved   = "removed"
	KindChanged   = "changed"
	KindRenamed   = "renamed"
	KindMoved     = "moved"     // the date changed
	KindConfirmed = "confirmed" // the date or place is no longer TBC
	KindLocation  = "location"  // the place changed or was chosen
	KindFormat    = "format"
	KindStatus    = "status"
	KindField     = "field" // any other field
)

// Side names one of the two plans compared.
type Side struct {
	Name     string    // a path, or REV:PATH
	Revision int       // the plan's revision
	Revised  time.Time // the plan's revision date
	Absent   bool      // no plan there: the file is new, or was deleted
}

// Change is one difference, with the field it is about, the old and new
// values as text ("" when absent) and a sentence that describes it.
type Change struct {
	Kind  string
	Field string
	Old   string
	New   string
	Text  string
}

// EventChange is what happened to one event: added, removed, or changed
// (then Changes lists how).
type EventChange struct {
	ID      string
	Title   string // the new title, or the old one for a removed event
	Kind    string // KindAdded, KindRemoved or KindChanged
	Changes []Change

	date time.Time // for sorting
}

// Diff is the comparison of two plans.
type Diff struct {
	Old, New Side
	Plan     []Change      // plan-level changes: revision, title, groups…
	Events   []EventChange // in date order, then id
}

// Equal reports whether the two plans say the same thing.
func (d *Diff) Equal() bool { return len(d.Plan) == 0 && len(d.Events) == 0 }

// ContentChanged reports whether anything besides the revision number and
// date changed: what a new revision must be declared for.
func (d *Diff) ContentChanged() bool {
	if len(d.Events) > 0 {
		return true
	}
	for _, c := range d.Plan {
		if c.Field != "revision" && c.Field != "revised" {
			return true
		}
	}
	return false
}

// Counts returns how many events were added, removed and changed.
func (d *Diff) Counts() (added, removed, changed int) {
	for _, e := range d.Events {
		switch e.Kind {
		case KindAdded:
			added++
		case KindRemoved:
			removed++
		default:
			changed++
		}
	}
	return
}

// Compare returns the differences between old and new, named oldName and
// newName in the output. A nil plan is a file that is not there: a nil
// old gives a new plan (every event added), a nil new a removed one.
func Compare(oldName string, old *workplan.Plan, newName string, new *workplan.Plan) *Diff {
	if old == nil || new == nil {
		return compareAbsent(oldName, old, newName, new)
	}
	d := &Diff{
		Old:  Side{Name: oldName, Revision: old.Revision, Revised: old.Revised},
		New:  Side{Name: newName, Revision: new.Revision, Revised: new.Revised},
		Plan: comparePlan(old, new),
	}
	oldByID := make(map[string]*workplan.Event, len(old.Events))
	for _, e := range old.Events {
		if _, dup := oldByID[e.ID]; !dup {
			oldByID[e.ID] = e
		}
	}
	seen := make(map[string]bool, len(new.Events))
	for _, e := range new.Events {
		if seen[e.ID] {
			continue // a duplicate id: validate reports it
		}
		seen[e.ID] = true
		first, _ := e.Span()
		o := oldByID[e.ID]
		if o == nil {
			d.Events = append(d.Events, EventChange{ID: e.ID, Title: e.Title, Kind: KindAdded, date: first,
				Changes: []Change{{Kind: KindAdded, Text: "added: " + summary(e)}}})
			continue
		}
		if ch := compareEvent(o, e); len(ch) > 0 {
			d.Events = append(d.Events, EventChange{ID: e.ID, Title: e.Title, Kind: KindChanged, Changes: ch, date: first})
		}
	}
	for _, o := range old.Events {
		if seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		first, _ := o.Span()
		d.Events = append(d.Events, EventChange{ID: o.ID, Title: o.Title, Kind: KindRemoved, date: first,
			Changes: []Change{{Kind: KindRemoved, Text: "removed (was " + summary(o) + ")"}}})
	}
	slices.SortStableFunc(d.Events, func(a, b EventChange) int {
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.ID, b.ID))
	})
	return d
}

// compareAbsent compares a plan with nothing: one side nil.
func compareAbsent(oldName string, old *workplan.Plan, newName string, new *workplan.Plan) *Diff {
	empty := &workplan.Plan{}
	switch {
	case old == nil && new == nil:
		return &Diff{Old: Side{Name: oldName, Absent: true}, New: Side{Name: newName, Absent: true}}
	case old == nil:
		d := Compare(oldName, empty, newName, new)
		d.Old = Side{Name: oldName, Absent: true}
		d.Plan = []Change{{Kind: KindAdded, Field: "plan", New: new.Title,
			Text: "new plan: " + quote(new.Title) + " for " + strconv.Itoa(new.Year)}}
		return d
	}
	d := Compare(oldName, old, newName, empty)
	d.New = Side{Name: newName, Absent: true}
	d.Plan = []Change{{Kind: KindRemoved, Field: "plan", Old: old.Title,
		Text: "plan removed (was " + quote(old.Title) + " for " + strconv.Itoa(old.Year) + ")"}}
	return d
}

// summary describes an event in a few words: "14 Sep 2026 (TBC), online,
// status planned".
func summary(e *workplan.Event) string {
	parts := []string{e.DateText()}
	if s := e.Location.String(); s != "" {
		parts = append(parts, s)
	}
	if e.Format != "" {
		parts = append(parts, e.Format.Phrase())
	}
	parts = append(parts, e.Status.Phrase())
	return strings.Join(parts, ", ")
}

func quote(s string) string { return strconv.Quote(s) }

func compareEvent(o, n *workplan.Event) []Change {
	var ch []Change
	add := func(kind, field, old, new, text string) {
		ch = append(ch, Change{Kind: kind, Field: field, Old: old, New: new, Text: text})
	}
	if o.Title != n.Title {
		add(KindRenamed, "title", o.Title, n.Title, "renamed from "+quote(o.Title)+" to "+quote(n.Title))
	}
	if o.Type != n.Type {
		add(KindField, "type", string(o.Type), string(n.Type), "type changed from "+o.Type.Phrase()+" to "+n.Type.Phrase())
	}
	if c, ok := dateChange(o, n); ok {
		ch = append(ch, c)
	}
	if c, ok := movedFromChange(o, n); ok {
		ch = append(ch, c)
	}
	if ot, nt := timeText(o), timeText(n); ot != nt {
		add(KindField, "time", ot, nt, changedText("time", ot, nt))
	}
	if c, ok := locationChange(o.Location, n.Location); ok {
		ch = append(ch, c)
	}
	if o.Format != n.Format {
		add(KindFormat, "format", string(o.Format), string(n.Format), changedText("format", o.Format.Phrase(), n.Format.Phrase()))
	}
	if o.Status != n.Status {
		add(KindStatus, "status", string(o.Status), string(n.Status), changedText("status", o.Status.Phrase(), n.Status.Phrase()))
	}
	ch = append(ch, otherChanges(o, n)...)
	return append(ch, followUpChanges(o.Outcome, n.Outcome)...)
}

// otherChanges words the changes of an event's lists, references, texts
// and outcome.
func otherChanges(o, n *workplan.Event) []Change {
	var ch []Change
	add := func(kind, field, old, new, text string) {
		ch = append(ch, Change{Kind: kind, Field: field, Old: old, New: new, Text: text})
	}
	list := func(field string, a, b []string) {
		if !slices.Equal(a, b) {
			as, bs := strings.Join(a, ", "), strings.Join(b, ", ")
			add(KindField, field, as, bs, changedText(field, as, bs))
		}
	}
	list("groups", o.Groups, n.Groups)
	list("partners", o.Partners, n.Partners)
	scalar := func(field, a, b string) {
		if a != b {
			add(KindField, field, a, b, changedText(field, a, b))
		}
	}
	scalar("product", o.Product, n.Product)
	scalar("backToBack", o.BackToBack, n.BackToBack)
	text := func(field, a, b string) {
		if a != b {
			add(KindField, field, a, b, textChange(field, a, b))
		}
	}
	text("purpose", o.Purpose, n.Purpose)
	text("notes", o.Notes, n.Notes)
	text("reason", o.Reason, n.Reason)
	if ol, nl := linksText(o.Links), linksText(n.Links); ol != nl {
		add(KindField, "links", ol, nl, changedText("links", ol, nl))
	}
	if ot, nt := outcomeText(o.Outcome), outcomeText(n.Outcome); ot != nt {
		switch {
		case ot == "":
			add(KindField, "outcome", "", nt, "outcome recorded: "+nt)
		case nt == "":
			add(KindField, "outcome", ot, "", "outcome removed (was: "+ot+")")
		default:
			add(KindField, "outcome", ot, nt, "outcome changed to: "+nt)
		}
	}
	return ch
}

// changedText words a change of a short value: "format changed from
// online to hybrid", "format set to hybrid", "format removed (was hybrid)".
func changedText(field, old, new string) string {
	switch {
	case old == "":
		return field + " set to " + new
	case new == "":
		return field + " removed (was " + old + ")"
	}
	return field + " changed from " + old + " to " + new
}

// textChange words a change of a longer text, quoting the new one.
func textChange(field, old, new string) string {
	switch {
	case old == "":
		return field + " added: " + quote(new)
	case new == "":
		return field + " removed"
	}
	return field + " changed to " + quote(new)
}

func timeText(e *workplan.Event) string {
	s := workplan.ClockRange(e.StartTime, e.EndTime)
	if e.TimeZone != "" {
		s = strings.TrimSpace(s + " " + e.TimeZone)
	}
	return s
}

// linksText is an event's links in a line: "join <https://…>, agenda
// "Draft agenda" <https://…>".
func linksText(ls []workplan.Link) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l.Kind) + " "
		if l.Label != "" {
			parts[i] += quote(l.Label) + " "
		}
		parts[i] += "<" + l.URL + ">"
	}
	return strings.Join(parts, ", ")
}

func outcomeText(o *workplan.Outcome) string {
	if o == nil {
		return ""
	}
	s := o.Summary
	if o.Link != "" {
		s += " <" + o.Link + ">"
	}
	if !o.Recorded.IsZero() {
		s += " (recorded " + workplan.ISODay(o.Recorded) + ")"
	}
	return s
}

// dateChange words a change of an event's days: moved, confirmed, its day
// set (a month-only event given a day in that month), or marked TBC
// again.
func dateChange(o, n *workplan.Event) (Change, bool) {
	sameDays := o.Start.Equal(n.Start) && o.End.Equal(n.End) && o.Month.Equal(n.Month)
	if sameDays && o.DateTBC == n.DateTBC {
		return Change{}, false
	}
	ot, nt := o.DateText(), n.DateText()
	c := Change{Kind: KindMoved, Field: "date", Old: ot, New: nt}
	switch {
	case sameDays && !n.DateTBC:
		c.Kind, c.Text = KindConfirmed, "date confirmed: "+nt
	case sameDays:
		c.Text = "date no longer confirmed: " + nt
	case !o.HasDay() && !o.Month.IsZero() && n.HasDay() &&
		n.Start.Year() == o.Month.Year() && n.Start.Month() == o.Month.Month():
		// a month given its day, in that month: the date is known now
		// (or proposed, while TBC), nothing moved
		c.Kind, c.Text = KindConfirmed, "day set: "+nt
		if n.DateTBC {
			c.Kind = KindField
		}
	case o.DateTBC && !n.DateTBC:
		c.Kind, c.Text = KindConfirmed, "date confirmed and moved from "+ot+" to "+nt
	default:
		c.Text = "moved from " + ot + " to " + nt
	}
	return c, true
}

// movedFromChange words a change of the dates an event moved from, unless
// it is what the move itself says: the date it had was added.
func movedFromChange(o, n *workplan.Event) (Change, bool) {
	ot, nt := formerText(o.MovedFrom), formerText(n.MovedFrom)
	if ot == nt {
		return Change{}, false
	}
	if len(n.MovedFrom) == len(o.MovedFrom)+1 && formerText(n.MovedFrom[:len(o.MovedFrom)]) == ot {
		if last := n.MovedFrom[len(n.MovedFrom)-1]; last.Text() == o.Dates().Text() {
			return Change{}, false // the move says it: "moved from A to B"
		}
	}
	return Change{Kind: KindField, Field: "movedFrom", Old: ot, New: nt, Text: changedText("earlier dates", ot, nt)}, true
}

func formerText(ds []workplan.Dates) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Text()
	}
	return strings.Join(parts, ", ")
}

// locationChange words a change of place: chosen from the alternatives,
// confirmed, moved from one city to another, set or removed.
func locationChange(o, n *workplan.Location) (Change, bool) {
	if o == n || o != nil && n != nil && o.Place == n.Place && o.TBC == n.TBC && slices.Equal(o.Alternatives, n.Alternatives) {
		// the same location, which its words are made of: no need to
		// write them (most events of a diff did not move)
		return Change{}, false
	}
	os, ns := o.String(), n.String()
	if os == ns {
		return Change{}, false
	}
	c := Change{Kind: KindLocation, Field: "location", Old: os, New: ns}
	switch {
	case os == "":
		c.Text = "location set to " + ns
	case ns == "":
		c.Text = "location removed (was " + os + ")"
	case len(o.Alternatives) > 0 && len(n.Alternatives) == 0 && chosenFrom(n.Place, o.Alternatives):
		c.Text = n.Name() + " chosen from " + o.Name()
		if n.TBC {
			c.Text += " (still TBC)"
		} else {
			c.Kind = KindConfirmed
		}
	case o.Name() == n.Name() && !n.TBC && len(n.Alternatives) == 0:
		c.Kind, c.Text = KindConfirmed, "place confirmed: "+ns
	case o.Name() == n.Name():
		c.Text = "place no longer confirmed: " + ns
	default:
		c.Text = "moved from " + placeWords(o) + " to " + placeWords(n)
	}
	return c, true
}

// chosenFrom reports whether p is one of the alternatives (same city and
// country; a venue may have been added).
func chosenFrom(p workplan.Place, alts []workplan.Place) bool {
	for _, a := range alts {
		if strings.EqualFold(a.City, p.City) && strings.EqualFold(a.Country, p.Country) {
			return true
		}
	}
	return false
}

// placeWords names a location the way people speak of a move: the city
// alone ("Baghdad"), unless the city is unknown.
func placeWords(l *workplan.Location) string {
	if len(l.Alternatives) == 0 && l.City != "" {
		s := l.City
		if l.Venue != "" {
			s = l.Venue + ", " + s
		}
		if l.TBC {
			s += " (TBC)"
		}
		return s
	}
	return l.String()
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return workplan.ISODay(t)
}

func comparePlan(o, n *workplan.Plan) []Change {
	var ch []Change
	add := func(field, a, b string) {
		if a != b {
			ch = append(ch, Change{Kind: KindField, Field: field, Old: a, New: b, Text: changedText(field, a, b)})
		}
	}
	itoa := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	if o.Revision != n.Revision {
		ch = append(ch, Change{Kind: KindField, Field: "revision", Old: itoa(o.Revision), New: itoa(n.Revision),
			Text: "revision " + itoa(o.Revision) + " → " + itoa(n.Revision)})
	}
	if !o.Revised.Equal(n.Revised) {
		ch = append(ch, Change{Kind: KindField, Field: "revised", Old: day(o.Revised), New: day(n.Revised),
			Text: "revised " + day(o.Revised) + " → " + day(n.Revised)})
	}
	add("id", o.ID, n.ID)
	add("title", o.Title, n.Title)
	add("year", itoa(o.Year), itoa(n.Year))
	add("timezone", o.TimeZone, n.TimeZone)
	add("framework", frameworkText(o.Framework), frameworkText(n.Framework))
	add("chair", o.Chair, n.Chair)
	add("coChair", o.CoChair, n.CoChair)
	add("secretariat", o.Secretariat, n.Secretariat)
	if o.Summary != n.Summary {
		ch = append(ch, Change{Kind: KindField, Field: "summary", Old: o.Summary, New: n.Summary,
			Text: textChange("summary", o.Summary, n.Summary)})
	}
	ch = append(ch, compareSet("group", o.Groups, n.Groups, func(g *workplan.Group) (string, string) {
		s := g.Name + " (" + g.Kind.Phrase() + topicText(g.Topic) + ")"
		if g.Purpose != "" {
			s += ": " + quote(g.Purpose)
		}
		return g.ID, s
	})...)
	ch = append(ch, compareSet("product", o.Products, n.Products, func(p *workplan.Product) (string, string) {
		return p.ID, quote(p.Title) + topicText(p.Topic)
	})...)
	ch = append(ch, compareSet("milestone", o.Milestones, n.Milestones, func(m *workplan.Milestone) (string, string) {
		s := quote(m.Title)
		if !m.Date.IsZero() {
			s += " on " + day(m.Date)
		}
		if m.Notes != "" {
			s += ": " + quote(m.Notes)
		}
		return m.ID, s
	})...)
	return ch
}

func topicText(t string) string {
	if t == "" {
		return ""
	}
	return ", topic " + t
}

func frameworkText(f *workplan.Framework) string {
	if f == nil {
		return ""
	}
	return f.Name + " (" + strconv.Itoa(f.Start) + "–" + strconv.Itoa(f.End) + ", year " + strconv.Itoa(f.Year) + ")"
}

// compareSet compares lists of things with ids: added, removed, changed,
// in id order.
func compareSet[T any](kind string, old, new []T, describe func(T) (id, text string)) []Change {
	olds := map[string]string{}
	news := map[string]string{}
	var ids []string
	for _, x := range old {
		id, s := describe(x)
		if _, dup := olds[id]; !dup {
			olds[id] = s
			ids = append(ids, id)
		}
	}
	for _, x := range new {
		id, s := describe(x)
		if _, dup := news[id]; !dup {
			news[id] = s
			if _, inOld := olds[id]; !inOld {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	var ch []Change
	for _, id := range ids {
		o, inOld := olds[id]
		n, inNew := news[id]
		field := kind + "s." + id
		switch {
		case !inOld:
			ch = append(ch, Change{Kind: KindAdded, Field: field, New: n, Text: kind + " " + id + " added: " + n})
		case !inNew:
			ch = append(ch, Change{Kind: KindRemoved, Field: field, Old: o, Text: kind + " " + id + " removed (was " + o + ")"})
		case o != n:
			ch = append(ch, Change{Kind: KindChanged, Field: field, Old: o, New: n, Text: kind + " " + id + " changed from " + o + " to " + n})
		}
	}
	return ch
}
