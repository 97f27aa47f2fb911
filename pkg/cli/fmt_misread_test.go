package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bp fmt refuses text its YAML reader misreads (here an anchor named
// "an:chor", which yaml.v3 cuts at the ':'), naming the file, line and
// column, and leaves the file as it was: -w and --check alike.
func TestFmtRefusesMisreadYAML(t *testing.T) {
	dir := t.TempDir()
	text := "formatVersion: 1\nplan:\n  id: x\n  title: &an:chor value\n"
	file := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"fmt", "-w", file}, {"fmt", "--check", file}} {
		r := runBP(t, "", nil, args...)
		want := file + ":4:10: anchor name &an:chor"
		if r.code != ExitUsage || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "(file left unchanged)") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", args, r.code, r.stderr, want)
		}
		if got, _ := os.ReadFile(file); string(got) != text {
			t.Errorf("%v changed the file:\n%q", args, got)
		}
	}
}

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
