package cli

import (
	"strings"
	"testing"
)

// TestActionOwnerRequired (issue 24, item 5): bp action add --owner ""
// (or " ", or one blank among others) wrote owners: [], which validate
// passed and bp status counted as open and overdue under no one. The
// command refuses the value as it refuses any other blank flag, and a
// plan that has such an action is invalid: validate names the line, and
// status and list refuse it rather than count it.
func TestActionOwnerRequired(t *testing.T) {
	t.Parallel()
	for _, owners := range [][]string{{""}, {" "}, {"secretariat", "\t"}} {
		dir, plan := yearsDir(t)
		before := readFixture(t, plan)
		args := []string{"action", "add", "rg-2026-10", "Publish the paper", "--due", "2027-01"}
		for _, o := range owners {
			args = append(args, "--owner", o)
		}
		r := runBPIn(t, dir, "", editEnv(), args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "bp: --owner: empty value; the flag is required: give an owner\n") {
			t.Errorf("--owner %q: exit %d\n%s", owners, r.code, r.stderr)
		}
		if readFixture(t, plan) != before {
			t.Errorf("--owner %q: the file changed", owners)
		}
	}

	// A plan written by hand (or by an older bp) with no owner.
	for _, c := range []struct{ owners, message string }{
		{"[]", `action "rg-2026-10-a1": no owner [required]`},
		{`[secretariat, " "]`, `action "rg-2026-10-a1": owner 2 of 2 is blank [required]`},
	} {
		dir, plan := yearsDir(t)
		text := readFixture(t, plan)
		const owned = "text: Prepare the 2027 workplan\n          owners: [secretariat, co-chair]"
		bad := strings.Replace(text, owned, "text: Prepare the 2027 workplan\n          owners: "+c.owners, 1)
		if bad == text {
			t.Fatalf("the fixture has no %q", owned)
		}
		writeFile(t, plan, bad)
		v := runBPIn(t, dir, "", editEnv(), "validate")
		if v.code != ExitInvalid || !strings.Contains(v.stdout, "workplans/2026.yaml:") || !strings.Contains(v.stdout, ": error: "+c.message+"\n  hint: name who owes it") {
			t.Errorf("validate, owners: %s: exit %d\n%s%s", c.owners, v.code, v.stdout, v.stderr)
		}
		for _, cmd := range []string{"status", "actions"} {
			if r := runBPIn(t, dir, "", editEnv(), cmd); r.code != ExitInvalid || !strings.Contains(r.stderr, c.message) {
				t.Errorf("%s, owners: %s: exit %d, want %d naming the action\n%s", cmd, c.owners, r.code, ExitInvalid, r.stderr)
			}
		}
	}
}
