package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputFormatNames: -o takes its value in any case, md for
// markdown, and table and text for one another, on every command that
// has formats.
func TestOutputFormatNames(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		alias, canonical []string
	}{
		{[]string{"list", "june", "-o", "JSON"}, []string{"list", "june", "-o", "json"}},
		{[]string{"list", "june", "-o", "md"}, []string{"list", "june", "-o", "markdown"}},
		{[]string{"list", "june", "-o", "Text"}, []string{"list", "june", "-o", "table"}},
		{[]string{"show", "som-2026", "-o", "table"}, []string{"show", "som-2026", "-o", "text"}},
		{[]string{"show", "som-2026", "-o", "MD"}, []string{"show", "som-2026", "-o", "markdown"}},
		{[]string{"status", "-o", "md"}, []string{"status", "-o", "markdown"}},
		{[]string{"status", "-o", "table"}, []string{"status", "-o", "text"}},
		{[]string{"validate", "--format", "JSON"}, []string{"validate", "-o", "json"}},
		{[]string{"ics", "--month", "june", "-o", "ICS"}, []string{"ics", "--month", "june"}},
	} {
		a, b := runPublished(t, c.alias...), runPublished(t, c.canonical...)
		if a.code != 0 || a.stdout == "" || a.stdout != b.stdout {
			t.Errorf("bp %s: exit %d, differs from bp %s: %s", strings.Join(c.alias, " "), a.code, strings.Join(c.canonical, " "), a.stderr)
		}
	}
	r := runPublished(t, "ics", "-o", "my.ics")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `"my.ics" is not a format: -o is the format (ics); did you mean --out my.ics?`) {
		t.Errorf("bp ics -o my.ics: exit %d: %s", r.code, r.stderr)
	}
	r = runPublished(t, "list", "-o", "out/list.csv")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "did you mean --out out/list.csv?") {
		t.Errorf("bp list -o out/list.csv: exit %d: %s", r.code, r.stderr)
	}
}

// TestOutWrites: --out writes the file a command would print, and says
// so on stderr; --quiet (-q) keeps stderr empty.
func TestOutWrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		file string
		said string
	}{
		{[]string{"list", "june", "-o", "csv"}, "june.csv", "bp: wrote june.csv (1 event)\n"},
		{[]string{"list", "-o", "json"}, "all.json", "bp: wrote all.json (11 events)\n"},
		{[]string{"show", "som-2026", "-o", "md"}, "som.md", "bp: wrote som.md (som-2026)\n"},
		{[]string{"status", "-o", "html"}, "status.html", "bp: wrote status.html (Budapest Process Workplan 2026 as of 27 Nov 2026)\n"},
		{[]string{"ics", "som-2026"}, "som.ics", "bp: wrote som.ics (1 event)\n"},
	} {
		want := runPublished(t, c.args...).stdout
		for _, quiet := range []bool{false, true} {
			args := append(append([]string{}, c.args...), "--out", c.file)
			if quiet {
				args = append([]string{"-q"}, args...)
			}
			r := runBPIn(t, dir, "", published(), args...)
			got, err := os.ReadFile(filepath.Join(dir, c.file))
			if r.code != 0 || err != nil || string(got) != want || r.stdout != "" {
				t.Errorf("bp %s: exit %d, %v; the file differs from stdout: %s", strings.Join(args, " "), r.code, err, r.stderr)
			}
			if wantErr := map[bool]string{false: c.said, true: ""}[quiet]; r.stderr != wantErr {
				t.Errorf("bp %s: stderr %q, want %q", strings.Join(args, " "), r.stderr, wantErr)
			}
			os.Remove(filepath.Join(dir, c.file))
		}
	}
}
