package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// runCalApp runs bp on the published plan with stdout a terminal or not,
// and env on top of BP_FILE.
func runCalApp(terminal bool, env map[string]string, args ...string) result {
	var out, errb bytes.Buffer
	all := published()
	for k, v := range env {
		all[k] = v
	}
	app := &App{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: fixedNow,
		Getenv: func(k string) string { return all[k] },
		Getwd:  func() (string, error) { return repoRoot, nil },
		IsTerminal: func(w io.Writer) bool {
			return terminal && w == io.Writer(&out)
		},
	}
	code := app.Run(args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// TestCalCommand: which months bp cal shows, and its mistakes.
func TestCalCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string // in order
	}{
		{[]string{"cal"}, []string{"   November 2026\n", "23 24*25*26*27 28 29\n", "  * 24–26 Nov       Annual Senior Officials Meeting (som-2026)\n", "today: Fri 27 Nov 2026\n"}},
		{[]string{"cal", "june"}, []string{"     June 2026\n", "22 23 24 25*26*27 28\n", "twg-law-enforcement-2026"}},
		{[]string{"cal", "2026-09"}, []string{"   September 2026\n", "14?15", "    day TBC         Thematic Working Group Meeting on Legal Pathways for\n"}},
		{[]string{"--today", "2026-05-02", "cal"}, []string{"      May 2026\n", "syria-thematic-meeting", "today: Sat 2 May 2026\n"}},
		{[]string{"cal", "--year"}, []string{"    January 2026", "March 2026\n", "\nMarch\n", "December 2026\n", "\nNovember\n", "today: Fri 27 Nov 2026\n"}},
	} {
		r := runCalApp(false, nil, tc.args...)
		if r.code != 0 {
			t.Errorf("bp %s: exit %d: %s", strings.Join(tc.args, " "), r.code, r.stderr)
			continue
		}
		rest := r.stdout
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("bp %s: %q missing, or out of order, in\n%s", strings.Join(tc.args, " "), w, r.stdout)
				break
			}
			rest = rest[i+len(w):]
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"cal", "june", "--year"}, "give a month or --year, not both"},
		{[]string{"cal", "juen"}, `did you mean "june"?`},
		{[]string{"cal", "june", "july"}, "bp cal: takes one month at most, got 2: june july\nUsage: bp cal [month | --year [YYYY]] [flags]"},
		{[]string{"cal", "--color", "sometimes"}, `--color: unknown value "sometimes"`},
	} {
		r := runCalApp(false, nil, tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("bp %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), r.code, r.stdout, r.stderr, tc.want)
		}
	}
}

// TestCalColour: colour on a terminal only, and never with NO_COLOR set
// or TERM=dumb; --color always and never win over both.
func TestCalColour(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		env      map[string]string
		args     []string
		colour   bool
	}{
		{"terminal", true, nil, nil, true},
		{"pipe", false, nil, nil, false},
		{"terminal, NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, nil, false},
		{"terminal, NO_COLOR empty", true, map[string]string{"NO_COLOR": ""}, nil, true},
		{"terminal, TERM=dumb", true, map[string]string{"TERM": "dumb"}, nil, false},
		{"pipe, --color always", false, nil, []string{"--color", "always"}, true},
		{"NO_COLOR, --color always", true, map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true},
		{"terminal, --color never", true, nil, []string{"--color", "never"}, false},
		{"terminal, --color auto", true, nil, []string{"--color", "auto"}, true},
	} {
		r := runCalApp(tc.terminal, tc.env, append([]string{"cal"}, tc.args...)...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, r.code, r.stderr)
		}
		if got := strings.Contains(r.stdout, "\x1b["); got != tc.colour {
			t.Errorf("%s: colour %v, want %v:\n%s", tc.name, got, tc.colour, r.stdout)
		}
		if tc.colour && !strings.Contains(r.stdout, "\x1b[7m27\x1b[0m") {
			t.Errorf("%s: today (27) not in reverse video:\n%q", tc.name, r.stdout)
		}
	}
}
