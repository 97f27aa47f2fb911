package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// presentFixture has meetings that took place with an outcome,
// conclusions and actions, public and not.
const presentFixture = "../../testdata/present/2026.yaml"

// facts is an event's facts as one document gives them: the value of
// each label, and the items of a list.
type facts map[string][]string

// TestSameFacts: for every event of the fixture with an outcome,
// conclusions and actions, bp show -o json, bp brief -o json, the
// DESCRIPTION of its calendar file (bp ics) and its page on the site
// (bp site) give the same facts: each fact of the calendar file (the
// public's, which do not change with the day) is in the other three
// with the same label and words; the actions the plan marks public are
// in all four, the others only in bp show and bp brief.
func TestSameFacts(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(presentFixture)
	if err != nil {
		t.Fatal(err)
	}
	plan, _ := workplan.Parse(presentFixture, data, workplan.DefaultLimits)
	base := []string{"-f", presentFixture, "--today", "2026-09-20"}
	out := filepath.Join(t.TempDir(), "site")
	if r := runBP(t, "", nil, append(base, "site", "--out", out)...); r.code != 0 {
		t.Fatalf("bp site: exit %d: %s", r.code, r.stderr)
	}
	checked := 0
	for _, e := range plan.Events {
		if o := e.Outcome; o == nil || len(o.Conclusions) == 0 || len(o.Actions) == 0 {
			continue
		}
		checked++
		ics, purpose := icsFacts(t, runBP(t, "", nil, append(base, "ics", e.ID)...).stdout)
		docs := map[string]facts{
			"bp show -o json":  jsonFacts(t, runBP(t, "", nil, append(base, "show", e.ID, "-o", "json")...).stdout, "facts"),
			"bp brief -o json": jsonFacts(t, runBP(t, "", nil, append(base, "brief", e.ID, "-o", "json")...).stdout, "brief", "facts"),
			"the event's page": pageFacts(t, filepath.Join(out, "events", e.ID+".html")),
		}
		for _, l := range []string{present.LabelDate, present.LabelOutcome, present.LabelConclusions, present.LabelActions, present.LabelPlan} {
			if len(ics[l]) == 0 {
				t.Errorf("%s: the calendar file has no %s: the test proves nothing", e.ID, l)
			}
		}
		for name, got := range docs {
			for label, want := range ics {
				if label == present.LabelActions {
					for _, a := range want {
						if !slices.Contains(got[label], a) {
							t.Errorf("%s: %s lacks the action %q (it has %q)", e.ID, name, a, got[label])
						}
					}
					continue
				}
				if !slices.Equal(got[label], want) {
					t.Errorf("%s: %s says %s %q, the calendar file %q", e.ID, name, label, got[label], want)
				}
			}
			if p := got[present.LabelPurpose]; e.Purpose != "" && (len(p) != 1 || p[0] != purpose) {
				t.Errorf("%s: %s gives the purpose %q, the calendar file %q", e.ID, name, p, purpose)
			}
			for _, a := range e.Outcome.Actions {
				has := slices.ContainsFunc(got[present.LabelActions], func(s string) bool { return strings.HasPrefix(s, a.Text+":") })
				public := name == "the event's page"
				if has != (a.Public || !public) {
					t.Errorf("%s: %s shows action %s (public %v): %v", e.ID, name, a.ID, a.Public, has)
				}
			}
		}
		if n := len(ics[present.LabelActions]); n == len(e.Outcome.Actions) || n == 0 {
			t.Errorf("%s: the calendar file lists %d of %d actions; want the public ones only", e.ID, n, len(e.Outcome.Actions))
		}
	}
	if checked < 2 {
		t.Fatalf("%d events with an outcome, conclusions and actions: the fixture proves little", checked)
	}
}

// jsonFacts reads the "facts" of a JSON document at path.
func jsonFacts(t *testing.T, doc string, path ...string) facts {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%v:\n%s", err, doc)
	}
	for _, k := range path {
		v = v.(map[string]any)[k]
	}
	out := facts{}
	for _, f := range v.([]any) {
		m := f.(map[string]any)
		label := m["label"].(string)
		if s := m["value"].(string); s != "" {
			out[label] = append(out[label], s)
		}
		for _, it := range m["items"].([]any) {
			out[label] = append(out[label], it.(string))
		}
	}
	return out
}

// icsFacts reads the facts of an iCalendar file's one DESCRIPTION:
// "Label: value" lines, "- item" lines under a list's label; and the
// purpose, its first paragraph.
func icsFacts(t *testing.T, cal string) (facts, string) {
	t.Helper()
	_, ev, _ := strings.Cut(strings.ReplaceAll(cal, "\r\n ", ""), "BEGIN:VEVENT")
	m := regexp.MustCompile(`(?s)\r\nDESCRIPTION:(.*?)\r\n[A-Z-]+[:;]`).FindStringSubmatch(ev)
	if m == nil {
		t.Fatalf("no DESCRIPTION in\n%s", cal)
	}
	text := strings.NewReplacer(`\n`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(m[1])
	out, purpose := facts{}, ""
	if p, rest, ok := strings.Cut(text, "\n\n"); ok {
		purpose, text = p, rest
	}
	last := ""
	for _, l := range strings.Split(text, "\n") {
		if item, ok := strings.CutPrefix(l, "- "); ok {
			out[last] = append(out[last], item)
			continue
		}
		label, value, _ := strings.Cut(l, ":")
		last = label
		if value = strings.TrimSpace(value); value != "" {
			out[label] = append(out[label], value)
		}
	}
	return out, purpose
}

// pageFacts reads the facts of an event's page: its dl.facts, a dd's
// text or the items of its list.
func pageFacts(t *testing.T, path string) facts {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	out := facts{}
	var label string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "dt":
				label = text(n)
			case "dd":
				items := 0
				for c := range n.Descendants() {
					if c.Type == html.ElementNode && c.Data == "li" {
						out[label] = append(out[label], text(c))
						items++
					}
				}
				if items == 0 {
					out[label] = append(out[label], text(n))
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}
