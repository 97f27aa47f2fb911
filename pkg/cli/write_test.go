package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// leftovers lists files in dir other than the ones named.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
outer:
	for _, e := range entries {
		for _, k := range keep {
			if e.Name() == k {
				continue outer
			}
		}
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "new" {
		t.Errorf("content = %q, want new", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600", st.Mode().Perm())
	}
	if l := leftovers(t, dir, "out.ics"); len(l) > 0 {
		t.Errorf("temporary files left behind: %v", l)
	}
}

// A full disk shows up as ENOSPC from a write: the old file must survive
// and no temporary file may remain.
func TestWriteFileAtomicFullDiskKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	os.WriteFile(path, []byte("old calendar"), 0o644)
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new cal")
		return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	if !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("error should say the old file is unchanged: %v", err)
	}
	if got := readString(t, path); got != "old calendar" {
		t.Errorf("old file changed to %q", got)
	}
	if l := leftovers(t, dir, "out.ics"); len(l) > 0 {
		t.Errorf("temporary files left behind: %v", l)
	}
}

func TestWriteFileAtomicReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores directory permissions; use a directory that does not exist instead.
		err := writeFileAtomic(filepath.Join(t.TempDir(), "missing", "out.ics"), func(io.Writer) error { return nil })
		if err == nil {
			t.Fatal("writing into a missing directory succeeded")
		}
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	os.WriteFile(path, []byte("old"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	if err == nil {
		t.Fatal("write into a read-only directory succeeded")
	}
	if got := readString(t, path); got != "old" {
		t.Errorf("old file changed to %q", got)
	}
}

// A process killed in the middle of a write leaves the old file whole.
// The test runs itself as a child that starts writing, then kills it.
func TestWriteFileAtomicKilledProcess(t *testing.T) {
	if os.Getenv("BP_TEST_SLOW_WRITER") != "" {
		path := os.Getenv("BP_TEST_SLOW_WRITER")
		writeFileAtomic(path, func(w io.Writer) error {
			io.WriteString(w, "partial new content")
			os.WriteFile(path+".started", nil, 0o644)
			time.Sleep(time.Minute) // killed here
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ics")
	os.WriteFile(path, []byte("old calendar"), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileAtomicKilledProcess$")
	cmd.Env = append(os.Environ(), "BP_TEST_SLOW_WRITER="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(path + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if got := readString(t, path); got != "old calendar" {
		t.Errorf("old file changed to %q after the writer was killed", got)
	}
}

func TestWriteFileAtomicRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := writeFileAtomic(dir, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
}
