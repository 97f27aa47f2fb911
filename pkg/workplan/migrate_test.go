package workplan

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/synth"
)

// checkMigrations returns what is wrong with a table of migrations for a
// format at version: one migration per version before it, in order, each
// with a Doc and an Up.
func checkMigrations(version int, ms []Migration) []string {
	var problems []string
	if len(ms) != version-1 {
		problems = append(problems, fmt.Sprintf("format version %d needs %d migrations, the table has %d; add the one from version %d",
			version, version-1, len(ms), version-1))
	}
	for i, m := range ms {
		if m.From != i+1 || m.Up == nil || m.Doc == "" {
			problems = append(problems, fmt.Sprintf("migrations[%d] = {From: %d, Doc: %q}: want From %d, a Doc and an Up", i, m.From, m.Doc, i+1))
		}
	}
	return problems
}

// Each format version but the first has its migration from the one
// before: raising FormatVersion without one fails here.
func TestMigrationsCoverEveryVersion(t *testing.T) {
	for _, p := range checkMigrations(FormatVersion, Migrations) {
		t.Error(p)
	}
}

// TestCheckMigrationsCatches: the check above passes a whole chain and
// catches each way a table can be wrong (the real table is right, so
// without this nothing would show the check can fail).
func TestCheckMigrationsCatches(t *testing.T) {
	up := func(*yaml.Node) error { return nil }
	good := []Migration{{From: 1, Doc: "one", Up: up}, {From: 2, Doc: "two", Up: up}}
	if p := checkMigrations(3, good); len(p) != 0 {
		t.Errorf("a whole chain for format 3: %v", p)
	}
	if p := checkMigrations(1, nil); len(p) != 0 {
		t.Errorf("format 1 with no migrations: %v", p)
	}
	for _, c := range []struct {
		name    string
		version int
		ms      []Migration
		want    string
	}{
		{"version raised, no migration", 2, nil, "add the one from version 1"},
		{"one missing", 3, good[:1], "add the one from version 2"},
		{"one too many", 2, good, "needs 1 migrations, the table has 2"},
		{"out of order", 3, []Migration{good[1], good[0]}, "want From 1"},
		{"no Up", 2, []Migration{{From: 1, Doc: "one"}}, "a Doc and an Up"},
		{"no Doc", 2, []Migration{{From: 1, Up: up}}, "a Doc and an Up"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := checkMigrations(c.version, c.ms)
			if !strings.Contains(strings.Join(p, "\n"), c.want) {
				t.Errorf("problems %q, want one containing %q", p, c.want)
			}
		})
	}
}

// The oldest format bp reads still loads: today that is version 1, whose
// events take the plan's revision as their own (format 2), so that each
// calendar SEQUENCE stays where subscribers have it.
func TestOldestFormatLoads(t *testing.T) {
	src := "formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: 4, revised: 2026-01-03}\n" +
		"events:\n  - {id: e, title: E, type: webinar, start: 2026-02-02, status: planned}\n"
	plan, diags := Check("old.yaml", []byte(src), DefaultLimits, Options{})
	if HasErrors(diags) || plan == nil || plan.FormatVersion != 1 || len(plan.Events) != 1 {
		t.Fatalf("format 1 does not load: %v", diags)
	}
	if e := plan.Events[0]; e.Revision != 4 || day(e.Revised) != "2026-01-03" {
		t.Errorf("event of format 1: revision %d of %s, want the plan's, 4 of 2026-01-03", e.Revision, day(e.Revised))
	}
}

// A format 1 file whose plan revision is wrong is reported once, at the
// plan: the migration copies no wrong value into every event, and the
// events are not said to miss a key format 1 did not have.
func TestMigrationKeepsOneReport(t *testing.T) {
	src := "formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: two, revised: 2026-13-01}\n" +
		"events:\n  - {id: e, title: E, type: webinar, start: 2026-02-02, status: planned}\n" +
		"  - {id: f, title: F, type: webinar, start: 2026-02-03, status: planned}\n"
	_, diags := Check("old.yaml", []byte(src), DefaultLimits, Options{})
	if len(diags) != 2 {
		t.Errorf("want the two errors of the plan's revision and revised, got %v", diags)
	}
	for _, d := range diags {
		if d.Line != 2 {
			t.Errorf("a diagnostic not about the plan line: %v", d)
		}
	}
}

// Upgrade writes the migrations into the tree, comments kept, and sets
// formatVersion; a file of the newest version is left alone, and one of
// a newer version is refused.
func TestUpgrade(t *testing.T) {
	src := "formatVersion: 1 # the first\nplan:\n  revision: 3\n  revised: 2026-05-02\nevents:\n" +
		"  # the March meeting\n  - id: e\n    start: 2026-03-04 # TBC\n  - *missing\n"
	src = strings.Replace(src, "  - *missing\n", "", 1)
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	from, err := Upgrade(doc.Content[0])
	if err != nil || from != 1 {
		t.Fatalf("Upgrade = %d, %v", from, err)
	}
	out, _ := yaml.Marshal(&doc)
	for _, want := range []string{fmt.Sprintf("formatVersion: %d # the first", FormatVersion), "# the March meeting", "start: 2026-03-04 # TBC", "revision: 3\n      revised: 2026-05-02"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("after Upgrade, no %q in\n%s", want, out)
		}
	}
	if from, err := Upgrade(doc.Content[0]); err != nil || from != FormatVersion || strings.Count(mustMarshal(t, &doc), "revision: 3") != 2 {
		t.Errorf("a second Upgrade: %d, %v\n%s", from, err, mustMarshal(t, &doc))
	}
	var newer yaml.Node
	_ = yaml.Unmarshal([]byte("formatVersion: 99\n"), &newer)
	if _, err := Upgrade(newer.Content[0]); err == nil || !strings.Contains(err.Error(), "newer than the version") {
		t.Errorf("a newer file: %v", err)
	}
}

func mustMarshal(t *testing.T, n *yaml.Node) string {
	t.Helper()
	out, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// How a future change will work: a pretend format 3 where version 2
// renamed location.city to location.town and version 3 made groups a
// list. upgrade runs the chain in order, on the node tree.
func TestUpgradeRunsTheChain(t *testing.T) {
	rename := func(from, to string) func(*yaml.Node) error {
		return func(root *yaml.Node) error {
			var walk func(n *yaml.Node)
			walk = func(n *yaml.Node) {
				if n.Kind == yaml.MappingNode {
					for i := 0; i+1 < len(n.Content); i += 2 {
						if n.Content[i].Value == from {
							n.Content[i].Value = to
						}
					}
				}
				for _, c := range n.Content {
					walk(c)
				}
			}
			walk(root)
			return nil
		}
	}
	chain := []Migration{
		{From: 1, Doc: "city is now town", Up: rename("city", "town")},
		{From: 2, Doc: "town is now place", Up: rename("town", "place")},
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("location:\n  city: Vienna # the seat\n"), &doc); err != nil {
		t.Fatal(err)
	}
	if err := upgrade(doc.Content[0], 1, 3, chain, nil); err != nil {
		t.Fatal(err)
	}
	out, _ := yaml.Marshal(&doc)
	if !strings.Contains(string(out), "place: Vienna # the seat") {
		t.Errorf("after 1→3:\n%s", out)
	}
	// a gap in the chain is an error, not a silent half-upgrade
	if err := upgrade(doc.Content[0], 1, 4, chain, nil); err == nil || !strings.Contains(err.Error(), "no migration from format version 3 to 4") {
		t.Errorf("missing migration: %v", err)
	}
	// from a version to itself runs no migration
	var ran []int
	count := func(from int) func(*yaml.Node) error {
		return func(*yaml.Node) error { ran = append(ran, from); return nil }
	}
	counting := []Migration{{From: 1, Doc: "a", Up: count(1)}, {From: 2, Doc: "b", Up: count(2)}, {From: 3, Doc: "c", Up: count(3)}}
	if err := upgrade(doc.Content[0], 3, 3, counting, nil); err != nil || len(ran) != 0 {
		t.Errorf("3→3: ran %v, err %v; want nothing run", ran, err)
	}
	// from 2 to 4 runs the migrations from 2 and from 3, in that order
	if err := upgrade(doc.Content[0], 2, 4, counting, nil); err != nil || !slices.Equal(ran, []int{2, 3}) {
		t.Errorf("2→4: ran %v, err %v; want [2 3]", ran, err)
	}
	// a failing migration stops the chain and names the step
	ran = nil
	failing := []Migration{{From: 1, Doc: "a", Up: func(*yaml.Node) error { return errors.New("cannot split the value") }}, counting[1]}
	err := upgrade(doc.Content[0], 1, 3, failing, nil)
	if err == nil || err.Error() != "format version 1 to 2: cannot split the value" || len(ran) != 0 {
		t.Errorf("failing migration: err %v, ran %v", err, ran)
	}
}

// Parse reads the revisions a format 1 file's events get from the plan
// without editing its own tree (readEventRevisions), ParseTree upgrades
// the caller's tree (eventRevisions): both read the file as the same
// plan, with the same diagnostics, and place each event's revision and
// revised on the event's own line. An event's own key wins over the
// plan's, and the plan's over a merged one, as eventRevisions has it.
func TestPrivateMigrationReadsAsUpgrade(t *testing.T) {
	broken := "formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: 4, revised: 2026-01-03}\n" +
		"events:\n  - {id: e, title: E, type: webinar, start: 2026-02-02, status: planned}\n" +
		"  - id: f\n    title: F\n    type: webinar\n    start: 2026-02-31\n    status: planned\n" +
		"  - &g {id: g, title: G, type: webinar, month: 2026-03, status: held}\n" +
		"  - {id: h, title: H, type: webinar, start: 2026-02-04, status: planned, revision: 3, revised: 2026-01-02}\n" +
		"  - {<<: {revision: 2, revised: 2026-01-01, status: planned}, id: i, title: I, type: webinar, start: 2026-02-05}\n"
	for name, src := range map[string][]byte{"synthetic": synth.Plan(300, 1), "broken": []byte(broken)} {
		t.Run(name, func(t *testing.T) {
			own, ownDiags := Parse("old.yaml", src, DefaultLimits)
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				t.Fatal(err)
			}
			theirs, theirDiags := ParseTree("old.yaml", src, doc.Content[0], DefaultLimits)
			if own == nil || !reflect.DeepEqual(own, theirs) {
				t.Fatal("Parse and ParseTree read the format 1 file differently")
			}
			if !slices.Equal(ownDiags, theirDiags) {
				t.Errorf("diagnostics differ:\nParse     %v\nParseTree %v", ownDiags, theirDiags)
			}
			if name == "broken" && len(ownDiags) == 0 {
				t.Error("the broken file reads without a diagnostic")
			}
			for _, e := range own.Events {
				if e.ID == "h" {
					if e.Revision != 3 || e.FieldPos("revision") == e.Pos() {
						t.Errorf("event h: revision %d at %v, want its own, 3, on its line", e.Revision, e.FieldPos("revision"))
					}
					continue
				}
				if e.Revision != own.Revision || e.FieldPos("revision") != e.Pos() || e.FieldPos("revised") != e.Pos() {
					t.Errorf("event %s: revision %d at %v, revised at %v; want %d at the event's %v",
						e.ID, e.Revision, e.FieldPos("revision"), e.FieldPos("revised"), own.Revision, e.Pos())
				}
			}
		})
	}
}
