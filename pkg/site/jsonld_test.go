package site

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/workplan"
)

const jsonldFixture = "../../testdata/site/jsonld.yaml"

// jsonldSite is the site of the fixture with a meeting in each state,
// published at https://example.org/plans/, as of 1 Apr 2026.
func jsonldSite(t testing.TB) *Site {
	p := load(t, jsonldFixture)
	return &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-04-01"), BaseURL: "https://example.org/plans/"}
}

// pageData returns the JSON-LD of a page, parsed, and its comments.
func pageData(t *testing.T, name string, page []byte) (data map[string]any, comments []string) {
	t.Helper()
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.CommentNode:
			comments = append(comments, strings.TrimSpace(n.Data))
		case n.Type == html.ElementNode && n.Data == "script":
			if data != nil {
				t.Errorf("%s: two script elements", name)
			}
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &data); err != nil {
				t.Errorf("%s: the JSON-LD is not JSON: %v", name, err)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(parse(t, name, page))
	return data, comments
}

// TestEventData: each event's page carries schema.org Event data as
// Google's event rules want it: scheduled; rescheduled with its new dates
// and a previousStartDate for each earlier day; postponed and cancelled
// with their original startDate and no previousStartDate; the attendance
// mode of the format; a Place with its city and country, a
// VirtualLocation (the join link, else the event's page), or both. A meeting whose day or
// place is not fixed has none, and the page says why in a comment.
func TestEventData(t *testing.T) {
	s := jsonldSite(t)
	// a postponed meeting that had moved before: still no previousStartDate
	s.Plans[0].Event("postponed").MovedFrom = []workplan.Dates{{Start: date("2026-09-01"), End: date("2026-09-01")}}
	// an online meeting with a join link: its VirtualLocation is that link
	const join = "https://meet.example.org/j/123"
	s.Plans[0].Event("online").Links = []workplan.Link{{Kind: workplan.LinkAgenda, URL: "https://example.org/agenda.pdf"}, {Kind: workplan.LinkJoin, URL: join}}
	f := build(t, s)
	page := func(id string) string { return "https://example.org/plans/events/" + id + ".html" }
	cases := []struct {
		id, status, mode, start, end string
		previous                     []string
		location                     string // the @type, or types joined by +
		comment                      string
	}{
		{"scheduled", "EventScheduled", "OfflineEventAttendanceMode", "2026-06-10T10:00:00+02:00", "2026-06-10T12:00:00+02:00", nil, "Place", ""},
		{"rescheduled", "EventRescheduled", "MixedEventAttendanceMode", "2026-07-08", "2026-07-09", []string{"2026-06-25", "2026-06-30"}, "Place+VirtualLocation", ""},
		{"postponed", "EventPostponed", "OfflineEventAttendanceMode", "2026-09-15", "2026-09-15", nil, "Place", ""},
		{"cancelled", "EventCancelled", "OnlineEventAttendanceMode", "2026-10-05T14:00:00+02:00", "2026-10-05T15:30:00+02:00", nil, "VirtualLocation", ""},
		{"online", "EventScheduled", "OnlineEventAttendanceMode", "2026-11-05T09:00:00+04:30", "", nil, "VirtualLocation", ""},
		{id: "month-only", comment: "only the month is known"},
		{id: "date-tbc", comment: "the date is to be confirmed"},
		{id: "place-open", comment: "the place is not given or not chosen yet"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			data, comments := pageData(t, c.id, f.data[EventPage(c.id)])
			if c.comment != "" {
				if data != nil || len(comments) != 1 || !strings.Contains(comments[0], c.comment) {
					t.Errorf("data %v, comments %q: want none, and a comment that says %q", data, comments, c.comment)
				}
				return
			}
			if data == nil {
				t.Fatalf("no JSON-LD; comments %q", comments)
			}
			str := func(k string) string { s, _ := data[k].(string); return s }
			if str("@context") != "https://schema.org" || str("@type") != "Event" || str("name") == "" || str("url") != page(c.id) {
				t.Errorf("context %q type %q name %q url %q", str("@context"), str("@type"), str("name"), str("url"))
			}
			if str("eventStatus") != "https://schema.org/"+c.status || str("eventAttendanceMode") != "https://schema.org/"+c.mode {
				t.Errorf("status %q mode %q, want %s %s", str("eventStatus"), str("eventAttendanceMode"), c.status, c.mode)
			}
			if str("startDate") != c.start || str("endDate") != c.end {
				t.Errorf("start %q end %q, want %q %q", str("startDate"), str("endDate"), c.start, c.end)
			}
			var prev []string
			if p, ok := data["previousStartDate"].([]any); ok {
				for _, d := range p {
					prev = append(prev, d.(string))
				}
			}
			if !slices.Equal(prev, c.previous) {
				t.Errorf("previousStartDate %q, want %q", prev, c.previous)
			}
			var types []string
			for _, l := range append([]any{data["location"]}, anyList(data["location"])...) {
				if m, ok := l.(map[string]any); ok {
					types = append(types, m["@type"].(string))
					if m["@type"] == "Place" {
						addr, _ := m["address"].(map[string]any)
						if addr["@type"] != "PostalAddress" || addr["addressLocality"] == "" || addr["addressCountry"] == "" {
							t.Errorf("address %v", addr)
						}
					}
					want := page(c.id)
					if c.id == "online" {
						want = join
					}
					if m["@type"] == "VirtualLocation" && m["url"] != want {
						t.Errorf("VirtualLocation url %v, want %s", m["url"], want)
					}
				}
			}
			if strings.Join(types, "+") != c.location {
				t.Errorf("location %v, want %s", data["location"], c.location)
			}
			if org, _ := data["organizer"].(map[string]any); org["name"] != "ICMPD" || org["@type"] != "Organization" {
				t.Errorf("organizer %v", data["organizer"])
			}
		})
	}
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestSitemap: with a base URL, sitemap.xml lists every public page
// with the day it last changed: an event's page its own revision's date.
func TestSitemap(t *testing.T) {
	f := build(t, jsonldSite(t))
	m := string(f.data[Sitemap])
	for _, want := range []string{
		"<url><loc>https://example.org/plans/events/rescheduled.html</loc><lastmod>2026-03-01</lastmod></url>",
		"<url><loc>https://example.org/plans/events/scheduled.html</loc><lastmod>2026-01-15</lastmod></url>",
		"<url><loc>https://example.org/plans/events/cancelled.html</loc><lastmod>2026-02-01</lastmod></url>",
		"<url><loc>https://example.org/plans/2026/index.html</loc><lastmod>2026-03-01</lastmod></url>",
		"<url><loc>https://example.org/plans/changes.html</loc>",
		"<url><loc>https://example.org/plans/groups/rg.html</loc>",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, m)
		}
	}
	if n := strings.Count(m, "<url>"); n != 5+8 {
		t.Errorf("%d addresses, want 13 (front, subscribe, changes, 1 group, 1 year, 8 events)", n)
	}
	s := jsonldSite(t)
	s.BaseURL = ""
	if _, ok := build(t, s).data[Sitemap]; ok {
		t.Error("a sitemap without a base URL (its addresses must be absolute)")
	}
}
