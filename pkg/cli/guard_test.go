package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/render"
)

// TestBlankFlagValues: a flag given an empty or blank value is refused
// with exit 2 and its name, never taken as "not given".
func TestBlankFlagValues(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"-f", "", "list"}, "--file"},
		{[]string{"--file=", "version"}, "--file"},
		{[]string{"list", "--month", ""}, "--month"},
		{[]string{"list", "-m", " "}, "--month"},
		{[]string{"list", "--from", ""}, "--from"},
		{[]string{"list", "--to", "\t"}, "--to"},
		{[]string{"list", "-t", ""}, "--type"},
		{[]string{"list", "-t", ","}, "--type"},
		{[]string{"list", "-g", ""}, "--group"},
		{[]string{"list", "--status", ""}, "--status"},
		{[]string{"list", "-s", ""}, "--search"},
		{[]string{"list", "-o", ""}, "--output"},
		{[]string{"ics", "--month", ""}, "--month"},
		{[]string{"ics", "--out", ""}, "--out"},
		{[]string{"ics", "--feeds", ""}, "--feeds"},
		{[]string{"status", "--as-of", ""}, "--as-of"},
		{[]string{"status", "--out", ""}, "--out"},
		{[]string{"--today", "", "status"}, "--today"},
		{[]string{"validate", "--today", ""}, "--today"},
		{[]string{"validate", "--against", ""}, "--against"},
		{[]string{"validate", "--format", ""}, "--format"},
		{[]string{"diff", "-o", ""}, "--output"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, dir, "", nil, c.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", r.code, ExitUsage, r.stdout, r.stderr)
			}
			if want := "bp: " + c.flag + ": empty value"; !strings.HasPrefix(r.stderr, want) {
				t.Errorf("stderr %q does not start with %q", r.stderr, want)
			}
			if r.stdout != "" {
				t.Errorf("output on error: %q", r.stdout)
			}
		})
	}
}

// TestStdoutWriteError: a write error on stdout, checked by the command
// or not, exits 2 and says so, for every command (`bp version >
// /dev/full` exited 0).
func TestStdoutWriteError(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	dir := t.TempDir()
	put(t, dir, map[string]string{"workplans/2026.yaml": planWithTitle(t, "Full")})
	for _, args := range [][]string{
		{"version"},
		{"--version"},
		{"--help"},
		{"list"},
		{"list", "-o", "json"},
		{"show", "som-2026"},
		{"status"},
		{"ics"},
		{"schema"},
		{"validate", "-o", "json"},
		{"diff", "workplans/2026.yaml", "workplans/2026.yaml"},
		{"fmt"},
		{"completion", "bash"},
		{"__complete", "show", ""},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Skip(err)
			}
			defer full.Close()
			var errb bytes.Buffer
			app := &App{Stdin: strings.NewReader(""), Stdout: full, Stderr: &errb, Now: fixedNow,
				Getenv: func(string) string { return "" }, Getwd: func() (string, error) { return dir, nil }}
			code := app.Run(args)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, errb.String())
			}
			if !strings.Contains(errb.String(), "no space left on device") {
				t.Errorf("stderr does not name the write error:\n%s", errb.String())
			}
			if n := strings.Count(errb.String(), "no space left on device"); n != 1 {
				t.Errorf("the write error is reported %d times:\n%s", n, errb.String())
			}
		})
	}
}

// TestCleanedText: text from a plan, a file name or an argument reaches
// no terminal, shell completion or CI log with a character render.Clean
// drops: the unknown-id message, bp version, shell completion, validate's
// and fmt --check's file names, and error messages. Text is cleaned; a
// file name is quoted, its characters escaped (safetext.Name).
func TestCleanedText(t *testing.T) {
	t.Parallel()
	plan := []byte("formatVersion: 1\n" +
		"plan: {id: p, title: \"P\\e[31m\\e]0;pwned\\a\\x9b31m\\u202E\\u200B\\u2066 Plan\", year: 2026, revision: 1, revised: 2026-01-01}\n" +
		"events:\n" +
		"  - id: evil\n" +
		"    title: \"\\e[2J\\e]0;pwned\\a \\x9b1m\\u202Etitle\\u200D\"\n" +
		"    type: webinar\n" +
		"    start: 2026-06-01\n" +
		"    status: planned\n")
	dir := t.TempDir()
	hostileName := "evil\x1b[31m\u202e\u009b.yaml"
	put(t, dir, map[string]string{
		"plan.yaml":       string(plan),
		hostileName:       string(plan),
		"bad\x1b[2J.yaml": "formatVersion: 1\nplan: [\n",
	})
	// A file that is not in bp fmt's layout, under a hostile name.
	put(t, dir, map[string]string{"fmt/" + hostileName: strings.Replace(string(plan), "    type: webinar", "    type:    webinar", 1)})

	cases := []struct {
		name string
		args []string
		code int
		want string // in stdout+stderr, cleaned
	}{
		{"unknown id", []string{"-f", "plan.yaml", "show", "nope"}, ExitUsage, `no event "nope" in P[31m]0;pwned31m`},
		{"version", []string{"-f", "plan.yaml", "version"}, ExitOK, "workplan: P[31m]0;pwned31m"},
		{"completion", []string{"-f", "plan.yaml", "__complete", "show", ""}, ExitOK, "evil\t1 Jun 2026 [2J]0;pwned"},
		{"validate file name", []string{"validate", hostileName}, ExitOK, `"evil\x1b[31m\u202e\u009b.yaml": 0 errors`},
		{"validate missing file", []string{"validate", "no\x1b[2Jsuch.yaml"}, ExitUsage, `"no\x1b[2Jsuch.yaml"`},
		{"validate --against on a name", []string{"validate", "--against", "x\x1b[2J", hostileName}, ExitUsage, "x[2J"},
		{"fmt --check file name", []string{"fmt", "--check", "fmt"}, ExitInvalid, `"fmt/evil\x1b[31m\u202e\u009b.yaml"` + "\n"},
		{"show the event", []string{"-f", "plan.yaml", "show", "evil"}, ExitOK, "[2J]0;pwned 1mtitle"},
		{"list", []string{"-f", "plan.yaml", "list"}, ExitOK, "evil"},
		{"invalid plan under a hostile name", []string{"-f", "bad\x1b[2J.yaml", "list"}, ExitInvalid, `"bad\x1b[2J.yaml":2:1: error:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, dir, "", nil, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, c.code, r.stdout, r.stderr)
			}
			out := r.stdout + r.stderr
			if !strings.Contains(out, c.want) {
				t.Errorf("no %q in\n%q", c.want, out)
			}
			for _, line := range strings.Split(out, "\n") {
				for _, field := range strings.Split(line, "\t") { // completion's id<TAB>description
					if render.Clean(field) != field {
						t.Errorf("a character render.Clean drops reaches the terminal: %q", field)
					}
				}
			}
		})
	}
}

// TestCommandLineErrors: cobra's refusals (unknown command, argument
// count, unknown flag, flag groups) are typed as command-line errors:
// exit 2 and the help of the command that refused them.
func TestCommandLineErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lst"}, "bp: unknown command \"lst\" for \"bp\"; did you mean list"},
		{[]string{"list", "extra"}, "bp: \"extra\" is not a month (bp list MONTH is bp list --month MONTH)\n" +
			"  hint: to filter on something else, use its flag: --search extra\nrun 'bp list --help' for usage\n"},
		{[]string{"list", "june", "july"}, "bp list: takes one month at most, got 2: june july\nUsage: bp list [month] [flags]\n"},
		{[]string{"show"}, "bp show: needs an event id\nUsage: bp show <id> [flags]\nrun 'bp show --help' for more\n"},
		{[]string{"status", "june"}, "bp status: takes no arguments, got june\nUsage: bp status [flags]\n"},
		{[]string{"diff", "a", "b", "c"}, "bp diff: takes 2 plans at most, got 3: a b c\nUsage: bp diff [<old> [<new>]] [flags]\n"},
		{[]string{"status", "--bogus"}, "bp: unknown flag: --bogus\nrun 'bp status --help' for usage\n"},
		{[]string{"ics", "--out", "a.ics", "--feeds", "d"}, "bp: --out and --feeds cannot be given together: give one of them\nrun 'bp ics --help' for usage\n"},
		{[]string{"fmt", "-w", "--check"}, "run 'bp fmt --help' for usage\n"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, dir, "", nil, c.args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant %q", r.code, r.stdout, r.stderr, c.want)
			}
		})
	}
}
