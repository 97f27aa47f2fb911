package calendar

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

const fixtures = "../../testdata/ics/"

// published is the frozen copy of the 2026 plan as first published: the
// tests never read the live plan, which maintainers change every month.
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

// serialize writes a built calendar and checks its lines.
func serialize(t *testing.T, cal *Calendar) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	checkRFC5545Lines(t, buf.Bytes())
	return buf.Bytes()
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
		{"2026 plan", published, "2026.ics", Options{}, 9, 2},
		{"2026 plan with undated", published, "2026-undated.ics", Options{IncludeUndated: true}, 11, 0},
		{"times and statuses", fixtures + "times.yaml", "times.ics", Options{}, 15, 1},
		{"times with undated", fixtures + "times.yaml", "times-undated.ics", Options{IncludeUndated: true}, 16, 0},
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
			// No METHOD: libical's iTIP check then wants an ORGANIZER,
			// and RFC 4791 forbids METHOD on a CalDAV server.
			if bytes.Contains(got, []byte("\r\nMETHOD")) {
				t.Errorf("the calendar has a METHOD property")
			}
			if n := bytes.Count(got, []byte("\r\nCATEGORIES")); n != cal.Events {
				t.Errorf("%d CATEGORIES properties for %d events, want one each", n, cal.Events)
			}
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

// TestUIDOfAMovedEvent: an event that moved to another year's plan
// keeps the UID of the plan it moved from (uidPlan), in what is written.
func TestUIDOfAMovedEvent(t *testing.T) {
	plan := loadPlan(t, published)
	e := plan.Event("som-2026")
	e.UIDPlan = "budapest-process-2025"
	if got, want := EventUID(plan, e), "som-2026@budapest-process-2025"; got != want {
		t.Errorf("EventUID = %q, want %q", got, want)
	}
	if got, want := EventUID(plan, plan.Event("rg-2026-11")), "rg-2026-11@budapest-process-2026"; got != want {
		t.Errorf("EventUID of an event that never moved = %q, want %q", got, want)
	}
	_, data := write(t, plan, Options{})
	if !bytes.Contains(data, []byte("\r\nUID:som-2026@budapest-process-2025\r\n")) || bytes.Contains(data, []byte("UID:som-2026@budapest-process-2026")) {
		t.Errorf("the calendar does not give som-2026 the UID of its first plan:\n%s", data)
	}
}

// TestTimedEvents checks what an event with times gets, property by
// property: a moment without an end time, one slot a day over several
// days, one block through the night.
func TestTimedEvents(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	tests := []struct {
		id   string
		want []string // in order, nothing else between DTSTAMP and SUMMARY but SEQUENCE
	}{
		{"start-only", []string{"DTSTART;TZID=Europe/Vienna:20260701T150000", "DURATION:PT0S"}},
		{"start-only-two-days", []string{"DTSTART;TZID=Europe/Vienna:20260706T150000", "DURATION:PT0S", "RRULE:FREQ=DAILY;COUNT=2"}},
		{"istanbul-two-days", []string{"DTSTART;TZID=Europe/Istanbul:20261006T090000", "DTEND;TZID=Europe/Istanbul:20261006T130000", "RRULE:FREQ=DAILY;COUNT=2"}},
		{"vienna-three-mornings", []string{"DTSTART;TZID=Europe/Vienna:20261024T090000", "DTEND;TZID=Europe/Vienna:20261024T130000", "RRULE:FREQ=DAILY;COUNT=3"}},
		{"overnight-vienna", []string{"DTSTART;TZID=Europe/Vienna:20260328T220000", "DTEND;TZID=Europe/Vienna:20260329T040000"}},
		{"utc-call", []string{"DTSTART:20260505T140000Z", "DTEND:20260505T150000Z"}},
		{"cancelled-meeting", []string{"DTSTART;VALUE=DATE:20260512", "DTEND;VALUE=DATE:20260514"}},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			cal, err := BuildOne(plan, plan.Event(tc.id), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := cal.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			var got []string
			in := false
			for _, l := range strings.Split(buf.String(), "\r\n") {
				switch {
				case strings.HasPrefix(l, "SEQUENCE:"):
					in = true
				case strings.HasPrefix(l, "SUMMARY:"):
					in = false
				case in:
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestEmpty: a calendar with no event is an error for Build and BuildOne
// (a VCALENDAR needs a component), and a valid eventless feed for Feed.
func TestEmpty(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	monthOnly := plan.Event("month-only")

	for name, run := range map[string]func() (*Calendar, error){
		"Build, no events":       func() (*Calendar, error) { return Build(plan, nil, Options{}) },
		"Build, only month-only": func() (*Calendar, error) { return Build(plan, []*workplan.Event{monthOnly}, Options{}) },
		"BuildOne, month-only":   func() (*Calendar, error) { return BuildOne(plan, monthOnly, Options{}) },
	} {
		t.Run(name, func(t *testing.T) {
			cal, err := run()
			var empty *EmptyError
			if cal != nil || !errors.Is(err, ErrEmpty) || !errors.As(err, &empty) {
				t.Fatalf("got %v, %v; want nil and an *EmptyError", cal, err)
			}
			if strings.Contains(name, "month-only") != (len(empty.LeftOut) == 1) {
				t.Errorf("LeftOut %v", empty.LeftOut)
			}
		})
	}
	// With the placeholder asked for, the month-only event is written.
	if cal, err := Build(plan, []*workplan.Event{monthOnly}, Options{IncludeUndated: true}); err != nil || cal.Events != 1 {
		t.Errorf("month-only with IncludeUndated: %v", err)
	}

	t.Run("Feed", func(t *testing.T) {
		cal, err := Feed(plan, []*workplan.Event{monthOnly}, Options{Name: "Nothing planned"})
		if err != nil {
			t.Fatal(err)
		}
		if cal.Events != 0 || len(cal.LeftOut) != 1 {
			t.Errorf("events %d, left out %d; want 0 and 1", cal.Events, len(cal.LeftOut))
		}
		var buf bytes.Buffer
		if _, err := cal.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		got := buf.Bytes()
		checkRFC5545Lines(t, got)
		// RFC 5545: icalbody = calprops component — one VTIMEZONE, the
		// plan's zone, and the feed's name.
		if n := bytes.Count(got, []byte("BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n")); n != 1 || bytes.Count(got, []byte("BEGIN:V")) != 2 {
			t.Errorf("want VCALENDAR and one VTIMEZONE (Europe/Vienna):\n%s", got)
		}
		if !bytes.Contains(got, []byte("\r\nX-WR-CALNAME:Nothing planned\r\n")) {
			t.Errorf("the feed lost its name")
		}
		golden.Assert(t, fixtures+"empty-feed.ics", got)
	})
	t.Run("Feed, plan without a time zone", func(t *testing.T) {
		plan := loadPlan(t, published)
		cal, err := Feed(plan, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := cal.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "BEGIN:VTIMEZONE\r\nTZID:Etc/UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n") {
			t.Errorf("want a VTIMEZONE of UTC:\n%s", buf.String())
		}
	})
	t.Run("Feed with events is Build", func(t *testing.T) {
		a, err1 := Feed(plan, plan.Events, Options{})
		b, err2 := Build(plan, plan.Events, Options{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		var x, y bytes.Buffer
		_, _ = a.WriteTo(&x)
		_, _ = b.WriteTo(&y)
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Errorf("Feed and Build differ on a plan with events")
		}
	})
}

// TestBuildOne: a one-event file holds its event, only the zone it uses,
// and none of a feed's properties.
func TestBuildOne(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	for _, e := range plan.Events {
		t.Run(e.ID, func(t *testing.T) {
			cal, err := BuildOne(plan, e, Options{IncludeUndated: true})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := cal.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			checkRFC5545Lines(t, buf.Bytes())
			if cal.Events != 1 || strings.Count(got, "BEGIN:VEVENT\r\n") != 1 || !strings.Contains(got, "\r\nUID:"+UID(plan.ID, e.ID)+"\r\n") {
				t.Errorf("want the one event %s", UID(plan.ID, e.ID))
			}
			var zones []string
			for _, l := range strings.Split(got, "\r\n") {
				if z, ok := strings.CutPrefix(l, "TZID:"); ok {
					zones = append(zones, z)
				}
			}
			want := []string{e.Zone(plan)}
			if e.StartTime.IsZero() || !e.HasDay() || isUTC(e.Zone(plan)) {
				want = nil
			}
			if strings.Join(zones, " ") != strings.Join(want, " ") {
				t.Errorf("VTIMEZONEs %q, want %q", zones, want)
			}
			for _, p := range []string{"NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "METHOD"} {
				if head, _, _ := strings.Cut(got, "BEGIN:V"+"EVENT"); strings.Contains(head, "\r\n"+p+":") || strings.Contains(head, "\r\n"+p+";") {
					t.Errorf("a one-event file carries the feed property %s", p)
				}
			}
		})
	}
	if _, err := BuildOne(plan, nil, Options{}); err == nil {
		t.Errorf("BuildOne(nil event) gave no error")
	}
}

// TestYear9999: the last day RFC 5545 can write is 9999-12-31, so an
// all-day event on it (whose exclusive end is 10000-01-01) and a time
// past it in UTC are refused; the day before is written.
func TestYear9999(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(9999, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		ev   workplan.Event
		ok   string // a line the file holds, or "" when refused
	}{
		{"30 December", workplan.Event{Start: day(12, 30), End: day(12, 30)}, "DTEND;VALUE=DATE:99991231"},
		{"31 December", workplan.Event{Start: day(12, 31), End: day(12, 31)}, ""},
		{"over the last day", workplan.Event{Start: day(12, 29), End: day(12, 31)}, ""},
		{"month-only December", workplan.Event{Month: day(12, 1)}, ""},
		{"month-only November", workplan.Event{Month: day(11, 1)}, "DTEND;VALUE=DATE:99991201"},
		{"evening in Tokyo", workplan.Event{Start: day(12, 31), End: day(12, 31), StartTime: workplan.ClockAt(23, 0), EndTime: workplan.ClockAt(23, 30), TimeZone: "Asia/Tokyo"},
			"DTEND;TZID=Asia/Tokyo:99991231T233000"},
		{"evening in New York", workplan.Event{Start: day(12, 31), End: day(12, 31), StartTime: workplan.ClockAt(19, 0), EndTime: workplan.ClockAt(19, 30), TimeZone: "America/New_York"}, ""},
		{"late start in New York, no end", workplan.Event{Start: day(12, 31), End: day(12, 31), StartTime: workplan.ClockAt(19, 0), TimeZone: "America/New_York"}, ""},
		{"UTC, last minute", workplan.Event{Start: day(12, 31), End: day(12, 31), StartTime: workplan.ClockAt(23, 0), EndTime: workplan.ClockAt(23, 59), TimeZone: "UTC"}, "DTEND:99991231T235900Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.ev
			e.ID, e.Title, e.Type, e.Status = "edge", "Edge", "webinar", "planned"
			if e.Month.IsZero() {
				e.Month = time.Date(e.Start.Year(), e.Start.Month(), 1, 0, 0, 0, 0, time.UTC)
			}
			plan := &workplan.Plan{ID: "y9999", Title: "Year 9999", Year: 9999, Revision: 1, Revised: day(1, 1), Events: []*workplan.Event{&e}}
			cal, err := Build(plan, plan.Events, Options{IncludeUndated: true})
			if tc.ok == "" {
				if !errors.Is(err, ErrOutOfRange) || !strings.Contains(err.Error(), `event "edge": out of range`) {
					t.Fatalf("got %v, want an error wrapping ErrOutOfRange that names the event", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := cal.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			checkRFC5545Lines(t, buf.Bytes())
			if !strings.Contains(buf.String(), "\r\n"+tc.ok+"\r\n") {
				t.Errorf("missing %q in\n%s", tc.ok, buf.String())
			}
			if fiveDigitYear.Match(buf.Bytes()) {
				t.Errorf("a five-digit year in\n%s", buf.String())
			}
		})
	}
}

// fiveDigitYear matches a DATE or DATE-TIME value with a year past 9999.
var fiveDigitYear = regexp.MustCompile(`:\d{9}(T\d{6}Z?)?\r\n`)

// TestCategoryList: one CATEGORIES value, each category's own commas,
// semicolons and backslashes escaped, the categories joined by commas.
func TestCategoryList(t *testing.T) {
	if got, want := CategoryList([]string{"A,B", "C;D", `E\F`, "G H"}), `A\,B,C\;D,E\\F,G H`; got != want {
		t.Errorf("CategoryList = %q, want %q", got, want)
	}
	plan := loadPlan(t, fixtures+"hostile.yaml")
	cal, err := BuildOne(plan, plan.Event("colon-and-quotes"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\nCATEGORIES:Thematic Working Group meeting,Group\\; with punctuation\r\n") {
		t.Errorf("CATEGORIES is not one list:\n%s", buf.String())
	}
	// golang-ical's own serializer would escape the list's commas.
	if s := cal.ICS.Serialize(); !strings.Contains(s, `Thematic Working Group meeting\,Group`) {
		t.Errorf("golang-ical no longer escapes the comma of a TEXT value: WriteTo's listEvent may be dropped")
	}
}

// TestWriteFolded: CATEGORIES lines fold exactly as golang-ical folds the
// others (here a URL, whose value golang-ical does not escape).
func TestWriteFolded(t *testing.T) {
	cfg := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	for _, v := range []string{
		"short",
		strings.Repeat("x", 71), strings.Repeat("x", 72), strings.Repeat("x", 200),
		strings.Repeat("word ", 40),
		strings.Repeat("ü", 100), strings.Repeat("a😀", 60),
		strings.Repeat("<tag>", 40), " leading space " + strings.Repeat("y", 150),
	} {
		var want, got bytes.Buffer
		p := ics.BaseProperty{IANAToken: "URL", Value: v}
		if err := p.SerializeTo(&want, cfg); err != nil {
			t.Fatal(err)
		}
		if err := writeFolded(&got, "URL:"+v, cfg); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", v, got.String(), want.String())
		}
		checkRFC5545Lines(t, got.Bytes())
	}
}

// TestEventsOfSeveralPlans: a feed across plan years writes each event
// with its own plan (UID, SEQUENCE, DTSTAMP, the plan it names), whatever
// plan is passed for the calendar's own properties.
func TestEventsOfSeveralPlans(t *testing.T) {
	p26 := loadPlan(t, "../../testdata/years/two/2026.yaml")
	p27 := loadPlan(t, "../../testdata/years/two/2027.yaml")
	// revision 4 changed the March meeting (format 2: the event carries
	// the revision in which it last changed)
	p27.Revision, p27.Revised = 4, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	rg27 := p27.Event("rg-2027-03")
	rg27.Revision, rg27.Revised = p27.Revision, p27.Revised
	evs := append(p26.Select(workplan.Filter{}), p27.Select(workplan.Filter{})...)
	cal, err := Build(p26, evs, Options{Name: "Budapest Process Workplan", Description: DescribePlans([]*workplan.Plan{p26, p27})})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out := strings.ReplaceAll(buf.String(), "\r\n ", "")
	for _, want := range []string{
		"X-WR-CALNAME:Budapest Process Workplan\r\n",
		"DESCRIPTION:Budapest Process Workplan 2026 (revision 1 of 27 November 2026) and Budapest Process Workplan 2027 (revision 4 of 1 February 2027). Events",
		"UID:rg-2026-03@budapest-process-2026\r\nDTSTAMP:20261127T000000Z\r\nSEQUENCE:1\r\n",
		"UID:rg-2027-03@budapest-process-2027\r\nDTSTAMP:20270201T000000Z\r\nSEQUENCE:4\r\n",
		"Plan: Budapest Process Workplan 2027\r\n",
		"Plan: Budapest Process Workplan 2026\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	if got, want := DescribePlans([]*workplan.Plan{p26}), DefaultDescription(p26); got != want {
		t.Errorf("DescribePlans of one plan = %q, want %q", got, want)
	}
}

// vevents splits a calendar into its VEVENTs, by UID, each as written.
func vevents(data []byte) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(string(data), "BEGIN:VEVENT\r\n")[1:] {
		ev, _, _ := strings.Cut(part, "END:VEVENT\r\n")
		for _, l := range strings.Split(ev, "\r\n") {
			if u, ok := strings.CutPrefix(l, "UID:"); ok {
				out[u] = "BEGIN:VEVENT\r\n" + ev + "END:VEVENT\r\n"
			}
		}
	}
	return out
}

// TestEventURL: with Options.URL every event links to its page by one
// URL property, written as it is (a URI, not escaped as text), and
// folded as the other lines; without it, or for an event it gives ""
// for, none.
func TestEventURL(t *testing.T) {
	plan := loadPlan(t, fixtures+"times.yaml")
	long := "https://example.org/" + strings.Repeat("plans/", 12)
	page := func(e *workplan.Event) string {
		if e.ID == plan.Events[0].ID {
			return ""
		}
		return long + "events/" + e.ID + ".html"
	}
	cal, got := write(t, plan, Options{URL: page})
	checkRFC5545Lines(t, got)
	unfolded := strings.ReplaceAll(string(got), "\r\n ", "")
	if n := strings.Count(unfolded, "\r\nURL:"); n != cal.Events-1 {
		t.Errorf("%d URL properties for %d events, one of which has none", n, cal.Events)
	}
	for _, e := range plan.Events[1:] {
		if e.HasDay() && !strings.Contains(unfolded, "\r\nURL:"+page(e)+"\r\n") {
			t.Errorf("no URL:%s", page(e))
		}
	}
	if _, plain := write(t, plan, Options{}); bytes.Contains(plain, []byte("\r\nURL")) {
		t.Error("a URL without Options.URL")
	}
	one, err := BuildOne(plan, plan.Events[1], Options{URL: page})
	if err != nil {
		t.Fatal(err)
	}
	if b := serialize(t, one); !strings.Contains(strings.ReplaceAll(string(b), "\r\n ", ""), "\r\nURL:"+page(plan.Events[1])+"\r\n") {
		t.Error("BuildOne writes no URL")
	}
}
