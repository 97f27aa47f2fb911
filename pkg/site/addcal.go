package site

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/calendar"
	"github.com/icmpd/bp/pkg/workplan"
)

// occurrence is when an event happens, as its one-event calendar file
// says: the links that add it to Google Calendar or Outlook are read from
// the file the page offers, so that the three always agree, and the rules
// for times (zones, a slot on each day, past midnight, a moment without
// an end) stay in one place, package calendar.
type occurrence struct {
	// AllDay events have dates: Start is the first day and End the day
	// after the last (exclusive, as RFC 5545, Google and Outlook take
	// it). Timed events have instants: the first slot's start and end.
	AllDay     bool
	Start, End time.Time
	// Count is how many daily slots there are (1: one).
	Count int
}

// occurrenceOf reads the occurrence of the one event of cal.
func occurrenceOf(cal *calendar.Calendar) (occurrence, error) {
	evs := cal.ICS.Events()
	if len(evs) != 1 {
		return occurrence{}, fmt.Errorf("a one-event calendar with %d events", len(evs))
	}
	ev := evs[0]
	o := occurrence{Count: 1}
	start := ev.GetProperty(ics.ComponentPropertyDtStart)
	if start == nil {
		return o, errors.New("no DTSTART")
	}
	var err error
	if v := start.ICalParameters["VALUE"]; len(v) == 1 && v[0] == "DATE" {
		o.AllDay = true
		if o.Start, err = ev.GetAllDayStartAt(); err != nil {
			return o, err
		}
		if o.End, err = ev.GetAllDayEndAt(); err != nil {
			return o, err
		}
		// The dates as dates, whatever zone the library read them in.
		o.Start = time.Date(o.Start.Year(), o.Start.Month(), o.Start.Day(), 0, 0, 0, 0, time.UTC)
		o.End = time.Date(o.End.Year(), o.End.Month(), o.End.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		if o.Start, err = ev.GetStartAt(); err != nil {
			return o, err
		}
		switch d := ev.GetProperty(ics.ComponentPropertyDuration); {
		case ev.GetProperty(ics.ComponentPropertyDtEnd) != nil:
			if o.End, err = ev.GetEndAt(); err != nil {
				return o, err
			}
		case d != nil && d.Value == "PT0S":
			o.End = o.Start
		default:
			return o, errors.New("neither DTEND nor DURATION:PT0S")
		}
	}
	if r := ev.GetProperty(ics.ComponentPropertyRrule); r != nil {
		n, ok := strings.CutPrefix(r.Value, "FREQ=DAILY;COUNT=")
		if o.Count, err = strconv.Atoi(n); !ok || err != nil || o.Count < 1 {
			return o, fmt.Errorf("RRULE %q: bp writes only FREQ=DAILY;COUNT=n", r.Value)
		}
	}
	return o, nil
}

// maxDetails bounds the text a link carries: the description of a
// meeting is a few lines, and a link of many kilobytes is refused by some
// servers. The page has the whole text.
const maxDetails = 1500

// shorten cuts s to at most n runes, the last being "…" when cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// query joins parameters in the order given. Spaces are %20, not "+":
// Outlook on the web shows a "+" of a query as it is.
func query(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(kv[i])
		b.WriteByte('=')
		b.WriteString(strings.ReplaceAll(url.QueryEscape(kv[i+1]), "+", "%20"))
	}
	return b.String()
}

// googleLink returns the address that opens Google Calendar's new-event
// form filled in (action=TEMPLATE): dates are YYYYMMDD/YYYYMMDD with the
// exclusive end for an all-day event, UTC instants (…Z) otherwise, and a
// daily repeat is recur=RRULE:….
func googleLink(title, details, location string, o occurrence) string {
	var dates string
	if o.AllDay {
		dates = workplan.BasicDay(o.Start) + "/" + workplan.BasicDay(o.End)
	} else {
		dates = workplan.BasicUTC(o.Start) + "/" + workplan.BasicUTC(o.End)
	}
	kv := []string{"action", "TEMPLATE", "text", title, "dates", dates, "details", shorten(details, maxDetails)}
	if location != "" {
		kv = append(kv, "location", location)
	}
	if o.Count > 1 {
		kv = append(kv, "recur", "RRULE:FREQ=DAILY;COUNT="+strconv.Itoa(o.Count))
	}
	return "https://calendar.google.com/calendar/render?" + query(kv...)
}

// The hosts of Outlook on the web: personal Microsoft accounts
// (outlook.com, hotmail) sign in at one, work and school accounts
// (Microsoft 365) at the other, and neither opens the other's accounts.
const (
	outlookPersonal = "https://outlook.live.com"
	outlookWork     = "https://outlook.office.com"
)

// outlookCompose is the path of Outlook on the web's new-event form, on
// either host.
const outlookCompose = "/calendar/0/deeplink/compose?"

// outlookQuery returns what fills in the new-event form of Outlook on
// the web (at outlookPersonal or outlookWork, + outlookCompose): an
// all-day event gives dates (YYYY-MM-DD, the end exclusive: the day after
// the last) and allday=true; a timed one gives UTC instants. Outlook's
// form has no repeat, so a meeting held at the same hours on several days
// gets its first day only (the page says so). Outlook reads the body as
// HTML and drops the line feeds of a text (%0A), so the body is the text
// as HTML: its lines joined by <br>, & < > escaped.
func outlookQuery(title, details, location string, o occurrence) string {
	var start, end, allDay string
	if o.AllDay {
		start, end, allDay = workplan.ISODay(o.Start), workplan.ISODay(o.End), "true"
	} else {
		start, end, allDay = workplan.ISOUTC(o.Start), workplan.ISOUTC(o.End), "false"
	}
	kv := []string{"path", "/calendar/action/compose", "rru", "addevent",
		"subject", title, "startdt", start, "enddt", end, "allday", allDay}
	if location != "" {
		kv = append(kv, "location", location)
	}
	kv = append(kv, "body", htmlLines(shorten(details, maxDetails)))
	return query(kv...)
}

// htmlLines writes text as HTML that shows its lines: each line
// escaped, joined by <br>.
func htmlLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = html.EscapeString(l)
	}
	return strings.Join(lines, "<br>")
}

// webcalURL is the webcal:// address of a feed's https:// address: the
// one that opens a calendar app rather than a download.
func webcalURL(https string) string {
	_, rest, _ := strings.Cut(https, "://")
	return "webcal://" + rest
}

// googleSubscribeLink returns the address that opens Google Calendar's
// "add by URL" with the feed filled in (cid=, the webcal:// address:
// Google takes an https:// one in cid for the id of a Google calendar).
// Google does not document it; it is widely used and reported to work
// (tested here: only what the link carries).
func googleSubscribeLink(webcal string) string {
	return "https://calendar.google.com/calendar/render?" + query("cid", webcal)
}

// outlookSubscribeLink returns the address that opens Outlook on the
// web's "subscribe from web" at host with the feed (its https://
// address) and its name filled in.
func outlookSubscribeLink(host, feed, name string) string {
	return host + "/calendar/0/addfromweb?" + query("url", feed, "name", name)
}
