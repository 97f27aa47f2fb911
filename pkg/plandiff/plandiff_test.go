package plandiff

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

func load(t *testing.T, path string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := workplan.Check(path, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", path, diags)
	}
	return p
}

func TestCompareGolden(t *testing.T) {
	old := load(t, "../../testdata/diff/old.yaml")
	new := load(t, "../../testdata/diff/new.yaml")
	d := Compare("old.yaml", old, "new.yaml", new)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"diff.txt.golden", func(b *bytes.Buffer) error { return present.WriteText(b, d.Doc()) }},
		{"diff.md.golden", func(b *bytes.Buffer) error { return present.WriteMarkdown(b, d.Doc()) }},
		{"diff.json.golden", func(b *bytes.Buffer) error { return present.WriteJSON(b, d.JSON()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "../../testdata/diff/"+tc.name, b.Bytes())
		})
	}
}

func TestCompareWords(t *testing.T) {
	old := load(t, "../../testdata/diff/old.yaml")
	new := load(t, "../../testdata/diff/new.yaml")
	d := Compare("old", old, "new", new)
	texts := map[string][]string{}
	kinds := map[string]string{}
	for _, e := range d.Events {
		kinds[e.ID] = e.Kind
		for _, c := range e.Changes {
			texts[e.ID] = append(texts[e.ID], c.Text)
		}
	}
	want := map[string][]string{
		"twg-return-2026": {
			"moved from 6–7 Oct 2026 to 13–14 Oct 2026",
			"Istanbul, Türkiye chosen from Baghdad, Iraq / Istanbul, Türkiye",
		},
		"webinar-missing-migrants": {
			`renamed from "Webinar on Missing migrants" to "Webinar: Missing migrants"`,
			"date confirmed: 14 Sep 2026",
			"status changed from planned to confirmed",
		},
		"thematic-syria": {
			"moved from Ankara to Istanbul",
			"format changed from hybrid to in-person",
		},
	}
	for id, w := range want {
		if strings.Join(texts[id], "\n") != strings.Join(w, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", id, texts[id], w)
		}
	}
	if kinds["som-2026"] != KindAdded || kinds["rg-2026-07"] != KindRemoved || kinds["rg-2026-03"] != KindChanged {
		t.Errorf("kinds = %v", kinds)
	}
	if !d.ContentChanged() || d.Equal() {
		t.Error("the plans differ in content")
	}
	if a, r, c := d.Counts(); a != 1 || r != 1 || c != 4 {
		t.Errorf("counts = %d added, %d removed, %d changed; want 1, 1, 4", a, r, c)
	}
}

func TestCompareSame(t *testing.T) {
	old := load(t, "../../testdata/diff/old.yaml")
	d := Compare("a", old, "b", load(t, "../../testdata/diff/old.yaml"))
	if !d.Equal() || d.ContentChanged() {
		t.Fatalf("a plan differs from itself: %+v", d)
	}
	var b bytes.Buffer
	if err := present.WriteJSON(&b, d.JSON()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"plan": []`) || !strings.Contains(b.String(), `"events": []`) {
		t.Errorf("empty lists must be [] in JSON:\n%s", b.String())
	}
}

func TestRevisionOnlyIsNotContent(t *testing.T) {
	data, _ := os.ReadFile("../../testdata/diff/old.yaml")
	bumped := bytes.Replace(data, []byte("revision: 3"), []byte("revision: 4"), 1)
	a, _ := workplan.Parse("a", data, workplan.DefaultLimits)
	b, _ := workplan.Parse("b", bumped, workplan.DefaultLimits)
	d := Compare("a", a, "b", b)
	if d.Equal() || d.ContentChanged() {
		t.Fatalf("a revision bump alone: Equal=%v ContentChanged=%v", d.Equal(), d.ContentChanged())
	}
}

func TestMarkdownEscapesTitles(t *testing.T) {
	data, _ := os.ReadFile("../../testdata/diff/old.yaml")
	evil := bytes.Replace(data, []byte("title: Reference Group Meeting\n    type: reference-group\n    groups: [rg]\n    start: 2026-03-04"),
		[]byte("title: \"<script>x</script> [link](http://e.vil) *b*\"\n    type: reference-group\n    groups: [rg]\n    start: 2026-03-04"), 1)
	a, _ := workplan.Parse("a", data, workplan.DefaultLimits)
	b, diags := workplan.Parse("b", evil, workplan.DefaultLimits)
	if workplan.HasErrors(diags) {
		t.Fatal(diags)
	}
	var out bytes.Buffer
	if err := present.WriteMarkdown(&out, Compare("a", a, "b", b).Doc()); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "[link](", "*b*"} {
		if strings.Contains(out.String(), bad) {
			t.Errorf("markdown contains %q unescaped:\n%s", bad, out.String())
		}
	}
}

// TestMarkdownNamesNotStruck: "HEAD~2" and "HEAD~1" on one line are
// not taken for strikethrough: their tildes are escaped.
func TestMarkdownNamesNotStruck(t *testing.T) {
	old := load(t, "../../testdata/diff/old.yaml")
	var out bytes.Buffer
	if err := present.WriteMarkdown(&out, Compare("HEAD~2:workplans/2026.yaml", old, "HEAD~1:workplans/2026.yaml", old).Doc()); err != nil {
		t.Fatal(err)
	}
	want := `From HEAD\~2:workplans/2026.yaml (revision 3 of 2026-05-01) to HEAD\~1:workplans/2026.yaml (revision 3 of 2026-05-01)`
	if !strings.Contains(out.String(), want) {
		t.Errorf("got:\n%s\nwant a line:\n%s", out.String(), want)
	}
}

// TestCompareAbsent: a plan compared with nothing, as bp diff does for a
// plan file that did not exist at a revision (or was deleted since): the
// plan is new (every event added) or removed (every event removed), and
// the side that is not there says so.
func TestCompareAbsent(t *testing.T) {
	p := load(t, "../../testdata/diff/old.yaml")
	d := Compare("HEAD:2027.yaml", nil, "2027.yaml", p)
	a, r, c := d.Counts()
	if d.Equal() || !d.ContentChanged() || a != len(p.Events) || r != 0 || c != 0 || !d.Old.Absent || d.New.Absent {
		t.Fatalf("new plan: equal %v, counts %d/%d/%d of %d events, absent %v/%v", d.Equal(), a, r, c, len(p.Events), d.Old.Absent, d.New.Absent)
	}
	if len(d.Plan) != 1 || d.Plan[0].Kind != KindAdded || d.Plan[0].Text != `new plan: "`+p.Title+`" for 2026` {
		t.Errorf("new plan: plan changes %+v", d.Plan)
	}
	var b bytes.Buffer
	if err := present.WriteText(&b, d.Doc()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "Workplan changes\nFrom HEAD:2027.yaml (absent) to 2027.yaml (revision 3 of 2026-05-01)\n") {
		t.Errorf("new plan, text:\n%s", b.String())
	}
	d = Compare("HEAD:2027.yaml", p, "2027.yaml", nil)
	if a, r, _ := d.Counts(); a != 0 || r != len(p.Events) || !d.New.Absent || d.Plan[0].Kind != KindRemoved {
		t.Errorf("removed plan: %d added, %d removed, %+v", a, r, d.Plan)
	}
	if d := Compare("a", nil, "b", nil); !d.Equal() {
		t.Errorf("nothing and nothing differ: %+v", d)
	}
}

// A month-only event given a day in that month has its day set: nothing
// moved. Given a day in another month, it moved.
func TestDayOfMonthSet(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	may := &workplan.Event{ID: "e", Month: day("2026-05-01")}
	for _, c := range []struct {
		start string
		tbc   bool
		kind  string
		text  string
	}{
		{"2026-05-19", false, KindConfirmed, "day set: 19 May 2026"},
		{"2026-05-19", true, KindField, "day set: 19 May 2026 (TBC)"},
		{"2026-06-02", false, KindMoved, "moved from May 2026 · day TBC to 2 Jun 2026"},
		{"2027-05-19", false, KindMoved, "moved from May 2026 · day TBC to 19 May 2027"},
	} {
		n := &workplan.Event{ID: "e", Start: day(c.start), End: day(c.start), DateTBC: c.tbc}
		got, ok := dateChange(may, n)
		if !ok || got.Kind != c.kind || got.Text != c.text {
			t.Errorf("May 2026 → %s (TBC %v): %v %q %q, want %q %q", c.start, c.tbc, ok, got.Kind, got.Text, c.kind, c.text)
		}
	}
}

// TestGroupPurpose: a group's purpose (format 3) is the plan's content,
// published on the group's page: a change of it is a change of the plan.
func TestGroupPurpose(t *testing.T) {
	data, _ := os.ReadFile("../../testdata/actions/2026.yaml") // format 3
	with := bytes.Replace(data, []byte("    kind: reference-group\n"), []byte("    kind: reference-group\n    purpose: Steers the process between meetings.\n"), 1)
	a, diags := workplan.Parse("a", data, workplan.DefaultLimits)
	b, diags2 := workplan.Parse("b", with, workplan.DefaultLimits)
	if a == nil || b == nil || workplan.HasErrors(diags) || workplan.HasErrors(diags2) {
		t.Fatalf("%v %v", diags, diags2)
	}
	if b.Group("rg").Purpose != "Steers the process between meetings." {
		t.Fatalf("purpose %q", b.Group("rg").Purpose)
	}
	d := Compare("a", a, "b", b)
	if !d.ContentChanged() || len(d.Plan) != 1 || !strings.Contains(d.Plan[0].Text, `"Steers the process between meetings."`) {
		t.Errorf("changes: %+v", d.Plan)
	}
}
