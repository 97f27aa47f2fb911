package workplan

import (
	"strconv"
	"strings"
	"testing"
)

// sample writes a value for f in YAML flow style, taken from the schema
// alone: every key of every object, lists as long as they must be.
func sample(f *Field) string {
	switch f.Kind {
	case KindInt:
		return strconv.Itoa(max(f.Min, 1))
	case KindBool:
		return "true"
	case KindDate, KindDue:
		return "2026-06-25"
	case KindMonth:
		return "2026-06"
	case KindTime:
		return `"10:00"`
	case KindID, KindRef:
		return "a"
	case KindEnum:
		return f.Enum[len(f.Enum)-1]
	case KindTimeZone:
		return "Europe/Vienna"
	case KindURL, KindHTTPS:
		return "https://example.org/r"
	case KindList:
		items := make([]string, max(f.Min, 2))
		for i := range items {
			items[i] = sample(f.Elem)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case KindObject:
		return sampleObject(f.Object)
	}
	if f.Key == "" {
		return "item-text"
	}
	return f.Key + "-text"
}

func sampleObject(o *Object) string {
	kv := make([]string, 0, len(o.Fields))
	for i := range o.Fields {
		kv = append(kv, o.Fields[i].Key+": "+sample(&o.Fields[i]))
	}
	return "{" + strings.Join(kv, ", ") + "}"
}

// TestEveryKeyIsBound: a file that gives every key of the Schema decodes
// without a panic (a key with no binding, or a binding of the wrong
// type, panics), and each value lands in its field.
func TestEveryKeyIsBound(t *testing.T) {
	data := sampleObject(Schema)
	plan, diags := Parse("all.yaml", []byte(data), DefaultLimits)
	if plan == nil || len(plan.Events) != 2 || len(plan.Groups) != 2 || len(plan.Products) != 2 || len(plan.Milestones) != 2 {
		t.Fatalf("plan %+v from\n%s\n%v", plan, data, diags)
	}
	// The rules that need two keys together (start and month, a city
	// and alternatives, two links to one address) complain; no other
	// problem is expected.
	for _, d := range diags {
		if d.Rule != "date-fields" && d.Rule != "location" && !(d.Rule == "link" && strings.HasSuffix(d.Message, "is link 1 already")) {
			t.Errorf("unexpected: %s", d)
		}
	}
	e, g, p, m := plan.Events[0], plan.Groups[0], plan.Products[0], plan.Milestones[0]
	checks := []struct {
		what string
		ok   bool
	}{
		{"formatVersion", plan.FormatVersion == 1},
		{"plan", plan.ID == "a" && plan.Title == "title-text" && plan.Year == 1900 && plan.Revision == 1 &&
			!plan.Revised.IsZero() && plan.TimeZone == "Europe/Vienna" && plan.Chair == "chair-text" &&
			plan.CoChair == "coChair-text" && plan.Secretariat == "secretariat-text" && plan.Summary == "summary-text"},
		{"framework", plan.Framework != nil && plan.Framework.Name == "name-text" && plan.Framework.Start == 1900 &&
			plan.Framework.End == 1900 && plan.Framework.Year == 1},
		{"group", g.ID == "a" && g.Name == "name-text" && g.Kind == GroupSeniorOfficialsMeeting && g.Topic == "topic-text"},
		{"product", p.ID == "a" && p.Title == "title-text" && p.Topic == "topic-text"},
		{"milestone", m.ID == "a" && m.Title == "title-text" && !m.Date.IsZero() && m.Notes == "notes-text"},
		{"event", e.ID == "a" && e.Title == "title-text" && e.Type == TypeSeniorOfficials && len(e.Groups) == 2 &&
			!e.Start.IsZero() && !e.End.IsZero() && e.DateTBC && e.StartTime.String() == "10:00" && e.EndTime.String() == "10:00" &&
			e.TimeZone == "Europe/Vienna" && e.Format == FormatHybrid && e.Status == StatusCancelled &&
			len(e.Partners) == 2 && e.Partners[0] == "item-text" && e.Product == "a" && e.BackToBack == "a" &&
			e.Purpose == "purpose-text" && e.Notes == "notes-text" && e.Reason == "reason-text"},
		{"link", len(e.Links) == 1 && e.Links[0] == Link{LinkPage, "https://example.org/r", "label-text"}},
		{"location", e.Location != nil && e.Location.Venue == "venue-text" && e.Location.City == "city-text" &&
			e.Location.Country == "country-text" && e.Location.TBC && len(e.Location.Alternatives) == 2 &&
			e.Location.Alternatives[1] == Place{"venue-text", "city-text", "country-text"}},
		{"outcome", e.Outcome != nil && e.Outcome.Summary == "summary-text" && e.Outcome.Link == "https://example.org/r" &&
			!e.Outcome.Recorded.IsZero() && len(e.Outcome.Conclusions) == 2 && e.Outcome.Conclusions[0] == "item-text"},
		{"action", e.Outcome != nil && len(e.Outcome.Actions) == 2 && e.Outcome.Actions[1].ID == "a" &&
			e.Outcome.Actions[1].Text == "text-text" && len(e.Outcome.Actions[1].Owners) == 2 &&
			e.Outcome.Actions[1].Due.HasDay() && e.Outcome.Actions[1].State == ActionDropped &&
			!e.Outcome.Actions[1].Since.IsZero() && e.Outcome.Actions[1].Reason == "reason-text" &&
			e.Outcome.Actions[1].Note == "note-text" && len(e.Outcome.Actions[1].ReportTo) == 2 &&
			e.Outcome.Actions[1].Event == e},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: a value did not land in its field:\n%s", c.what, data)
		}
	}
}
