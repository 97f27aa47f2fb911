package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

// TestShowGolden: the full text and JSON of events that use every part
// of the format the plan as first published has: alternatives,
// back-to-back, a product, partners, a month-only date, a TBC day.
func TestShowGolden(t *testing.T) {
	for _, id := range []string{"twg-return-2026", "som-2026", "webinar-skills-partnerships", "syria-thematic-meeting", "webinar-missing-migrants"} {
		for _, format := range []string{"text", "json", "markdown"} {
			t.Run(id+"/"+format, func(t *testing.T) {
				r := runPublished(t, "show", id, "-o", format)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
				}
				golden.Assert(t, "../../testdata/show/"+id+"."+format+".golden", []byte(r.stdout))
				if format == "json" {
					var v struct {
						Event struct {
							ID string `json:"id"`
						} `json:"event"`
					}
					if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.Event.ID != id {
						t.Errorf("JSON: %v, id %q", err, v.Event.ID)
					}
				}
			})
		}
	}
}

func TestShowFacts(t *testing.T) {
	r := runPublished(t, "show", "twg-return-2026")
	for _, want := range []string{
		"Thematic Working Group Meeting on Return and Reintegration\n\n",
		"  Date          6–7 Oct 2026\n",
		"  Status        Planned · Needs follow-up, ended 51 days ago, no outcome\n                recorded\n",
		"  Place         one of Baghdad, Iraq / Istanbul, Türkiye (TBC)\n",
		"  Groups        Thematic Working Group on Return and Reintegration\n",
		"  Notes         If held in Iraq, the first Thematic Working Group meeting\n                there.\n",
		"  Id            twg-return-2026\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("bp show twg-return-2026 lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runPublished(t, "show", "som-2026")
	if !strings.Contains(r.stdout, "  Back-to-back  Reference Group Meeting, 24–26 Nov 2026\n") {
		t.Errorf("bp show som-2026 does not name its back-to-back pair:\n%s", r.stdout)
	}
}

func TestShowErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"show", "rg-2026"}, ExitUsage, `no event "rg-2026" in Budapest Process Workplan 2026; did you mean rg-2026-03 or rg-2026-07 or rg-2026-11?`},
		{[]string{"show", "nothing-like-it"}, ExitUsage, `no event "nothing-like-it" in Budapest Process Workplan 2026; run 'bp list' for the ids`},
		{[]string{"show", "som2026"}, ExitUsage, "did you mean som-2026?\n"},
		{[]string{"show", "SOM-2026"}, ExitUsage, "did you mean som-2026?\n"},
		{[]string{"show", "webinar-missing-migrant"}, ExitUsage, "did you mean webinar-missing-migrants?\n"},
		{[]string{"show"}, ExitUsage, "bp show: needs an event id\nUsage: bp show <id> [flags]\n"},
		{[]string{"show", "a", "b"}, ExitUsage, "bp show: takes one event id, got 2: a b\nUsage: bp show <id> [flags]\n"},
		{[]string{"show", "som-2026", "-o", "yaml"}, ExitUsage, `unknown format "yaml"; use one of: text, markdown, json`},
		{[]string{"show", "-f", "../../testdata/validate/date-order.yaml", "twg-june"}, ExitInvalid, "end 2026-06-20 is before start 2026-06-25"},
		{[]string{"show", "-f", "../../testdata/no-such.yaml", "x"}, ExitUsage, "no such file"},
	}
	for _, c := range cases {
		r := runPublished(t, c.args...)
		if r.code != c.code {
			t.Errorf("bp %v: exit %d, want %d (%s)", c.args, r.code, c.code, r.stderr)
		}
		if !strings.Contains(r.stderr, c.msg) {
			t.Errorf("bp %v: stderr lacks %q:\n%s", c.args, c.msg, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("bp %v: output on error: %q", c.args, r.stdout)
		}
	}
}

// TestShowHostileText: escape sequences in any field of a plan never
// reach the terminal.
func TestShowHostileText(t *testing.T) {
	plan := []byte(`formatVersion: 1
plan: {id: p, title: "P\e[31m", year: 2026, revision: 1, revised: 2026-01-01}
events:
  - id: evil
    title: "\e[2J\e]0;pwned\a title"
    type: webinar
    start: 2026-06-01
    status: planned
    partners: ["\e[5mblink"]
    location: {city: "\x9b31m", country: "\u202Eevil"}
    purpose: "line one\nline two \e[0m"
    notes: "\e]8;;http://evil\e\\link\e]8;;\e\\"
`)
	env := map[string]string{EnvFile: writeTemp(t, "evil.yaml", plan)}
	r := runBP(t, "", env, "show", "evil")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stdout, "\x1b\a\u009b\u202e") {
		t.Errorf("a control character reaches the terminal: %q", r.stdout)
	}
	for _, want := range []string{"[2J]0;pwned title", "line one line two", "[5mblink"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lost with the escapes: no %q in %q", want, r.stdout)
		}
	}
	r = runBP(t, "", env, "list")
	if strings.ContainsAny(r.stdout, "\x1b\a\u009b\u202e") {
		t.Errorf("a control character reaches the terminal in bp list: %q", r.stdout)
	}
}
