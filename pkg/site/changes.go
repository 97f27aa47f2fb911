package site

// The "What changed" page, the Atom feeds of changes (RFC 4287), and the
// group pages.

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// The addresses of what changed and of the groups.
const (
	ChangesPage = "changes.html"
	ChangesFeed = "changes.atom"
	GroupDir    = "groups"
)

// GroupPage returns the address of a group's page.
func GroupPage(id string) string { return GroupDir + "/" + id + ".html" }

// GroupChangesFeed returns the address of a group's Atom feed of changes.
func GroupChangesFeed(id string) string { return GroupDir + "/" + id + ".atom" }

// maxFeedEntries is how many entries an Atom feed holds, the latest: a
// reader polls the feed, and the page keeps the whole history.
const maxFeedEntries = 50

// sourceText says where the history comes from, as the page tells it.
func (h *History) sourceText() string {
	if h.Source == FromGit {
		return "These changes are read from the plans' history in git: each published revision as it was committed, " +
			"compared with the revision before it."
	}
	return "These changes are what the plans themselves record: for each meeting, its last change (the revision and date it carries), " +
		"the date it moved from and its outcome. Changes before a meeting's last one are not known: the plans are not kept in a " +
		"git repository, which would give every revision."
}

// entryTitle is an entry's heading: "Revision 3 of Budapest Process
// Workplan 2026, 12 Mar 2026".
func entryTitle(en *Entry) string {
	return "Revision " + strconv.Itoa(en.Revision) + " of " + en.PlanTitle + ", " + workplan.DayText(en.Date)
}

// entryItems are what happened in an entry, as a list a page shows and
// a feed's content holds: each meeting linked to its page (when the
// site has it; link gives the address of a file of the site), what
// happened in its words.
func (b *builder) entryItems(link func(to string) string, en *Entry) *present.List {
	l := &present.List{Label: entryTitle(en)}
	if en.First {
		it := present.Item{Text: "Published, with " + meetings(len(en.Meetings)) + "."}
		if en.Group != "" {
			it.Text = "Published, with " + meetings(len(en.Meetings)) + " of this group."
		}
		if en.Since {
			verb := " have"
			if len(en.Meetings) == 1 {
				verb = " has"
			}
			it.Text = "Published; " + meetings(len(en.Meetings)) + " of it" + verb + " not changed since."
		}
		if b.hasYear(en.Year) {
			it.Link = link(YearPage(en.Year))
		}
		l.Items = append(l.Items, it)
		return l
	}
	for _, c := range en.Changes {
		it := present.Item{Text: c.Title, Sub: c.Words}
		if b.events[c.ID] {
			it.Link = link(EventPage(c.ID))
		}
		l.Items = append(l.Items, it)
	}
	return l
}

func meetings(n int) string {
	if n == 1 {
		return "1 meeting"
	}
	return strconv.Itoa(n) + " meetings"
}

func (b *builder) hasYear(y int) bool {
	for _, p := range b.plans {
		if p.Year == y {
			return true
		}
	}
	return false
}

// changesPage writes "What changed": every published revision, newest
// first, and what happened to each meeting in it.
func (b *builder) changesPage(w io.Writer) error {
	name := b.site.Current.TitleWithoutYear()
	d := &present.Doc{Title: "What changed", Page: present.Page{HeadTitle: "What changed · " + name},
		Summary: "Every published revision of the plans of " + name + ", the latest first, and what happened to each meeting in it. " +
			b.history().sourceText()}
	d.Blocks = append(d.Blocks, &present.List{Label: "Follow the changes", Inline: true, Items: []present.Item{
		{Text: "Atom feed of the changes", Link: rel(ChangesPage, ChangesFeed)},
		{Text: "Subscribe to the calendar", Link: rel(ChangesPage, SubscribePage)},
	}})
	d.Blocks = append(d.Blocks, b.groupsList(ChangesPage))
	if len(b.history().Entries) == 0 {
		d.Blocks = append(d.Blocks, present.None("No revision is known yet."))
	}
	for _, en := range b.history().Entries {
		d.Blocks = append(d.Blocks, &present.Section{Title: entryTitle(en), ID: en.anchor(), Blocks: []present.Block{b.entryItems(relFrom(ChangesPage), en)}})
	}
	return b.write(w, ChangesPage, d)
}

// groupsList links the group pages.
func (b *builder) groupsList(from string) *present.List {
	l := &present.List{Label: "The groups", Inline: true}
	for _, g := range b.groups {
		l.Items = append(l.Items, present.Item{Text: g.Name, Link: rel(from, GroupPage(g.ID))})
	}
	return l
}

// tagBase is the start of the site's tag: URIs (RFC 4151): its host as
// the authority (bp.invalid without a base URL: such a site is a
// preview, whose feeds no one should keep), and its path.
func (b *builder) tagBase(day time.Time) string {
	host, path := "bp.invalid", "/"
	if u, err := url.Parse(b.base); err == nil && b.base != "" {
		host, path = u.Hostname(), u.EscapedPath()
	}
	return "tag:" + host + "," + workplan.ISODay(day) + ":" + path
}

// relFrom gives the relative links of the page at from.
func relFrom(from string) func(string) string {
	return func(to string) string { return rel(from, to) }
}

// link is the address of a site's file as a feed gives it: absolute
// with a base URL, else relative to the feed at from.
func (b *builder) link(from, to string) string {
	if u := b.abs(to); u != "" {
		return u
	}
	return rel(from, to)
}

// atomFeed describes one feed of changes.
type atomFeed struct {
	addr, title, page string
	group             string // "" for the whole plan set
	entries           []*Entry
}

// writeAtom writes a feed of changes as RFC 4287 Atom: its id is its
// address (its tag: URI without a base URL), each entry's a tag: URI of
// the revision, dated by it, that never changes; the latest
// maxFeedEntries entries.
func (b *builder) writeAtom(w io.Writer, f atomFeed) error {
	entries := f.entries
	if len(entries) > maxFeedEntries {
		entries = entries[:maxFeedEntries]
	}
	updated := b.plans[len(b.plans)-1].Revised
	for _, p := range b.plans {
		if p.Revised.After(updated) {
			updated = p.Revised
		}
	}
	if len(entries) > 0 {
		updated = entries[0].Date
	}
	var x bytes.Buffer
	x.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">` + "\n")
	id := b.abs(f.addr)
	if id == "" {
		id = b.tagBase(time.Date(b.plans[0].Year, 1, 1, 0, 0, 0, 0, time.UTC)) + f.addr
	}
	elem(&x, "  ", "id", id)
	elem(&x, "  ", "title", f.title)
	elem(&x, "  ", "updated", atomTime(updated))
	x.WriteString("  <author>")
	elem(&x, "", "name", b.author())
	x.WriteString("</author>\n")
	linkElem(&x, "  ", "self", "application/atom+xml", b.link(f.addr, f.addr))
	linkElem(&x, "  ", "alternate", "text/html", b.link(f.addr, f.page))
	elem(&x, "  ", "generator", "bp site")
	for _, en := range entries {
		b.atomEntry(&x, f, en)
	}
	x.WriteString("</feed>\n")
	_, err := w.Write(x.Bytes())
	return err
}

func (b *builder) atomEntry(x *bytes.Buffer, f atomFeed, en *Entry) {
	x.WriteString("  <entry>\n")
	id := b.tagBase(en.Date) + "changes/" + en.PlanID + "/" + strconv.Itoa(en.Revision)
	if f.group != "" {
		id += "/" + f.group
	}
	elem(x, "    ", "id", id)
	elem(x, "    ", "title", entryTitle(en))
	elem(x, "    ", "updated", atomTime(en.Date))
	linkElem(x, "    ", "alternate", "text/html", b.link(f.addr, f.page)+"#"+en.anchor())
	var content bytes.Buffer
	if err := present.WriteHTMLFragment(&content, b.entryItems(func(to string) string { return b.link(f.addr, to) }, en)); err == nil {
		x.WriteString(`    <content type="html">`)
		_ = xml.EscapeText(x, bytes.TrimSpace(content.Bytes()))
		x.WriteString("</content>\n")
	}
	x.WriteString("  </entry>\n")
}

// author is who publishes the plans: the Secretariat the current plan
// names, else the plan.
func (b *builder) author() string {
	if s := strings.TrimSpace(b.site.Current.Secretariat); s != "" {
		return s
	}
	return b.site.Current.TitleWithoutYear()
}

func atomTime(t time.Time) string { return workplan.ISOUTC(t) }

func elem(x *bytes.Buffer, indent, name, text string) {
	x.WriteString(indent + "<" + name + ">")
	_ = xml.EscapeText(x, []byte(safetext.Terminal(text)))
	x.WriteString("</" + name + ">")
	if indent != "" {
		x.WriteString("\n")
	}
}

func linkElem(x *bytes.Buffer, indent, rel, typ, href string) {
	x.WriteString(indent + `<link rel="` + rel + `" type="` + typ + `" href="`)
	_ = xml.EscapeText(x, []byte(href))
	x.WriteString("\"/>\n")
}
