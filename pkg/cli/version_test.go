package cli

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestVersionCommand: bp version names bp's version, the format it reads
// and the plan it would read: the one BP_FILE names, or outside a
// checkout the built-in one (whatever its revision is today).
func TestVersionCommand(t *testing.T) {
	r := runPublished(t, "version")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"bp ", "format " + strconv.Itoa(workplan.FormatVersion), "Budapest Process Workplan 2026, revision 1 of 2026-11-27"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("bp version: missing %q in %q", want, r.stdout)
		}
	}
	r = runBPIn(t, t.TempDir(), "", nil, "version")
	if r.code != 0 || !regexp.MustCompile(`, revision \d+ of \d{4}-\d{2}-\d{2} \(built in\)`).MatchString(r.stdout) {
		t.Errorf("bp version outside a checkout: exit %d, %q; want the built-in plan's revision", r.code, r.stdout)
	}
	if r2 := runBP(t, "", nil, "--version"); r2.code != 0 || !strings.HasPrefix(r2.stdout, "bp ") {
		t.Errorf("bp --version = %d %q", r2.code, r2.stdout)
	}
}
