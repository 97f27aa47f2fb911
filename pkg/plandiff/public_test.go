package plandiff

import (
	"slices"
	"strings"
	"testing"
)

// TestPublicWords: each change a reader of the site cares for, in the
// public's words: new, date set, moved, date and place confirmed,
// postponed, cancelled with the reason bp cancel wrote, the outcome
// published; nothing when only what the public does not read changed.
func TestPublicWords(t *testing.T) {
	ev := func(fields string) string {
		if !strings.Contains(fields, "status:") {
			fields += ", status: planned"
		}
		return "  - {id: m, title: Meeting, type: reference-group, revision: 1, revised: 2026-01-10, " + fields + "}\n"
	}
	cases := []struct {
		name     string
		old, new string // "" for none
		want     []string
	}{
		{"new", "", ev("start: 2026-06-25, end: 2026-06-26, location: {city: Vienna, country: Austria}"), []string{"New: 25–26 Jun 2026, Vienna, Austria"}},
		{"removed", ev("start: 2026-06-25"), "", []string{"Removed from the plan"}},
		{"date set", ev("month: 2026-09"), ev("start: 2026-09-14"), []string{"Date set: 14 Sep 2026"}},
		{"moved", ev("start: 2026-06-25, end: 2026-06-26"), ev("start: 2026-07-08, end: 2026-07-09, movedFrom: [{start: 2026-06-25, end: 2026-06-26}]"),
			[]string{"Moved from 25–26 Jun 2026 to 8–9 Jul 2026"}},
		{"date confirmed", ev("start: 2026-09-14, dateTBC: true"), ev("start: 2026-09-14"), []string{"Date confirmed: 14 Sep 2026"}},
		{"place confirmed", ev("start: 2026-09-14, location: {city: Vienna, country: Austria, tbc: true}"), ev("start: 2026-09-14, location: {city: Vienna, country: Austria}"),
			[]string{"Place confirmed: Vienna, Austria"}},
		{"place chosen", ev("start: 2026-09-14, location: {alternatives: [{city: Baghdad, country: Iraq}, {city: Istanbul, country: Türkiye}]}"),
			ev("start: 2026-09-14, location: {city: Istanbul, country: Türkiye}"), []string{"Place confirmed: Istanbul, Türkiye"}},
		{"postponed", ev("start: 2026-09-14, location: {city: Vienna, country: Austria}"), ev("start: 2026-09-14, status: postponed"),
			[]string{"Postponed: a new date is to be announced"}},
		{"cancelled with a reason", ev("start: 2026-09-14"), ev("start: 2026-09-14, status: cancelled, reason: merged into the October meeting"),
			[]string{"Cancelled: merged into the October meeting"}},
		{"cancelled, the reason in the notes (before events had one)", ev("start: 2026-09-14"), ev("start: 2026-09-14, status: cancelled, notes: 'Cancelled: merged into the October meeting'"),
			[]string{"Cancelled: merged into the October meeting"}},
		{"postponed with a reason", ev("start: 2026-09-14"), ev("start: 2026-09-14, status: postponed, reason: the host asked for a later date"),
			[]string{"Postponed: the host asked for a later date; a new date is to be announced"}},
		{"cancelled", ev("start: 2026-09-14"), ev("start: 2026-09-14, status: cancelled"), []string{"Cancelled"}},
		{"outcome", ev("start: 2026-03-04, status: held"), ev("start: 2026-03-04, status: held, outcome: {summary: Endorsed the workplan., recorded: 2026-03-10}"),
			[]string{"Outcome published: Endorsed the workplan."}},
		{"confirmed", ev("start: 2026-09-14"), ev("start: 2026-09-14, status: confirmed"), []string{"Confirmed"}},
		{"format", ev("start: 2026-09-14, format: in-person"), ev("start: 2026-09-14, format: hybrid"), []string{"Now hybrid; it was in-person"}},
		{"notes", ev("start: 2026-09-14"), ev("start: 2026-09-14, notes: Bring the paper."), []string{"Details updated"}},
		{"revision only", ev("start: 2026-09-14"), strings.Replace(ev("start: 2026-09-14"), "revision: 1", "revision: 2", 1), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var o, n = plan2(t, 1, "2026-01-10", "  []\n"), plan2(t, 2, "2026-02-10", "  []\n")
			if c.old != "" {
				o = plan2(t, 1, "2026-01-10", c.old)
			}
			if c.new != "" {
				n = plan2(t, 2, "2026-02-10", strings.ReplaceAll(c.new, "revised: 2026-01-10", "revised: 2026-02-10"))
			}
			got := PublicWords(o.Event("m"), n.Event("m"))
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
