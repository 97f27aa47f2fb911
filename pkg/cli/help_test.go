package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/manual"
)

// TestRootHelpGrouped: bp --help says what bp is in a few lines, then
// lists the commands in groups by job, in the order of a year's work,
// then the manual's topics; the plan-finding rules are one line pointing
// at bp help plans.
func TestRootHelpGrouped(t *testing.T) {
	r := runBP(t, "", nil, "--help")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	out := r.stdout
	var at []int
	for _, g := range []string{"Look up the plan:\n  list ", "Change the plan:\n  add ", "Publish it:\n  ics ",
		"Maintain plan files:\n  validate ", "The manual, bp help TOPIC:\n  install "} {
		i := strings.Index(out, g)
		if i < 0 {
			t.Errorf("bp --help lacks %q:\n%s", g, out)
		}
		at = append(at, i)
	}
	for i := 1; i < len(at); i++ {
		if at[i] < at[i-1] {
			t.Errorf("bp --help lists its groups out of order:\n%s", out)
		}
	}
	if first := strings.Index(out, "Look up the plan:"); strings.Count(out[:first], "\n") > 12 {
		t.Errorf("bp --help says %d lines before its first command; the rules belong in bp help plans:\n%s",
			strings.Count(out[:first], "\n"), out)
	}
	if !strings.Contains(out, "bp help plans") || strings.Contains(out, "first match wins") {
		t.Errorf("bp --help should point at bp help plans, not give the rules:\n%s", out)
	}
	// every command is in a group
	for _, c := range newRootCmd(&App{}).Commands() {
		if c.IsAvailableCommand() && c.GroupID == "" {
			t.Errorf("bp %s is in no group of bp --help", c.Name())
		}
	}
}

// TestHelpTopics: bp help lists every topic of the manual with its
// summary, and bp help TOPIC prints the topic as the manual's text.
func TestHelpTopics(t *testing.T) {
	list := runBP(t, "", nil, "help").stdout
	for _, name := range manual.Names() {
		tp, _ := manual.Lookup(name)
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + ` +` + regexp.QuoteMeta(tp.Summary) + `$`).MatchString(list) {
			t.Errorf("bp help does not list %s with its summary:\n%s", name, list)
		}
		r := runBP(t, "", nil, "help", name)
		if r.code != ExitOK || r.stdout != manual.Text(tp.Markdown, 80) {
			t.Errorf("bp help %s: exit %d\n%s", name, r.code, r.stdout)
		}
	}
	for args, want := range map[string]string{
		"no-such-topic": "bp: no command or topic \"no-such-topic\"\nrun 'bp help --help' for usage\n",
		"plan":          "bp: no command or topic \"plan\"; did you mean plans?\nrun 'bp help --help' for usage\n",
		"lsit":          "bp: no command or topic \"lsit\"; did you mean list?\nrun 'bp help --help' for usage\n",
	} {
		if r := runBP(t, "", nil, "help", args); r.code != ExitUsage || r.stderr != want || r.stdout != "" {
			t.Errorf("bp help %s: exit %d\n%s%s\nwant exit 2 and:\n%s", args, r.code, r.stdout, r.stderr, want)
		}
	}
}
