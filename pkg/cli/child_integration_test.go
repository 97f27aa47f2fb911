//go:build integration && unix

package cli

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The signal and kill tests run this test binary again as a child, which
// stops at the moment to interrupt and says so by creating a mark file.

// startChild runs the test named test in a child process with env added,
// and waits up to wait for the file mark, which the child creates when
// it has reached the moment to interrupt (what, in the failure message).
// The child is killed when the test ends.
func startChild(t *testing.T, test string, env []string, mark string, wait time.Duration, what string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	for deadline := time.Now().Add(wait); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(mark); err == nil {
			return cmd
		}
		if time.Now().After(deadline) {
			t.Fatalf("the child never %s", what)
		}
	}
}

// signalChildAndWait sends sig to the child and waits up to 10 s for it
// to end; the child must die by that signal, as bp does.
func signalChildAndWait(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatalf("the child did not end within 10s of %v", sig)
	}
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != sig {
		t.Errorf("child ended with %v, want death by %v (exit %d in a shell)", cmd.ProcessState, sig, 128+int(sig))
	}
}
