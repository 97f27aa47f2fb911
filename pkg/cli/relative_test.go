package cli

import (
	"strings"
	"testing"
	"time"
)

// TestRelativeDates: --month this|next|last, --week, --from/--to today
// and --upcoming, judged by --today (or BP_TODAY), never the clock. The
// day is Wednesday 9 September 2026 on the plan as first published;
// month-only events (twg-legal-pathways-2026, September) count where
// their month overlaps the range.
func TestRelativeDates(t *testing.T) {
	t.Parallel()
	const (
		legal   = "twg-legal-pathways-2026" // September, day TBC
		skills  = "webinar-skills-partnerships"
		missing = "webinar-missing-migrants"
		ret     = "twg-return-2026" // 6–7 October
	)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--month", "this"}, legal + " " + skills + " " + missing},
		{[]string{"--month", "NEXT"}, ret},
		{[]string{"--month", "last"}, ""}, // August has nothing
		{[]string{"-m", "next", "--type", "webinar"}, ""},
		{[]string{"--week"}, legal + " " + skills},                                 // 7–13 Sep
		{[]string{"--week", "this"}, legal + " " + skills},                         // the same, spelt out
		{[]string{"--week=next"}, legal + " " + missing},                           // 14–20 Sep
		{[]string{"--week", "next"}, legal + " " + missing},                        // the next word is the value
		{[]string{"--week", "last"}, legal},                                        // 31 Aug – 6 Sep
		{[]string{"--upcoming"}, legal + " " + skills + " " + missing + " " + ret}, // 9 Sep – 8 Oct
		{[]string{"--upcoming", "2w"}, legal + " " + skills + " " + missing},       // 9–22 Sep
		{[]string{"--upcoming", "1d"}, legal},
		{[]string{"--upcoming", "27"}, legal + " " + skills + " " + missing},             // 9 Sep – 5 Oct
		{[]string{"--upcoming", "28"}, legal + " " + skills + " " + missing + " " + ret}, // to 6 Oct, today counted
		{[]string{"--from", "today", "--to", "2026-09-30"}, legal + " " + skills + " " + missing},
		{[]string{"--from", "2026-09-01", "--to", "Today"}, legal},
		{[]string{"--to", "today", "--month", "this"}, legal}, // skills is on the 10th
		{[]string{"--month", "this", "--week", "next"}, legal + " " + missing},
	}
	for _, c := range cases {
		if got := ids(listJSON(t, append([]string{"--today", "2026-09-09"}, c.args...)...)); got != c.want {
			t.Errorf("bp list %s: %q, want %q", strings.Join(c.args, " "), got, c.want)
		}
	}
}

// TestRelativeDatesToday: BP_TODAY decides as --today does, and a week
// runs Monday to Sunday whatever the day.
func TestRelativeDatesToday(t *testing.T) {
	t.Parallel()
	env := published()
	env[EnvToday] = "2026-10-07"
	r := runBP(t, "", env, "list", "--week", "-o", "csv")
	if r.code != 0 || !strings.Contains(r.stdout, "twg-return-2026") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("BP_TODAY=2026-10-07 bp list --week: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, c := range []struct{ today, monday, sunday string }{
		{"2026-09-07", "2026-09-07", "2026-09-13"}, // a Monday
		{"2026-09-13", "2026-09-07", "2026-09-13"}, // a Sunday
		{"2026-12-31", "2026-12-28", "2027-01-03"}, // across the year
	} {
		today, _ := time.Parse(time.DateOnly, c.today)
		from, to, err := weekRange("this", today)
		if err != nil || from.Format(time.DateOnly) != c.monday || to.Format(time.DateOnly) != c.sunday {
			t.Errorf("week of %s: %s – %s (%v), want %s – %s", c.today, from.Format(time.DateOnly), to.Format(time.DateOnly), err, c.monday, c.sunday)
		}
	}
}

// TestRelativeDatesErrors: a bad value is a usage error whose hint lists
// the forms the flag takes; nothing is printed on stdout.
func TestRelativeDatesErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"list", "--week", "june"}, "--week: unknown week \"june\"\n  hint: --week takes this, next or last (Monday to Sunday)"},
		{[]string{"list", "--upcoming", "3x"}, "--upcoming: \"3x\" is not a length of time\n  hint: --upcoming takes days or weeks (30d, 2w, 10)"},
		{[]string{"list", "--upcoming", "0d"}, "hint: --upcoming takes"},
		{[]string{"list", "--from", "tomorrow"}, "hint: --from takes YYYY-MM-DD (2026-06-25) or today"},
		{[]string{"ics", "--to", "2026-02-30"}, "hint: --to takes"},
		{[]string{"list", "--month", "nxt"}, "hint: --month also takes this, next or last"},
		{[]string{"cal", "nxt"}, "hint: bp cal also takes this, next or last"},
		{[]string{"status", "--as-of", "now"}, "hint: --as-of takes YYYY-MM-DD (2026-06-25) or today"},
	}
	for _, c := range cases {
		r := runPublished(t, append([]string{"--today", "2026-09-09"}, c.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("bp %s: exit %d, stderr %q, want %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestRelativeDatesCommands: the same words in ics, cal and status.
func TestRelativeDatesCommands(t *testing.T) {
	t.Parallel()
	r := runPublished(t, "--today", "2026-09-09", "ics", "--week", "next")
	if r.code != 0 || !strings.Contains(r.stdout, "UID:webinar-missing-migrants@") || strings.Count(r.stdout, "BEGIN:VEVENT") != 1 {
		t.Errorf("bp ics --week next: exit %d, %d events\n%s", r.code, strings.Count(r.stdout, "BEGIN:VEVENT"), r.stderr)
	}
	if !strings.Contains(r.stderr, "twg-legal-pathways-2026") { // month-only: left out, and said so
		t.Errorf("bp ics --week next: the month-only event is not reported as left out: %s", r.stderr)
	}
	r = runPublished(t, "--today", "2026-09-09", "cal", "next")
	if r.code != 0 || !strings.Contains(r.stdout, "October 2026") {
		t.Errorf("bp cal next: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	a := runPublished(t, "--today", "2026-09-09", "status", "--as-of", "today")
	b := runPublished(t, "--today", "2026-09-09", "status")
	c := runPublished(t, "status", "--as-of", "2026-09-09")
	if a.code != 0 || a.stdout != b.stdout || a.stdout != c.stdout {
		t.Errorf("bp status --as-of today differs from the report as of --today")
	}
	r = runPublished(t, "__complete", "list", "--month", "")
	for _, w := range []string{"this\n", "next\n", "last\n", "june\n"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("completion of --month: no %q in\n%s", w, r.stdout)
		}
	}
	r = runPublished(t, "__complete", "ics", "--from", "")
	if !strings.Contains(r.stdout, "today\n") {
		t.Errorf("completion of --from: no today in\n%s", r.stdout)
	}
}
