package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

// seedEvent is one row of the published "Tentative Calendar 2026"
// (/work/shared/seed/budapest-process-workplan-2026.txt), written out by
// hand: what `bp list -o json` must say about it. A nil start/end/format/
// location is a fact the seed leaves open.
type seedEvent struct {
	id, title   string
	start, end  *string
	month       string
	dateTBC     bool
	format      *string
	location    *string
	locationTBC bool
}

func s(v string) *string { return &v }

var (
	online   = s("online")
	inPerson = s("in-person")
	hybrid   = s("hybrid")
)

// seedCalendar is the seed, month by month; months the seed does not
// list (January, February, April, August, December) have no events. The
// order is bp's: by first day, a month-only event at the start of its
// month, ties in file order.
var seedCalendar = map[string][]seedEvent{
	"march": {
		// "4 March — Reference Group Meeting — Online"
		{id: "rg-2026-03", title: "Reference Group Meeting", start: s("2026-03-04"), end: s("2026-03-04"),
			month: "2026-03", format: online},
	},
	"may": {
		// "TBC — Thematic meeting: … Syria — Hybrid | Ankara, Türkiye": listed
		// under May with no day.
		{id: "syria-thematic-meeting", title: "Thematic meeting: Follow-up to Senior Officials 2025 with a focus on Syria",
			month: "2026-05", dateTBC: true, format: hybrid, location: s("Ankara, Türkiye")},
		// "20 May — Webinar on … “Reintegration is complicated…” — Online"
		{id: "webinar-reintegration", title: "Webinar on Budapest Process knowledge product “Reintegration is complicated: frameworks and outcomes in the Silk Routes Region”",
			start: s("2026-05-20"), end: s("2026-05-20"), month: "2026-05", format: online},
	},
	"june": {
		// "25-26 June — TWG Meeting on Law Enforcement Cooperation — In person | Antalya, Türkiye"
		{id: "twg-law-enforcement-2026", title: "Thematic Working Group Meeting on Law Enforcement Cooperation",
			start: s("2026-06-25"), end: s("2026-06-26"), month: "2026-06", format: inPerson, location: s("Antalya, Türkiye")},
	},
	"july": {
		// "7 July — Reference Group Meeting — Online"
		{id: "rg-2026-07", title: "Reference Group Meeting", start: s("2026-07-07"), end: s("2026-07-07"),
			month: "2026-07", format: online},
	},
	"september": {
		// "TWG Meeting on Legal Pathways for Migration — Islamabad, Pakistan":
		// no day and no format of its own in the seed.
		{id: "twg-legal-pathways-2026", title: "Thematic Working Group Meeting on Legal Pathways for Migration",
			month: "2026-09", dateTBC: true, location: s("Islamabad, Pakistan")},
		// "10 September — Webinar … skills partnerships (jointly with Prague Process) — Online"
		{id: "webinar-skills-partnerships", title: "Webinar on Budapest Process knowledge product on skills partnerships (jointly with Prague Process)",
			start: s("2026-09-10"), end: s("2026-09-10"), month: "2026-09", format: online},
		// "14 September (TBC) — Webinar on Missing migrants — Online"
		{id: "webinar-missing-migrants", title: "Webinar on Missing migrants",
			start: s("2026-09-14"), end: s("2026-09-14"), month: "2026-09", dateTBC: true, format: online},
	},
	"october": {
		// "6-7 October — TWG Meeting on Return and Reintegration — Baghdad, Iraq / Istanbul, Türkiye (TBC)"
		{id: "twg-return-2026", title: "Thematic Working Group Meeting on Return and Reintegration",
			start: s("2026-10-06"), end: s("2026-10-07"), month: "2026-10",
			location: s("Baghdad, Iraq / Istanbul, Türkiye"), locationTBC: true},
	},
	"november": {
		// "24-25-26 November — Annual Senior Officials Meeting, Reference Group Meeting — In person"
		{id: "som-2026", title: "Annual Senior Officials Meeting", start: s("2026-11-24"), end: s("2026-11-26"),
			month: "2026-11", format: inPerson},
		{id: "rg-2026-11", title: "Reference Group Meeting", start: s("2026-11-24"), end: s("2026-11-26"),
			month: "2026-11", format: inPerson},
	},
}

var months = []string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// listedEvent is the part of the published JSON the seed speaks to.
type listedEvent struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Start       *string `json:"start"`
	End         *string `json:"end"`
	Month       string  `json:"month"`
	DateTBC     bool    `json:"dateTBC"`
	Format      *string `json:"format"`
	Location    *string `json:"location"`
	LocationTBC bool    `json:"locationTBC"`
}

// listJSON runs bp list -o json on the plan as first published.
func listJSON(t *testing.T, args ...string) []listedEvent {
	t.Helper()
	r := runPublished(t, append([]string{"list", "-o", "json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("bp list %v: exit %d: %s", args, r.code, r.stderr)
	}
	var out struct {
		Events []listedEvent `json:"events"`
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("bp list %v -o json: %v\n%s", args, err, r.stdout)
	}
	if out.Events == nil {
		t.Fatalf("bp list %v -o json: events is null, want a list:\n%s", args, r.stdout)
	}
	return out.Events
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

// TestListAgreesWithSeed: for every month of 2026, the plan as first
// published (testdata/plans/2026-published.yaml) lists exactly the events
// of the published calendar, with its dates, format and place, and says
// TBC where the seed does.
func TestListAgreesWithSeed(t *testing.T) {
	for _, m := range months {
		t.Run(m, func(t *testing.T) {
			got := listJSON(t, "--month", m)
			want := seedCalendar[m]
			if len(got) != len(want) {
				t.Fatalf("%d events in %s, the seed has %d: %v", len(got), m, len(want), ids(got))
			}
			for j, w := range want {
				g := got[j]
				checks := []struct{ field, got, want string }{
					{"id", g.ID, w.id},
					{"title", g.Title, w.title},
					{"start", str(g.Start), str(w.start)},
					{"end", str(g.End), str(w.end)},
					{"month", g.Month, w.month},
					{"dateTBC", boolText(g.DateTBC), boolText(w.dateTBC)},
					{"format", str(g.Format), str(w.format)},
					{"location", str(g.Location), str(w.location)},
					{"locationTBC", boolText(g.LocationTBC), boolText(w.locationTBC)},
				}
				for _, c := range checks {
					if c.got != c.want {
						t.Errorf("%s event %d (%s): %s = %q, the seed says %q", m, j+1, w.id, c.field, c.got, c.want)
					}
				}
			}
		})
	}
}

// TestListSeedYear: the whole year lists the seed's 11 events, each once
// and in the order of the months, so none falls outside a month.
func TestListSeedYear(t *testing.T) {
	var want []string
	for _, m := range months {
		for _, e := range seedCalendar[m] {
			want = append(want, e.id)
		}
	}
	if len(want) != 11 {
		t.Fatalf("the seed table lists %d events; the published calendar has 11", len(want))
	}
	if got := ids(listJSON(t)); got != strings.Join(want, " ") {
		t.Errorf("bp list:\n got: %s\nwant: %s", got, strings.Join(want, " "))
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestListJunePromise is README's example, word for word what a user
// looks for in the table.
func TestListJunePromise(t *testing.T) {
	r := runPublished(t, "list", "--month", "june")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"25–26 Jun 2026", "Thematic Working Group", "Law Enforcement", "Cooperation",
		"(twg-law-enforcement-2026)", "In person", "Antalya, Türkiye", "Planned"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("bp list --month june: missing %q in\n%s", want, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, "(twg-") + strings.Count(r.stdout, "(rg-"); n != 1 {
		t.Errorf("bp list --month june shows %d events, want 1:\n%s", n, r.stdout)
	}
	golden.Assert(t, "../../testdata/list/month-june.golden", []byte(r.stdout))
}

func ids(evs []listedEvent) string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return strings.Join(out, " ")
}

// TestListMonthForms: every documented spelling of June gives June; a
// misspelt month is a usage error that lists the accepted forms.
func TestListMonthForms(t *testing.T) {
	for _, m := range []string{"june", "June", "JUNE", "jun", "Jun", "6", "06", "2026-06", " june "} {
		if got := ids(listJSON(t, "--month", m)); got != "twg-law-enforcement-2026" {
			t.Errorf("--month %q: %q, want June's event", m, got)
		}
	}
	for _, m := range []string{"sept", "Sept", "sep", "september", "9", "09", "2026-09"} {
		if got := ids(listJSON(t, "--month", m)); got != "twg-legal-pathways-2026 webinar-skills-partnerships webinar-missing-migrants" {
			t.Errorf("--month %q: %q, want September's three events", m, got)
		}
	}
	if got := listJSON(t, "--month", "2027-06"); len(got) != 0 {
		t.Errorf("--month 2027-06: %d events, want none", len(got))
	}
	for _, c := range []struct{ month, suggest string }{
		{"juen", `did you mean "june"?`}, {"septembre", `did you mean "september"?`},
		{"13", ""}, {"0", ""}, {"+6", ""}, {"-6", ""}, {"2026-13", ""}, {"", ""}, {"xyz", ""}, {"jun-2026", ""},
	} {
		r := runPublished(t, "list", "--month", c.month)
		if c.month == "" { // an empty --month is a mistake, not "no filter"
			if r.code != ExitUsage || !strings.Contains(r.stderr, "--month: empty value") {
				t.Errorf("--month '': exit %d: %s", r.code, r.stderr)
			}
			continue
		}
		if r.code != ExitUsage {
			t.Errorf("--month %q: exit %d, want %d", c.month, r.code, ExitUsage)
		}
		if !strings.Contains(r.stderr, "june, June") || !strings.Contains(r.stderr, "2026-06") || !strings.Contains(r.stderr, "--month") {
			t.Errorf("--month %q: the error does not list the accepted forms: %s", c.month, r.stderr)
		}
		if c.suggest != "" && !strings.Contains(r.stderr, c.suggest) {
			t.Errorf("--month %q: no %s in %s", c.month, c.suggest, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("--month %q: output on error: %q", c.month, r.stdout)
		}
	}
}

// TestListFilters: each filter alone and combined, on the plan as first
// published.
func TestListFilters(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-10-01"}, "twg-return-2026 som-2026 rg-2026-11"},
		{[]string{"--to", "2026-05-19"}, "rg-2026-03 syria-thematic-meeting"}, // a month-only May event may be on the 19th
		{[]string{"--from", "2026-06-26", "--to", "2026-07-07"}, "twg-law-enforcement-2026 rg-2026-07"},
		{[]string{"--from", "2026-11-26", "--to", "2026-11-26"}, "som-2026 rg-2026-11"},
		{[]string{"--month", "june", "--from", "2026-06-27"}, ""},
		{[]string{"--type", "webinar"}, "webinar-reintegration webinar-skills-partnerships webinar-missing-migrants"},
		{[]string{"--type", "reference-group,senior-officials", "--month", "november"}, "som-2026 rg-2026-11"},
		{[]string{"-t", "Webinar", "-t", "thematic-meeting"}, "syria-thematic-meeting webinar-reintegration webinar-skills-partnerships webinar-missing-migrants"},
		{[]string{"--group", "rg"}, "rg-2026-03 rg-2026-07 rg-2026-11"},
		{[]string{"--group", "twg-return,twg-legal-pathways"}, "webinar-reintegration twg-legal-pathways-2026 webinar-skills-partnerships twg-return-2026"},
		{[]string{"--status", "planned", "--month", "july"}, "rg-2026-07"},
		{[]string{"--status", "held"}, ""},
		{[]string{"--unconfirmed"}, "syria-thematic-meeting twg-legal-pathways-2026 webinar-missing-migrants twg-return-2026"},
		{[]string{"--tbc", "--month", "october"}, "twg-return-2026"},
		{[]string{"--search", "türkiye"}, "syria-thematic-meeting twg-law-enforcement-2026 twg-return-2026"},
		{[]string{"--search", "TÜRKIYE"}, "syria-thematic-meeting twg-law-enforcement-2026 twg-return-2026"},
		{[]string{"-s", "prague"}, "webinar-skills-partnerships"},
		{[]string{"--search", "first thematic working group meeting there"}, "twg-return-2026"}, // in notes
		{[]string{"--search", "no such words"}, ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if got := ids(listJSON(t, c.args...)); got != c.want {
				t.Errorf("bp list %s\n got: %s\nwant: %s", strings.Join(c.args, " "), got, c.want)
			}
		})
	}
}

// TestListUsageErrors: bad filter values exit 2 and say what to write.
func TestListUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"--from", "2026-02-30"}, `--from: "2026-02-30" is not a real date`},
		{[]string{"--to", "30/06/2026"}, "YYYY-MM-DD"},
		{[]string{"--from", "2026-07-01", "--to", "2026-06-01"}, "--to 2026-06-01 is before --from 2026-07-01"},
		{[]string{"--type", "workshop"}, `--type: unknown value "workshop"; use one of: reference-group, working-group`},
		{[]string{"--group", "nobody"}, `--group: unknown value "nobody"; use one of: rg, twg-return`},
		{[]string{"--status", "done"}, `--status: unknown value "done"; use one of: planned, confirmed, held`},
		{[]string{"-o", "xml"}, `--output: unknown format "xml"; use one of: text, json, csv, markdown`},
		{[]string{"extra-arg"}, `"extra-arg" is not a month`},
		{[]string{"--bogus"}, "unknown flag: --bogus"},
	}
	for _, c := range cases {
		r := runPublished(t, append([]string{"list"}, c.args...)...)
		if r.code != ExitUsage {
			t.Errorf("bp list %v: exit %d, want %d", c.args, r.code, ExitUsage)
		}
		if !strings.Contains(r.stderr, c.msg) {
			t.Errorf("bp list %v: stderr lacks %q:\n%s", c.args, c.msg, r.stderr)
		}
	}
	// No match is not an error: the table says so on stderr, JSON is [].
	r := runPublished(t, "list", "--status", "cancelled")
	if r.code != 0 || r.stdout != "" || r.stderr != "no events match\n" {
		t.Errorf("no match: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runPublished(t, "list", "--status", "cancelled", "-o", "json")
	if r.code != 0 || r.stdout != "{\n  \"events\": []\n}\n" {
		t.Errorf("no match as JSON: exit %d, stdout %q", r.code, r.stdout)
	}
}

// TestListOutputs goldens every output format for the whole plan as first
// published and checks each one's shape with a parser.
func TestListOutputs(t *testing.T) {
	for _, f := range []struct{ format, ext string }{{"table", "txt"}, {"json", "json"}, {"csv", "csv"}, {"markdown", "md"}} {
		t.Run(f.format, func(t *testing.T) {
			r := runPublished(t, "list", "-o", f.format)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
			}
			golden.Assert(t, "../../testdata/list/2026."+f.ext+".golden", []byte(r.stdout))
			switch f.format {
			case "json":
				var v map[string][]map[string]any
				if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || len(v["events"]) != 11 {
					t.Errorf("JSON: %v, %d events", err, len(v["events"]))
				}
				for _, e := range v["events"] {
					for _, k := range []string{"groups", "partners", "locationAlternatives"} {
						if _, isList := e[k].([]any); !isList {
							t.Errorf("event %v: %s is %v, want a list (never null)", e["id"], k, e[k])
						}
					}
				}
			case "csv":
				recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
				if err != nil || len(recs) != 12 {
					t.Fatalf("CSV: %v, %d records, want 12", err, len(recs))
				}
				for _, rec := range recs {
					if len(rec) != len(recs[0]) {
						t.Errorf("CSV record of %d fields, header has %d: %v", len(rec), len(recs[0]), rec)
					}
				}
			case "markdown":
				lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
				if len(lines) != 13 {
					t.Errorf("Markdown: %d lines, want 13", len(lines))
				}
				for _, l := range lines {
					if strings.Count(l, "|")-strings.Count(l, `\|`) != 5 {
						t.Errorf("Markdown row without 4 cells: %q", l)
					}
				}
			case "table":
				for _, l := range strings.Split(r.stdout, "\n") {
					if w := len([]rune(l)); w > 80 {
						t.Errorf("table line of %d columns, want ≤ 80: %q", w, l)
					}
				}
			}
		})
	}
}

// TestListHostileText: titles that carry terminal escapes, CSV formulas
// or HTML reach no output intact.
func TestListHostileText(t *testing.T) {
	plan := []byte(`formatVersion: 1
plan: {id: p, title: P, year: 2026, revision: 1, revised: 2026-01-01}
events:
  - id: evil
    title: "\e[2J\e]0;pwned\a=HYPERLINK(\"http://x\") <script>alert(1)</script> | \u202Eevil"
    type: webinar
    start: 2026-06-01
    status: planned
    location: {city: "=cmd|' /C calc'!A0", country: "@SUM(1)"}
`)
	env := map[string]string{EnvFile: writeTemp(t, "evil.yaml", plan)}
	for _, format := range []string{"table", "csv", "markdown"} {
		r := runBP(t, "", env, "list", "-o", format)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", format, r.code, r.stderr)
		}
		if strings.ContainsAny(r.stdout, "\x1b\a\u202e") {
			t.Errorf("%s: a control character reaches the output: %q", format, r.stdout)
		}
		switch format {
		case "csv":
			recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, cell := range recs[1] {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("CSV cell %q would run as a formula", cell)
				}
			}
		case "markdown":
			if strings.Contains(r.stdout, "<script>") {
				t.Errorf("HTML reaches the Markdown: %s", r.stdout)
			}
		}
	}
	// JSON keeps the text as data: escaped by the encoder, unchanged.
	r := runBP(t, "", env, "list", "-o", "json")
	if !bytes.Contains([]byte(r.stdout), []byte(`\u001b[2J`)) {
		t.Errorf("JSON does not keep the title as data: %s", r.stdout)
	}
}

// writeTemp writes data to a file in a fresh temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
