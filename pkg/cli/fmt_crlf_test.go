package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A plan saved by a Windows editor (CRLF, often a BOM) whose layout is
// canonical passes fmt --check, and fmt -w keeps its line endings and BOM.
func TestFmtKeepsCRLFAndBOM(t *testing.T) {
	toCRLF := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	messy, err := os.ReadFile("../../testdata/fmt/messy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/fmt/messy.golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, prefix string }{{"CRLF", ""}, {"CRLF with BOM", "\uFEFF"}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			canonical := filepath.Join(dir, "canonical.yaml")
			want := tc.prefix + toCRLF(string(golden))
			if err := os.WriteFile(canonical, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			// $ bp fmt --check canonical.yaml
			if r := runBP(t, "", nil, "fmt", "--check", canonical); r.code != ExitOK || r.stdout != "" {
				t.Errorf("bp fmt --check on a canonical %s file: exit %d, stdout %q, stderr %q", tc.name, r.code, r.stdout, r.stderr)
			}
			// $ bp fmt -w messy.yaml
			file := filepath.Join(dir, "messy.yaml")
			if err := os.WriteFile(file, []byte(tc.prefix+toCRLF(string(messy))), 0o644); err != nil {
				t.Fatal(err)
			}
			if r := runBP(t, "", nil, "fmt", "-w", file); r.code != ExitOK {
				t.Fatalf("bp fmt -w: exit %d, stderr %q", r.code, r.stderr)
			}
			if got, _ := os.ReadFile(file); string(got) != want {
				t.Errorf("bp fmt -w wrote\n%q\nwant\n%q", got, want)
			}
		})
	}
}
