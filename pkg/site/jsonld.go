package site

// What search engines read: schema.org Event data (JSON-LD) on each
// event's page, as Google's rules for event rich results want it, and
// sitemap.xml.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// The schema.org values bp writes.
const (
	schemaScheduled   = "https://schema.org/EventScheduled"
	schemaRescheduled = "https://schema.org/EventRescheduled"
	schemaPostponed   = "https://schema.org/EventPostponed"
	schemaCancelled   = "https://schema.org/EventCancelled"
	schemaOffline     = "https://schema.org/OfflineEventAttendanceMode"
	schemaOnline      = "https://schema.org/OnlineEventAttendanceMode"
	schemaMixed       = "https://schema.org/MixedEventAttendanceMode"

	schemaEvent        = "https://schema.org/Event"
	schemaPlace        = "https://schema.org/Place"
	schemaAddress      = "https://schema.org/PostalAddress"
	schemaVirtual      = "https://schema.org/VirtualLocation"
	schemaOrganization = "https://schema.org/Organization"
)

// ldType is the name of a schema.org type as @type gives it in data
// whose @context is schema.org: "https://schema.org/Place" is "Place".
func ldType(iri string) string { return strings.TrimPrefix(iri, "https://schema.org/") }

// ldEvent is a schema.org Event.
type ldEvent struct {
	Context           string   `json:"@context"`
	Type              string   `json:"@type"`
	Name              string   `json:"name"`
	Description       string   `json:"description,omitempty"`
	URL               string   `json:"url,omitempty"`
	StartDate         string   `json:"startDate"`
	EndDate           string   `json:"endDate,omitempty"`
	PreviousStartDate []string `json:"previousStartDate,omitempty"`
	EventStatus       string   `json:"eventStatus"`
	AttendanceMode    string   `json:"eventAttendanceMode,omitempty"`
	Location          any      `json:"location"`
	Organizer         *ldOrg   `json:"organizer,omitempty"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldPlace struct {
	Type    string    `json:"@type"`
	Name    string    `json:"name"`
	Address ldAddress `json:"address"`
}

type ldAddress struct {
	Type     string `json:"@type"`
	Locality string `json:"addressLocality"`
	Country  string `json:"addressCountry"`
}

type ldVirtual struct {
	Type string `json:"@type"`
	URL  string `json:"url,omitempty"`
}

// eventData returns the schema.org Event of an event's page as JSON-LD,
// or "" and why there is none (the page says it in a comment). Google's
// rules: a cancelled event is EventCancelled and a postponed one
// EventPostponed, each with its original startDate and no
// previousStartDate; a moved one EventRescheduled, its new dates and a
// previousStartDate for each earlier day; the others EventScheduled.
// Online is a VirtualLocation (its url the event's join link, else its
// page), in person a Place with its city and country, hybrid
// both. A meeting whose day is not fixed (month only, or TBC), or held
// in person at a place not chosen, is left out: Google wants the start
// and the place of an event it shows.
func (b *builder) eventData(p *workplan.Plan, e *workplan.Event) (data, why string) {
	switch {
	case !e.HasDay():
		return "", "No schema.org Event data: only the month is known, and search engines want the day an event starts."
	case e.DateTBC:
		return "", "No schema.org Event data: the date is to be confirmed, and search engines want the day an event starts."
	}
	ev := ldEvent{Context: "https://schema.org", Type: ldType(schemaEvent), Name: safetext.Terminal(e.Title), Description: safetext.Terminal(e.Purpose),
		URL: b.abs(EventPage(e.ID)), EventStatus: schemaScheduled}
	ev.StartDate, ev.EndDate = ldDates(p, e)
	switch {
	case e.Status == workplan.StatusCancelled:
		ev.EventStatus = schemaCancelled
	case e.Status == workplan.StatusPostponed:
		ev.EventStatus = schemaPostponed
	default:
		for _, d := range e.MovedFrom {
			if d.HasDay() {
				ev.PreviousStartDate = append(ev.PreviousStartDate, workplan.ISODay(d.Start))
			}
		}
		if len(ev.PreviousStartDate) > 0 {
			ev.EventStatus = schemaRescheduled
		}
	}
	place := ldPlaceOf(e.Location)
	virtual := &ldVirtual{Type: ldType(schemaVirtual), URL: ev.URL}
	for _, l := range e.Links {
		if l.Kind == workplan.LinkJoin {
			virtual.URL = l.URL
			break
		}
	}
	switch e.Format {
	case workplan.FormatOnline:
		ev.AttendanceMode, ev.Location = schemaOnline, virtual
	case workplan.FormatHybrid:
		ev.AttendanceMode, ev.Location = schemaMixed, []any{place, virtual}
	default:
		ev.AttendanceMode, ev.Location = schemaOffline, place
	}
	if e.Format != workplan.FormatOnline && place == nil {
		return "", "No schema.org Event data: the place is not given or not chosen yet, and search engines want where an event is held."
	}
	if e.Format == workplan.FormatHybrid && place == nil {
		ev.Location = virtual
	}
	if org := strings.TrimSpace(p.Secretariat); org != "" {
		ev.Organizer = &ldOrg{Type: ldType(schemaOrganization), Name: safetext.Terminal(org), URL: b.base}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, > and &: the data cannot end its script element
	if err := enc.Encode(ev); err != nil {
		return "", "No schema.org Event data: it could not be written."
	}
	return strings.TrimSpace(buf.String()), ""
}

// ldPlaceOf is a chosen place as a schema.org Place; nil when the place
// is not chosen (alternatives, or TBC) or has no city.
func ldPlaceOf(l *workplan.Location) *ldPlace {
	if l == nil || l.TBC || len(l.Alternatives) > 0 || l.City == "" {
		return nil
	}
	return &ldPlace{Type: ldType(schemaPlace), Name: safetext.Terminal(l.Place.String()),
		Address: ldAddress{Type: ldType(schemaAddress), Locality: safetext.Terminal(l.City), Country: safetext.Terminal(l.Country)}}
}

// ldDates are an event's start and end as schema.org gives them: days,
// or the times in the event's zone with its offset; no end for a moment
// without an end time.
func ldDates(p *workplan.Plan, e *workplan.Event) (start, end string) {
	loc := workplan.ZoneLocation(e.Zone(p))
	if e.StartTime.IsZero() || loc == nil {
		return workplan.ISODay(e.Start), workplan.ISODay(e.End)
	}
	at := func(d time.Time, c workplan.Clock) string {
		return workplan.ISOLocal(time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, loc))
	}
	start = at(e.Start, e.StartTime)
	if !e.EndTime.IsZero() {
		end = at(e.End, e.EndTime)
	}
	return start, end
}

// sitemap writes sitemap.xml (sitemaps.org): the address of every public
// page, each with the day it last changed: an event's page its own
// revision date, a plan year's page its plan's, the change page and the
// group pages the latest change they list. It needs the site's address:
// a site without one has none.
func (b *builder) sitemap(w io.Writer) error {
	var x bytes.Buffer
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	add := func(addr string, mod time.Time) {
		x.WriteString("  <url><loc>")
		_ = xml.EscapeText(&x, []byte(b.abs(addr)))
		x.WriteString("</loc>")
		if !mod.IsZero() {
			x.WriteString("<lastmod>" + workplan.ISODay(mod) + "</lastmod>")
		}
		x.WriteString("</url>\n")
	}
	newest := time.Time{}
	for _, p := range b.plans {
		newest = later(newest, p.Revised)
	}
	add(IndexPage, b.site.Current.Revised)
	add(SubscribePage, newest)
	if h := b.history(); len(h.Entries) > 0 {
		add(ChangesPage, h.Entries[0].Date)
	} else {
		add(ChangesPage, newest)
	}
	for _, g := range b.groups {
		mod := time.Time{}
		if es := b.groupEntries(g.ID); len(es) > 0 {
			mod = es[0].Date
		}
		add(GroupPage(g.ID), mod)
	}
	for _, p := range b.plans {
		add(YearPage(p.Year), p.Revised)
		for _, e := range p.Events {
			_, rev := eventRevision(p, e)
			add(EventPage(e.ID), rev)
		}
	}
	x.WriteString("</urlset>\n")
	_, err := w.Write(x.Bytes())
	return err
}

// eventRevision is the revision an event last changed in, and its date:
// its own, or its plan's (a plan built in code).
func eventRevision(p *workplan.Plan, e *workplan.Event) (int, time.Time) {
	if e.Revision > 0 && !e.Revised.IsZero() {
		return e.Revision, e.Revised
	}
	return p.Revision, p.Revised
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
