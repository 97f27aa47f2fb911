// Package synth generates synthetic workplans of any size for benchmarks
// and scale tests: valid, deterministic, and shaped like the real plan
// (one-day and multi-day meetings, month-only dates, TBC places with
// alternatives, webinars with times, products, back-to-back pairs).
package synth

import (
	"bytes"
	"fmt"
)

var (
	types   = []string{"reference-group", "working-group", "webinar", "thematic-meeting", "senior-officials"}
	groups  = []string{"rg", "twg-return", "twg-legal-pathways", "twg-law-enforcement", "som"}
	cities  = []string{"Antalya", "Ankara", "Istanbul", "Islamabad", "Baghdad", "Budapest", "Vienna", "Tashkent", "Dhaka", "Kabul"}
	country = []string{"Türkiye", "Türkiye", "Türkiye", "Pakistan", "Iraq", "Hungary", "Austria", "Uzbekistan", "Bangladesh", "Afghanistan"}
	formats = []string{"online", "in-person", "hybrid"}
)

// DefaultYear is the year of [Plan].
const DefaultYear = 2026

// Plan returns a valid workplan of n events for the year 2026, revision
// rev. The same arguments give the same bytes; a revision above 1 moves
// every tenth event a day later, as a re-issued plan would.
func Plan(n, rev int) []byte { return PlanOf(n, rev, DefaultYear) }

// PlanOf is [Plan] for any year from 1900 to 9999. Its event ids are
// ev-NNNNNN in 2026, as Plan's always were, and ev-YYYY-NNNNNN in any
// other year, so that plans of several years form a valid set (an event
// id names one event across years).
func PlanOf(n, rev, year int) []byte {
	var b bytes.Buffer
	b.Grow(n * 330)
	fmt.Fprintf(&b, `# synthetic plan: %d events
formatVersion: 1
plan:
  id: synthetic-%[3]d
  title: Synthetic Workplan %[3]d
  year: %[3]d
  revision: %[2]d
  revised: %[3]d-01-%02[4]d
  timezone: Europe/Vienna
  chair: Türkiye
groups:
`, n, rev, year, 1+rev%28)
	idPrefix := "ev-"
	if year != DefaultYear {
		idPrefix = fmt.Sprintf("ev-%d-", year)
	}
	names := []string{"Reference Group", "Thematic Working Group on Return and Reintegration",
		"Thematic Working Group on Legal Pathways for Migration",
		"Thematic Working Group on Law Enforcement Cooperation", "Senior Officials Meeting"}
	kinds := []string{"reference-group", "thematic-working-group", "thematic-working-group", "thematic-working-group", "senior-officials-meeting"}
	for i, g := range groups {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    kind: %s\n", g, names[i], kinds[i])
	}
	b.WriteString("products:\n  - id: paper-a\n    title: \"Paper A: frameworks, outcomes\"\n  - id: paper-b\n    title: Paper B\nevents:\n")
	for i := 0; i < n; i++ {
		month := 1 + i%12
		day := 1 + (i/12)%26
		if rev > 1 && i%10 == 0 {
			day++ // a later revision moves every tenth event by a day
		}
		t := types[i%len(types)]
		fmt.Fprintf(&b, "  - id: %s%06d\n    title: %s meeting number %d on cooperation, return; and pathways\n    type: %s\n    groups: [%s]\n",
			idPrefix, i, t, i, t, groups[i%len(groups)])
		switch {
		case i%17 == 5:
			fmt.Fprintf(&b, "    month: %d-%02d\n", year, month)
		case i%5 == 1:
			fmt.Fprintf(&b, "    start: %d-%02d-%02d\n    end: %d-%02d-%02d\n", year, month, day, year, month, day+1)
		default:
			fmt.Fprintf(&b, "    start: %d-%02d-%02d\n", year, month, day)
		}
		if i%17 != 5 && t == "webinar" {
			b.WriteString("    startTime: \"10:00\"\n    endTime: \"12:00\"\n")
		}
		if i%13 == 3 {
			b.WriteString("    dateTBC: true\n")
		}
		f := formats[i%len(formats)]
		fmt.Fprintf(&b, "    format: %s\n", f)
		c := i % len(cities)
		if f == "in-person" {
			c = 5 // in-person events share one city, so they never clash
		}
		if i%11 == 7 {
			c2 := (c + 1) % len(cities)
			fmt.Fprintf(&b, "    location:\n      alternatives:\n        - city: %s\n          country: %s\n        - city: %s\n          country: %s\n",
				cities[c], country[c], cities[c2], country[c2])
		} else {
			fmt.Fprintf(&b, "    location:\n      city: %s\n      country: %s\n", cities[c], country[c])
		}
		b.WriteString("    status: planned\n")
		if t == "webinar" {
			fmt.Fprintf(&b, "    product: paper-%c\n    partners: [Prague Process]\n", 'a'+byte(i%2))
		}
		if i%9 == 0 {
			b.WriteString("    purpose: >-\n      Follow up the conclusions of the previous meeting and agree\n      on concrete areas for collaboration.\n")
		}
	}
	return b.Bytes()
}
