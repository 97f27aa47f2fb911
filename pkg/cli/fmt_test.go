package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFmtWriteAndCheck(t *testing.T) {
	dir := t.TempDir()
	messy, err := os.ReadFile("../../testdata/fmt/messy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../testdata/fmt/messy.golden")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "messy.yaml")
	if err := os.WriteFile(file, messy, 0o640); err != nil {
		t.Fatal(err)
	}

	// without flags: to stdout, the file untouched
	r := runBP(t, "", nil, "fmt", file)
	if r.code != ExitOK || r.stdout != string(want) {
		t.Errorf("bp fmt FILE: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	// --check lists it and fails
	r = runBP(t, "", nil, "fmt", "--check", dir)
	if r.code != ExitInvalid || r.stdout != file+"\n" || !strings.Contains(r.stderr, "1 file not formatted") {
		t.Errorf("bp fmt --check: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if got, _ := os.ReadFile(file); string(got) != string(messy) {
		t.Error("bp fmt without -w changed the file")
	}
	// -w rewrites it, keeping its permissions; then --check passes
	if r = runBP(t, "", nil, "fmt", "-w", file); r.code != ExitOK {
		t.Fatalf("bp fmt -w: exit %d\n%s", r.code, r.stderr)
	}
	got, _ := os.ReadFile(file)
	if string(got) != string(want) {
		t.Errorf("bp fmt -w wrote:\n%s", got)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o640 {
		t.Errorf("mode after -w = %v, want 0640", st.Mode().Perm())
	}
	if r = runBP(t, "", nil, "fmt", "--check", file); r.code != ExitOK || r.stdout != "" {
		t.Errorf("bp fmt --check after -w: exit %d %q", r.code, r.stdout)
	}
	// standard input to standard output
	if r = runBP(t, string(messy), nil, "fmt", "-"); r.code != ExitOK || r.stdout != string(want) {
		t.Errorf("bp fmt -: exit %d\n%s", r.code, r.stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestFmtLeavesBrokenFileAlone(t *testing.T) {
	dir := t.TempDir()
	broken := "formatVersion: 1\nplan:\n  id: x\n\ttitle: tab\nevents: [\n"
	file := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("formatVersion: 1\nplan: {id: x}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBP(t, "", nil, "fmt", "-w", dir)
	if r.code != ExitUsage {
		t.Errorf("bp fmt -w on a broken file: exit %d, want 2", r.code)
	}
	if !strings.Contains(r.stderr, "broken.yaml: not valid YAML") || !strings.Contains(r.stderr, "(file left unchanged)") {
		t.Errorf("stderr: %s", r.stderr)
	}
	// The tab is on line 4, column 1: the loader's position, not yaml.v3's "line 3".
	if !strings.Contains(r.stderr, "broken.yaml:4:1: error: found a tab character") || !strings.Contains(r.stderr, "hint: YAML indents with spaces") {
		t.Errorf("stderr does not point at the tab: %s", r.stderr)
	}
	if got, _ := os.ReadFile(file); string(got) != broken {
		t.Errorf("broken file changed:\n%q", got)
	}
	// the other file is still formatted
	if got, _ := os.ReadFile(good); string(got) != "formatVersion: 1\n\nplan:\n  id: x\n" {
		t.Errorf("good file not formatted: %q", got)
	}
}

func TestFmtUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fmt", "-w", "--check", "x.yaml"}, "bp: --write and --check cannot be given together: give one of them\n"},
		{[]string{"fmt", "no-such.yaml"}, "no-such.yaml"},
	} {
		r := runBP(t, "", nil, tc.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
	}
}
