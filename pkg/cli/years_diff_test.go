package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

// TestYearsDiff: bp diff and validate --against over a directory of plan
// years. The story: the 2026 plan is committed; in November the
// maintainer adds 2027.yaml; later 2026.yaml is retired.
func TestYearsDiff(t *testing.T) {
	git := gitRepo(t)
	two := filepath.Join(origDir, "testdata", "years", "two")
	writeFile(t, "workplans/2026.yaml", readFixture(t, filepath.Join(two, "2026.yaml")))
	git("add", ".")
	git("commit", "-q", "-m", "the 2026 plan")
	writeFile(t, "workplans/2027.yaml", readFixture(t, filepath.Join(two, "2027.yaml")))

	var transcriptText strings.Builder
	run := func(code int, args ...string) result {
		t.Helper()
		args = append([]string{"--today", "2026-11-27"}, args...)
		r := runBP(t, "", nil, args...)
		transcriptText.Write(transcript(args, r))
		if r.code != code {
			t.Errorf("bp %s: exit %d, want %d\n%s%s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
		}
		return r
	}

	// The new file is new, not an error, for diff and validate --against.
	r := run(ExitInvalid, "diff")
	if !strings.Contains(r.stdout, "From HEAD:workplans/2027.yaml (absent) to workplans/2027.yaml (revision 1 of\n2026-11-27)\n\nPlan\n────\n- new plan: \"Budapest Process Workplan 2027\" for 2027\n") ||
		!strings.Contains(r.stdout, "From HEAD:workplans/2026.yaml (revision 1 of 2026-11-27) to\nworkplans/2026.yaml (revision 1 of 2026-11-27)\n\nThe plans are the same.\n") {
		t.Errorf("bp diff with a new plan file:\n%s", r.stdout)
	}
	r = run(ExitOK, "validate", "--against", "HEAD")
	if r.stderr != "bp: workplans/2027.yaml is new since HEAD: its events are checked as added\n2 files: 0 errors, 0 warnings\n" {
		t.Errorf("validate --against with a new plan file:\n%s", r.stderr)
	}
	run(ExitInvalid, "diff", "HEAD", "-o", "markdown")
	r = run(ExitInvalid, "diff", "-o", "json")
	var doc struct {
		Equal bool `json:"equal"`
		Files []struct {
			Old   struct{ Name string } `json:"old"`
			Equal bool                  `json:"equal"`
			Added int                   `json:"added"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Equal || len(doc.Files) != 2 ||
		!doc.Files[0].Equal || doc.Files[1].Equal || doc.Files[1].Added != 4 || doc.Files[1].Old.Name != "HEAD:workplans/2027.yaml" {
		t.Errorf("bp diff -o json: %v %+v\n%s", err, doc, r.stdout)
	}
	git("add", ".")
	git("commit", "-q", "-m", "the 2027 plan")

	// Every revision before 2027.yaml existed, and two revisions.
	run(ExitInvalid, "diff", "HEAD~1")
	run(ExitInvalid, "diff", "HEAD~1", "HEAD")
	r = run(ExitOK, "diff")
	if strings.Count(r.stdout, "The plans are the same.") != 2 {
		t.Errorf("bp diff with nothing changed:\n%s", r.stdout)
	}
	// One file named: one comparison, as before.
	r = run(ExitOK, "diff", "HEAD~1", "-f", "workplans/2026.yaml", "-o", "json")
	if !strings.HasPrefix(r.stdout, "{\n  \"old\": {\n    \"name\": \"HEAD~1:workplans/2026.yaml\"") {
		t.Errorf("bp diff -f FILE -o json is one comparison:\n%s", r.stdout)
	}
	run(ExitUsage, "diff", "nosuch")

	// From a subdirectory, and with the 2026 plan retired.
	t.Chdir("workplans")
	if err := os.Remove("2026.yaml"); err != nil {
		t.Fatal(err)
	}
	r = run(ExitInvalid, "diff")
	if !strings.Contains(r.stdout, "From HEAD:workplans/2026.yaml (revision 1 of 2026-11-27) to 2026.yaml (absent)\n\nPlan\n────\n- plan removed (was \"Budapest Process Workplan 2026\" for 2026)\n") {
		t.Errorf("bp diff with a plan file deleted:\n%s", r.stdout)
	}
	golden.Assert(t, filepath.Join(origDir, "testdata", "years", "diff.golden"), []byte(transcriptText.String()))
}
