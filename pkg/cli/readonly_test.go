//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadOnlyPlan: a plan the user made read-only (chmod 444) is not
// rewritten by an edit, fmt -w or migrate: bp refuses with the editors'
// hint and leaves the file and its mode as they were (issue 24, item 8).
// Before, the rename replaced it without a word. Root too: the system
// lets root write anything, and vi still says "readonly".
func TestReadOnlyPlan(t *testing.T) {
	messy := strings.Replace(planWithTitle(t, "Read Only"), "    type: reference-group", "    type:    reference-group", 1)
	for _, tc := range []struct {
		name string
		data string
		args func(plan string) []string
	}{
		{"set", planWithTitle(t, "Read Only"), func(p string) []string { return []string{"-f", p, "set", "rg-2026-03", "--notes", "n"} }},
		{"remove", planWithTitle(t, "Read Only"), func(p string) []string { return []string{"-f", p, "remove", "rg-2026-03", "--force"} }},
		{"fmt -w", messy, func(p string) []string { return []string{"fmt", "-w", p} }},
		{"migrate", planWithTitle(t, "Read Only"), func(p string) []string { return []string{"migrate", p} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			plan := filepath.Join(dir, "2026.yaml")
			put(t, dir, map[string]string{"2026.yaml": tc.data})
			if err := os.Chmod(plan, 0o444); err != nil {
				t.Fatal(err)
			}
			r := runBPIn(t, dir, "", map[string]string{EnvToday: "2026-11-28"}, tc.args(plan)...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", r.code, ExitUsage, r.stdout, r.stderr)
			}
			for _, want := range []string{"the file is read-only; refused, nothing was written", "hint: chmod u+w " + plan + " to allow bp to change it"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if got, _ := os.ReadFile(plan); string(got) != tc.data {
				t.Error("the read-only file changed")
			}
			if st, err := os.Stat(plan); err != nil || st.Mode().Perm() != 0o444 {
				t.Errorf("mode: %v %v", st.Mode(), err)
			}
			if r.stdout != "" {
				t.Errorf("a change was announced that was not made:\n%s", r.stdout)
			}
		})
	}
	// --dry-run writes nothing, and may show the change.
	dir := t.TempDir()
	plan := filepath.Join(dir, "2026.yaml")
	put(t, dir, map[string]string{"2026.yaml": planWithTitle(t, "Read Only")})
	if err := os.Chmod(plan, 0o444); err != nil {
		t.Fatal(err)
	}
	if r := runBPIn(t, dir, "", map[string]string{EnvToday: "2026-11-28"}, "-f", plan, "set", "rg-2026-03", "--notes", "n", "-n"); r.code != 0 {
		t.Errorf("--dry-run on a read-only plan: exit %d\n%s", r.code, r.stderr)
	}
}
