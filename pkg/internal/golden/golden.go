// Package golden compares test output with files under testdata/,
// byte for byte (CRLF kept), and rewrites them only when the tests run
// with -update.
//
// It is the one place that defines -update. Every package under pkg/
// with tests imports it (a package without golden files imports it for
// the flag alone), so that one command rewrites the golden files of a
// test wherever it lives:
//
//	go test ./pkg/... -run TestName -update
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether the tests run with -update: a test that keeps
// a file other than a golden one current (a screenshot README shows)
// writes it only then.
func Updating() bool { return *update }

// Assert compares got with the file at path (relative to the test's
// package directory). With -update it writes got there instead.
func Assert(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update after checking the change):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line that differs, with its neighbours, and
// makes CR visible so line-ending bugs show.
func firstDiff(want, got []byte) string {
	wl := bytes.SplitAfter(want, []byte("\n"))
	gl := bytes.SplitAfter(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			show := func(b []byte) string {
				return string(bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r"), []byte(`\r`)), []byte("\n"), []byte(`\n`)))
			}
			return "line " + itoa(i+1) + ":\n  want: " + show(w) + "\n  got:  " + show(g)
		}
	}
	return "(lengths differ)"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
