package testtool

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// What a test wrote or left in a directory: the helpers of the tests of
// files written atomically and of sites replaced (pkg/store), and of the
// commands that write them (pkg/cli).

// ReadString reads the file at path, or fails the test.
func ReadString(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// MustWrite writes text to path, making the directories above it.
func MustWrite(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Leftovers lists the entries of dir other than the ones named.
func Leftovers(t testing.TB, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !slices.Contains(keep, e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// WantNoLeftovers fails the test when dir holds anything but keep: a
// temporary file or directory a write left behind.
func WantNoLeftovers(t testing.TB, dir string, keep ...string) {
	t.Helper()
	if l := Leftovers(t, dir, keep...); len(l) > 0 {
		t.Errorf("files left behind in %s: %v", dir, l)
	}
}

// Tree reads every file under dir, by slash-separated name.
func Tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Entries is Tree with the directories (NAME/) and symlinks (-> TARGET)
// too, so that an empty directory or a link that goes missing is seen.
func Entries(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			out[filepath.ToSlash(rel)+"/"] = ""
		case d.Type()&fs.ModeSymlink != 0:
			l, err := os.Readlink(p)
			out[filepath.ToSlash(rel)] = "-> " + l
			return err
		default:
			data, err := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// SameEntries fails the test, saying what, when after (Entries) is not
// before: an entry gone, changed or appeared.
func SameEntries(t testing.TB, what string, before, after map[string]string) {
	t.Helper()
	if fmt.Sprint(before) == fmt.Sprint(after) {
		return
	}
	for k, v := range before {
		if w, ok := after[k]; !ok {
			t.Errorf("%s: %s is gone", what, k)
		} else if w != v {
			t.Errorf("%s: %s changed", what, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: %s appeared", what, k)
		}
	}
}

// SortedKeys are the keys of m (Entries, Tree) in order.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
