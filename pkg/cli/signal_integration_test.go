//go:build integration && unix

package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/store"
)

// Item 11: SIGINT or SIGTERM during --out left .NAME.tmp-* files beside
// the target. These tests run the test binary again as a child that
// starts a write and stops in the middle of it; the parent sends it a
// real signal and looks at what is left.

const (
	envSignalChild = "BP_TEST_SIGNAL_CHILD" // how the child writes: "writer" or "ics"
	envSignalOut   = "BP_TEST_SIGNAL_OUT"   // the file the child writes
	envSignalMark  = "BP_TEST_SIGNAL_MARK"  // created when the child is mid-write
)

// signalChild runs in the child process when envSignalChild is set.
func signalChild(t *testing.T) {
	out, mark := os.Getenv(envSignalOut), os.Getenv(envSignalMark)
	stall := func() {
		os.WriteFile(mark, nil, 0o644)
		time.Sleep(time.Minute) // the signal ends the process here
	}
	switch os.Getenv(envSignalChild) {
	case "writer":
		(&store.Session{}).WriteFile(out, func(w io.Writer) error {
			io.WriteString(w, "BEGIN:VCALENDAR\r\npartial")
			stall()
			return nil
		})
	case "ics":
		var o, e bytes.Buffer
		app := &App{Stdin: os.Stdin, Stdout: &o, Stderr: &e, Now: fixedNow, Getenv: func(string) string { return "" }}
		app.store.BeforeRename = func(string) { stall() }
		app.Run([]string{"ics", "-f", publishedPlan, "--out", out})
	}
	os.Exit(3) // not reached when the signal works
}

func testSignalCleanup(t *testing.T, testName, how string, sig syscall.Signal) {
	dir, markDir := t.TempDir(), t.TempDir()
	out := filepath.Join(dir, "out.ics")
	mark := filepath.Join(markDir, "started")
	os.WriteFile(out, []byte("old calendar"), 0o644)

	cmd := startChild(t, testName, []string{envSignalChild + "=" + how, envSignalOut + "=" + out, envSignalMark + "=" + mark},
		mark, 20*time.Second, "started writing")
	if l := testtool.Leftovers(t, dir, "out.ics"); len(l) != 1 {
		t.Fatalf("mid-write, the directory holds %v besides out.ics; want one temporary file", l)
	}
	signalChildAndWait(t, cmd, sig)
	if got := testtool.ReadString(t, out); got != "old calendar" {
		t.Errorf("out.ics = %q, want the old file", got)
	}
	testtool.WantNoLeftovers(t, dir, "out.ics")
}

func TestSignalDuringWriteRemovesTemp(t *testing.T) {
	if os.Getenv(envSignalChild) != "" {
		signalChild(t)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			testSignalCleanup(t, "TestSignalDuringWriteRemovesTemp", "writer", sig)
		})
	}
}

func TestSignalDuringICSOutRemovesTemp(t *testing.T) {
	if os.Getenv(envSignalChild) != "" {
		signalChild(t)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			testSignalCleanup(t, "TestSignalDuringICSOutRemovesTemp", "ics", sig)
		})
	}
}
