package site

// A page per group: its purpose, its meetings across every plan year
// (the next ones, the past ones with their outcomes), its calendar feed
// and its feed of changes.

import (
	"io"
	"slices"
	"strings"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// groupEntriesShown is how many of a group's latest changes its page
// lists; the change page has them all.
const groupEntriesShown = 10

// groupPurpose is what a group is for: its purpose in the latest plan
// that gives one, else its kind and topic in words.
func (b *builder) groupPurpose(g *workplan.Group) string {
	for i := len(b.plans) - 1; i >= 0; i-- {
		if pg := b.plans[i].Group(g.ID); pg != nil && strings.TrimSpace(pg.Purpose) != "" {
			return pg.Purpose
		}
	}
	s := "A body of the process"
	if k := g.Kind.Label(); k != "" {
		s = "The " + k
	}
	if g.Topic != "" {
		s += ", on " + g.Topic
	}
	return s + "."
}

// groupMeetings returns the meetings of a group in every plan year: those
// past (held, or whose days passed, or cancelled after they passed), the
// latest first, and the others (next, under way, to be confirmed,
// postponed, cancelled ahead), the earliest first.
func (b *builder) groupMeetings(id string) (next, past []present.EventStatus) {
	for _, p := range b.plans {
		for _, es := range b.reports[p].Events {
			if !slices.Contains(es.Event.Groups, id) {
				continue
			}
			if isPast(es, b) {
				past = append(past, es)
			} else {
				next = append(next, es)
			}
		}
	}
	slices.SortStableFunc(past, func(a, c present.EventStatus) int {
		_, la := a.Event.Span()
		_, lc := c.Event.Span()
		return lc.Compare(la)
	})
	return next, past
}

// isPast tells whether a meeting belongs with the past ones: held, due
// for its outcome, or cancelled after its days passed (a month that
// passed with no day fixed was no meeting).
func isPast(es present.EventStatus, b *builder) bool {
	_, last := es.Event.Span()
	return es.State == present.Held || es.State == present.FollowUp || es.State == present.Cancelled && last.Before(b.today)
}

// groupPage writes a group's page.
func (b *builder) groupPage(w io.Writer, g *workplan.Group) error {
	from := GroupPage(g.ID)
	name := b.site.Current.TitleWithoutYear()
	d := &present.Doc{Title: g.Name, Summary: b.groupPurpose(g),
		Page: present.Page{HeadTitle: g.Name + " · " + name, Kicker: &present.Link{Href: rel(from, IndexPage), Text: name}}}
	d.Page.Feeds = append(d.Page.Feeds, present.Link{Href: rel(from, GroupChangesFeed(g.ID)), Text: "What changed: " + g.Name})
	next, past := b.groupMeetings(g.ID)
	ns := &present.Section{Title: "Next meetings", ID: "next"}
	if len(next) == 0 {
		ns.Blocks = []present.Block{present.None("No meeting of this group is ahead in the plans.")}
	} else {
		ns.Blocks = []present.Block{b.cardsOf("Next meetings", from, next)}
	}
	ps := &present.Section{Title: "Past meetings and their outcomes", ID: "past"}
	if len(past) == 0 {
		ps.Blocks = []present.Block{present.None("No meeting of this group has taken place yet.")}
	} else {
		l := b.cardsOf("Past meetings", from, past)
		for i, es := range past {
			l.Items[i].Facts = b.outcomeFacts(es)
		}
		ps.Blocks = []present.Block{l}
	}
	d.Blocks = append(d.Blocks, ns, ps, b.followSection(from, g), b.groupChanges(from, g))
	return b.write(w, from, d)
}

// cardsOf lists meetings of any plan year as cards.
func (b *builder) cardsOf(label, from string, evs []present.EventStatus) *present.List {
	l := &present.List{Label: label, Cards: true}
	for _, es := range evs {
		l.Items = append(l.Items, b.card(from, es.Event.Plan(), es))
	}
	return l
}

// followSection is how to follow a group: its calendar feed and its
// feed of changes.
func (b *builder) followSection(from string, g *workplan.Group) *present.Section {
	s := &present.Section{Title: "Follow this group", ID: "follow"}
	l := &present.List{Label: "Feeds of this group", Cards: true}
	for _, f := range b.feeds {
		if f.Group != nil && f.Group.ID == g.ID {
			l.Items = append(l.Items, b.feedItem(from, f))
		}
	}
	l.Items = append(l.Items, present.Item{Text: "What changed in its meetings (Atom feed)",
		Facts: []present.Fact{{Label: "Address", Value: b.link(from, GroupChangesFeed(g.ID)), Link: b.link(from, GroupChangesFeed(g.ID))}}})
	s.Blocks = []present.Block{l, &present.Para{Text: "How to subscribe, and the feeds of the other groups", Link: rel(from, SubscribePage)}}
	return s
}

// groupChanges is the latest changes to a group's meetings.
func (b *builder) groupChanges(from string, g *workplan.Group) *present.Section {
	s := &present.Section{Title: "What changed", ID: "changes"}
	n := 0
	for _, en := range b.history().Entries {
		if n == groupEntriesShown {
			break
		}
		if ge := en.forGroup(g.ID); ge != nil {
			n++
			s.Blocks = append(s.Blocks, &present.Section{Title: entryTitle(ge), ID: ge.anchor(), Blocks: []present.Block{b.entryItems(relFrom(from), ge)}})
		}
	}
	if n == 0 {
		s.Blocks = append(s.Blocks, present.None("No change to this group's meetings is known."))
	}
	return appendBlocks(s, &present.Para{Text: "Every change to every meeting", Link: rel(from, ChangesPage)})
}

// groupEntries are the entries of a group's feed of changes.
func (b *builder) groupEntries(id string) []*Entry {
	var out []*Entry
	for _, en := range b.history().Entries {
		if ge := en.forGroup(id); ge != nil {
			out = append(out, ge)
		}
	}
	return out
}
