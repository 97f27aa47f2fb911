package workplan

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Each format version but the first has its migration from the one
// before: raising FormatVersion without one fails here.
func TestMigrationsCoverEveryVersion(t *testing.T) {
	if len(Migrations) != FormatVersion-1 {
		t.Fatalf("FormatVersion is %d but there are %d migrations; add the one from version %d",
			FormatVersion, len(Migrations), FormatVersion-1)
	}
	for i, m := range Migrations {
		if m.From != i+1 || m.Up == nil || m.Doc == "" {
			t.Errorf("Migrations[%d] = {From: %d, Doc: %q}: want From %d, a Doc and an Up", i, m.From, m.Doc, i+1)
		}
	}
}

// The oldest format bp reads still loads: today that is version 1.
func TestOldestFormatLoads(t *testing.T) {
	src := "formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: 1, revised: 2026-01-01}\n" +
		"events:\n  - {id: e, title: E, type: webinar, start: 2026-02-02, status: planned}\n"
	plan, diags := Check("old.yaml", []byte(src), DefaultLimits, Options{})
	if HasErrors(diags) || plan == nil || plan.FormatVersion != 1 || len(plan.Events) != 1 {
		t.Fatalf("format 1 does not load: %v", diags)
	}
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
	if err := upgrade(doc.Content[0], 1, 3, chain); err != nil {
		t.Fatal(err)
	}
	out, _ := yaml.Marshal(&doc)
	if !strings.Contains(string(out), "place: Vienna # the seat") {
		t.Errorf("after 1→3:\n%s", out)
	}
	// a gap in the chain is an error, not a silent half-upgrade
	if err := upgrade(doc.Content[0], 1, 4, chain); err == nil || !strings.Contains(err.Error(), "no migration from format version 3 to 4") {
		t.Errorf("missing migration: %v", err)
	}
	// the current version needs nothing
	if err := upgrade(doc.Content[0], FormatVersion, FormatVersion, Migrations); err != nil {
		t.Error(err)
	}
}
