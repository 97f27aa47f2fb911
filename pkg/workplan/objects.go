package workplan

// The model's objects. Each decoder is a list of bindings from a key of
// the Schema to where its value goes; the value is read by the field's
// kind (scalar.go), so a decoder says what goes where, not how to read it.

import (
	"fmt"
	"slices"
	"time"

	"gopkg.in/yaml.v3"
)

// A bind says where the value of one key goes: a pointer its kind fills
// (*string, *int, *bool, *time.Time, a typed word such as *Status, or
// *value to see whether it was right), *[]string for a list of scalars,
// a pointer to an event's nested object or list (*Location, *Outcome,
// movedFrom's []Dates, a location's alternatives), or a func that
// decodes a nested object or a list of objects. The event's parts are
// pointers rather than funcs because every event has them: a func would
// be allocated for each.
type bind struct {
	key string
	to  any
}

// fields walks the mapping n against o (walk.go) and stores each value
// through the binding of its key.
func (d *decoder) fields(n *yaml.Node, o *Object, c ctx, pos *fieldPositions, binds []bind) bool {
	return d.object(n, o, c, pos, func(f *Field, _, v *yaml.Node) {
		for _, b := range binds {
			if b.key == f.Key {
				d.store(c, f, v, b.to)
				return
			}
		}
		panic("workplan: no binding for " + o.Name + "." + f.Key)
	})
}

func (d *decoder) store(c ctx, f *Field, v *yaml.Node, to any) {
	switch to := to.(type) {
	case func(*Field, *yaml.Node):
		to(f, v)
		return
	case *[]string:
		*to = d.stringList(c, f, v)
		return
	case **Location:
		*to = d.location(c, v)
		return
	case **Outcome:
		*to = d.outcome(c, v)
		return
	case *[]Dates:
		*to = d.movedFrom(c, f, v)
		return
	case *[]Place:
		*to = d.alternatives(c, f, v)
		return
	case *[]Link:
		*to = d.links(c, f, v)
		return
	}
	x := d.scalar(c, f, v)
	switch to := to.(type) {
	case *string:
		*to = x.s
	case *int:
		*to = x.n
	case *bool:
		*to = x.b
	case *Clock:
		*to = x.c
	case *time.Time:
		*to = x.t
	case *EventType:
		*to = EventType(x.s)
	case *Status:
		*to = Status(x.s)
	case *Format:
		*to = Format(x.s)
	case *GroupKind:
		*to = GroupKind(x.s)
	case *ActionState:
		*to = ActionState(x.s)
	case *LinkKind:
		*to = LinkKind(x.s)
	case *value:
		*to = x
	default:
		panic(fmt.Sprintf("workplan: %s.%s bound to %T", c.kind, f.Key, to))
	}
}

// items decodes a list of objects with decode, which gets each item's
// context (`group "rg"`, or `group #3` until its id is known) and returns
// nil for an item it cannot read.
func items[T any](d *decoder, v *yaml.Node, o *Object, decode func(c ctx, n *yaml.Node) *T) []*T {
	out := make([]*T, 0, len(v.Content))
	for i, n := range v.Content {
		if t := decode(ctx{kind: o.Name, id: d.idOf(n), index: i + 1}, n); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// plan decodes the top-level mapping.
func (d *decoder) plan(root *yaml.Node) *Plan {
	p := &Plan{File: d.file, pos: posOf(root)}
	d.fields(root, Schema, ctx{kind: "workplan"}, &p.fields, []bind{
		{"formatVersion", &p.FormatVersion},
		{"plan", func(_ *Field, v *yaml.Node) { d.planMeta(p, v) }},
		{"groups", func(f *Field, v *yaml.Node) { p.Groups = items(d, v, f.Elem.Object, d.group) }},
		{"products", func(f *Field, v *yaml.Node) { p.Products = items(d, v, f.Elem.Object, d.product) }},
		{"milestones", func(f *Field, v *yaml.Node) { p.Milestones = items(d, v, f.Elem.Object, d.milestone) }},
		{"events", func(f *Field, v *yaml.Node) { p.Events = items(d, v, f.Elem.Object, d.event) }},
	})
	return p
}

func (d *decoder) planMeta(p *Plan, n *yaml.Node) {
	d.fields(n, planObject, ctx{kind: "plan"}, &p.fields, []bind{
		{"id", &p.ID},
		{"title", &p.Title},
		{"year", &p.Year},
		{"revision", &p.Revision},
		{"revised", &p.Revised},
		{"timezone", &p.TimeZone},
		{"framework", func(_ *Field, v *yaml.Node) {
			fw := &Framework{}
			d.fields(v, frameworkObject, ctx{kind: "framework"}, nil, []bind{
				{"name", &fw.Name}, {"start", &fw.Start}, {"end", &fw.End}, {"year", &fw.Year},
			})
			p.Framework = fw
		}},
		{"chair", &p.Chair},
		{"coChair", &p.CoChair},
		{"secretariat", &p.Secretariat},
		{"summary", &p.Summary},
	})
}

func (d *decoder) group(c ctx, n *yaml.Node) *Group {
	g := &Group{pos: posOf(n)}
	if !d.fields(n, groupObject, c, nil, []bind{{"id", &g.ID}, {"name", &g.Name}, {"kind", &g.Kind}, {"topic", &g.Topic}, {"purpose", &g.Purpose}}) {
		return nil
	}
	return g
}

func (d *decoder) product(c ctx, n *yaml.Node) *Product {
	p := &Product{pos: posOf(n)}
	if !d.fields(n, productObject, c, nil, []bind{{"id", &p.ID}, {"title", &p.Title}, {"topic", &p.Topic}}) {
		return nil
	}
	return p
}

func (d *decoder) milestone(c ctx, n *yaml.Node) *Milestone {
	m := &Milestone{pos: posOf(n)}
	if !d.fields(n, milestoneObject, c, nil, []bind{{"id", &m.ID}, {"title", &m.Title}, {"date", &m.Date}, {"notes", &m.Notes}}) {
		return nil
	}
	return m
}

func (d *decoder) event(c ctx, n *yaml.Node) *Event {
	e := &Event{pos: posOf(n)}
	ok := d.fields(n, eventObject, c, &e.fields, []bind{
		{"id", &e.ID},
		{"title", &e.Title},
		{"type", &e.Type},
		{"groups", &e.Groups},
		{"start", &e.Start},
		{"end", &e.End}, // zero when absent or wrong (reported)
		{"month", &e.Month},
		{"dateTBC", &e.DateTBC},
		{"startTime", &e.StartTime},
		{"endTime", &e.EndTime},
		{"timezone", &e.TimeZone},
		{"format", &e.Format},
		{"location", &e.Location},
		{"links", &e.Links},
		{"status", &e.Status},
		{"reason", &e.Reason},
		{"partners", &e.Partners},
		{"product", &e.Product},
		{"backToBack", &e.BackToBack},
		{"purpose", &e.Purpose},
		{"notes", &e.Notes},
		{"outcome", &e.Outcome},
		{"movedFrom", &e.MovedFrom},
		{"uidPlan", &e.UIDPlan},
		{"revision", &e.Revision},
		{"revised", &e.Revised},
	})
	if !ok {
		return nil
	}
	if e.Outcome != nil {
		for _, a := range e.Outcome.Actions {
			a.Event = e
		}
	}
	d.eventDates(c, e, !e.End.IsZero())
	return e
}

// eventDates settles the date fields: start/end, or month alone.
func (d *decoder) eventDates(c ctx, e *Event, endSet bool) {
	_, hasStart := e.fields.get("start")
	_, hasMonth := e.fields.get("month")
	switch {
	case hasStart && hasMonth:
		d.errorf(e.FieldPos("month"), "date-fields", "keep start (the day is known) or month (it is not), not both",
			"%s: both start and month are given", c)
		e.Month = time.Time{}
	case !hasStart && !hasMonth:
		d.errorf(e.pos, "required", "add start: YYYY-MM-DD, or month: YYYY-MM while the day is not known",
			"%s: missing start (or month)", c)
	case hasMonth:
		if endSet {
			d.errorf(e.FieldPos("end"), "date-fields", "give start and end once the days are known",
				"%s: end is given without start", c)
		}
		e.End = time.Time{}
		e.DateTBC = true // the day is not known
	}
	if !e.Start.IsZero() {
		if e.End.IsZero() {
			e.End = e.Start
		}
		e.Month = time.Date(e.Start.Year(), e.Start.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
}

// movedFrom reads the dates an event had before it moved: each its
// days (start, end) or its month.
func (d *decoder) movedFrom(c ctx, f *Field, v *yaml.Node) []Dates {
	out := make([]Dates, 0, len(v.Content))
	mc := c.in("movedFrom")
	for i, n := range v.Content {
		mc.partIndex = i + 1
		var x Dates
		var pos fieldPositions
		var end value
		if !d.fields(n, f.Elem.Object, mc, &pos, []bind{{"start", &x.Start}, {"end", &end}, {"month", &x.Month}}) {
			continue
		}
		_, hasStart := pos.get("start")
		_, hasMonth := pos.get("month")
		at := posOf(n)
		switch {
		case hasStart && hasMonth:
			p, _ := pos.get("month")
			d.errorf(p, "date-fields", "keep start (the day was known) or month (it was not), not both",
				"%s: both start and month are given", mc)
			continue
		case !hasStart && !hasMonth:
			d.errorf(at, "required", "write start: YYYY-MM-DD (and end:), or month: YYYY-MM",
				"%s: missing start (or month)", mc)
			continue
		case hasMonth && end.ok:
			p, _ := pos.get("end")
			d.errorf(p, "date-fields", "give start and end, or month alone", "%s: end is given without start", mc)
			continue
		}
		if hasStart {
			x.End = end.t
			if x.End.IsZero() {
				x.End = x.Start
			}
			if x.End.Before(x.Start) {
				p, _ := pos.get("end")
				d.errorf(p, "date-order", "swap start and end, or correct the end date",
					"%s: end %s is before start %s", mc, day(x.End), day(x.Start))
			}
		}
		if x.Start.IsZero() && x.Month.IsZero() {
			continue // a malformed date, reported
		}
		out = append(out, x)
	}
	return out
}

// links reads an event's links, each its kind, https address and
// label; an address given twice is reported.
func (d *decoder) links(c ctx, f *Field, v *yaml.Node) []Link {
	out := make([]Link, 0, len(v.Content))
	lc := c.in("link")
	for i, n := range v.Content {
		lc.partIndex = i + 1
		var l Link
		if !d.fields(n, f.Elem.Object, lc, nil, []bind{{"kind", &l.Kind}, {"url", &l.URL}, {"label", &l.Label}}) || l.Kind == "" || l.URL == "" {
			continue
		}
		if j := slices.IndexFunc(out, func(o Link) bool { return o.URL == l.URL }); j >= 0 {
			d.errorf(posOf(n), "link", "keep one of the two, with the kind and label it should have",
				"%s: %s is link %d already", lc, l.URL, j+1)
			continue
		}
		out = append(out, l)
	}
	return out
}

func (d *decoder) location(c ctx, n *yaml.Node) *Location {
	l := &Location{}
	lc := c.in("location")
	d.fields(n, locationObject, lc, nil, []bind{
		{"venue", &l.Venue}, {"city", &l.City}, {"country", &l.Country},
		{"tbc", &l.TBC},
		{"alternatives", &l.Alternatives},
	})
	switch {
	case len(l.Alternatives) > 0 && (l.City != "" || l.Venue != ""):
		d.errorf(posOf(n), "location", "keep the chosen city and drop alternatives, or the other way round",
			"%s: both a city and alternatives", lc)
	case len(l.Alternatives) == 0 && l.City == "" && l.Country == "":
		d.errorf(posOf(n), "location", "give city and country, or alternatives while the place is not chosen",
			"%s: no city, country or alternatives", lc)
	}
	return l
}

// alternatives reads the places a location's city is chosen from; lc is
// the location's context.
func (d *decoder) alternatives(lc ctx, f *Field, v *yaml.Node) []Place {
	if len(v.Content) < f.Min {
		d.errorf(posOf(v), "location", "with one place left, write its city and country (and tbc: true) instead of alternatives",
			"%s: alternatives needs at least %d places, got %d", lc, f.Min, len(v.Content))
	}
	var out []Place
	ac := lc.in(lc.part + ": alternative")
	for i, n := range v.Content {
		ac.partIndex = i + 1
		var p Place
		if d.fields(n, placeObject, ac, nil, []bind{{"venue", &p.Venue}, {"city", &p.City}, {"country", &p.Country}}) {
			out = append(out, p)
		}
	}
	return out
}

func (d *decoder) outcome(c ctx, n *yaml.Node) *Outcome {
	o := &Outcome{}
	oc := c.in("outcome")
	d.fields(n, outcomeObject, oc, nil, []bind{
		{"summary", &o.Summary}, {"link", &o.Link}, {"recorded", &o.Recorded},
		{"conclusions", &o.Conclusions},
		{"actions", func(f *Field, v *yaml.Node) { o.Actions = items(d, v, f.Elem.Object, d.action) }},
	})
	return o
}

func (d *decoder) action(c ctx, n *yaml.Node) *Action {
	a := &Action{pos: posOf(n)}
	var due value
	if !d.fields(n, actionObject, c, &a.fields, []bind{
		{"id", &a.ID}, {"text", &a.Text}, {"owners", &a.Owners}, {"due", &due},
		{"state", &a.State}, {"since", &a.Since}, {"reason", &a.Reason}, {"note", &a.Note},
		{"reportTo", &a.ReportTo}, {"public", &a.Public},
	}) {
		return nil
	}
	if due.ok && len(due.s) == 7 {
		a.Due.Month = due.t
	} else if due.ok {
		a.Due.Start, a.Due.End = due.t, due.t
	}
	return a
}
