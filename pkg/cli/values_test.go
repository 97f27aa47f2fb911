package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 24, item 9: values that bp validate passed and that break what
// bp writes from them.

// TestTimeZonesOfPlaces: a time zone is a place's (Area/Location) or UTC.
// Factory, posixrules and the like load in Go but break calendar programs
// (vobject fails the file, node-ical puts the meeting hours off): the
// edit commands refuse them as --tz, naming the flag, and validate names
// the line of one written by hand.
func TestTimeZonesOfPlaces(t *testing.T) {
	t.Parallel()
	for _, tz := range []string{"Factory", "posixrules", "EST5EDT", "Etc/GMT+5", "US/Eastern", "Local", "Europe/Viena"} {
		dir, plan := planDir(t, publishedFormat2)
		before := readFixture(t, plan)
		for _, args := range [][]string{
			{"set", "som-2026", "--time", "10:00-12:00", "--tz", tz},
			{"add", "webinar-tz", "--title", "Webinar", "--type", "webinar", "--date", "2026-12-14", "--time", "10:00", "--tz", tz},
		} {
			r := runBPIn(t, dir, "", editEnv(), args...)
			if r.code != ExitUsage || !strings.HasPrefix(r.stderr, "bp: "+args[0]+": --tz: ") || !strings.Contains(r.stderr, strings.TrimSpace(tz)) ||
				!strings.Contains(r.stderr, "hint: use a place's IANA zone (Area/Location), such as Europe/Vienna, or UTC") {
				t.Errorf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
			}
		}
		if readFixture(t, plan) != before {
			t.Errorf("--tz %s: the file changed", tz)
		}
		// written by hand
		const som = "    start: 2026-11-24\n    end: 2026-11-26\n"
		if !strings.Contains(before, som) {
			t.Fatalf("the fixture has no %q", som)
		}
		writeFile(t, plan, strings.Replace(before, som, som+"    startTime: \"10:00\"\n    timezone: "+tz+"\n", 1))
		v := runBPIn(t, dir, "", editEnv(), "validate")
		if v.code != ExitInvalid || !strings.Contains(v.stdout, "workplans/2026.yaml:196:15: error: event \"som-2026\": ") ||
			!strings.Contains(v.stdout, "[timezone]\n  hint: use a place's IANA zone") {
			t.Errorf("validate, timezone: %s: exit %d\n%s%s", tz, v.code, v.stdout, v.stderr)
		}
	}
	for _, tz := range []string{"UTC", "Etc/UTC", "America/Argentina/Buenos_Aires", "Pacific/Chatham", "Antarctica/Troll"} {
		dir, _ := planDir(t, publishedFormat2)
		if r := runBPIn(t, dir, "", editEnv(), "set", "som-2026", "--time", "10:00-12:00", "--tz", tz); r.code != ExitOK {
			t.Errorf("--tz %s: exit %d\n%s", tz, r.code, r.stderr)
		}
		if r := runBPIn(t, dir, "", editEnv(), "ics", "som-2026"); r.code != ExitOK || !strings.Contains(r.stdout, "BEGIN:VEVENT") {
			t.Errorf("--tz %s, then ics: exit %d\n%s", tz, r.code, r.stderr)
		}
	}
}

// lastDayPlan is a plan of 9999 whose one event is on the given days,
// with the given times.
func lastDayPlan(start, end, times string) string {
	ev := "  - id: rg-last\n    title: Reference Group Meeting\n    type: reference-group\n    start: " + start + "\n"
	if end != "" {
		ev += "    end: " + end + "\n"
	}
	ev += times + "    format: online\n    status: planned\n    revision: 1\n    revised: 9999-01-15\n"
	return "formatVersion: 3\nplan:\n  id: test-9999\n  title: Test plan 9999\n  year: 9999\n  revision: 1\n" +
		"  revised: 9999-01-15\n  timezone: Europe/Vienna\nevents:\n" + ev
}

// TestLastDay: an event on 31 December 9999 passed validate while bp ics
// and bp site refused the whole plan (a calendar file ends an all-day
// event on the next day, and its years have four digits). Now validate
// refuses it, with its line, and so do the commands that read the plan
// (exit 1, the same diagnostic); an event on 30 December, the last day,
// goes through validate, ics and site alike, its times too.
func TestLastDay(t *testing.T) {
	t.Parallel()
	env := map[string]string{EnvToday: "9999-06-01"}
	for _, c := range []struct {
		name       string
		plan       string
		ok         bool
		line, word string
	}{
		{"the last day", lastDayPlan("9999-12-30", "", ""), true, "", ""},
		{"its evening, 11 hours behind UTC", lastDayPlan("9999-12-30", "", "    startTime: \"22:00\"\n    endTime: \"23:59\"\n    timezone: Pacific/Pago_Pago\n"), true, "", ""},
		{"the day after", lastDayPlan("9999-12-31", "", ""), false, "13:12", "start"},
		{"ending on it", lastDayPlan("9999-12-29", "9999-12-31", ""), false, "14:10", "end"},
		{"overnight into it", lastDayPlan("9999-12-30", "9999-12-31", "    startTime: \"22:00\"\n    endTime: \"02:00\"\n"), false, "14:10", "end"},
		{"its month", strings.Replace(lastDayPlan("9999-12-30", "", ""), "start: 9999-12-30", "month: 9999-12", 1), false, "13:12", "month"},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "workplans", "9999.yaml"), c.plan)
		out := filepath.Join(dir, "public")
		for _, args := range [][]string{{"validate"}, {"ics", "--out", "x.ics"}, {"site", "--out", out}} {
			r := runBPIn(t, dir, "", env, args...)
			if c.ok {
				if r.code != ExitOK {
					t.Errorf("%s: bp %s: exit %d\n%s", c.name, args[0], r.code, r.stdout+r.stderr)
				}
				continue
			}
			diag := "workplans/9999.yaml:" + c.line + ": error: event \"rg-last\": its last day, 9999-12-31, is after 9999-12-30, the last day bp can write to a calendar [date]\n" +
				"  hint: end it by 9999-12-30: a calendar file cannot end an event later\n"
			if r.code != ExitInvalid || !strings.Contains(r.stdout+r.stderr, diag) {
				t.Errorf("%s: bp %s: exit %d, want %d and\n%s\ngot:\n%s", c.name, args[0], r.code, ExitInvalid, diag, r.stdout+r.stderr)
			}
		}
		if c.ok {
			if ics := readFixture(t, filepath.Join(dir, "x.ics")); !strings.Contains(ics, "UID:rg-last") {
				t.Errorf("%s: the calendar has no event:\n%s", c.name, ics)
			}
			if _, err := os.Stat(filepath.Join(out, "events", "rg-last.ics")); err != nil {
				t.Errorf("%s: the site has no calendar file of the event: %v", c.name, err)
			}
		}
	}
	// bp add refuses the day after the last, and writes nothing.
	dir := t.TempDir()
	plan := filepath.Join(dir, "workplans", "9999.yaml")
	writeFile(t, plan, lastDayPlan("9999-12-30", "", ""))
	r := runBPIn(t, dir, "", env, "add", "rg-after", "--title", "After", "--type", "webinar", "--date", "9999-12-31")
	if r.code != ExitInvalid || !strings.Contains(r.stderr, `event "rg-after": its last day, 9999-12-31, is after 9999-12-30`) {
		t.Errorf("add on 9999-12-31: exit %d\n%s", r.code, r.stderr)
	}
	if readFixture(t, plan) != lastDayPlan("9999-12-30", "", "") {
		t.Error("add on 9999-12-31 changed the file")
	}
}

// TestBaseURLHTTPS: --base-url took http:// though its help says https,
// and wrote an internationalised host percent-encoded. It refuses http
// (localhost's too) naming the flag, and the subscribe page gives the
// host in punycode.
func TestBaseURLHTTPS(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://example.org/plans", "http://localhost:8000/"} {
		out := filepath.Join(t.TempDir(), "public")
		r := runBP(t, "", published(), "--today", "2026-11-27", "site", "--out", out, "--base-url", u)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "bp: --base-url: \""+u+"\": give the https:// address the site is published at") {
			t.Errorf("--base-url %s: exit %d\n%s", u, r.code, r.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--base-url %s: the site was written", u)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	r := runBP(t, "", published(), "--today", "2026-11-27", "site", "--out", out, "--base-url", "https://Bücher.example/plans")
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	page := readFixture(t, filepath.Join(out, "subscribe.html"))
	if !strings.Contains(page, "webcal://xn--bcher-kva.example/plans/calendars/all.ics") ||
		!strings.Contains(page, "https://xn--bcher-kva.example/plans/calendars/all.ics") || strings.Contains(page, "%C3") {
		t.Errorf("the subscribe page does not give the host in punycode:\n%s", page)
	}
}
