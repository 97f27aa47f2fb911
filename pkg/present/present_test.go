package present

import (
	"bytes"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

const fixture = "../../testdata/present/2026.yaml"

// asOf is the fixture's day: meetings took place with their outcome,
// others passed with none, three are within 30 days.
var asOf = d("2026-09-20")

func loadFixture(t testing.TB) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := workplan.Parse(fixture, data, workplan.DefaultLimits)
	if p == nil || workplan.HasErrors(diags) {
		t.Fatalf("%v", diags)
	}
	return p
}

// TestTones: every tone's text is readable on its colour (WCAG AA,
// 4.5:1; axe-core checks the pages too), every state of an event has a
// colour of its own, far from every other's, and the style sheet has a
// class per tone.
func TestTones(t *testing.T) {
	css := StyleSheet()
	for _, tone := range Tones() {
		if tone.Label() == "" || tone.Colour() == "" {
			t.Errorf("%q has no label or colour", tone)
		}
		if c := contrast(tone.Colour(), tone.Ink()); c < 4.5 {
			t.Errorf("%s: %s on %s is %.2f:1, under 4.5:1", tone, tone.Ink(), tone.Colour(), c)
		}
		if !strings.Contains(css, ".t-"+string(tone)+" { --c: "+tone.Colour()) {
			t.Errorf("the style sheet has no class for %s", tone)
		}
	}
	for i, a := range States {
		for _, b := range States[i+1:] {
			if dist := labDistance(a.Tone().Colour(), b.Tone().Colour()); dist < 25 {
				t.Errorf("%s (%s) and %s (%s) are %.0f apart in CIELAB, under 25: too alike", a, a.Tone().Colour(), b, b.Tone().Colour(), dist)
			}
		}
	}
	if c := contrast("#be123c", "#fff"); math.Abs(c-6.29) > 0.01 {
		t.Errorf("contrast(#be123c, #fff) = %.2f, want 6.29 (as WebAIM's checker says)", c)
	}
}

// labDistance is the CIE76 distance of two colours "#rrggbb".
func labDistance(a, b string) float64 {
	la, lb := lab(a), lab(b)
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

func lab(hex string) [3]float64 {
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		rgb[i] = c
	}
	x := (0.4124*rgb[0] + 0.3576*rgb[1] + 0.1805*rgb[2]) / 0.95047
	y := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	z := (0.0193*rgb[0] + 0.1192*rgb[1] + 0.9505*rgb[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// sample is a document with one block of each kind.
func sample() *Doc {
	return &Doc{
		Title: "Sample workplan", Subtitle: "As of 20 Sep 2026", Meta: []string{"Chair: Türkiye"},
		Summary: "A document with one block of each kind.",
		Page:    Page{Footer: "Made by a test."},
		Blocks: []Block{
			&Para{Lead: "Next:", Text: "the Reference Group, in 24 days."},
			&Section{Title: "Facts", Blocks: []Block{&Facts{Items: []Fact{
				{Label: LabelDate, Value: "14 Oct 2026"},
				{Label: LabelStatus, Value: "Confirmed · Upcoming, in 24 days", Tone: ToneUpcoming},
				{Label: LabelReport, Value: "https://example.org/report", Link: "https://example.org/report"},
				{Label: LabelConclusions, Items: []string{"A first conclusion that is long enough to be wrapped in a terminal of eighty columns.", "A second."}},
			}}}},
			&Section{Title: "Tables", Blocks: []Block{
				&Table{Columns: []Column{{Title: "Event", Width: 30}, {Title: "Events", Num: true, Width: 6}, {Title: "State", Width: 20}}, Rows: [][]Cell{
					{Plain("Reference Group Meeting", "(rg-2026-10)"), Num(3), {Text: "Upcoming", Tone: ToneUpcoming, Sub: []string{"in 24 days"}}},
					{Plain("Webinar | with a pipe"), Num(12), {Text: "1 held, 2 upcoming", Bar: []Segment{{ToneHeld, 1}, {ToneUpcoming, 2}}}},
				}},
				&Section{Title: "A subsection", Blocks: []Block{None("None.")}},
			}},
			&Section{Title: "Lists", Blocks: []Block{
				&List{Items: []Item{{Head: "6–7 Oct 2026", Text: "A meeting", Mark: Mark{Tone: ToneToConfirm, Label: "To be confirmed", Detail: "place TBC"}, Sub: []string{"still planned, not confirmed"}}}},
				&List{Cards: true, Items: []Item{{Head: "4 Mar 2026", Text: "A card", Link: "events/a.html", Mark: Mark{Tone: ToneTookPlace, Label: "Took place"},
					Facts: []Fact{{Label: LabelOutcome, Value: "Endorsed."}}}}},
			}},
		},
	}
}

// TestWriters: one document in every format (golden files), and what
// every writer promises: text within 80 columns, the page valid HTML.
func TestWriters(t *testing.T) {
	for _, f := range []*Format{Text, Markdown, HTML} {
		var b bytes.Buffer
		if err := WriteDocument(&b, f, sample()); err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, "../../testdata/present/sample."+f.Name+".golden", b.Bytes())
		if f == Text {
			for _, l := range strings.Split(b.String(), "\n") {
				if w := Width(l); w > 80 {
					t.Errorf("a text line of %d columns: %q", w, l)
				}
			}
		}
		if f == HTML {
			if _, err := html.Parse(&b); err != nil {
				t.Error(err)
			}
		}
	}
	if err := WriteDocument(&bytes.Buffer{}, CSV, sample()); err == nil {
		t.Error("a document was written as CSV")
	}
	if Find(Formats, "MD") != Markdown || Find(Formats, "table") != Text || Find(Formats, "pdf") != nil {
		t.Error("Find does not take aliases and case, or takes an unknown name")
	}
}

// TestHTMLEscapes: text is text on a page, wherever it is: no markup, no
// script, no control or bidi character, no javascript: link.
func TestHTMLEscapes(t *testing.T) {
	evil := "<script>alert(1)</script>\u202e\x1b[31m"
	d := &Doc{Title: evil, Subtitle: evil, Meta: []string{evil}, Summary: evil,
		Page: Page{Footer: evil, Kicker: &Link{Href: "javascript:alert(2)", Text: evil}, Nav: []Link{{Href: "x.html", Text: evil}}},
		Blocks: []Block{
			&Section{Title: evil, Blocks: []Block{&Para{Text: evil, Link: "javascript:alert(3)"}}},
			&Facts{Items: []Fact{{Label: evil, Value: evil, Link: "javascript:alert(4)", Items: []string{evil}}}},
			&Table{Columns: []Column{{Title: evil}}, Rows: [][]Cell{{{Text: evil, Sub: []string{evil}, Link: "javascript:alert(5)"}}}},
			&List{Items: []Item{{Text: evil, Link: "javascript:alert(6)", Sub: []string{evil}, Mark: Mark{Label: evil, Detail: evil, Flags: []string{evil}}}}},
		}}
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "javascript:", "\u202e", "\x1b"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if n := strings.Count(page, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 15 {
		t.Errorf("the text is shown as text %d times, want every place (15 or more)", n)
	}
	b.Reset()
	if err := WriteMarkdown(&b, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script") || strings.Contains(b.String(), "\u202e") {
		t.Errorf("Markdown holds markup or a bidi control:\n%s", b.String())
	}
}

// TestAudiences: the public hears neutral words of the past and only the
// public actions; the Secretariat everything; a calendar file nothing
// that changes with the day.
func TestAudiences(t *testing.T) {
	p := loadFixture(t)
	text := func(fs []Fact) string {
		var b strings.Builder
		for _, f := range fs {
			b.WriteString(f.Label + ": " + f.Value + " " + strings.Join(f.Items, " | ") + "\n")
		}
		return b.String()
	}
	for _, e := range p.Events {
		pub := text(EventFacts(p, e, Public, asOf))
		for _, w := range InternalWords {
			if strings.Contains(strings.ToLower(pub), w) {
				t.Errorf("%s: the public reads %q:\n%s", e.ID, w, pub)
			}
		}
		if _, ok := Lookup(EventFacts(p, e, Internal, asOf), LabelID); !ok {
			t.Errorf("%s: the Secretariat does not read its id", e.ID)
		}
		if _, ok := Lookup(EventFacts(p, e, Public, asOf), LabelID); ok {
			t.Errorf("%s: the public reads its id", e.ID)
		}
	}
	rg := p.Event("rg-2026-03")
	for a, want := range map[Audience]int{Public: 2, Internal: 3} {
		acts, _ := Lookup(EventFacts(p, rg, a, asOf), LabelActions)
		if len(acts.Items) != want {
			t.Errorf("%s reads %d actions of rg-2026-03, want %d: %q", a, len(acts.Items), want, acts.Items)
		}
	}
	if st, _ := Lookup(EventFacts(p, rg, Public, asOf), LabelStatus); st.Value != "Took place" {
		t.Errorf("rg-2026-03 for the public: status %q, want Took place", st.Value)
	}
	past := p.Event("twg-law-2026") // passed, no outcome: just a past meeting
	if st, ok := Lookup(EventFacts(p, past, Public, asOf), LabelStatus); ok {
		t.Errorf("a past meeting with no outcome has a status for the public: %q", st.Value)
	}
	if st, _ := Lookup(EventFacts(p, past, Internal, asOf), LabelStatus); !strings.Contains(st.Value, "Needs follow-up, ended 86 days ago, no outcome recorded") {
		t.Errorf("a past meeting with no outcome, for the Secretariat: %q", st.Value)
	}
	for _, e := range p.Events {
		a, b := text(EventFacts(p, e, Public, time.Time{})), text(EventFacts(p, e, Public, asOf.AddDate(0, 3, 0)))
		if _, ok := Lookup(EventFacts(p, e, Public, time.Time{}), LabelStatus); ok && e.Status != workplan.StatusCancelled && e.Status != workplan.StatusPostponed {
			t.Errorf("%s: a calendar file's facts have a status that changes with the day:\n%s", e.ID, a)
		}
		_ = b
	}
	if m := Classify(past, asOf).Mark(Public); m.Label != "" || m.Tone != NoTone {
		t.Errorf("the public mark of a past meeting with no outcome: %+v", m)
	}
}
