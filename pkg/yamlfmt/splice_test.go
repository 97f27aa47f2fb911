package yamlfmt

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/synth"
	"github.com/icmpd/bp/pkg/workplan"
)

var errNoEvents = errors.New("no events list")

// listEdit is a change of a file's events list, as an edit command makes
// one: op picks what, j the item, s the text. It records the items it
// alters, so that kept can be told the truth.
type listEdit struct {
	op      byte
	j       int
	s       string
	touched map[*yaml.Node]bool
}

func (e *listEdit) change(root *yaml.Node) error {
	e.touched = map[*yaml.Node]bool{}
	var ev *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == eventsKey {
			ev = root.Content[i+1]
		}
	}
	if root.Kind != yaml.MappingNode || ev == nil || ev.Kind != yaml.SequenceNode || len(ev.Content) == 0 {
		return errNoEvents
	}
	n := len(ev.Content)
	j := e.j % n
	set := func(it *yaml.Node, key, value string) {
		e.touched[it] = true
		if it.Kind != yaml.MappingNode {
			it.Kind, it.Tag, it.Value, it.Content = yaml.MappingNode, "!!map", "", nil
		}
		for i := 0; i+1 < len(it.Content); i += 2 {
			if it.Content[i].Value == key {
				it.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
				return
			}
		}
		it.Content = append(it.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
	}
	if plan := mapValue(root, "plan"); plan != nil && plan.Kind == yaml.MappingNode && e.op%2 == 0 {
		// the revision raised, as every edit does
		for i := 0; i+1 < len(plan.Content); i += 2 {
			if plan.Content[i].Value == "revision" {
				plan.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "99"}
			}
		}
	}
	switch e.op % 8 {
	case 0: // nothing but the revision
	case 1:
		set(ev.Content[j], "title", e.s)
	case 2:
		set(ev.Content[j], "notes", e.s+"\n"+e.s)
	case 3:
		ev.Content = append(ev.Content[:j:j], ev.Content[j+1:]...)
	case 4:
		it := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		set(it, "id", e.s)
		set(it, "title", "New")
		ev.Content = append(ev.Content[:j:j], append([]*yaml.Node{it}, ev.Content[j:]...)...)
	case 5:
		k := (j + 1) % n
		ev.Content[j], ev.Content[k] = ev.Content[k], ev.Content[j]
	case 6:
		set(ev.Content[j], "notes", e.s)
		set(ev.Content[(j+n/2)%n], "status", "cancelled")
	case 7:
		for _, it := range ev.Content {
			set(it, "notes", e.s)
		}
	}
	return nil
}

func (e *listEdit) kept(it *yaml.Node) bool { return !e.touched[it] }

func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// spliceAgrees makes one change to data with kept and without: the same
// output or the same refusal, and the same tree read back, node for node
// (the output read in parts is also read whole by verifySplice).
func spliceAgrees(t testing.TB, data []byte, e listEdit) {
	t.Helper()
	e2 := e
	out, back, err := verified.EditTree(data, workplan.Schema, e.change, e.kept)
	want, wantBack, wantErr := verified.EditTree(data, workplan.Schema, e2.change, nil)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("with kept: %v; without: %v", err, wantErr)
	}
	if err != nil {
		return
	}
	if !bytes.Equal(out, want) {
		t.Fatalf("with kept the output differs:\n%s\nwithout:\n%s", out, want)
	}
	if d := nodeDiff(wantBack, back, "root"); d != "" {
		t.Fatalf("with kept the tree read back differs: %s", d)
	}
}

// An edit of a few events of a large plan reads back only what is new,
// and gets what reading the whole output gets: the same bytes, the same
// tree. Each kind of change is made at the start, the middle and the end
// of the list, with and without the revision raised.
func TestEditSplices(t *testing.T) {
	plan, err := verified.Format(synth.Plan(300, 1), workplan.Schema)
	if err != nil {
		t.Fatal(err)
	}
	for op := range byte(8) {
		for _, j := range []int{0, 1, 150, 298, 299} {
			before := spliced.Load()
			spliceAgrees(t, plan, listEdit{op: op, j: j, s: "Moved online: see #3"})
			took := spliced.Load() > before
			if want := op%8 != 7; took != want {
				t.Errorf("op %d at %d: read in parts %v, want %v", op, j, took, want)
			}
		}
	}
}

// Files with comments, anchors, CRLF, other sections after the events:
// the splice steps aside where it cannot tell, and the result is the
// same either way.
func TestEditSpliceAwkwardFiles(t *testing.T) {
	files := []string{
		"../../testdata/edit/commented.yaml",
		"../../testdata/validate/valid-anchors.yaml",
		"../../testdata/validate/valid-bom-crlf.yaml",
		"../../testdata/plans/2026-published.yaml",
		"../../testdata/fmt/messy.yaml",
	}
	texts := []string{
		"formatVersion: 1\nevents:\n  - id: a\n    # about b\n  - id: b\n  - id: c # c\n\nnotes: after\n",
		"events:\n  - id: a\n\n  - id: b\n    title: |\n      - id: x\n  - id: c\n# the end\n",
		"events: [a, b, c]\n",
		"events:\n- a\n- - b\n- c\n",
	}
	var inputs [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	for _, s := range texts {
		inputs = append(inputs, []byte(s))
	}
	for _, data := range inputs {
		for op := range byte(8) {
			for _, j := range []int{0, 2, 5} {
				spliceAgrees(t, data, listEdit{op: op, j: j, s: "x # y"})
			}
		}
	}
}

// FuzzEditSplice: any change of the events list of any file reads back
// the same in parts as whole.
func FuzzEditSplice(f *testing.F) {
	plan, err := verified.Format(synth.Plan(40, 1), workplan.Schema)
	if err != nil {
		f.Fatal(err)
	}
	seeds := [][]byte{plan}
	for _, p := range []string{"../../testdata/edit/commented.yaml", "../../testdata/plans/2026-published.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for _, s := range seeds {
		for op := range byte(8) {
			f.Add(s, op, uint16(op*5), "text")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, op byte, j uint16, s string) {
		if len(data) > 64<<10 {
			return
		}
		spliceAgrees(t, data, listEdit{op: op, j: int(j), s: s})
	})
}

// FuzzEditSpliceBuilt: the same as FuzzEditSplice on plans built from the
// fuzzer's words, in bp fmt's layout, so that most inputs take the splice:
// n events whose titles and notes are the words ('|' apart), a word that
// starts with '#' a comment above its event.
func FuzzEditSpliceBuilt(f *testing.F) {
	f.Add(uint8(5), "Reference Group|Webinar: data|#about this one|notes\nin two lines|  x  ", byte(1), uint16(2), "New title")
	f.Add(uint8(20), "a|b|c: d|\"q\"|- item|'s'|#c|e\u2028f|g\u0085h", byte(3), uint16(7), "x")
	f.Add(uint8(3), "#one|#two|#three", byte(6), uint16(1), "# not a comment")
	f.Fuzz(func(t *testing.T, n uint8, words string, op byte, j uint16, s string) {
		if n == 0 || len(words) > 4<<10 || !utf8.ValidString(words) {
			return // a plan is UTF-8 text (and yaml.v3's encoder panics on other comments)
		}
		ws := strings.Split(words, "|")
		str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
		mapping := func(kv ...*yaml.Node) *yaml.Node {
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
		}
		events := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range int(n) {
			w := ws[i%len(ws)]
			ev := mapping(str("id"), str("e"+strconv.Itoa(i)), str("title"), str(w))
			if i%3 == 1 {
				ev.Content = append(ev.Content, str("notes"), str(w+"\n"+w))
			}
			if strings.HasPrefix(w, "#") {
				ev.HeadComment = w
			}
			events.Content = append(events.Content, ev)
		}
		doc := mapping(str("formatVersion"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "3"},
			str("plan"), mapping(str("id"), str("p"), str("revision"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "1"}),
			str("events"), events)
		doc.HeadComment = "a plan"
		text, err := yaml.Marshal(doc)
		if err != nil {
			return
		}
		data, err := verified.Format(text, workplan.Schema)
		if err != nil {
			return
		}
		spliceAgrees(t, data, listEdit{op: op, j: int(j), s: s})
	})
}
