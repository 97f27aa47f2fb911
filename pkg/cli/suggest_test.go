package cli

import (
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

func TestClosest(t *testing.T) {
	ids := []string{"out", "som-2026", "rg-2026-03", "rg-2026-07", "webinar-missing-migrants", "twg-return-2026"}
	for _, c := range []struct{ s, want string }{
		{"som2026", "som-2026"},
		{"SOM-2026", "som-2026"},
		{"Söm 2026", "som-2026"},
		{"som-2062", "som-2026"}, // a swap is one edit
		{"rg-2026", "rg-2026-03 rg-2026-07"},
		{"twg-return", "twg-return-2026"}, // contained
		{"nothing-like-it", ""},
		{"bogus", ""}, // 3 edits from out: too far for 5 letters
		{"x", ""},
	} {
		if got := strings.Join(closest(c.s, ids, 3), " "); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if d := workplan.EditDistance("juen", "june"); d != 1 {
		t.Errorf("EditDistance(juen, june) = %d, want 1", d)
	}
}

// TestFlagSuggestions: a mistyped long flag gets the command's flag it
// most likely meant, global flags included; a flag like nothing gets no
// guess.
func TestFlagSuggestions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--mont", "june"}, "bp: unknown flag: --mont; did you mean --month?\nrun 'bp list --help' for usage\n"},
		{[]string{"list", "--mont=june"}, "bp: unknown flag: --mont; did you mean --month?\n"},
		{[]string{"ics", "--grup", "rg"}, "did you mean --group?\n"},
		{[]string{"status", "--tody", "2026-01-01"}, "did you mean --today?\n"}, // a global flag
		{[]string{"list", "--upcomming"}, "did you mean --upcoming?\n"},
		{[]string{"list", "--xyzzy"}, "bp: unknown flag: --xyzzy\nrun"},
	} {
		r := runPublished(t, c.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("bp %s: exit %d, stderr %q, want %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
}

// TestPlanCompletion: the flags that take a word from the plan complete
// it from the plans bp reads.
func TestPlanCompletion(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want []string
		not  string
	}{
		{[]string{"list", "--group", ""}, []string{"rg\tReference Group\n", "twg-return\t", "som\t"}, ""},
		{[]string{"ics", "-g", ""}, []string{"twg-law-enforcement\t"}, ""},
		{[]string{"list", "--year", ""}, []string{"2026\n", "all\n"}, ""},
		{[]string{"status", "--year", ""}, []string{"2026\n"}, "all\n"},
		{[]string{"ics", ""}, []string{"som-2026\t24–26 Nov 2026 ", "rg-2026-03\t"}, ""},
		{[]string{"ics", "som-2026", ""}, []string{"rg-2026-03\t"}, "som-2026\t"},
		{[]string{"show", ""}, []string{"som-2026\t"}, ""},
		{[]string{"list", "--type", ""}, []string{"webinar\n"}, ""},
		{[]string{"list", "--status", ""}, []string{"cancelled\n"}, ""},
		{[]string{"list", "-o", ""}, []string{"json\n", "csv\n"}, ""},
		{[]string{"validate", "--format", ""}, []string{"github\n"}, ""},
	} {
		r := runPublished(t, append([]string{"__complete"}, c.args...)...)
		for _, w := range c.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("completion of bp %s: no %q in\n%s", strings.Join(c.args, " "), w, r.stdout)
			}
		}
		if c.not != "" && strings.Contains(r.stdout, c.not) {
			t.Errorf("completion of bp %s: %q offered:\n%s", strings.Join(c.args, " "), c.not, r.stdout)
		}
	}
}
