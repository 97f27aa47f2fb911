package edit

import (
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/plandiff"
)

// TestRestamp: the revision values are written where they stand, or
// added where a key is missing, and nothing else of the text changes.
func TestRestamp(t *testing.T) {
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	plan := plandiff.Fix{Revision: 2, Revised: day}
	ev := plandiff.Fix{Event: "a", Revision: 2, Revised: day}
	cases := []struct {
		name, in, want string
		fixes          []plandiff.Fix
	}{
		{"replaced, comments and quotes kept",
			"plan:\n  revision: 1   # by hand\n  revised: \"2026-11-27\"\nevents:\n  - id: a\n    revision: 1\n    revised: 2026-11-27 # x\n",
			"plan:\n  revision: 2   # by hand\n  revised: 2026-11-28\nevents:\n  - id: a\n    revision: 2\n    revised: 2026-11-28 # x\n",
			[]plandiff.Fix{plan, ev}},
		{"CRLF, both keys added after a block scalar",
			"events:\r\n  - id: a\r\n    notes: >-\r\n      two\r\n      lines\r\n\r\n  # b\r\n  - id: b\r\n",
			"events:\r\n  - id: a\r\n    notes: >-\r\n      two\r\n      lines\r\n    revision: 2\r\n    revised: 2026-11-28\r\n\r\n  # b\r\n  - id: b\r\n",
			[]plandiff.Fix{ev}},
		{"revision added before revised",
			"events:\n  - id: a\n    revised: 2026-11-27\n",
			"events:\n  - id: a\n    revision: 2\n    revised: 2026-11-28\n",
			[]plandiff.Fix{ev}},
		{"revised added after revision; a list as indented as the keys",
			"events:\n- id: a\n  movedFrom:\n  - start: 2026-01-01\n  revision: 1\n- id: b\n",
			"events:\n- id: a\n  movedFrom:\n  - start: 2026-01-01\n  revision: 2\n  revised: 2026-11-28\n- id: b\n",
			[]plandiff.Fix{ev}},
		{"after a list as indented as the keys, at the end of a file without a last end of line",
			"events:\n- id: a\n  movedFrom:\n  - start: 2026-01-01",
			"events:\n- id: a\n  movedFrom:\n  - start: 2026-01-01\n  revision: 2\n  revised: 2026-11-28\n",
			[]plandiff.Fix{ev}},
		{"revision alone, in a flow mapping",
			"events:\n  - {id: a, revision: 1, revised: 2026-11-27}\n",
			"events:\n  - {id: a, revision: 3, revised: 2026-11-27}\n",
			[]plandiff.Fix{{Event: "a", Revision: 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Restamp([]byte(c.in), c.fixes)
			if err != nil || string(got) != c.want {
				t.Errorf("Restamp = %q, %v\nwant %q", got, err, c.want)
			}
		})
	}
	for _, c := range []struct{ name, in, want string }{
		{"missing in a flow mapping", "events:\n  - {id: a}\n", "written on one line"},
		{"an alias", "x: &r 1\nevents:\n  - id: a\n    revision: *r\n", "not a plain value"},
		{"no such event", "events:\n  - id: b\n", `event "a" is not in the file`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Restamp([]byte(c.in), []plandiff.Fix{ev}); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}
