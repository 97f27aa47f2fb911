package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// A plan whose last notes end on a line of spaces, with no line break
// after it, keeps that line: YAML reads the notes as "Bring:\n \n".
func TestFmtKeepsLastLineOfSpaces(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.yaml")
	text := "formatVersion: 1\nplan:\n  id: x\n  notes: |\n    Bring:\n     "
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runBP(t, "", nil, "fmt", "-w", file); r.code != ExitOK {
		t.Fatalf("bp fmt -w: exit %d\n%s", r.code, r.stderr)
	}
	want := "formatVersion: 1\n\nplan:\n  id: x\n  notes: \"Bring:\\n \\n\"\n"
	if got, _ := os.ReadFile(file); string(got) != want {
		t.Errorf("bp fmt -w wrote %q, want %q", got, want)
	}
}
