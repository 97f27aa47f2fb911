package workplan

// Dates, read and written: the one place in bp that knows Go's date
// layouts. A file writes its days as ISO 8601 (2026-06-25) and its months
// as 2026-06; people read "25–26 Jun 2026", "May 2026"; calendars and
// calendar links want the basic forms (20260625, 20260625T080000Z). Every
// other package formats a date through these functions, so that a date
// reads the same wherever bp shows it, and parses one with [ParseDate],
// [ParseMonth] or [ParseYearMonth].

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The layouts, each once.
const (
	layoutISODay    = "2006-01-02"
	layoutISOMonth  = "2006-01"
	layoutISOUTC    = "2006-01-02T15:04:05Z"
	layoutBasicDay  = "20060102"
	layoutBasicUTC  = "20060102T150405Z"
	layoutBasic     = "20060102T150405"
	layoutStamp     = "2006-01-02 15:04 UTC"
	layoutDay       = "2 Jan 2006"
	layoutDayMonth  = "2 Jan"
	layoutMonth     = "Jan 2006"
	layoutLongMonth = "January 2006"
	layoutLongDay   = "2 January 2006"
	layoutWeekday   = "Mon 2 Jan 2006"
)

// ISODay writes a day as a file and JSON do: "2026-06-25".
func ISODay(t time.Time) string { return t.Format(layoutISODay) }

// ISOMonth writes a month as a file and JSON do: "2026-06".
func ISOMonth(t time.Time) string { return t.Format(layoutISOMonth) }

// ISOUTC writes an instant in UTC: "2026-06-25T08:00:00Z".
func ISOUTC(t time.Time) string { return t.UTC().Format(layoutISOUTC) }

// ISOLocal writes an instant as the wall-clock time of its zone with
// that zone's offset (RFC 3339), as schema.org data gives an event's
// start: "2026-06-25T10:00:00+02:00".
func ISOLocal(t time.Time) string { return t.Format(time.RFC3339) }

// BasicDay writes a day in ISO 8601's basic form, as iCalendar and
// calendar links do: "20260625".
func BasicDay(t time.Time) string { return t.Format(layoutBasicDay) }

// BasicUTC writes an instant in UTC in the basic form: "20260625T080000Z".
func BasicUTC(t time.Time) string { return t.UTC().Format(layoutBasicUTC) }

// BasicLocal writes a wall-clock time in the basic form, without a zone,
// as an iCalendar local DATE-TIME: "20260625T100000".
func BasicLocal(t time.Time) string { return t.Format(layoutBasic) }

// Stamp writes an instant to the minute, in UTC: "2026-06-25 08:00 UTC".
func Stamp(t time.Time) string { return t.UTC().Format(layoutStamp) }

// DayText writes a day as people read it: "25 Jun 2026".
func DayText(t time.Time) string { return t.Format(layoutDay) }

// DayMonthText writes a day of a year the reader knows: "25 Jun".
func DayMonthText(t time.Time) string { return t.Format(layoutDayMonth) }

// MonthText writes a month: "Jun 2026".
func MonthText(t time.Time) string { return t.Format(layoutMonth) }

// LongMonthText writes a month in full: "June 2026".
func LongMonthText(t time.Time) string { return t.Format(layoutLongMonth) }

// LongDayText writes a day with its month in full: "25 June 2026".
func LongDayText(t time.Time) string { return t.Format(layoutLongDay) }

// WeekdayText writes a day with its weekday: "Thu 25 Jun 2026".
func WeekdayText(t time.Time) string { return t.Format(layoutWeekday) }

// ZoneText names the time zone in effect at t as people read it beside a
// time of day: its abbreviation and its offset from UTC ("CET, UTC+1",
// "CEST, UTC+2", "GMT, UTC+0"), the offset alone where the zone has no
// abbreviation in letters ("UTC+4:30" in Kabul, "UTC+3" in Istanbul),
// and "UTC" in UTC itself.
func ZoneText(t time.Time) string {
	abbr, off := t.Zone()
	if off == 0 && (abbr == "UTC" || abbr == "") {
		return "UTC"
	}
	o := OffsetText(off)
	if abbr != "" && (abbr[0] >= 'A' && abbr[0] <= 'Z') && abbr != o {
		return abbr + ", " + o
	}
	return o
}

// OffsetText writes an offset from UTC, given in seconds east of UTC:
// "UTC+1", "UTC+5:30", "UTC-3", "UTC+0".
func OffsetText(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	s := "UTC" + sign + strconv.Itoa(h)
	if m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// DayRange writes a range of days: "4 Mar 2026", "25–26 Jun 2026",
// "30 Jun – 2 Jul 2026", "30 Dec 2026 – 2 Jan 2027".
func DayRange(s, en time.Time) string {
	switch {
	case s.Equal(en) || en.Before(s):
		return DayText(s)
	case s.Month() == en.Month() && s.Year() == en.Year():
		return strconv.Itoa(s.Day()) + "–" + DayText(en)
	case s.Year() == en.Year():
		return DayMonthText(s) + " – " + DayText(en)
	}
	return DayText(s) + " – " + DayText(en)
}

// Text returns the dates as a person reads them: "25–26 Jun 2026",
// "30 Jun – 2 Jul 2026", "May 2026".
func (d Dates) Text() string {
	if !d.HasDay() {
		if d.Month.IsZero() {
			return "date TBC"
		}
		return MonthText(d.Month)
	}
	return DayRange(d.Start, d.End)
}

// DateText returns the event's date as a person reads it:
// "4 Mar 2026", "25–26 Jun 2026", "30 Jun – 2 Jul 2026",
// "May 2026 · day TBC", "14 Sep 2026 (TBC)".
func (e *Event) DateText() string {
	if !e.HasDay() {
		if e.Month.IsZero() {
			return "date TBC"
		}
		return MonthText(e.Month) + " · day TBC"
	}
	out := DayRange(e.Start, e.End)
	if e.DateTBC {
		out += " (TBC)"
	}
	return out
}

// MonthForms documents the forms ParseMonth accepts, for error messages
// and help.
const MonthForms = "a month name (june, June), its first three letters (jun), its number (6, 06) or YYYY-MM (2026-06)"

// ParseMonth reads a month in any of [MonthForms] and returns its first
// and last day. A month without a year is taken in year.
func ParseMonth(s string, year int) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
	var m, y = 0, year
	if yy, mm, ok := splitMonth(s); ok {
		y, m = yy, mm
	} else if n, err := strconv.Atoi(s); err == nil && s[0] >= '0' && s[0] <= '9' {
		m = n
	} else {
		ls := strings.ToLower(s)
		for i := time.January; i <= time.December; i++ {
			name := strings.ToLower(i.String())
			if ls == name || (len(ls) == 3 && ls == name[:3]) || (ls == "sept" && i == time.September) {
				m = int(i)
			}
		}
	}
	if m < 1 || m > 12 {
		msg := fmt.Sprintf("unknown month %q: use %s", s, MonthForms)
		if sg := suggest(strings.ToLower(s), monthNames()); sg != "" {
			msg = fmt.Sprintf("unknown month %q (did you mean %q?): use %s", s, sg, MonthForms)
		}
		return time.Time{}, time.Time{}, fmt.Errorf("%s", msg)
	}
	first = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, 1, -1), nil
}

// ParseYearMonth reads a month as a file writes it, YYYY-MM, and returns
// its first day.
func ParseYearMonth(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	y, m, ok := splitMonth(s)
	if !ok || m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%q is not a month: use YYYY-MM, such as 2026-05", s)
	}
	return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), nil
}

// splitMonth splits YYYY-MM into its numbers; ok is false for any other
// form (the month is not checked).
func splitMonth(s string) (y, m int, ok bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, 0, false
	}
	y, ok1 := atoi(s[:4])
	m, ok2 := atoi(s[5:])
	return y, m, ok1 && ok2
}

func monthNames() []string {
	names := make([]string, 12)
	for i := range names {
		names[i] = strings.ToLower(time.Month(i + 1).String())
	}
	return names
}

// ParseDate reads YYYY-MM-DD, rejecting impossible days.
func ParseDate(s string) (time.Time, error) {
	y, m, d, ok := splitDate(strings.TrimSpace(s))
	if ok {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m >= 1 && m <= 12 && d >= 1 && t.Day() == d {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
}

func splitDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	return y, m, d, ok1 && ok2 && ok3
}
