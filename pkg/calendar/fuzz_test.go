package calendar

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// FuzzWrite puts any text into every text field of an event and its plan
// and checks that golang-ical's parser reads back exactly the properties
// Build made, with the same values, from lines that keep RFC 5545's rules
// (CRLF, at most 75 octets, no split UTF-8 character, no control
// character). The seed corpus is in testdata/fuzz/FuzzWrite.
func FuzzWrite(f *testing.F) {
	f.Add("Webinar", "Purpose", "Notes", "Vienna", "Austria", "Prague Process", "Reference Group", "A paper", "Plan")
	f.Fuzz(func(t *testing.T, title, purpose, notes, city, country, partner, group, product, planTitle string) {
		// 1. A plan built directly: any bytes at all, even invalid UTF-8.
		day := time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)
		plan := &workplan.Plan{ID: "fuzz", Title: planTitle, Year: 2026, Revision: 7, Revised: day}
		ev := &workplan.Event{
			ID: "e", Title: title, Type: "webinar", Start: day, End: day.AddDate(0, 0, 2), Month: day,
			Status: "planned", Purpose: purpose, Notes: notes, Partners: []string{partner, group},
			Location: &workplan.Location{Place: workplan.Place{Venue: product, City: city, Country: country}},
		}
		plan.Events = []*workplan.Event{ev}
		roundTrip(t, plan, ev)

		// 2. The same text through the YAML loader, which also resolves
		// group and product names; text the loader refuses is skipped.
		if p := loadFuzzPlan(title, purpose, notes, city, country, partner, group, product, planTitle); p != nil {
			roundTrip(t, p, p.Events[0])
		}
	})
}

func roundTrip(t *testing.T, plan *workplan.Plan, ev *workplan.Event) {
	t.Helper()
	cal, err := Build(plan, plan.Events, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	data := buf.Bytes()
	checkRFC5545Lines(t, data)

	back, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("golang-ical cannot read the output back: %v\n%s", err, data)
	}
	sameProps(t, "VCALENDAR", calProps(cal.ICS.CalendarProperties), calProps(back.CalendarProperties))
	built, read := cal.ICS.Events(), back.Events()
	if len(built) != 1 || len(read) != 1 {
		t.Fatalf("%d events built, %d read back; want 1 and 1", len(built), len(read))
	}
	want := eventProps(built[0].Properties)
	for i, p := range want {
		if p.name == string(ics.ComponentPropertyCategories) {
			// The list bp escaped itself; golang-ical's parser unescapes
			// the whole value, list commas included.
			want[i].value = ics.FromText(p.value)
		}
	}
	sameProps(t, "VEVENT", want, eventProps(read[0].Properties))

	// The one CATEGORIES line, split at its unescaped commas, gives the
	// categories back.
	unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
	_, rest, ok := strings.Cut(unfolded, "\r\nCATEGORIES:")
	if cats := Categories(plan, ev); ok != (len(cats) > 0) || strings.Count(unfolded, "\r\nCATEGORIES") > 1 {
		t.Errorf("want one CATEGORIES property for %q:\n%s", cats, data)
	} else if ok {
		value, _, _ := strings.Cut(rest, "\r\n")
		if got := splitList(value); !slices.Equal(got, cats) {
			t.Errorf("CATEGORIES %q reads as %q, want %q", value, got, cats)
		}
	}

	// What a reader gets is the text of the plan, made safe.
	if got := read[0].GetProperty(ics.ComponentPropertySummary).Value; got != Summary(ev) || strings.ContainsAny(got, "\r\n") {
		t.Errorf("SUMMARY %q, want %q on one line", got, Summary(ev))
	}
	desc := read[0].GetProperty(ics.ComponentPropertyDescription).Value
	if p := clean(ev.Purpose); strings.TrimSpace(p) != "" && !strings.HasPrefix(desc, p) {
		t.Errorf("DESCRIPTION %q does not start with the purpose %q", desc, p)
	}
	if !utf8.ValidString(desc) || strings.ContainsRune(desc, '\r') {
		t.Errorf("DESCRIPTION %q is not clean UTF-8 text", desc)
	}
}

type prop struct {
	name, value string
	params      string
}

func propOf(b ics.BaseProperty) prop {
	var ps []string
	for k, v := range b.ICalParameters {
		ps = append(ps, k+"="+strings.Join(v, ","))
	}
	slices.Sort(ps)
	return prop{name: b.IANAToken, value: b.Value, params: strings.Join(ps, ";")}
}

func calProps(ps []ics.CalendarProperty) []prop {
	out := make([]prop, len(ps))
	for i, p := range ps {
		out[i] = propOf(p.BaseProperty)
	}
	return out
}

func eventProps(ps []ics.IANAProperty) []prop {
	out := make([]prop, len(ps))
	for i, p := range ps {
		out[i] = propOf(p.BaseProperty)
	}
	return out
}

func sameProps(t *testing.T, where string, built, read []prop) {
	t.Helper()
	if len(built) != len(read) {
		t.Fatalf("%s: %d properties built, %d read back:\nbuilt %q\nread  %q", where, len(built), len(read), built, read)
	}
	for i := range built {
		if built[i] != read[i] {
			t.Errorf("%s: property %d:\nbuilt %q\nread  %q", where, i, built[i], read[i])
		}
	}
}

// loadFuzzPlan writes the strings into a workplan YAML document (through
// yaml.v3, so any string is quoted correctly) and loads it; nil when the
// loader refuses it.
func loadFuzzPlan(title, purpose, notes, city, country, partner, group, product, planTitle string) *workplan.Plan {
	doc := map[string]any{
		"formatVersion": 1,
		"plan":          map[string]any{"id": "fuzz", "title": planTitle, "year": 2026, "revision": 7, "revised": "2026-06-01"},
		"groups":        []any{map[string]any{"id": "g", "name": group, "kind": "reference-group"}},
		"products":      []any{map[string]any{"id": "p", "title": product}},
		"events": []any{map[string]any{
			"id": "e", "title": title, "type": "webinar", "groups": []any{"g"}, "start": "2026-06-10", "end": "2026-06-12",
			"status": "planned", "purpose": purpose, "notes": notes, "partners": []any{partner}, "product": "p",
			"location": map[string]any{"city": city, "country": country},
		}},
	}
	data, err := yaml.Marshal(doc)
	if err != nil {
		return nil
	}
	plan, diags := workplan.Check("fuzz.yaml", data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) || plan == nil || len(plan.Events) != 1 {
		return nil
	}
	return plan
}

// splitList reads a list of TEXT values as RFC 5545 §3.1.1 writes it:
// split at the commas that are not escaped, then unescape each value.
func splitList(v string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(v[i])
			}
		case c == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}
