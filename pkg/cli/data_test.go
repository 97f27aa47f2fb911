package cli

// The data the edit commands write besides dates and places (issue 21):
// an event's reason, purpose, partners, product and links; an outcome's
// conclusions; a change to an action.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mustRun runs bp in dir and fails the test unless it exits 0.
func mustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := runBPIn(t, dir, "", editEnv(), args...)
	if r.code != ExitOK {
		t.Fatalf("bp %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// refused runs bp in dir, wants exit code and want in its stderr, and
// the plan file as it was.
func refused(t *testing.T, dir, plan string, code int, want string, args ...string) {
	t.Helper()
	before := readFixture(t, plan)
	r := runBPIn(t, dir, "", editEnv(), args...)
	if r.code != code || !strings.Contains(r.stderr, want) {
		t.Errorf("bp %s: exit %d, want %d and %q in\n%s", strings.Join(args, " "), r.code, code, want, r.stderr)
	}
	if readFixture(t, plan) != before {
		t.Errorf("bp %s: refused, but the file changed", strings.Join(args, " "))
	}
}

// showJSON is bp show ID -o json's event.
func showJSON(t *testing.T, dir, id string) map[string]any {
	t.Helper()
	var v struct {
		Event map[string]any `json:"event"`
	}
	r := mustRun(t, dir, "show", id, "-o", "json")
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	return v.Event
}

// TestAddAndSetFields: bp add writes a purpose, partners, a product and
// links in the one command; bp set changes them, and --unset removes
// them.
func TestAddAndSetFields(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	mustRun(t, dir, "add", "webinar-data-2026", "--title", "Webinar on migration data", "--type", "webinar",
		"--date", "2026-10-20", "--time", "10:00-12:00", "--tz", "Europe/Vienna", "--format", "online",
		"--purpose", "To present the data paper.", "--partner", "IOM", "--partner", "Prague Process, its Secretariat",
		"--product", "paper-reintegration",
		"--link", "join=https://meet.example.org/j/2026?pwd=a=b,c Join the webinar",
		"--link", "registration=https://example.org/register")
	e := showJSON(t, dir, "webinar-data-2026")
	links, _ := json.Marshal(e["links"])
	if e["purpose"] != "To present the data paper." || e["product"] != "paper-reintegration" ||
		!slices.Equal(anyStrings(e["partners"]), []string{"IOM", "Prague Process, its Secretariat"}) ||
		string(links) != `[{"kind":"join","label":"Join the webinar","url":"https://meet.example.org/j/2026?pwd=a=b,c"},{"kind":"registration","label":null,"url":"https://example.org/register"}]` {
		t.Errorf("bp add wrote %v", e)
	}
	mustRun(t, dir, "set", "webinar-data-2026", "--partner", "UNHCR", "--purpose", "To discuss the data.",
		"--link", "join=https://meet.example.org/j/2026?pwd=a=b,c", "--link", "agenda=https://example.org/agenda.pdf",
		"--remove-link", "registration")
	e = showJSON(t, dir, "webinar-data-2026")
	links, _ = json.Marshal(e["links"])
	if e["purpose"] != "To discuss the data." || !slices.Equal(anyStrings(e["partners"]), []string{"UNHCR"}) ||
		string(links) != `[{"kind":"join","label":null,"url":"https://meet.example.org/j/2026?pwd=a=b,c"},{"kind":"agenda","label":null,"url":"https://example.org/agenda.pdf"}]` {
		t.Errorf("bp set wrote %v", e)
	}
	mustRun(t, dir, "set", "webinar-data-2026", "--remove-link", "https://example.org/agenda.pdf", "--unset", "partners,product,purpose")
	e = showJSON(t, dir, "webinar-data-2026")
	if e["purpose"] != nil || e["product"] != nil || len(anyStrings(e["partners"])) != 0 || len(e["links"].([]any)) != 1 {
		t.Errorf("after the removals: %v", e)
	}
	mustRun(t, dir, "set", "webinar-data-2026", "--unset", "links")
	if strings.Contains(readFixture(t, plan), "links:") {
		t.Error("--unset links left links in the file")
	}
	refused(t, dir, plan, ExitInvalid, `unknown product "paper-nope"`, "set", "webinar-data-2026", "--product", "paper-nope")
	refused(t, dir, plan, ExitUsage, "--link \"http://example.org/a.pdf\" is plain http", "add", "x-2026", "--title", "X", "--type", "webinar",
		"--date", "2026-10-21", "--link", "agenda=http://example.org/a.pdf")
}

func anyStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestReasonIsItsOwnFact: bp cancel --reason and bp postpone --reason
// keep the reason as the event's own (its notes stay as they were), and
// every document shows it with one label: bp list (under the title, in
// 80 columns), bp show, bp brief, bp status, the site's event page and
// the calendar's DESCRIPTION. Cancelling without a reason a meeting
// postponed for one drops that reason; bringing a cancelled meeting back
// drops its reason too.
func TestReasonIsItsOwnFact(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	notes := showJSON(t, dir, "twg-return-2026")["notes"]
	const why = "merged into the Senior Officials Meeting"
	mustRun(t, dir, "cancel", "twg-return-2026", "--reason", why)
	if e := showJSON(t, dir, "twg-return-2026"); e["reason"] != why || e["notes"] != notes {
		t.Errorf("reason %q, notes %q (were %q)", e["reason"], e["notes"], notes)
	}
	out := filepath.Join(t.TempDir(), "site")
	docs := map[string]string{
		"bp list":   mustRun(t, dir, "list", "--month", "2026-10").stdout,
		"bp show":   mustRun(t, dir, "show", "twg-return-2026").stdout,
		"bp brief":  mustRun(t, dir, "brief", "twg-return-2026").stdout,
		"bp status": mustRun(t, dir, "status").stdout,
		"bp ics":    strings.NewReplacer("\r\n ", "", `\,`, ",").Replace(mustRun(t, dir, "ics", "twg-return-2026").stdout),
	}
	mustRun(t, dir, "site", "--out", out)
	page, err := os.ReadFile(filepath.Join(out, "events", "twg-return-2026.html"))
	if err != nil {
		t.Fatal(err)
	}
	docs["the site's page"] = string(page)
	for name, want := range map[string]string{
		"bp list":         "│ Reason: merged into the ",
		"bp show":         "Reason        merged into the Senior Officials Meeting",
		"bp brief":        "Reason        merged into the Senior Officials Meeting",
		"bp status":       "Reason: " + why,
		"bp ics":          `\nStatus: Cancelled\nReason: ` + why + `\n`,
		"the site's page": "<dt>Reason</dt><dd>" + why + "</dd>",
	} {
		if !strings.Contains(docs[name], want) {
			t.Errorf("%s does not show the reason (%q):\n%s", name, want, docs[name])
		}
	}
	for _, l := range strings.Split(docs["bp list"], "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("bp list: a line of %d columns: %s", n, l)
		}
	}

	// postponed for a reason, then cancelled without one: that reason
	// said why it was postponed, not why it is cancelled
	mustRun(t, dir, "postpone", "rg-2026-07", "--reason", "the host asked for a later date")
	if e := showJSON(t, dir, "rg-2026-07"); e["reason"] != "the host asked for a later date" || e["status"] != "postponed" {
		t.Errorf("after postpone --reason: %v", e)
	}
	mustRun(t, dir, "postpone", "rg-2026-07", "--to", "2026-07-14")
	if e := showJSON(t, dir, "rg-2026-07"); e["reason"] != "the host asked for a later date" {
		t.Errorf("a new date without a new reason: the reason is %q", e["reason"])
	}
	mustRun(t, dir, "cancel", "rg-2026-07")
	if e := showJSON(t, dir, "rg-2026-07"); e["reason"] != nil {
		t.Errorf("cancelled without a reason, it keeps the postponement's: %q", e["reason"])
	}
	// brought back: the cancellation's reason goes
	mustRun(t, dir, "set", "twg-return-2026", "--status", "planned")
	if e := showJSON(t, dir, "twg-return-2026"); e["reason"] != nil {
		t.Errorf("no longer cancelled, it keeps the reason %q", e["reason"])
	}
	if strings.Contains(readFixture(t, plan), "Cancelled:") {
		t.Error("a reason went into the notes")
	}
}

// TestLinksEverywhere: a link bp set writes is a fact with a link in bp
// show and bp brief (-o json: its link), on the site's event page (an
// anchor to the address) and in the calendar (CONFERENCE for a join
// link, ATTACH for documents, and DESCRIPTION for every link).
func TestLinksEverywhere(t *testing.T) {
	t.Parallel()
	dir, _ := planDir(t, publishedFormat2)
	mustRun(t, dir, "set", "rg-2026-07", "--link", "join=https://meet.example.org/j/7 Join the meeting",
		"--link", "documents=https://example.org/rg-07/conclusions.pdf Chair's conclusions")
	var show struct {
		Facts []struct{ Label, Value, Link string }
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "show", "rg-2026-07", "-o", "json").stdout), &show); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range show.Facts {
		if f.Link != "" {
			got = append(got, f.Label+"|"+f.Value+"|"+f.Link)
		}
	}
	want := []string{"Join online|Join the meeting|https://meet.example.org/j/7", "Documents|Chair's conclusions|https://example.org/rg-07/conclusions.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("bp show -o json: facts with a link %q, want %q", got, want)
	}
	if b := mustRun(t, dir, "brief", "rg-2026-07").stdout; !strings.Contains(b, "Join online   Join the meeting (https://meet.example.org/j/7)") {
		t.Errorf("bp brief:\n%s", b)
	}
	ics := strings.ReplaceAll(mustRun(t, dir, "ics", "rg-2026-07").stdout, "\r\n ", "")
	for _, w := range []string{
		"CONFERENCE;FEATURE=VIDEO,AUDIO;LABEL=Join the meeting;VALUE=URI:https://meet.example.org/j/7\r\n",
		"ATTACH;FMTTYPE=application/pdf:https://example.org/rg-07/conclusions.pdf\r\n",
		`\nJoin online: Join the meeting (https://meet.example.org/j/7)\n`,
		`\nDocuments: Chair's conclusions (https://example.org/rg-07/conclusions.pdf)\n`,
	} {
		if !strings.Contains(ics, w) {
			t.Errorf("bp ics lacks %q:\n%s", w, ics)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	mustRun(t, dir, "site", "--out", out)
	page, err := os.ReadFile(filepath.Join(out, "events", "rg-2026-07.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<dt>Join online</dt><dd><a href="https://meet.example.org/j/7">Join the meeting</a></dd>`) {
		t.Errorf("the event's page does not link the join link:\n%s", page)
	}
}

// TestRecordConclusions: bp record --conclusion adds conclusions (after
// those recorded, each once), without --summary once the outcome is
// recorded, keeping its date; --clear-conclusions replaces them; the
// edits keep the file's comments, raise the revision once per change
// set, and --dry-run writes nothing.
func TestRecordConclusions(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "published")
	// a comment on the event, to keep
	data := strings.Replace(readFixture(t, plan), "  - id: rg-2026-03\n", "  # the March meeting\n  - id: rg-2026-03\n", 1)
	if err := os.WriteFile(plan, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	conclusions := func() []string {
		t.Helper()
		o, _ := showJSON(t, dir, "rg-2026-03")["outcome"].(map[string]any)
		if o == nil {
			return nil
		}
		return anyStrings(o["conclusions"])
	}
	mustRun(t, dir, "record", "rg-2026-03", "--summary", "The workplan was endorsed.", "--on", "2026-03-05",
		"--conclusion", "The 2026 workplan is endorsed.", "--conclusion", "Iraq offers to host the meeting on return.")
	mustRun(t, dir, "record", "rg-2026-03", "--conclusion", "The 2026 workplan is endorsed.", "--conclusion", "A paper on return is due in April.")
	if got := conclusions(); !slices.Equal(got, []string{"The 2026 workplan is endorsed.", "Iraq offers to host the meeting on return.", "A paper on return is due in April."}) {
		t.Errorf("conclusions %q", got)
	}
	e := showJSON(t, dir, "rg-2026-03")
	if o := e["outcome"].(map[string]any); o["recorded"] != "2026-03-05" || o["summary"] != "The workplan was endorsed." {
		t.Errorf("adding a conclusion changed the outcome: %v", o)
	}
	if r := runBPIn(t, dir, "", editEnv(), "record", "rg-2026-03", "--conclusion", "A paper on return is due in April."); r.code != ExitOK || !strings.Contains(r.stderr, "nothing to change") {
		t.Errorf("a conclusion given twice: exit %d\n%s", r.code, r.stderr)
	}
	before := readFixture(t, plan)
	mustRun(t, dir, "record", "rg-2026-03", "--clear-conclusions", "--conclusion", "The workplan is endorsed as amended.", "--dry-run")
	if readFixture(t, plan) != before {
		t.Error("--dry-run wrote the file")
	}
	mustRun(t, dir, "record", "rg-2026-03", "--clear-conclusions", "--conclusion", "The workplan is endorsed as amended.")
	if got := conclusions(); !slices.Equal(got, []string{"The workplan is endorsed as amended."}) {
		t.Errorf("after --clear-conclusions: %q", got)
	}
	mustRun(t, dir, "record", "rg-2026-03", "--clear-conclusions")
	if got := conclusions(); len(got) != 0 {
		t.Errorf("--clear-conclusions alone left %q", got)
	}
	after := readFixture(t, plan)
	if !strings.Contains(after, "  # the March meeting\n  - id: rg-2026-03\n") {
		t.Error("the comment above the event is gone")
	}
	if !strings.Contains(after, "  revision: 2\n") {
		t.Errorf("four edits in one change set: the plan's revision is not 2:\n%s", after[:400])
	}
	if r := runBPIn(t, dir, "", editEnv(), "fmt", "--check"); r.code != ExitOK {
		t.Errorf("the file is not in bp fmt's layout: %s", r.stderr)
	}
}

// TestActionSet: bp action set changes an action's text, owners, due
// date, the meetings it is reported to and whether it is public; a
// misspelt owner is refused (by bp action add too), and so is a meeting
// to report to that no plan has; nothing is written then.
func TestActionSet(t *testing.T) {
	t.Parallel()
	dir, plan := planDir(t, publishedFormat2)
	mustRun(t, dir, "record", "rg-2026-03", "--summary", "Endorsed.", "--on", "2026-03-05")
	mustRun(t, dir, "action", "add", "rg-2026-03", "Circulate the paper", "--owner", "secretariat", "--due", "2026-04")
	mustRun(t, dir, "action", "set", "rg-2026-03-a1", "--text", "Circulate the draft paper on return",
		"--owner", "secretariat", "--owner", "twg-return", "--due", "2026-05-15", "--report-to", "rg-2026-07", "--public")
	var acts struct {
		Actions []map[string]any `json:"actions"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "actions", "-o", "json").stdout), &acts); err != nil {
		t.Fatal(err)
	}
	a := acts.Actions[0]
	if a["text"] != "Circulate the draft paper on return" || !slices.Equal(anyStrings(a["owners"]), []string{"secretariat", "twg-return"}) ||
		a["due"] != "2026-05-15" || !slices.Equal(anyStrings(a["reportTo"]), []string{"rg-2026-07"}) || a["public"] != true {
		t.Errorf("bp action set wrote %v", a)
	}
	mustRun(t, dir, "action", "set", "rg-2026-03-a1", "--internal", "--clear-report-to")
	if f := readFixture(t, plan); strings.Contains(f, "public: true") || strings.Contains(f, "reportTo:") {
		t.Errorf("--internal --clear-report-to left:\n%s", f)
	}
	refused(t, dir, plan, ExitUsage, "refused: owner \"twg-retrun\" is no group of the plan nor an office; nothing was written\n  hint: did you mean \"twg-return\"?",
		"action", "set", "rg-2026-03-a1", "--owner", "twg-retrun")
	refused(t, dir, plan, ExitUsage, "refused: owner \"twg-retrun\" is no group of the plan nor an office",
		"action", "add", "rg-2026-03", "Share the data", "--owner", "twg-retrun", "--due", "2026-06")
	refused(t, dir, plan, ExitInvalid, `reportTo names unknown event "rg-2026-10"`,
		"action", "set", "rg-2026-03-a1", "--report-to", "rg-2026-10")
	refused(t, dir, plan, ExitInvalid, "before the meeting", "action", "set", "rg-2026-03-a1", "--due", "2026-02")
	refused(t, dir, plan, ExitUsage, `no action "rg-2026-03-a9"`, "action", "set", "rg-2026-03-a9", "--text", "x")
	refused(t, dir, plan, ExitUsage, "give --text, --owner, --due, --report-to, --clear-report-to, --public or --internal", "action", "set", "rg-2026-03-a1")
	// a body in plain words is taken as written
	mustRun(t, dir, "action", "set", "rg-2026-03-a1", "--owner", "IOM")
}
