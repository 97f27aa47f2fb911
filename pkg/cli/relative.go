package cli

import (
	"strconv"
	"strings"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// Relative dates: the words a person says ("next month", "this week",
// "the next 30 days") turned into days, always judged by the App's today
// (--today, BP_TODAY or the clock), never by the clock below pkg/cli.

// relativeWords are the words --month and --week take besides a month.
var relativeWords = []string{"this", "next", "last"}

// Forms accepted, for help and the hints of errors.
const (
	weekFormsHint     = "this, next or last (Monday to Sunday); alone, this"
	dayFormsHint      = "YYYY-MM-DD (2026-06-25) or today"
	durationFormsHint = "days or weeks (30d, 2w, 10); alone, 30d"
)

// monthNames are the months as --month completes and suggests them.
var monthNames = []string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// relativeMonth turns this, next or last into YYYY-MM as of today; any
// other value comes back as it is, for workplan.ParseMonth.
func relativeMonth(s string, today time.Time) string {
	if first, ok := relativeFirst(s, today); ok {
		return workplan.ISOMonth(first)
	}
	return s
}

// relativeFirst returns the first day of the month this, next or last
// names as of today; ok is false for any other word.
func relativeFirst(s string, today time.Time) (first time.Time, ok bool) {
	first = time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "this":
		return first, true
	case "next":
		return first.AddDate(0, 1, 0), true
	case "last":
		return first.AddDate(0, -1, 0), true
	}
	return time.Time{}, false
}

// parseMonthValue reads a month as --month takes it, relative words
// included: its first and last days, and whether the value named its
// year (YYYY-MM, this, next, last). A month without a year is in year.
// what names the value in an error: "--month", or "cal" for bp cal's
// argument.
func parseMonthValue(what, s string, today time.Time, year int) (first, last time.Time, withYear bool, err error) {
	if rel, ok := relativeFirst(s, today); ok && (rel.Year() < 1 || rel.Year() > 9999) {
		bound := "years end at 9999"
		if rel.Year() < 1 {
			bound = "years start at 1"
		}
		return first, last, false, usageErrorf("%s %s: as of %s that is %s %d; %s",
			what, strings.ToLower(strings.TrimSpace(s)), workplan.ISODay(today), rel.Month(), rel.Year(), bound)
	}
	abs := relativeMonth(s, today)
	first, last, err = workplan.ParseMonth(abs, year)
	if err != nil {
		hint := what
		if !strings.HasPrefix(what, "-") {
			hint = "bp " + what
		}
		return first, last, false, usageErrorf("%s: %v\n  hint: %s also takes this, next or last (as of today)", what, err, hint)
	}
	return first, last, monthWithYear(abs), nil
}

// weekRange returns Monday and Sunday of the week s names (this, next,
// last) as of today.
func weekRange(s string, today time.Time) (from, to time.Time, err error) {
	// time.Weekday counts from Sunday; weeks here start on Monday.
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "this":
	case "next":
		monday = monday.AddDate(0, 0, 7)
	case "last":
		monday = monday.AddDate(0, 0, -7)
	default:
		return from, to, usageErrorf("--week: unknown week %q\n  hint: --week takes %s", s, weekFormsHint)
	}
	return monday, monday.AddDate(0, 0, 6), nil
}

// parseDay reads a day as --from, --to and --as-of take it: YYYY-MM-DD
// or today.
func parseDay(flag, s string, today time.Time) (time.Time, error) {
	if strings.EqualFold(strings.TrimSpace(s), "today") {
		return today, nil
	}
	t, err := workplan.ParseDate(s)
	if err != nil {
		return t, usageErrorf("%s: %v\n  hint: %s takes %s", flag, err, flag, dayFormsHint)
	}
	return t, nil
}

// parseDuration reads --upcoming's length in days: 30d, 2w or 10.
func parseDuration(s string) (int, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	unit := 1
	switch {
	case strings.HasSuffix(v, "d"):
		v = v[:len(v)-1]
	case strings.HasSuffix(v, "w"):
		v, unit = v[:len(v)-1], 7
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 3660 {
		return 0, usageErrorf("--upcoming: %q is not a length of time\n  hint: --upcoming takes %s", s, durationFormsHint)
	}
	return n * unit, nil
}

// upcomingRange is today and the last day of the n days from today on.
func upcomingRange(n int, today time.Time) (from, to time.Time) {
	return today, today.AddDate(0, 0, n-1)
}

// joinOptionalValues lets --week, --upcoming and bp cal's --year take
// their value as the next word (--week next, --upcoming 2w, --year 2027)
// although they may also stand alone: pflag reads a flag with a default
// for its bare form only as --week=next, and would take "next" as an
// argument of the command. The next word is the flag's value unless it
// is a flag itself, so that a wrong one (--week june) gets the flag's own
// error, and an empty one (--week "") is refused as an empty value of
// the flag; nothing after "--" is touched. Where --year takes a value
// anyway (bp list, bp ics, bp status), joining changes nothing.
func joinOptionalValues(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if i+1 < len(args) {
			next := args[i+1]
			if (a == "--week" || a == "--upcoming" || a == "--year") && !strings.HasPrefix(next, "-") {
				out = append(out, a+"="+next)
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}
