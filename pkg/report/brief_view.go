package report

// The view of the meeting brief: what bp brief prints (for the
// Secretariat and the delegates it sends it to), and the part of it an
// event's page on the site shows the public.

import (
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// Subtitle returns "Meeting brief as of 28 Nov 2026 · rg-2027-03".
func (b *Brief) Subtitle() string {
	return "Meeting brief as of " + workplan.DayText(b.AsOf) + " · " + b.Event.ID
}

// meetingText names a meeting in a line: "Reference Group Meeting, 14
// Oct 2026 (rg-2026-10)"; without its id for an audience that reads no
// ids.
func meetingText(e *workplan.Event, a present.Audience) string {
	s := e.Title + ", " + e.DateText()
	if a.Rule().IDs {
		s += " (" + e.ID + ")"
	}
	return s
}

// PreviousHeading returns "Previous meeting of the Reference Group".
func (pm PreviousMeeting) PreviousHeading() string {
	return "Previous meeting of " + the(pm.GroupName)
}

// the puts "the" before a group's name unless it has an article or is an
// id.
func the(name string) string {
	if strings.HasPrefix(name, "The ") || strings.HasPrefix(name, "the ") || !strings.ContainsAny(name, " ") && strings.ToLower(name) == name {
		return name
	}
	return "the " + name
}

// Says returns what the brief says of the previous meeting when it has
// no recorded outcome to show: there is none, it is still ahead, its
// outcome is not recorded; "" when the outcome is recorded.
func (pm PreviousMeeting) Says(asOf time.Time) string {
	switch {
	case pm.Event == nil:
		return "None: no earlier meeting of " + the(pm.GroupName) + " is in the plans."
	case pm.Outcome != nil:
		return ""
	}
	s := present.Classify(pm.Event, asOf).State
	if s == present.Upcoming || s == present.ToConfirm || s == present.InProgress {
		return meetingText(pm.Event, present.Internal) + ": it has not taken place yet, so nothing is recorded of it."
	}
	return meetingText(pm.Event, present.Internal) + ": its outcome is not recorded."
}

// Doc returns the brief's view, for the Secretariat: the meeting's
// facts (its own outcome, conclusions and actions once it took place),
// what the previous meeting of each of its groups concluded, the
// actions to be reported there and those its groups still owe, and the
// knowledge products it presents.
func (b *Brief) Doc() *present.Doc {
	d := &present.Doc{
		Title:    b.Event.Title,
		Subtitle: b.Subtitle(),
		Page: present.Page{
			HeadTitle: b.Event.Title + " · meeting brief",
			Footer: "Made with bp brief " + b.Event.ID + " --today " + workplan.ISODay(b.AsOf) +
				" -o html. The same plans and day always give this page.",
		},
		Blocks: []present.Block{&present.Section{Title: "Facts", ID: "facts", Blocks: []present.Block{
			&present.Facts{Items: present.EventFacts(b.Plan, b.Event, present.Internal, b.AsOf)},
		}}},
	}
	d.Blocks = append(d.Blocks, b.Sections(present.Internal, nil)...)
	return d
}

// Document returns the brief as bp brief writes it: its view, and its
// published JSON shape.
func (b *Brief) Document() present.Document {
	return present.Document{Doc: b.Doc, JSON: b.JSON}
}

// Sections returns the brief's sections after the meeting's facts, as
// the audience is told them; link gives the address of a meeting's page
// ("" for none; nil: no links). The public reads what the previous
// meetings concluded and the public actions to be reported here; the
// Secretariat also reads the previous meetings with no outcome, the
// actions its groups still owe, and the products presented.
func (b *Brief) Sections(a present.Audience, link func(eventID string) string) []present.Block {
	var out []present.Block
	if len(b.Previous) == 0 && a.Rule().States {
		out = append(out, &present.Section{Title: "Previous meeting", ID: "previous", Blocks: []present.Block{
			present.None("None: the meeting belongs to no group."),
		}})
	}
	for _, pm := range b.Previous {
		if s := b.previous(pm, a, link); s != nil {
			out = append(out, s)
		}
	}
	toReport := b.visible(b.ToReport, a)
	if len(toReport) > 0 || a.Rule().States {
		out = append(out, b.actions("Actions to report here", "report", "None: no action names this meeting to be reported at.", toReport, a))
	}
	if !a.Rule().AllActions {
		return out
	}
	out = append(out, b.actions("Other open actions of its groups", "owed", "None.", b.Owed, a))
	return append(out, b.products(link))
}

// previous is the section on the previous meeting of one group; nil
// when the audience is not told of it (the public hears only of a
// meeting whose outcome is recorded).
func (b *Brief) previous(pm PreviousMeeting, a present.Audience, link func(string) string) *present.Section {
	s := &present.Section{Title: pm.PreviousHeading(), ID: "previous-" + pm.Group}
	if says := pm.Says(b.AsOf); says != "" {
		if !a.Rule().States {
			return nil
		}
		s.Blocks = []present.Block{present.None(says)}
		return s
	}
	p := &present.Para{Text: meetingText(pm.Event, a)}
	if link != nil {
		p.Link = link(pm.Event.ID)
	}
	var facts []present.Fact
	for _, f := range present.EventFacts(b.Plan, pm.Event, a, b.AsOf) {
		switch f.Label {
		case present.LabelOutcome, present.LabelReport, present.LabelConclusions, present.LabelActions:
			facts = append(facts, f)
		}
	}
	s.Blocks = []present.Block{p, &present.Facts{Items: facts}}
	if _, ok := present.Lookup(facts, present.LabelConclusions); !ok && a.Rule().States {
		s.Blocks = append(s.Blocks, present.None("No conclusions recorded."))
	}
	return s
}

// visible returns the actions of acts the audience sees.
func (b *Brief) visible(acts []render.PlanAction, a present.Audience) []render.PlanAction {
	if a.Rule().AllActions {
		return acts
	}
	var out []render.PlanAction
	for _, pa := range acts {
		if pa.Action.Public {
			out = append(out, pa)
		}
	}
	return out
}

func (b *Brief) actions(title, id, none string, acts []render.PlanAction, a present.Audience) *present.Section {
	s := &present.Section{Title: title, ID: id}
	if len(acts) == 0 {
		s.Blocks = []present.Block{present.None(none)}
		return s
	}
	s.Blocks = []present.Block{actionsTable(acts, a, b.AsOf)}
	return s
}

// products is the knowledge products the meeting presents, and the
// other meetings that present them.
func (b *Brief) products(link func(string) string) *present.Section {
	s := &present.Section{Title: "Knowledge products presented", ID: "products"}
	if len(b.Products) == 0 {
		s.Blocks = []present.Block{present.None("None.")}
	}
	for _, bp := range b.Products {
		text := bp.Product.Title + " (" + bp.Product.ID + ")"
		if bp.Product.Topic != "" {
			text += ", on " + bp.Product.Topic
		}
		s.Blocks = append(s.Blocks, &present.Para{Text: text})
		if len(bp.Others) == 0 {
			continue
		}
		l := &present.List{Label: "Also presented at"}
		for _, es := range bp.Others {
			it := present.Item{Text: meetingText(es.Event, present.Internal), Mark: present.Mark{Tone: es.State.Tone(), Label: es.State.Label()}}
			if link != nil {
				it.Link = link(es.Event.ID)
			}
			l.Items = append(l.Items, it)
		}
		s.Blocks = append(s.Blocks, &present.Para{Text: "Also presented at:"}, l)
	}
	return s
}
