package cli

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// turnsAdd is the command line of the i-th of several bp action add run
// at once, none given --id.
func turnsAdd(i int) []string {
	return []string{"action", "add", "rg-2026-10", fmt.Sprintf("Task %d of a batch", i),
		"--owner", "secretariat", "--due", "2027-01"}
}

// checkTurns checks the plan after n bp action add without --id, all
// exited 0: the file holds n new actions, one per command, numbered on
// from the event's last (rg-2026-10-a2), each id once.
func checkTurns(t *testing.T, plan string, n int) {
	t.Helper()
	p := checkPlanFile(t, plan)
	var ids, texts []string
	for _, a := range p.Event("rg-2026-10").Outcome.Actions {
		ids = append(ids, a.ID)
		texts = append(texts, a.Text)
	}
	want := []string{"rg-2026-10-a1", "rg-2026-10-a2"}
	for i := range n {
		want = append(want, fmt.Sprintf("rg-2026-10-a%d", i+3))
	}
	if !slices.Equal(ids, want) {
		t.Errorf("action ids after %d adds: %v\nwant %v", n, ids, want)
	}
	for i := range n {
		if !slices.Contains(texts, fmt.Sprintf("Task %d of a batch", i)) {
			t.Errorf("the action of add %d is not in the file", i)
		}
	}
}

// TestActionAddTakesTurns (issue 24, item 6): eight bp action add at
// once, without --id, on one file. Each bp run takes the edit lock with
// its own open file, as a process does, and chooses the next id once it
// holds it: all eight land, a3 to a10. When the id was chosen before the
// lock, one landed and seven failed with "choose another id with --id",
// an id the user never gave.
func TestActionAddTakesTurns(t *testing.T) {
	t.Parallel()
	const n = 8
	dir, plan := yearsDir(t)
	var wg sync.WaitGroup
	results := make([]result, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			results[i] = runBPIn(t, dir, "", editEnv(), turnsAdd(i)...)
		})
	}
	close(start)
	wg.Wait()
	for i, r := range results {
		if r.code != ExitOK {
			t.Errorf("add %d: exit %d\n%s", i, r.code, r.stderr)
		}
	}
	checkTurns(t, plan, n)
}
