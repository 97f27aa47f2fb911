package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMessages: the words of bp's messages (issue 14, item 8): no summary
// after a read error, plurals, no "run bp validate" after the
// diagnostics, an unreadable file annotated for GitHub, thousands
// separators in the size limit.
func TestMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	invalid := filepath.Join(repoRoot, "testdata", "validate", "date-order.yaml")

	r := runBPIn(t, dir, "", nil, "validate", "nope.yaml")
	if r.code != ExitUsage || strings.Contains(r.stderr, "0 files") || strings.Count(r.stderr, "\n") != 1 ||
		!strings.HasPrefix(r.stderr, "bp: read workplan: ") {
		t.Errorf("validate nope.yaml: exit %d, stderr:\n%s", r.code, r.stderr)
	}

	r = runBPIn(t, dir, "", nil, "validate", "--format", "github", "nope.yaml", invalid)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != ExitUsage || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "::error file=nope.yaml,line=1,col=1,title=bp read::read workplan: ") ||
		!strings.Contains(lines[1], "title=bp date-order::") {
		t.Errorf("validate --format github nope.yaml: exit %d, stdout:\n%s", r.code, r.stdout)
	}

	r = runBPIn(t, dir, "", nil, "list", "-f", invalid)
	if r.code != ExitInvalid || strings.Contains(r.stderr, "bp validate") ||
		!strings.HasSuffix(r.stderr, "date-order.yaml is not a valid workplan (1 error, listed above)\n") ||
		!strings.Contains(r.stderr, "[date-order]\n") {
		t.Errorf("list on an invalid plan: exit %d, stderr:\n%s", r.code, r.stderr)
	}

	r = runBPIn(t, dir, "", nil, "validate", invalid)
	if !strings.HasSuffix(r.stderr, "date-order.yaml: 1 error, 0 warnings\n") {
		t.Errorf("validate summary: %q", r.stderr)
	}

	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(strings.Repeat("# padding\n", 3456)), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBPIn(t, dir, "", nil, "--max-size", "3000", "validate", "big.yaml")
	if want := "bp: read workplan big.yaml: the file is 34,560 bytes, more than the limit of 3,000 (--max-size); refused"; r.code != ExitUsage || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("over the limit: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
}
