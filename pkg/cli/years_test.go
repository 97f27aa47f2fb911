package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/workplans"
)

// The plan set of several years (issue 11), as a maintainer meets it: a
// checkout whose workplans/ holds 2026.yaml and, before 2026 ends,
// 2027.yaml (testdata/years/two), and later 2028 (testdata/years/three).
// Every transcript runs at two fixed days: 27 Nov 2026, when the 2026
// plan is current and 2027 is being prepared, and 10 Jan 2027, when the
// 2027 plan is current and 2026 is past.

// yearDays are the days the transcripts run on.
var yearDays = []string{"2026-11-27", "2027-01-10"}

// yearsCheckout copies testdata/years/<set>/*.yaml into workplans/ of a
// new directory and returns the directory, where bp finds the plans by
// itself.
func yearsCheckout(t testing.TB, set string) string {
	t.Helper()
	dir := t.TempDir()
	paths, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "years", set, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no plans in testdata/years/%s: %v", set, err)
	}
	files := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files["workplans/"+filepath.Base(p)] = string(data)
	}
	put(t, dir, files)
	return dir
}

// TestYearsTranscript: what list, show, status, ics and validate say over
// two plan years, at each day, compared with a golden transcript.
func TestYearsTranscript(t *testing.T) {
	cmds := [][]string{
		{"list", "-o", "markdown"},
		{"list", "--month", "june"},
		{"list", "--month", "january"},
		{"list", "--month", "2026-06", "-o", "markdown"},
		{"list", "--month", "2027-06"},
		{"list", "--month", "2025-06"},
		{"list", "--year", "2025", "-o", "json"},
		{"list", "--year", "all", "-o", "markdown"},
		{"list", "--year", "2027", "--type", "webinar", "-o", "markdown"},
		{"list", "--type", "thematic-meeting", "-o", "markdown"},
		{"list", "--status", "confirmed", "--search", "labour"},
		{"list", "--from", "2026-11-01", "--to", "2027-03-31", "-o", "markdown"},
		{"list", "--from", "2025-01-01", "--to", "2025-12-31"},
		{"list", "--month", "nov", "--year", "all", "-o", "markdown"},
		{"list", "--group", "twg-law-enforcement", "-o", "markdown"},
		{"list", "--month", "2027-06", "--year", "2026"},
		{"list", "--year", "next"},
		{"show", "rg-2026-11"},
		{"show", "som-2027"},
		{"show", "som-2028"},
		{"status"},
		{"status", "--year", "2027", "-o", "markdown"},
		{"status", "--year", "2025"},
		{"ics", "--month", "january"},
		{"ics", "--month", "june"},
		{"ics", "--year", "2025"},
		{"validate"},
	}
	for _, day := range yearDays {
		t.Run(day, func(t *testing.T) {
			t.Parallel()
			dir := yearsCheckout(t, "two")
			var b bytes.Buffer
			for _, c := range cmds {
				args := append([]string{"--today", day}, c...)
				b.Write(transcript(args, runBPIn(t, dir, "", nil, args...)))
			}
			golden.Assert(t, filepath.Join(repoRoot, "testdata", "years", "transcript-"+day+".golden"), b.Bytes())
		})
	}
}

// TestYearsCurrentYear: bp list with no filter and bp status show the
// current plan year: the year of today, else the nearest year ahead, else
// the latest; a bare month is in that year; --month YYYY-MM and --year
// name one.
func TestYearsCurrentYear(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "three")
	cases := []struct {
		env  map[string]string
		args []string
		want []string // ids listed, in order
	}{
		{nil, []string{"--today", "2026-11-27", "list", "--type", "reference-group"}, []string{"rg-2026-03", "rg-2026-07", "rg-2026-11"}},
		{nil, []string{"--today", "2027-01-10", "list", "--type", "reference-group"}, []string{"rg-2027-03"}},
		{map[string]string{EnvToday: "2027-01-10"}, []string{"list", "--type", "reference-group"}, []string{"rg-2027-03"}},
		{nil, []string{"--today", "2025-03-01", "list", "--month", "march"}, []string{"rg-2026-03"}},
		{nil, []string{"--today", "2031-03-01", "list", "--month", "march"}, []string{"rg-2028-03"}},
		{nil, []string{"--today", "2026-11-27", "list", "--month", "2028-03"}, []string{"rg-2028-03"}},
		{nil, []string{"--today", "2026-11-27", "list", "--year", "2028"}, []string{"rg-2028-03"}},
		{nil, []string{"--today", "2026-11-27", "list", "--month", "march", "--year", "all"}, []string{"rg-2026-03", "rg-2027-03", "rg-2028-03"}},
		{nil, []string{"--today", "2026-11-27", "list", "--year", "ALL", "--type", "reference-group"},
			[]string{"rg-2026-03", "rg-2026-07", "rg-2026-11", "rg-2027-03", "rg-2028-03"}},
	}
	for _, c := range cases {
		r := runBPIn(t, dir, "", c.env, append(c.args, "-o", "json")...)
		var out struct {
			Events []struct{ ID string } `json:"events"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
			t.Errorf("bp %s: exit %d, %v\n%s", strings.Join(c.args, " "), r.code, err, r.stderr)
			continue
		}
		var ids []string
		for _, e := range out.Events {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("bp %s (env %v) lists %v, want %v", strings.Join(c.args, " "), c.env, ids, c.want)
		}
	}
	for day, want := range map[string]string{"2026-11-27": "Budapest Process Workplan 2026\n", "2027-01-10": "Budapest Process Workplan 2027\n",
		"2025-06-01": "Budapest Process Workplan 2026\n", "2031-01-01": "Budapest Process Workplan 2028\n"} {
		if r := runBPIn(t, dir, "", nil, "--today", day, "status"); r.code != 0 || !strings.HasPrefix(r.stdout, want) {
			t.Errorf("bp --today %s status: exit %d, want it to report on %q:\n%.200s", day, r.code, want, r.stdout)
		}
	}
	// status --as-of takes the plan of its day.
	if r := runBPIn(t, dir, "", nil, "--today", "2026-11-27", "status", "--as-of", "2028-02-01"); !strings.HasPrefix(r.stdout, "Budapest Process Workplan 2028\n") {
		t.Errorf("status --as-of 2028-02-01:\n%.200s", r.stdout)
	}
}

// TestYearsNoMatchHint: when nothing matches and another plan year has
// matches, stderr says which and how to list them; a year no plan covers
// is named as such. list exits 0, ics 1 (it writes nothing).
func TestYearsNoMatchHint(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "two")
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--today", "2027-01-10", "list", "--month", "june"}, 0,
			"no events in June 2027; June 2026 has 1: bp list --month 2026-06\n"},
		{[]string{"--today", "2026-11-27", "list", "--month", "jan", "-o", "json"}, 0,
			"no events in January 2026; January 2027 has 1: bp list --month 2027-01\n"},
		{[]string{"--today", "2027-01-10", "list", "--type", "webinar", "--month", "sep"}, 0,
			"no matching events in September 2027; September 2026 has 2: bp list --month 2026-09 --type webinar\n"},
		{[]string{"--today", "2027-01-10", "list", "--search", "Türkiye it's", "--year", "2027"}, 0,
			"no events match\n"},
		{[]string{"--today", "2027-01-10", "list", "--search", "Ankara"}, 0,
			"no matching events in 2027; 2026 has 1: bp list --year 2026 --search Ankara\n"},
		{[]string{"--today", "2027-01-10", "list", "--group", "twg-law-enforcement", "--status", "planned"}, 0,
			"no matching events in 2027; 2026 has 1: bp list --year 2026 --group twg-law-enforcement --status planned\n"},
		{[]string{"--today", "2026-11-27", "list", "--month", "2025-06"}, 0, "no plan covers 2025 (plans: 2026, 2027)\n"},
		{[]string{"--today", "2026-11-27", "list", "--year", "2029", "-o", "csv"}, 0, "no plan covers 2029 (plans: 2026, 2027)\n"},
		{[]string{"--today", "2026-11-27", "list", "--from", "2024-01-01", "--to", "2025-12-31"}, 0, "no plan covers 2024–2025 (plans: 2026, 2027)\n"},
		{[]string{"--today", "2026-11-27", "list", "--month", "december"}, 0, "no events match\n"},
		{[]string{"--today", "2026-11-27", "ics", "--month", "january"}, 1,
			"bp: no events in January 2026: nothing written; January 2027 has 1: bp ics --month 2027-01\n"},
		{[]string{"--today", "2026-11-27", "ics", "--month", "2025-01"}, 1,
			"bp: no plan covers 2025 (plans: 2026, 2027): nothing written\n"},
	}
	for _, c := range cases {
		r := runBPIn(t, dir, "", nil, c.args...)
		if r.code != c.code || r.stderr != c.stderr {
			t.Errorf("bp %s: exit %d (want %d), stderr\n%q\nwant\n%q", strings.Join(c.args, " "), r.code, c.code, r.stderr, c.stderr)
		}
	}
	// The command a hint gives lists what it says.
	r := runBPIn(t, dir, "", nil, "--today", "2027-01-10", "list", "--month", "2026-09", "--type", "webinar", "-o", "markdown")
	if r.code != 0 || strings.Count(r.stdout, "<br>(webinar-") != 2 {
		t.Errorf("the hint's command: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestYearsShow: bp show finds an id in any plan year and shows it with
// its own plan.
func TestYearsShow(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "three")
	for _, day := range yearDays {
		for id, plan := range map[string]string{"rg-2026-11": "Budapest Process Workplan 2026", "som-2027": "Budapest Process Workplan 2027", "rg-2028-03": "Budapest Process Workplan 2028"} {
			r := runBPIn(t, dir, "", nil, "--today", day, "show", id)
			if r.code != 0 || !strings.Contains(r.stdout, "  Plan          "+plan+"\n") {
				t.Errorf("%s: bp show %s: exit %d\n%s%s", day, id, r.code, r.stdout, r.stderr)
			}
		}
	}
	r := runBPIn(t, dir, "", nil, "show", "rg-2029")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `no event "rg-2029" in any plan (2026, 2027, 2028); run 'bp list --year all' for the ids`) {
		t.Errorf("unknown id: exit %d\n%s", r.code, r.stderr)
	}
	// completion offers the ids of every year
	r = runBPIn(t, dir, "", nil, "__complete", "show", "")
	for _, id := range []string{"rg-2026-11\t", "som-2027\t", "rg-2028-03\t"} {
		if !strings.Contains(r.stdout, id) {
			t.Errorf("completion lacks %q:\n%s", id, r.stdout)
		}
	}
}

// icsUIDs returns the UIDs of a calendar file, in order.
func icsUIDs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllString(string(data), -1)
}

// TestYearsFeeds: bp ics and --feeds cover every plan year by default:
// all.ics and each group's feed hold both years, named without a year; a
// group of 2026 only keeps its file in 2027; --year narrows, and then
// leaves the feeds of other years' groups alone.
func TestYearsFeeds(t *testing.T) {
	t.Parallel()
	for _, day := range yearDays {
		t.Run(day, func(t *testing.T) {
			t.Parallel()
			dir := yearsCheckout(t, "two")
			r := runBPIn(t, dir, "", nil, "--today", day, "ics", "--feeds", "public/calendars")
			want := "bp: wrote public/calendars/all.ics (12 events)\n" +
				"bp: wrote public/calendars/rg.ics (4 events)\n" +
				"bp: wrote public/calendars/twg-return.ics (2 events)\n" +
				"bp: wrote public/calendars/twg-legal-pathways.ics (2 events)\n" +
				"bp: wrote public/calendars/twg-law-enforcement.ics (1 event)\n" +
				"bp: wrote public/calendars/som.ics (2 events)\n" +
				"bp: left out 3 events whose day is not known yet (add them as month-long placeholders with --include-undated):\n" +
				"  syria-thematic-meeting: May 2026 · day TBC\n" +
				"  twg-legal-pathways-2026: Sep 2026 · day TBC\n" +
				"  twg-return-2027: Sep 2027 · day TBC\n"
			if r.code != 0 || r.stderr != want {
				t.Fatalf("bp ics --feeds: exit %d, stderr\n%s\nwant\n%s", r.code, r.stderr, want)
			}
			feeds := filepath.Join(dir, "public", "calendars")
			all := icsUIDs(t, filepath.Join(feeds, "all.ics"))
			for _, uid := range []string{"UID:rg-2026-11@budapest-process-2026\r", "UID:som-2027@budapest-process-2027\r"} {
				if !slices.Contains(all, uid) {
					t.Errorf("all.ics lacks %s: %v", uid, all)
				}
			}
			som := icsUIDs(t, filepath.Join(feeds, "som.ics"))
			if !slices.Equal(som, []string{"UID:som-2026@budapest-process-2026\r", "UID:som-2027@budapest-process-2027\r"}) {
				t.Errorf("som.ics holds %v, want both years' meetings", som)
			}
			data := readFixture(t, filepath.Join(feeds, "som.ics"))
			if !strings.Contains(data, "\r\nX-WR-CALNAME:Budapest Process Workplan – Senior Officials Meeting\r\n") {
				t.Errorf("som.ics is not named for every year:\n%.400s", data)
			}
			lawEnforcement := filepath.Join(feeds, "twg-law-enforcement.ics")
			before := readFixture(t, lawEnforcement)
			if uids := icsUIDs(t, lawEnforcement); len(uids) != 1 {
				t.Errorf("the 2026-only group's feed holds %v", uids)
			}

			// bp ics on standard output: both years too.
			r = runBPIn(t, dir, "", nil, "--today", day, "ics")
			if r.code != 0 || !strings.Contains(r.stdout, "UID:rg-2026-03@budapest-process-2026\r\n") || !strings.Contains(r.stdout, "UID:rg-2027-03@budapest-process-2027\r\n") ||
				!strings.Contains(r.stdout, "\r\nX-WR-CALNAME:Budapest Process Workplan\r\n") {
				t.Errorf("bp ics: exit %d\n%.600s", r.code, r.stdout)
			}

			// --year narrows: only 2027's groups are written, and the
			// feed of a group of 2026 only is left as it was.
			r = runBPIn(t, dir, "", nil, "--today", day, "ics", "--year", "2027", "--feeds", "public/calendars")
			if r.code != 0 || strings.Contains(r.stderr, "twg-law-enforcement") || !strings.Contains(r.stderr,
				"bp: the feeds hold 2027 only (plans: 2026, 2027); without --year and --month they hold every plan year\n") {
				t.Errorf("bp ics --year 2027 --feeds: exit %d\n%s", r.code, r.stderr)
			}
			if after := readFixture(t, lawEnforcement); after != before {
				t.Error("--year 2027 rewrote the feed of a group of 2026 only")
			}
			if uids := icsUIDs(t, filepath.Join(feeds, "all.ics")); len(uids) != 3 {
				t.Errorf("all.ics for --year 2027 holds %v", uids)
			}
			data = readFixture(t, filepath.Join(feeds, "all.ics"))
			if !strings.Contains(data, "\r\nX-WR-CALNAME:Budapest Process Workplan 2027\r\n") {
				t.Errorf("a feed of one year is named after that plan:\n%.400s", data)
			}
		})
	}
}

// TestYearsValidateSet: a directory of plans is one set: an event id in
// two years, a group whose kind changed, two plans for one year are
// errors that every command refuses; a renamed group is a warning.
func TestYearsValidateSet(t *testing.T) {
	t.Parallel()
	p27 := readFixture(t, filepath.Join(repoRoot, "testdata/years/two/2027.yaml"))
	p26 := readFixture(t, filepath.Join(repoRoot, "testdata/years/two/2026.yaml"))
	dir := t.TempDir()
	put(t, dir, map[string]string{
		"dup/workplans/2026.yaml":     p26,
		"dup/workplans/2027.yaml":     replaceOnce(t, p27, "  - id: rg-2027-03\n", "  - id: rg-2026-03\n"),
		"kind/workplans/2026.yaml":    p26,
		"kind/workplans/2027.yaml":    replaceOnce(t, p27, "    kind: senior-officials-meeting\n", "    kind: reference-group\n"),
		"renamed/workplans/2026.yaml": p26,
		"renamed/workplans/2027.yaml": replaceOnce(t, p27, "    name: Reference Group\n", "    name: Budapest Process Reference Group\n"),
		"twice/workplans/2026.yaml":   p26,
		"twice/workplans/2026b.yaml":  strings.ReplaceAll(replaceOnce(t, p27, "  year: 2027\n", "  year: 2026\n"), "2027-", "2026-"),
	})
	cases := []struct {
		name   string
		code   int
		stdout string
	}{
		{"dup", 1, "workplans/2027.yaml:51:9: error: event id \"rg-2026-03\" is used in the 2026 plan too (workplans/2026.yaml:69:9) [duplicate-id]\n" +
			"  hint: give this event an id of its own, such as \"rg-2027-03\"; an id names one event in every year (calendar UIDs derive from it)\n"},
		{"kind", 1, "workplans/2027.yaml:35:5: error: group \"som\" is a Reference Group here but a Senior Officials Meeting in the 2026 plan (workplans/2026.yaml:48:5) [duplicate-id]\n" +
			"  hint: a group id means the same group in every year: give a new group an id of its own\n"},
		{"renamed", 0, "workplans/2027.yaml:24:5: warning: group \"rg\" is named \"Budapest Process Reference Group\" here but \"Reference Group\" in the 2026 plan (workplans/2026.yaml:33:5) [duplicate-id]\n" +
			"  hint: a group id means the same group in every year; if the group was renamed, this is fine; if it is another group, give it an id of its own\n"},
	}
	for _, c := range cases {
		wd := filepath.Join(dir, c.name)
		r := runBPIn(t, wd, "", nil, "validate")
		if r.code != c.code || r.stdout != c.stdout {
			t.Errorf("%s: bp validate: exit %d (want %d)\n%s\nwant\n%s", c.name, r.code, c.code, r.stdout, c.stdout)
		}
		// Every command refuses a set with errors, and says why.
		r = runBPIn(t, wd, "", nil, "list")
		if c.code == 1 && (r.code != ExitInvalid || !strings.Contains(r.stderr, "bp: the plans disagree (1 error, listed above)\n") || r.stdout != "") {
			t.Errorf("%s: bp list: exit %d\n%s", c.name, r.code, r.stderr)
		}
		if c.code == 0 && r.code != 0 {
			t.Errorf("%s: bp list refuses a set with a warning: exit %d\n%s", c.name, r.code, r.stderr)
		}
		// A file named on its own is checked on its own.
		if r := runBPIn(t, wd, "", nil, "validate", "workplans/2027.yaml"); c.name == "dup" && r.code != 0 {
			t.Errorf("%s: bp validate workplans/2027.yaml: exit %d\n%s", c.name, r.code, r.stdout)
		}
	}
	r := runBPIn(t, filepath.Join(dir, "twice"), "", nil, "validate")
	if r.code != 1 || !strings.Contains(r.stdout, "workplans/2026b.yaml:11:9: error: a second plan for 2026: workplans/2026.yaml:11:9 is the plan of 2026 already [duplicate-id]\n") {
		t.Errorf("two plans for one year: exit %d\n%s", r.code, r.stdout)
	}
}

// TestYearsVersion: bp version lists every plan of the set, each with its
// revision and date.
func TestYearsVersion(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "three")
	r := runBPIn(t, dir, "", nil, "version")
	want := "workplan: Budapest Process Workplan 2026, revision 1 of 2026-11-27 (from workplans/2026.yaml)\n" +
		"workplan: Budapest Process Workplan 2027, revision 1 of 2026-11-27 (from workplans/2027.yaml)\n" +
		"workplan: Budapest Process Workplan 2028, revision 1 of 2027-11-20 (from workplans/2028.yaml)\n"
	if r.code != 0 || !strings.HasSuffix(r.stdout, want) {
		t.Errorf("bp version: exit %d\n%s\nwant it to end with\n%s", r.code, r.stdout, want)
	}
}

// TestBuiltInCarriesEveryPlan: the binary carries every plan file of
// workplans/ (bp reads *.yml too, which the embed pattern does not take:
// a plan must be named *.yaml there). Only the names are looked at.
func TestBuiltInCarriesEveryPlan(t *testing.T) {
	var onDisk []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, "workplans", pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			onDisk = append(onDisk, filepath.Base(p))
		}
	}
	slices.Sort(onDisk)
	if got := workplans.Names(); !slices.Equal(got, onDisk) {
		t.Errorf("built in: %v; workplans/ holds %v", got, onDisk)
	}
}

// TestYearsThreeFeed: bp ics over three plan years holds each year's
// events, each with its plan's UID, and is described by every plan.
func TestYearsThreeFeed(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "three")
	r := runBPIn(t, dir, "", nil, "--today", "2027-01-10", "ics")
	out := strings.ReplaceAll(r.stdout, "\r\n ", "")
	for _, want := range []string{
		"X-WR-CALNAME:Budapest Process Workplan\r\n",
		"X-WR-CALDESC:Budapest Process Workplan 2026 (revision 1 of 27 November 2026)\\, Budapest Process Workplan 2027 (revision 1 of 27 November 2026) and Budapest Process Workplan 2028 (revision 1 of 20 November 2027).",
		"UID:rg-2026-03@budapest-process-2026\r\n", "UID:rg-2027-03@budapest-process-2027\r\n", "UID:rg-2028-03@budapest-process-2028\r\n",
	} {
		if r.code != 0 || !strings.Contains(out, want) {
			t.Errorf("bp ics over three years: exit %d, lacks %q", r.code, want)
		}
	}
}

// TestMonthWordAtYearEnd (issue 21, item 8): in December, bp list march
// is March of the current plan year (the year of today), and says on
// stderr, in one line, that next year's plan has meetings in March too,
// with the command that lists them; a plan year before it is not named.
// bp list --month next past the last plan names the bp new command that
// starts it, and exits 0.
func TestMonthWordAtYearEnd(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "two")
	r := runBPIn(t, dir, "", nil, "--today", "2026-12-05", "list", "march")
	if r.code != ExitOK || !strings.Contains(r.stdout, "(rg-2026-03)") || strings.Contains(r.stdout, "rg-2027-03") ||
		r.stderr != "also March 2027 has 1: bp list --month 2027-03\n" {
		t.Errorf("bp list march in December: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if hinted := runBPIn(t, dir, "", nil, "--today", "2026-12-05", "list", "--month", "2027-03"); !strings.Contains(hinted.stdout, "(rg-2027-03)") {
		t.Errorf("the command the note gives does not list the meeting:\n%s%s", hinted.stdout, hinted.stderr)
	}
	if r := runBPIn(t, dir, "", nil, "--today", "2027-01-10", "list", "march"); r.code != ExitOK || !strings.Contains(r.stdout, "(rg-2027-03)") || r.stderr != "" {
		t.Errorf("bp list march in January 2027: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runBPIn(t, dir, "", nil, "--today", "2027-12-05", "list", "--month", "next")
	if r.code != ExitOK || r.stdout != "" || r.stderr != "no plan covers 2028 (plans: 2026, 2027); start it with: bp new 2028\n" {
		t.Errorf("bp list --month next past the last plan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runBPIn(t, dir, "", nil, "--today", "2027-12-05", "new", "2028"); r.code != ExitOK {
		t.Fatalf("bp new 2028, as the hint says: exit %d\n%s", r.code, r.stderr)
	}
	if r := runBPIn(t, dir, "", nil, "--today", "2027-12-05", "list", "--month", "next"); r.code != ExitOK || strings.Contains(r.stderr, "no plan covers") {
		t.Errorf("bp list --month next once the plan is there: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
