package plandiff

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/safetext"
	"github.com/icmpd/bp/pkg/workplan"
)

// fuzzPlan makes a plan of the fuzzer's text. A text that starts with
// "formatVersion" is read as a YAML plan; any other is cut at "|" into
// the free text of a synthesized plan: its title, then per event a
// title, a city, a country and a partner. An event's id is e<i> or f<i>
// by the length of its title, so that two texts share some events, and
// its day and format follow its text too. A plan with errors is nil:
// bp diff compares only valid plans.
func fuzzPlan(text string) *workplan.Plan {
	data := []byte(text)
	if !strings.HasPrefix(text, "formatVersion") {
		fields := strings.Split(text, "|")
		var b strings.Builder
		q := strconv.Quote // a Go string literal is a YAML double-quoted scalar
		b.WriteString("formatVersion: 1\nplan:\n  id: fuzz\n  title: " + q(fields[0]) +
			"\n  year: 2026\n  revision: " + strconv.Itoa(1+len(text)%3) + "\n  revised: 2026-01-01\n" +
			"groups:\n  - id: g\n    name: " + q(fields[0]+" group") + "\n    kind: reference-group\n" +
			"products:\n  - id: p\n    title: " + q(fields[len(fields)-1]) + "\nevents:\n")
		formats := []string{"online", "in-person", "hybrid"}
		for i := 1; i+3 < len(fields) && i < 40; i += 4 {
			title, city, country, partner := fields[i], fields[i+1], fields[i+2], fields[i+3]
			id := "e" + strconv.Itoa(i)
			if len(title)%2 == 1 {
				id = "f" + strconv.Itoa(i)
			}
			b.WriteString("  - id: " + id + "\n    title: " + q(title) + "\n    type: webinar\n" +
				"    groups: [g]\n    product: p\n" +
				"    start: 2026-06-" + strconv.Itoa(10+len(city)%19) + "\n" +
				"    format: " + formats[len(partner)%3] + "\n    status: planned\n" +
				"    partners: [" + q(partner) + "]\n" +
				"    location:\n      city: " + q(city) + "\n      country: " + q(country) + "\n")
			if len(country)%2 == 0 {
				b.WriteString("    notes: " + q(title+" "+partner) + "\n")
			}
		}
		data = []byte(b.String())
	}
	p, diags := workplan.Check("fuzz.yaml", data, workplan.Limits{MaxBytes: 1 << 20, MaxNodes: 100_000}, workplan.Options{})
	if p == nil || workplan.HasErrors(diags) {
		return nil
	}
	return p
}

// The side names are hostile too: a path or REV:PATH a user typed.
const oldName, newName = "old\x1b[31m\u202e.yaml", "HEAD~1:new\u200b\u0085.yaml"

func FuzzCompare(f *testing.F) {
	for _, pair := range [][2]string{{"old.yaml", "new.yaml"}, {"new.yaml", "old.yaml"}} {
		a, errA := os.ReadFile("../../testdata/diff/" + pair[0])
		b, errB := os.ReadFile("../../testdata/diff/" + pair[1])
		if errA != nil || errB != nil {
			f.Fatal(errA, errB)
		}
		f.Add(string(a), string(b))
	}
	f.Add("Plan|Meeting|Antalya|Türkiye|ICMPD|Webinar|Baku|Azerbaijan|x",
		"Plan \x1b[31m|Meeting\u202e|Antalya\x07|Türkiye|ICMPD\u009b|Seminar|Baku\u200b|Az|y|P")
	f.Add("T|a|b|c|d", "T|ab|b|c|d|abc|\x1b]8;;http://x\x07l\x1b]8;;\x07|\u2066c\u2069|\ufeffd")
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, pb := fuzzPlan(a), fuzzPlan(b)
		if pa == nil || pb == nil {
			t.Skip("not a valid plan")
		}
		if d := Compare(oldName, pa, newName, fuzzPlan(a)); !d.Equal() {
			t.Fatalf("a plan differs from itself: %+v", d)
		}
		ab, ba := Compare(oldName, pa, newName, pb), Compare(newName, pb, oldName, pa)
		a1, r1, c1 := ab.Counts()
		a2, r2, c2 := ba.Counts()
		if a1 != r2 || r1 != a2 || c1 != c2 {
			t.Fatalf("Compare(a, b) counts %d added, %d removed, %d changed; Compare(b, a) %d, %d, %d", a1, r1, c1, a2, r2, c2)
		}
		if ab.Equal() != ba.Equal() {
			t.Fatalf("Compare(a, b).Equal() = %v, Compare(b, a).Equal() = %v", ab.Equal(), ba.Equal())
		}
		for _, d := range []*Diff{ab, ba} {
			for _, w := range []struct {
				name  string
				write func(*bytes.Buffer) error
			}{
				{"text", func(b *bytes.Buffer) error { return present.WriteText(b, d.Doc()) }},
				{"markdown", func(b *bytes.Buffer) error { return present.WriteMarkdown(b, d.Doc()) }},
				{"json", func(b *bytes.Buffer) error { return present.WriteJSON(b, d.JSON()) }},
			} {
				var buf bytes.Buffer
				if err := w.write(&buf); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				for i, r := range buf.String() {
					if r != '\n' && safetext.Unsafe(r) {
						t.Fatalf("%s: %U at byte %d reaches the output:\n%q", w.name, r, i, buf.String())
					}
				}
				if w.name != "json" {
					continue
				}
				var back DiffJSON
				if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
					t.Fatalf("the JSON does not parse: %v\n%s", err, buf.String())
				}
				da, dr, dc := d.Counts()
				if back.Added != da || back.Removed != dr || back.Changed != dc || back.Old.Name != d.Old.Name || len(back.Events) != len(d.Events) {
					t.Fatalf("the JSON does not say what the diff does: %+v", back)
				}
			}
		}
	})
}

// TestFuzzPlanHostile: hostile text makes a valid plan, so that
// FuzzCompare compares plans rather than skipping them.
func TestFuzzPlanHostile(t *testing.T) {
	for _, text := range []string{
		"Plan|Meeting|Antalya|Türkiye|ICMPD",
		"Plan \x1b[31m|Meeting\u202e|Antalya\x07|Türkiye|ICMPD\u009b|Seminar|Baku\u200b|Az|y|P",
	} {
		p := fuzzPlan(text)
		if p == nil {
			t.Fatalf("fuzzPlan(%q) is not a valid plan", text)
		}
		if len(p.Events) == 0 {
			t.Fatalf("fuzzPlan(%q) has no events", text)
		}
	}
}
