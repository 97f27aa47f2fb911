//go:build integration

package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// envBPChild holds a bp command line, its words separated by U+001F: the
// test binary run with it (and -test.run=^TestBPChild$) is bp, in its own
// process.
const envBPChild = "BP_TEST_BP_ARGS"

// TestBPChild is bp in a child process; it runs only when envBPChild is
// set.
func TestBPChild(t *testing.T) {
	argv, ok := os.LookupEnv(envBPChild)
	if !ok {
		t.Skip("runs as a child process of TestActionAddProcessesTakeTurns")
	}
	os.Exit(Main(strings.Split(argv, "\x1f"), os.Stdin, os.Stdout, os.Stderr, time.Now))
}

// TestActionAddProcessesTakeTurns (issue 24, item 6) is
// TestActionAddTakesTurns with eight bp processes, as eight terminals or
// a script's background jobs run them: the lock is flock(2) on the plan's
// directory, held from reading the file to renaming its new version in,
// and each process chooses the next id under it.
func TestActionAddProcessesTakeTurns(t *testing.T) {
	const n = 8
	dir, plan := yearsDir(t)
	cmds := make([]*exec.Cmd, n)
	outs := make([]strings.Builder, n)
	for i := range n {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestBPChild$")
		cmds[i].Dir = dir
		cmds[i].Env = []string{envBPChild + "=" + strings.Join(turnsAdd(i), "\x1f"),
			EnvToday + "=" + editEnv()[EnvToday], "PATH=" + os.Getenv("PATH"), "HOME=" + dir}
		cmds[i].Stderr = &outs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		_ = c.Wait()
		if code := c.ProcessState.ExitCode(); code != ExitOK {
			t.Errorf("process %d: exit %d\n%s", i, code, outs[i].String())
		}
	}
	checkTurns(t, plan, n)
}
