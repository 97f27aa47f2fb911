package cli

import (
	"strings"
	"testing"
)

// TestListMonthArg: bp list MONTH is bp list --month MONTH, in every
// form --month takes; another word is an error that points at --month,
// at the flag the word may be for, and at bp list --help.
func TestListMonthArg(t *testing.T) {
	t.Parallel()
	for _, m := range []string{"june", "Jun", "6", "2026-06"} {
		a := runPublished(t, "list", m)
		b := runPublished(t, "list", "--month", m)
		if a.code != 0 || a.stdout != b.stdout || !strings.Contains(a.stdout, "twg-law-enforcement-2026") {
			t.Errorf("bp list %s: exit %d, differs from --month %s:\n%s%s", m, a.code, m, a.stdout, a.stderr)
		}
	}
	if got := ids(listJSON(t, "--today", "2026-09-09", "next")); got != "twg-return-2026" {
		t.Errorf("bp list next (9 Sep): %q, want October's event", got)
	}
	for _, c := range []struct {
		word, want string
	}{
		{"webinar", "bp: \"webinar\" is not a month (bp list MONTH is bp list --month MONTH)\n" +
			"  hint: to filter on something else, use its flag: --type webinar\nrun 'bp list --help' for usage\n"},
		{"cancelled", "use its flag: --status cancelled\n"},
		{"türkiye", "use its flag: --search türkiye\n"},
		{"juen", "\"juen\" is not a month; did you mean june?"},
	} {
		r := runPublished(t, "list", c.word)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("bp list %s: exit %d, stderr %q, want %q", c.word, r.code, r.stderr, c.want)
		}
	}
	r := runPublished(t, "list", "june", "--month", "july")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "give the month once: june or --month july") {
		t.Errorf("bp list june --month july: exit %d: %s", r.code, r.stderr)
	}
}

// TestICSByID: bp ics ID... writes those events, in date order, each
// once, whatever the other plan years; ids and filters do not combine.
func TestICSByID(t *testing.T) {
	t.Parallel()
	r := runPublished(t, "ics", "som-2026", "rg-2026-03", "som-2026")
	if r.code != 0 || strings.Count(r.stdout, "BEGIN:VEVENT") != 2 {
		t.Fatalf("bp ics som-2026 rg-2026-03: exit %d, %d events: %s", r.code, strings.Count(r.stdout, "BEGIN:VEVENT"), r.stderr)
	}
	if i, j := strings.Index(r.stdout, "UID:rg-2026-03@"), strings.Index(r.stdout, "UID:som-2026@"); i < 0 || j < 0 || i > j {
		t.Errorf("bp ics som-2026 rg-2026-03: the events are not both there in date order")
	}
	one := runPublished(t, "ics", "som-2026")
	filtered := runPublished(t, "ics", "--search", "Annual Senior Officials Meeting", "--type", "senior-officials")
	if one.code != 0 || one.stdout != filtered.stdout {
		t.Errorf("bp ics som-2026 differs from the same event found by filters")
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"ics", "som2026"}, "bp: no event \"som2026\" in Budapest Process Workplan 2026; did you mean som-2026?\n"},
		{[]string{"ics", "som-2026", "nope-nope-nope"}, "no event \"nope-nope-nope\""},
		{[]string{"ics", "som-2026", "--month", "june", "-t", "webinar"}, "bp: event ids and --month, --type do not combine: give ids or filters\n"},
		{[]string{"ics", "som-2026", "--feeds", "x"}, "event ids and --feeds do not combine"},
	} {
		r := runPublished(t, c.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("bp %s: exit %d, stderr %q, want %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestArgCountErrors: every command that takes a fixed number of
// arguments names itself and shows its usage line when given another.
func TestArgCountErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"show"}, "bp show: needs an event id\nUsage: bp show <id> [flags]\nrun 'bp show --help' for more\n"},
		{[]string{"new"}, "bp new: needs a year\nUsage: bp new <year> [flags]\n"},
		{[]string{"schema", "x"}, "bp schema: takes no arguments, got x\nUsage: bp schema [flags]\n"},
		{[]string{"version", "x", "y z"}, "bp version: takes no arguments, got x 'y z'\n"},
		{[]string{"site", "x"}, "bp site: takes no arguments, got x\n"},
	} {
		r := runPublished(t, c.args...)
		if r.code != ExitUsage || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("bp %s: exit %d, stderr %q, want it to start %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestFlagTakesNextFlag: a flag given no value takes the next flag as its
// value; bp refuses that (it would write a file named "--month") and
// names both flags, unless the value is given with =.
func TestFlagTakesNextFlag(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--out", "--month", "june"}, "bp: --out needs a value, and took the next flag, --month, as one\n" +
			"  hint: give --out its value, or write --out=--month if that is the value\nrun 'bp list --help' for usage\n"},
		{[]string{"ics", "--feeds", "--out", "x"}, "bp: --feeds needs a value, and took the next flag, --out, as one\n"},
		{[]string{"list", "--search", "-t", "webinar"}, "bp: --search needs a value, and took the next flag, -t, as one\n"},
		{[]string{"set", "rg-2026-03", "--notes", "--dry-run"}, "bp: --notes needs a value, and took the next flag, --dry-run, as one\n"},
	} {
		r := runPublished(t, c.args...)
		if r.code != ExitUsage || !strings.HasPrefix(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("bp %s: exit %d, stderr %q, want %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
	// a value that only looks like a flag, or one given with =
	for _, args := range [][]string{{"list", "--search", "--nothing"}, {"list", "--search=--month"}} {
		if r := runPublished(t, args...); r.code == ExitUsage {
			t.Errorf("bp %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}
