package render

import (
	"bytes"
	"os"
	"testing"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// EventsJSON writes its document one event at a time: the bytes must be
// those of the whole document written at once by WriteJSON, for no
// event, one, and plans with every kind of field (times, alternatives,
// outcomes with actions, moved dates) and characters a terminal must not
// see.
func TestEventsJSONIsWriteJSON(t *testing.T) {
	hostileEvent := &workplan.Event{ID: "x", Title: hostile, Type: "webinar", Status: "planned",
		Location: &workplan.Location{Place: workplan.Place{City: "Antalya <b>&", Country: "Türkiye"}}}
	sets := map[string][]*workplan.Event{"none": nil, "hostile": {hostileEvent}}
	for _, file := range []string{"plans/2026-published.yaml", "schema/valid-full.yaml", "actions/2026.yaml", "actions/2028.yaml"} {
		data, err := os.ReadFile("../../testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		plan, diags := workplan.Parse(file, data, workplan.DefaultLimits)
		if plan == nil || len(plan.Events) == 0 {
			t.Fatalf("%s: no events: %v", file, diags)
		}
		sets[file] = append(plan.Events, hostileEvent)
	}
	for name, evs := range sets {
		t.Run(name, func(t *testing.T) {
			whole := struct {
				Events []EventJSON `json:"events"`
			}{Events: []EventJSON{}}
			for _, e := range evs {
				whole.Events = append(whole.Events, NewEventJSON(nil, e))
			}
			var want, got bytes.Buffer
			if err := present.WriteJSON(&want, whole); err != nil {
				t.Fatal(err)
			}
			if err := EventsJSON(&got, nil, evs); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("EventsJSON differs from WriteJSON:\n got %q\nwant %q", got.String(), want.String())
			}
			assertSafe(t, "EventsJSON", got.String())
		})
	}
}
