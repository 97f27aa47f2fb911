package cli

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/pflag"
)

// TestFlagWords (issue 24, item 10): what bp says about a flag given
// wrong names the flag and what the user typed, in bp's words, on one
// line, with exit 2; nothing on stdout.
func TestFlagWords(t *testing.T) {
	t.Parallel()
	dir, _ := yearsDir(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		// the month next month is, past the years bp takes: say "next"
		// and why, not `unknown month "10000-01"`
		{[]string{"--today", "9999-12-31", "list", "--month", "next"},
			"bp: --month next: as of 9999-12-31 that is January 10000; years end at 9999\n"},
		{[]string{"--today", "9999-12-31", "actions", "--month", "next"},
			"bp: --month next: as of 9999-12-31 that is January 10000; years end at 9999\n"},
		{[]string{"--today", "9999-12-31", "cal", "next"},
			"bp: cal next: as of 9999-12-31 that is January 10000; years end at 9999\n"},
		// an empty value of a flag that may stand alone is the flag's
		{[]string{"list", "--upcoming", ""},
			"bp: --upcoming: empty value; give one, or --upcoming alone (30d)\n"},
		{[]string{"list", "--week", " "},
			"bp: --week: empty value; give one, or --week alone (this)\n"},
		{[]string{"cal", "--year", ""},
			"bp: --year: empty value; give one, or --year alone (current)\n"},
		// a required flag cannot be left out: say what to give
		{[]string{"action", "drop", "rg-2026-03-a1", "--reason", ""},
			"bp: --reason: empty value; the flag is required: give a reason\n"},
		{[]string{"action", "add", "rg-2026-10", "Do it", "--owner", "chair", "--due", " "},
			"bp: --due: empty value; the flag is required: give a date\n"},
		// cobra's flag groups, in bp's words
		{[]string{"add", "x", "--title", "X", "--type", "webinar", "--date", "2026-12-01", "--month", "2026-12"},
			"bp: --date and --month cannot be given together: give one of them\n"},
		{[]string{"set", "som-2026", "--date", "2026-12-01", "--month", "2026-12"},
			"bp: --date and --month cannot be given together: give one of them\n"},
		{[]string{"add", "x", "--title", "X", "--type", "webinar"},
			"bp: give --date or --month: one of them is required\n"},
		// the prefix once: "bp: cal:", not "bp: bp cal:" (the month forms
		// that follow are workplan.ParseMonth's, longer than a line)
		{[]string{"cal", "juen"}, "bp: cal: unknown month \"juen\" (did you mean \"june\"?): use a month name"},
		{[]string{"cal", "--year", "27"}, "bp: --year: \"27\" is not a year: use YYYY, such as 2027\n"},
	} {
		r := runBPIn(t, dir, "", editEnv(), c.args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		long := c.args[0] == "cal" && c.args[1] == "juen"
		if r.code != ExitUsage || r.stdout != "" || !strings.HasPrefix(r.stderr, c.want) || (utf8.RuneCountInString(first) > 80 && !long) {
			t.Errorf("bp %s: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and a line of at most 80 columns starting:\n%s",
				strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.want)
		}
		if strings.Contains(r.stderr, "bp: bp ") || strings.Contains(r.stderr, "in the group") {
			t.Errorf("bp %s: %q", strings.Join(c.args, " "), r.stderr)
		}
	}
}

// TestCalYears (issue 24, item 10): bp cal takes --year YYYY as bp list
// does, and says of a month or year that no plan covers what bp list
// says, rather than show it empty ("no meetings").
func TestCalYears(t *testing.T) {
	t.Parallel()
	dir, _ := yearsDir(t)
	for _, args := range [][]string{{"cal", "--year", "2027"}, {"cal", "--year=2027"}} {
		r := runBPIn(t, dir, "", editEnv(), args...)
		if r.code != ExitOK || !strings.HasPrefix(r.stdout, "    January 2027") || !strings.Contains(r.stdout, "December 2027") ||
			!strings.Contains(r.stdout, "Reference Group Meeting (rg-2027-03)") {
			t.Errorf("bp %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	if r := runBPIn(t, dir, "", editEnv(), "cal", "--year"); r.code != ExitOK || !strings.HasPrefix(r.stdout, "    January 2026") {
		t.Errorf("bp cal --year: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	list := runBPIn(t, dir, "", editEnv(), "list", "--month", "2030-06")
	if list.stderr != "no plan covers 2030 (plans: 2026, 2027)\n" {
		t.Fatalf("bp list --month 2030-06 says %q", list.stderr)
	}
	for _, args := range [][]string{{"cal", "2030-06"}, {"cal", "--year", "2030"}, {"--today", "2030-06-15", "cal"}} {
		r := runBPIn(t, dir, "", editEnv(), args...)
		if r.code != ExitOK || r.stdout != "" || r.stderr != list.stderr {
			t.Errorf("bp %s: exit %d, stdout %q, stderr %q; want what bp list says, %q",
				strings.Join(args, " "), r.code, r.stdout, r.stderr, list.stderr)
		}
	}
}

// TestAddTakesSetsFlags (issue 24, item 10): every flag bp set takes to
// give an event a value, bp add takes (bp add … --time suggested
// --title), and the event written is the one bp set would make.
func TestAddTakesSetsFlags(t *testing.T) {
	t.Parallel()
	root := newRootCmd(&App{})
	add, _, _ := root.Find([]string{"add"})
	set, _, _ := root.Find([]string{"set"})
	for _, name := range []string{"title", "date", "month", "time", "tz", "format", "place", "status", "notes", "dry-run",
		"purpose", "partner", "product", "link"} {
		if set.Flags().Lookup(name) == nil {
			t.Errorf("bp set has no --%s", name)
		}
		if add.Flags().Lookup(name) == nil {
			t.Errorf("bp add has no --%s, which bp set has", name)
		}
	}
	// Every other flag of bp set is bp add's too, of the same type (one
	// definition, eventFlags), but those that change what an event has
	// already.
	own := []string{"unset", "remove-link", "pair"}
	set.Flags().VisitAll(func(f *pflag.Flag) {
		a := add.Flags().Lookup(f.Name)
		switch {
		case slices.Contains(own, f.Name):
			if a != nil {
				t.Errorf("bp add has --%s, which changes what an event has already", f.Name)
			}
		case a == nil:
			t.Errorf("bp set has --%s, bp add has not", f.Name)
		case a.Value.Type() != f.Value.Type():
			t.Errorf("--%s is a %s in bp set, a %s in bp add", f.Name, f.Value.Type(), a.Value.Type())
		}
	})
	dir, plan := yearsDir(t)
	r := runBPIn(t, dir, "", editEnv(), "add", "webinar-labour-2026", "--title", "Webinar on labour migration",
		"--type", "webinar", "--date", "2026-12-14", "--time", "10:00-12:00", "--tz", "Europe/Istanbul", "--format", "online")
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	e := checkPlanFile(t, plan).Event("webinar-labour-2026")
	if e == nil || e.StartTime.String() != "10:00" || e.EndTime.String() != "12:00" || e.TimeZone != "Europe/Istanbul" || e.Format != "online" {
		t.Errorf("the event added: %+v", e)
	}
	ics := runBPIn(t, dir, "", editEnv(), "ics", "webinar-labour-2026")
	if !strings.Contains(ics.stdout, "DTSTART;TZID=Europe/Istanbul:20261214T100000") {
		t.Errorf("its calendar entry:\n%s", ics.stdout)
	}
}
