//go:build integration

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditRaceProcesses runs the two edits as two bp processes at once.
func TestEditRaceProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "bp")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/bp").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	seen := map[string]int{}
	for range 10 {
		dir, plan := planDir(t, publishedFormat2)
		var cmds [2]*exec.Cmd
		var outs [2]strings.Builder
		for i := range 2 {
			cmds[i] = exec.Command(bin, raceEdits[i]...)
			cmds[i].Dir = dir
			cmds[i].Env = []string{"BP_TODAY=2026-11-28", "PATH=" + os.Getenv("PATH"), "HOME=" + dir}
			cmds[i].Stderr = &outs[i]
		}
		for i := range 2 {
			if err := cmds[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		var codes [2]int
		var stderrs [2]string
		for i := range 2 {
			_ = cmds[i].Wait()
			codes[i], stderrs[i] = cmds[i].ProcessState.ExitCode(), outs[i].String()
		}
		seen[raceOutcome(t, plan, codes, stderrs)]++
	}
	t.Logf("10 rounds of two concurrent bp processes: %v", seen)
}
