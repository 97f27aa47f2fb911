package site

// What changed: the published revisions of the plans and what happened
// to each meeting in each, for the "What changed" page, the group pages
// and the Atom feeds.

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/workplan"
)

// HistorySource says where a [History] was read from.
type HistorySource int

const (
	// FromPlans is what the plans themselves record: each meeting's last
	// change (the revision and date it carries), the dates it moved from,
	// its outcome's date. Earlier changes are not known.
	FromPlans HistorySource = iota
	// FromGit is the plans' git history: each revision as committed,
	// compared with the one before.
	FromGit
)

// History is what the plans of a site went through: an entry per
// published revision of each plan, newest first.
type History struct {
	Source  HistorySource
	Entries []*Entry
}

// Entry is one published revision of a plan and what happened in it.
type Entry struct {
	PlanID    string
	PlanTitle string
	Year      int
	Revision  int
	// Date is the revision's date: the plan's revised date, else the
	// day of the commit.
	Date time.Time
	// First marks the plan's first published revision (the first in the
	// history): it lists no change, only how many meetings it held.
	First bool
	// Meetings are the ids of the meetings a first revision held, with
	// their groups (for the groups' feeds).
	Meetings map[string][]string
	// Since says that Meetings are only those not changed since (a
	// history the plans record: the others' first revision is lost).
	Since bool
	// Group is the group the entry is told for: its feed and page list
	// only its meetings; "" for all.
	Group   string
	Changes []Change
}

// Change is what happened to one meeting in a revision, in the public's
// words (plandiff.PublicWords).
type Change struct {
	ID, Title string
	Groups    []string
	Words     []string
}

// anchor is the entry's anchor on the change page: "p-2026-r3".
func (en *Entry) anchor() string {
	return en.PlanID + "-r" + strconv.Itoa(en.Revision)
}

// forGroup returns the entry as a group's feed tells it: only the
// changes of its meetings; nil when none of them changed.
func (en *Entry) forGroup(id string) *Entry {
	c := *en
	c.Changes, c.Group = nil, id
	for _, ch := range en.Changes {
		if slices.Contains(ch.Groups, id) {
			c.Changes = append(c.Changes, ch)
		}
	}
	if en.First {
		c.Meetings = map[string][]string{}
		for m, gs := range en.Meetings {
			if slices.Contains(gs, id) {
				c.Meetings[m] = gs
			}
		}
		if len(c.Meetings) == 0 {
			return nil
		}
		return &c
	}
	if len(c.Changes) == 0 {
		return nil
	}
	return &c
}

// Builder gathers a [History] from the published revisions of plan
// files (FromGit), oldest first: each file's first revision whole
// ([Builder.AddFirst]), and of each later one the events that changed
// ([Builder.AddChanges]), so that a long history of a large plan is
// read in the time and memory of what changed.
type Builder struct {
	h    History
	last map[string]*workplan.Plan // the file's latest version, for Add
	// gone are the meetings gone from one file, and their entry: one
	// that comes into another file is moved, not gone and new.
	gone map[string]gone
}

type gone struct {
	entry *Entry
	index int // of its change in entry.Changes
	event *workplan.Event
}

// NewBuilder returns a Builder of a git history.
func NewBuilder() *Builder {
	return &Builder{h: History{Source: FromGit}, last: map[string]*workplan.Plan{}, gone: map[string]gone{}}
}

// Add adds a revision of a plan file given whole (a history gathered in
// memory): the first of the file, or compared with the file's previous.
func (b *Builder) Add(file string, p *workplan.Plan, committed time.Time) {
	prev := b.last[file]
	b.last[file] = p
	if prev == nil {
		b.AddFirst(p, committed)
	} else {
		b.AddChanges(prev, p, committed)
	}
}

// entry starts the entry of a revision: dated by the plan's revision
// date, else by the day of its commit.
func entryOf(p *workplan.Plan, committed time.Time) *Entry {
	en := &Entry{PlanID: p.ID, PlanTitle: p.Title, Year: p.Year, Revision: p.Revision, Date: p.Revised}
	if en.Date.IsZero() {
		en.Date = time.Date(committed.Year(), committed.Month(), committed.Day(), 0, 0, 0, 0, time.UTC)
	}
	return en
}

// AddFirst adds a plan file's first published revision, the plan as it
// was published then.
func (b *Builder) AddFirst(p *workplan.Plan, committed time.Time) {
	en := entryOf(p, committed)
	en.First = true
	en.Meetings = make(map[string][]string, len(p.Events))
	for _, e := range p.Events {
		en.Meetings[e.ID] = e.Groups
	}
	b.h.Entries = append(b.h.Entries, en)
}

// AddChanges adds a later revision of a plan file: old is the file's
// previous revision and new this one, each with (at least) the events
// that changed between them.
func (b *Builder) AddChanges(old, new *workplan.Plan, committed time.Time) {
	en := entryOf(new, committed)
	d := plandiff.Compare("", old, "", new)
	for _, ec := range d.Events {
		o, n := old.Event(ec.ID), new.Event(ec.ID)
		if o == nil {
			if g, ok := b.gone[ec.ID]; ok { // moved here from another plan
				o = g.event
				g.entry.Changes[g.index].Words = []string{"Moved to the " + strconv.Itoa(new.Year) + " plan"}
				delete(b.gone, ec.ID)
			}
		}
		words := plandiff.PublicWords(o, n)
		if len(words) == 0 {
			continue
		}
		e := n
		if e == nil {
			e = o
			b.gone[ec.ID] = gone{entry: en, index: len(en.Changes), event: o}
		}
		en.Changes = append(en.Changes, Change{ID: e.ID, Title: e.Title, Groups: e.Groups, Words: words})
	}
	if len(en.Changes) > 0 {
		b.h.Entries = append(b.h.Entries, en)
	}
}

// History returns the history gathered, newest first.
func (b *Builder) History() *History {
	h := b.h
	sortEntries(h.Entries)
	return &h
}

// sortEntries puts the entries newest first: by date, then plan year,
// then revision.
func sortEntries(es []*Entry) {
	slices.SortStableFunc(es, func(a, b *Entry) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.Year, a.Year), cmp.Compare(b.Revision, a.Revision))
	})
}

// PlanHistory is the history the plans themselves record (FromPlans):
// for each plan, an entry per revision that some meeting last changed
// in, dated by that meeting's revision date, saying what the plan shows
// of it: new (a meeting unchanged since the plan's first revision is
// part of that revision, listed as published), moved from its last
// earlier date, postponed, cancelled, its outcome published. Earlier
// changes of a meeting are not known.
func PlanHistory(plans []*workplan.Plan) *History {
	h := &History{Source: FromPlans}
	for _, p := range plans {
		byRev := map[int]*Entry{}
		entry := func(rev int, date time.Time) *Entry {
			if en := byRev[rev]; en != nil {
				return en
			}
			en := &Entry{PlanID: p.ID, PlanTitle: p.Title, Year: p.Year, Revision: rev, Date: date}
			if rev == 1 {
				en.First, en.Meetings = true, map[string][]string{}
			}
			byRev[rev] = en
			h.Entries = append(h.Entries, en)
			return en
		}
		for _, e := range p.Events {
			rev, date := e.Revision, e.Revised
			if rev == 0 || date.IsZero() {
				rev, date = p.Revision, p.Revised // a format 1 plan: the plan's
			}
			if date.IsZero() {
				continue
			}
			en := entry(rev, date)
			if en.First {
				en.Meetings[e.ID] = e.Groups
				continue
			}
			en.Changes = append(en.Changes, Change{ID: e.ID, Title: e.Title, Groups: e.Groups, Words: recordedWords(e)})
		}
		if en := byRev[1]; en != nil {
			en.Since = len(en.Meetings) < len(p.Events)
		}
	}
	sortEntries(h.Entries)
	return h
}

// recordedWords says what a plan records of a meeting's last change.
func recordedWords(e *workplan.Event) []string {
	switch e.Status {
	case workplan.StatusCancelled:
		return plandiff.PublicWords(&workplan.Event{}, e)
	case workplan.StatusPostponed:
		return []string{"Postponed: a new date is to be announced"}
	}
	var words []string
	if n := len(e.MovedFrom); n > 0 {
		was := *e
		was.MovedFrom = e.MovedFrom[:n-1]
		d := e.MovedFrom[n-1]
		was.Start, was.End, was.Month, was.DateTBC = d.Start, d.End, d.Month, !d.HasDay()
		words = plandiff.PublicWords(&was, e)
	}
	if o := e.Outcome; o != nil && !o.Recorded.IsZero() && !o.Recorded.After(e.Revised) {
		words = append(words, "Outcome published: "+o.Summary)
	}
	if len(words) == 0 {
		words = []string{"Updated: " + e.DateText()}
	}
	return words
}
