package edit

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// The edit tells bp fmt's check which events it left as they were read,
// so that only the others are read back (yamlfmt.EditTree's kept): an
// event changed, added, given another's comments, or upgraded to the
// current format is never reported unchanged.
func TestTreeUnchanged(t *testing.T) {
	const plan = "formatVersion: %d\n\nplan:\n  id: p\n  title: P\n  year: 2026\n  revision: 3\n  revised: 2026-05-02\n\nevents:\n" +
		"  - id: a\n    title: A\n    type: webinar\n    start: 2026-03-04\n    status: planned\n    revision: 1\n    revised: 2026-01-10\n\n" +
		"  # about b\n  - id: b\n    title: B\n    type: webinar\n    start: 2026-03-05\n    status: planned\n    revision: 1\n    revised: 2026-01-10\n\n" +
		"  - id: c\n    title: C\n    type: webinar\n    start: 2026-03-06\n    status: planned\n    revision: 1\n    revised: 2026-01-10\n"
	current := strings.Replace(plan, "%d", "3", 1)
	notes := "Online."
	for _, tc := range []struct {
		name    string
		src     string
		change  Change
		changed string // the events not unchanged, in file order after the change
	}{
		{"set", current, Set("b", Fields{Notes: &notes}), "b"},
		{"add", current, Add(EventSpec{ID: "d", Title: "D", Type: workplan.EventType("webinar"),
			Dates: workplan.Dates{Start: fuzzToday.AddDate(0, 0, -30), End: fuzzToday.AddDate(0, 0, -30)}}), "d"},
		{"remove: its comment goes to the next", current, Remove("b"), "c"},
		{"an upgrade changes every event", strings.Replace(plan, "%d", "2", 1), Set("b", Fields{Notes: &notes}), "a b c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tree *Tree
			var items []*yaml.Node
			look := func(tr *Tree) error {
				tree, items = tr, append([]*yaml.Node(nil), tr.events.Content...)
				return nil
			}
			res, err := apply(t, tc.src, tc.change, look)
			if err != nil || !res.Changed() {
				t.Fatalf("changed %v, %v", res != nil && res.Changed(), err)
			}
			var changed []string
			for _, it := range items {
				if !tree.unchanged(it) {
					changed = append(changed, idOf(it))
				}
			}
			if got := strings.Join(changed, " "); got != tc.changed {
				t.Errorf("changed events %q, want %q", got, tc.changed)
			}
		})
	}
}
