package calendar

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

const fixtures = "../../testdata/ics/"

// published is the 2026 plan as first published: a frozen copy of
// workplans/2026.yaml, so that editing the live plan changes no test.
const published = "../../testdata/plans/2026-published.yaml"

// loadPlan reads a plan and fails the test on any validation error.
func loadPlan(t testing.TB, path string) *workplan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check(path, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		for _, d := range diags {
			t.Log(d)
		}
		t.Fatalf("%s: invalid plan", path)
	}
	return plan
}

// write builds and serializes the whole plan.
func write(t testing.TB, plan *workplan.Plan, opts Options) (*Calendar, []byte) {
	t.Helper()
	cal, err := Build(plan, plan.Select(workplan.Filter{}), opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := cal.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	return cal, buf.Bytes()
}

// checkRFC5545Lines checks the line rules every .ics bp writes must keep.
func checkRFC5545Lines(t testing.TB, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("the file does not end with CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long (max 75): %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 character or is not UTF-8: %q", i+1, l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		for _, c := range l {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				t.Errorf("line %d holds control character %#x: %q", i+1, c, l)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name, plan, golden string
		opts               Options
		events, leftOut    int
	}{
		{"2026 as published", published, "2026.ics", Options{}, 9, 2},
		{"2026 as published with undated", published, "2026-undated.ics", Options{IncludeUndated: true}, 11, 0},
		{"times and statuses", fixtures + "times.yaml", "times.ics", Options{}, 12, 1},
		{"times with undated", fixtures + "times.yaml", "times-undated.ics", Options{IncludeUndated: true}, 13, 0},
		{"hostile text", fixtures + "hostile.yaml", "hostile.ics", Options{}, 3, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := loadPlan(t, tc.plan)
			cal, got := write(t, plan, tc.opts)
			if cal.Events != tc.events || len(cal.LeftOut) != tc.leftOut {
				t.Errorf("events %d, left out %d; want %d and %d", cal.Events, len(cal.LeftOut), tc.events, tc.leftOut)
			}
			checkRFC5545Lines(t, got)
			golden.Assert(t, fixtures+tc.golden, got)
			_, again := write(t, plan, tc.opts)
			if !bytes.Equal(got, again) {
				t.Errorf("a second run gave different bytes")
			}
		})
	}
}

func TestAllDayEndIsExclusive(t *testing.T) {
	plan := loadPlan(t, published)
	_, data := write(t, plan, Options{})
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"som-2026@budapest-process-2026":   {"20261124", "20261127"},
		"rg-2026-03@budapest-process-2026": {"20260304", "20260305"},
	}
	seen := 0
	for _, ev := range cal.Events() {
		w, ok := want[ev.Id()]
		if !ok {
			continue
		}
		seen++
		s, e := ev.GetProperty(ics.ComponentPropertyDtStart), ev.GetProperty(ics.ComponentPropertyDtEnd)
		if s.Value != w[0] || e.Value != w[1] || s.ICalParameters["VALUE"][0] != "DATE" || e.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("%s: DTSTART %v %s, DTEND %v %s; want VALUE=DATE %s and %s", ev.Id(), s.ICalParameters, s.Value, e.ICalParameters, e.Value, w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d events", seen, len(want))
	}
}

func TestStatus(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	want := map[string]ics.ObjectStatus{
		"webinar-vienna":     ics.ObjectStatusConfirmed,
		"winter-vienna":      ics.ObjectStatusConfirmed, // held
		"new-york-after-dst": ics.ObjectStatusTentative, // planned
		"cancelled-meeting":  ics.ObjectStatusCancelled,
		"postponed-meeting":  ics.ObjectStatusTentative,
		"tentative-place":    ics.ObjectStatusTentative, // confirmed, place TBC
		"tentative-date":     ics.ObjectStatusTentative, // confirmed, date TBC
		"month-only":         ics.ObjectStatusTentative,
	}
	for id, st := range want {
		if got := Status(plan.Event(id)); got != st {
			t.Errorf("%s: STATUS %s, want %s", id, got, st)
		}
	}
	for _, e := range loadPlan(t, published).Events {
		if got := Status(e); got != ics.ObjectStatusTentative {
			t.Errorf("2026 plan as published, %s (planned): STATUS %s, want TENTATIVE", e.ID, got)
		}
	}
}

func TestSummaryMarks(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	for id, want := range map[string]string{
		"cancelled-meeting": "[cancelled] Cancelled meeting",
		"postponed-meeting": "[postponed] Postponed meeting",
		"month-only":        "[date TBC] Meeting with only a month",
		"webinar-vienna":    "Webinar at ten in Vienna",
	} {
		if got := Summary(plan.Event(id)); got != want {
			t.Errorf("%s: summary %q, want %q", id, got, want)
		}
	}
}

// TestVTimezone checks the observances against Go's zone data directly.
func TestVTimezone(t *testing.T) {
	tests := []struct {
		zone  string
		lines []string // in order
	}{
		{"Europe/Vienna", []string{
			"BEGIN:STANDARD", "DTSTART:20251026T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD",
			"BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "END:DAYLIGHT",
			"BEGIN:STANDARD", "DTSTART:20261025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD",
			"END:VTIMEZONE"}},
		// Kabul's last change was in 1945: that is its only observance.
		{"Asia/Kabul", []string{"BEGIN:STANDARD", "DTSTART:19450101T000000", "TZOFFSETFROM:+0400", "TZOFFSETTO:+0430", "TZNAME:+0430", "END:STANDARD", "END:VTIMEZONE"}},
		// A zone that never changed gets one observance from 1970.
		{"Etc/GMT-3", []string{"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:+03", "END:STANDARD", "END:VTIMEZONE"}},
		{"Australia/Lord_Howe", []string{
			"BEGIN:DAYLIGHT", "DTSTART:20251005T020000", "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100",
			"BEGIN:STANDARD", "DTSTART:20260405T020000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1030",
			"BEGIN:DAYLIGHT", "DTSTART:20261004T020000", "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100",
			"END:VTIMEZONE"}},
	}
	for _, tc := range tests {
		t.Run(tc.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			got := VTimezone(tc.zone, loc, 2026, 2026).Serialize(&ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\n"})
			rest := got
			for _, l := range tc.lines {
				i := strings.Index(rest, l+"\n")
				if i < 0 {
					t.Fatalf("missing %q in order in\n%s", l, got)
				}
				rest = rest[i+len(l)+1:]
			}
		})
	}
}

func TestOffset(t *testing.T) {
	for secs, want := range map[int]string{0: "+0000", 3600: "+0100", -12600: "-0330", 16200: "+0430", 4*60 + 3600 + 12: "+010412"} {
		if got := offset(secs); got != want {
			t.Errorf("offset(%d) = %q, want %q", secs, got, want)
		}
	}
}

func TestUIDKeepsWhenDateMoves(t *testing.T) {
	plan := loadPlan(t, published)
	e := plan.Event("som-2026")
	before := UID(plan.ID, e.ID)
	e.Start, e.End = e.Start.AddDate(0, 0, 7), e.End.AddDate(0, 0, 7)
	e.Title = "Renamed"
	if after := UID(plan.ID, e.ID); after != before || before != "som-2026@budapest-process-2026" {
		t.Errorf("UID %q then %q, want som-2026@budapest-process-2026 both times", before, after)
	}
}
