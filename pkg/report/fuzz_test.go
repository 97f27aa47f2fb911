package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

// fuzzPlan is a plan in which every piece of free text is the same
// string, written as a YAML double-quoted scalar (JSON's string syntax is
// a subset of it). Single-line fields refuse some strings (line breaks),
// so when the plan is invalid with s everywhere, s goes only into the
// multi-line fields (summary, purpose, notes, outcome) and single-line
// fields get "x".
func fuzzPlan(s string) (*workplan.Plan, bool) {
	if p, ok := fuzzPlanWith(s, s); ok {
		return p, true
	}
	return fuzzPlanWith("x", s)
}

func fuzzPlanWith(line, text string) (*workplan.Plan, bool) {
	q, _ := json.Marshal(line)
	v := string(q)
	q, _ = json.Marshal(text)
	tv := string(q)
	src := `formatVersion: 1
plan:
  id: fuzz
  title: ` + v + `
  year: 2026
  revision: 1
  revised: 2026-01-01
  chair: ` + v + `
  coChair: ` + v + `
  summary: ` + tv + `
  framework: {name: ` + v + `, start: 2025, end: 2030, year: 2}
groups:
  - {id: g, name: ` + v + `, kind: thematic-working-group, topic: ` + v + `}
products:
  - {id: p, title: ` + v + `, topic: ` + v + `}
milestones:
  - {id: m, title: ` + v + `, notes: ` + tv + `, date: 2026-04-01}
events:
  - id: held
    title: ` + v + `
    type: webinar
    groups: [g]
    start: 2026-02-10
    status: held
    product: p
    purpose: ` + tv + `
    notes: ` + tv + `
    partners: [` + v + `]
    outcome: {summary: ` + tv + `, link: "https://example.org/a?b=<c>&d", recorded: 2026-02-11}
  - id: past
    title: ` + v + `
    type: working-group
    start: 2026-03-10
    format: in-person
    location: {venue: ` + v + `, city: ` + v + `, country: ` + v + `}
    status: planned
  - id: month
    title: ` + v + `
    type: thematic-meeting
    month: 2026-05
    status: planned
  - id: now
    title: ` + v + `
    type: reference-group
    start: 2026-06-16
    end: 2026-06-18
    status: confirmed
  - id: ahead
    title: ` + v + `
    type: senior-officials
    start: 2026-11-24
    location: {alternatives: [{city: ` + v + `}, {city: ` + v + `}]}
    status: planned
  - id: off
    title: ` + v + `
    type: webinar
    start: 2026-09-01
    status: cancelled
`
	plan, diags := workplan.Check("fuzz.yaml", []byte(src), workplan.DefaultLimits, workplan.Options{})
	return plan, plan != nil && !workplan.HasErrors(diags)
}

// htmlSkeleton is the page's structure: every tag and its attribute
// names, in order. Text from a plan may change the words of a page, never
// its skeleton.
func htmlSkeleton(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := tt.String() + " " + string(name)
			for hasAttr {
				var key []byte
				key, _, hasAttr = z.TagAttr()
				tag += " " + string(key)
			}
			out = append(out, tag)
		case html.CommentToken, html.DoctypeToken:
			out = append(out, tt.String())
		}
	}
}

// markdownSkeleton keeps, line by line, the characters that make
// Markdown structure (table pipes, HTML, links, code, emphasis) once
// backslash escapes are taken out.
func markdownSkeleton(md string) []string {
	lines := strings.Split(md, "\n")
	out := make([]string, len(lines))
	for i, l := range lines {
		var b strings.Builder
		for j := 0; j < len(l); j++ {
			switch c := l[j]; c {
			case '\\':
				j++ // the escaped character is text
			case '|', '<', '>', '[', ']', '`', '*', '_':
				b.WriteByte(c)
			}
		}
		out[i] = b.String()
	}
	return out
}

func render3(t *testing.T, plan *workplan.Plan) (page []byte, md, text string) {
	r := Status(plan, d("2026-06-17"))
	var h, m, x bytes.Buffer
	if err := present.WriteHTML(&h, r.Doc()); err != nil {
		t.Fatalf("html: %v", err)
	}
	if err := present.WriteMarkdown(&m, r.Doc()); err != nil {
		t.Fatalf("markdown: %v", err)
	}
	if err := present.WriteText(&x, r.Doc()); err != nil {
		t.Fatalf("text: %v", err)
	}
	return h.Bytes(), m.String(), x.String()
}

var fuzzSeeds = []string{
	"Reference Group Meeting",
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	"a | b | c",
	"[click](javascript:alert(1))",
	"\x1b[31mred\x1b[0m",
	"line\nbreak",
}

// TestFuzzSeedsMakePlans keeps the fuzz target honest: its seeds must give
// valid plans, or the target would return before checking anything.
func TestFuzzSeedsMakePlans(t *testing.T) {
	for _, s := range fuzzSeeds {
		if _, ok := fuzzPlan(s); !ok {
			t.Errorf("seed %q does not make a valid plan", s)
		}
	}
	if _, ok := fuzzPlan("x"); !ok {
		t.Error("the baseline plan is invalid")
	}
}

// FuzzStatusWriters puts any text into every free-text field of a plan
// and checks that the HTML and Markdown reports keep the structure they
// have with harmless text ("x"): no tag, attribute, table cell, link or
// code span comes from the plan. The text report must carry no control
// characters. Seeds live in testdata/fuzz/FuzzStatusWriters.
// The baseline's skeletons, computed once per fuzzing process.
var (
	baseOnce         sync.Once
	baseHTML, baseMD []string
)

func FuzzStatusWriters(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.TrimSpace(render.Clean(s)) == "" {
			// required fields would be missing, or hold only characters
			// every writer drops (then the blocks they fill go too)
			return
		}
		plan, ok := fuzzPlan(s)
		if !ok {
			return
		}
		baseOnce.Do(func() {
			base, ok := fuzzPlan("x")
			if !ok {
				t.Fatal("the baseline plan is invalid")
			}
			page, md, _ := render3(t, base)
			baseHTML, baseMD = htmlSkeleton(page), markdownSkeleton(md)
		})
		page, md, text := render3(t, plan)

		got, want := htmlSkeleton(page), baseHTML
		if len(got) != len(want) {
			t.Fatalf("HTML has %d tags with %q, %d with \"x\"", len(got), s, len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("HTML tag %d is %q with %q, %q with \"x\"", i, got[i], s, want[i])
			}
		}
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			t.Fatalf("HTML does not parse: %v", err)
		}

		gm, wm := markdownSkeleton(md), baseMD
		if len(gm) != len(wm) {
			t.Fatalf("Markdown has %d lines with %q, %d with \"x\"", len(gm), s, len(wm))
		}
		for i := range gm {
			if gm[i] != wm[i] {
				t.Fatalf("Markdown line %d has structure %q with %q, %q with \"x\":\n%s", i+1, gm[i], s, wm[i], strings.Split(md, "\n")[i])
			}
		}

		for _, r := range text {
			if r != '\n' && (unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)) {
				t.Fatalf("text report contains control character %U", r)
			}
		}
	})
}
