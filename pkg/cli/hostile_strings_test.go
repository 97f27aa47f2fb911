package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/safetext"
)

// hostilePlans writes the hostile-strings plan (every free-text field
// holds escape sequences, C1, bidi and zero-width characters, CR and LF)
// under a file name that is hostile too, with a changed copy for diff and
// a broken copy for validate. It returns their paths.
func hostilePlans(t *testing.T) (plan, newer, broken string) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/hostile-strings/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	plan = write("plan \x1b[31m\u202e\u200b\u0085\x07.yaml", text)

	// diff: a renamed and moved event, a changed plan title, an event
	// added; every change text quotes hostile values
	n := strings.Replace(text, "revision: 2", "revision: 3", 1)
	n = strings.Replace(n, `title: "Held title `, `title: "Renamed title \e[32m\u202e `, 1)
	n = strings.Replace(n, `city: "Held city `, `city: "Moved city \u2066\x9b `, 1)
	n = strings.Replace(n, `title: "Plan title `, `title: "New plan title \u200b\x1b]8;;x\a `, 1)
	n += `
  - id: added-event
    title: "Added title \e[31m\u202e\u200b\x85"
    type: webinar
    start: 2026-12-01
    format: online
    status: planned
    notes: "Added notes \r\n\e[2J"
`
	newer = write("new \x1b]8;;http:evil\x07plan\x1b]8;;\x07.yaml", n)

	// validate: an in-person event on the held event's day in another
	// hostile city (an overlap warning quotes both cities), and a
	// status that is no status (an error)
	b := text + `
  - id: clash
    title: "Clash title \e[31m\u202e"
    type: webinar
    start: 2026-03-04
    format: in-person
    location:
      city: "Clash city \e]8;;http://evil.example/\alink\e]8;;\a \x9b31m \u202e \u200b"
      country: "Clash country \e[31m"
    status: planned
  - id: bad-status
    title: "Bad status \e[31m"
    type: webinar
    start: 2026-05-05
    status: "planned \e[31m\u202e\x9b"
`
	broken = write("broken \x1b[2J\u202e.yaml", b)
	return plan, newer, broken
}

// assertNoUnsafe fails when out is not valid UTF-8 or holds an unsafe
// character (pkg/safetext) other than the line feeds that end lines; in
// ok, the other characters the output's format needs.
func assertNoUnsafe(t *testing.T, stream, out, ok string) {
	t.Helper()
	if where := unsafeAt(out, ok); where != "" {
		t.Errorf("%s: an unsafe character reaches it: …%s…", stream, where)
	}
}

// TestHostileStrings runs every command and output format over the
// hostile-strings plan and asserts that no control, bidi or zero-width
// character reaches stdout or stderr (issue 9, item 5): text outputs drop
// them, JSON keeps them only as \u escapes.
func TestHostileStrings(t *testing.T) {
	plan, newer, broken := hostilePlans(t)
	const asOf = "2026-07-01"
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // a marker of the hostile text, in stdout or stderr
		json bool   // stdout is JSON: parses, and keeps the data escaped
		ics  bool   // stdout is iCalendar: CRLF line ends
	}{
		{name: "list table", args: []string{"list", "-f", plan}, want: "Held title"},
		{name: "list json", args: []string{"list", "-f", plan, "-o", "json"}, want: "Held title", json: true},
		{name: "list csv", args: []string{"list", "-f", plan, "-o", "csv"}, want: "Partner one"},
		{name: "list markdown", args: []string{"list", "-f", plan, "-o", "markdown"}, want: "Held city"},
		{name: "list search", args: []string{"list", "-f", plan, "--search", "partner one"}, want: "Held title"},
		{name: "list search hostile", args: []string{"list", "-f", plan, "--search", "held \x1b[31m\u202e"}, want: "no events match"},
		{name: "show text held", args: []string{"show", "held-event", "-f", plan}, want: "Outcome summary"},
		{name: "show text webinar", args: []string{"show", "webinar", "-f", plan}, want: "Product title"},
		{name: "show text tbc", args: []string{"show", "tbc-event", "-f", plan}, want: "Alt city two"},
		{name: "show json", args: []string{"show", "held-event", "-f", plan, "-o", "json"}, want: "Purpose", json: true},
		{name: "status text", args: []string{"status", "-f", plan, "--as-of", asOf}, want: "Milestone title"},
		{name: "status markdown", args: []string{"status", "-f", plan, "--as-of", asOf, "-o", "markdown"}, want: "Product title"},
		{name: "status html", args: []string{"status", "-f", plan, "--as-of", asOf, "-o", "html"}, want: "Milestone notes"},
		{name: "status json", args: []string{"status", "-f", plan, "--as-of", asOf, "-o", "json"}, want: "Framework", json: true},
		{name: "diff text", args: []string{"diff", plan, newer}, code: 1, want: "Renamed title"},
		{name: "diff markdown", args: []string{"diff", plan, newer, "-o", "markdown"}, code: 1, want: "Moved city"},
		{name: "diff json", args: []string{"diff", plan, newer, "-o", "json"}, code: 1, want: "Added title", json: true},
		{name: "validate text", args: []string{"validate", plan}, want: "0 errors"},
		{name: "validate broken text", args: []string{"validate", broken}, code: 1, want: "Clash city"},
		{name: "validate broken json", args: []string{"validate", broken, "--format", "json"}, code: 1, want: "Clash city", json: true},
		{name: "validate broken github", args: []string{"validate", broken, "--format", "github"}, code: 1, want: "Clash city"},
		{name: "ics", args: []string{"ics", "-f", plan}, want: "Held title", ics: true},
		{name: "ics undated", args: []string{"ics", "-f", plan, "--include-undated"}, want: "TBC title", ics: true},
		{name: "version", args: []string{"version", "-f", plan}, want: "bp"},
		{name: "complete show", args: []string{"__complete", "-f", plan, "show", ""}, want: "held-event"},
		{name: "show unknown", args: []string{"show", "no-such-event", "-f", plan}, code: 2, want: "no-such-event"},
		{name: "list broken", args: []string{"list", "-f", broken}, code: 1, want: "bad-status"},
		{name: "list missing file", args: []string{"list", "-f", plan + ".missing\x1b[31m"}, code: 2, want: "missing"},
		{name: "fmt check", args: []string{"fmt", "--check", plan}, code: -1, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runBP(t, "", nil, tc.args...)
			if tc.code >= 0 && r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %q\nstderr: %q", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, tc.want) {
				t.Fatalf("%q in neither stdout nor stderr (the hostile text must reach the output, cleaned)\nstdout: %q\nstderr: %q", tc.want, r.stdout, r.stderr)
			}
			stdout, ok := r.stdout, ""
			switch {
			case tc.ics:
				stdout = strings.ReplaceAll(stdout, "\r\n", "\n")
			case tc.args[0] == "__complete":
				ok = "\t" // cobra's protocol: id, tab, description
			}
			assertNoUnsafe(t, "stdout", stdout, ok)
			assertNoUnsafe(t, "stderr", r.stderr, "")
			if tc.args[0] == "__complete" {
				for _, l := range strings.Split(stdout, "\n") {
					if strings.Count(l, "\t") > 1 {
						t.Errorf("completion line with more than one tab: %q", l)
					}
				}
			}
			if tc.json {
				var v any
				if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
					t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
				}
				// the data is kept, escaped
				if !strings.Contains(r.stdout, `\u202e`) || !strings.Contains(r.stdout, `\u001b`) {
					t.Errorf("the JSON lost the hostile characters (want them as \\u escapes):\n%s", r.stdout)
				}
				if !strings.Contains(jsonStrings(v), "\u202e") {
					t.Errorf("the JSON does not decode to the hostile text")
				}
			}
		})
	}
}

// unsafeAt quotes the text around the first character that
// assertNoUnsafe would fail on, or returns "".
func unsafeAt(out, ok string) string {
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	for i, r := range out {
		if r != '\n' && !strings.ContainsRune(ok, r) && safetext.Unsafe(r) {
			lo, hi := max(0, i-60), min(len(out), i+60)
			return strconv.Quote(out[lo:hi])
		}
	}
	return ""
}

// jsonStrings joins every string in a decoded JSON value.
func jsonStrings(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestListLongWord: a title and a city of one 1 MB word each are listed
// (issue 9, item 3: wrapping was quadratic in the length of a word; a
// 200 k word took 9 s, 10 MB never finished; now 10 MB takes about 4 s
// of CPU, measured by hand). Every line of the table still fits 80
// columns, and the output is bounded by the input.
func TestListLongWord(t *testing.T) {
	word := strings.Repeat("x", 1<<20)
	plan := `formatVersion: 1
plan: {id: p, title: P, year: 2026, revision: 1, revised: 2026-01-01}
events:
  - id: long
    title: ` + word + `
    type: webinar
    start: 2026-06-25
    format: in-person
    location: {city: ` + word + `, country: X}
    status: planned
`
	path := filepath.Join(t.TempDir(), "long.yaml")
	if err := os.WriteFile(path, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBP(t, "", nil, "list", "-f", path)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n, limit := len(r.stdout), 12*len(plan); n > limit {
		t.Errorf("%d bytes of output for a %d-byte plan", n, len(plan))
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if w := utf8.RuneCountInString(l); w > 80 {
			t.Fatalf("a line of %d columns: %q", w, l)
		}
	}
	if got := strings.Count(r.stdout, "x"); got != 2<<20 {
		t.Errorf("the table shows %d x's, want %d", got, 2<<20)
	}
}
