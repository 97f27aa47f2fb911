//go:build integration

package store

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

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
	if got := testtool.ReadString(t, path); got != "old calendar" {
		t.Errorf("old file changed to %q after the writer was killed", got)
	}
}
