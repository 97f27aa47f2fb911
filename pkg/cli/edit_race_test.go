package cli

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// raceEdits are two edits of different events of one file: after both,
// the file must hold both changes, or one and the other command must have
// refused clearly (a lost update is the failure).
var raceEdits = [2][]string{
	{"record", "rg-2026-03", "--summary", "The 2026 workplan was endorsed.", "--on", "2026-03-05"},
	{"postpone", "twg-law-enforcement-2026", "--to", "2026-07-08..2026-07-09"},
}

// raceOutcome checks the file after two concurrent edits and says what
// happened: "both", or "one refused".
func raceOutcome(t *testing.T, plan string, codes [2]int, stderrs [2]string) string {
	t.Helper()
	p := checkPlanFile(t, plan)
	done := [2]bool{
		p.Event("rg-2026-03").Outcome != nil,
		p.Event("twg-law-enforcement-2026").Start.Format("2006-01-02") == "2026-07-08",
	}
	refused := 0
	for i := range 2 {
		switch {
		case codes[i] == ExitOK && !done[i]:
			t.Errorf("LOST UPDATE: bp %s exited 0, but its change is not in the file", strings.Join(raceEdits[i], " "))
		case codes[i] != ExitOK && done[i]:
			t.Errorf("bp %s exited %d, but its change is in the file", strings.Join(raceEdits[i], " "), codes[i])
		case codes[i] != ExitOK:
			refused++
			if !strings.Contains(stderrs[i], "changed on disk since bp read it") && !strings.Contains(stderrs[i], "another bp is changing") {
				t.Errorf("bp %s refused without saying why clearly:\n%s", strings.Join(raceEdits[i], " "), stderrs[i])
			}
		}
	}
	// outside git each edit raises the revision: one more per edit written
	if want := 1 + 2 - refused; p.Revision != want {
		t.Errorf("revision %d after %d edits written, want %d", p.Revision, 2-refused, want)
	}
	switch refused {
	case 0:
		return "both"
	case 1:
		return "one refused"
	}
	t.Errorf("both edits refused")
	return "both refused"
}

// TestEditRace runs the two edits at once, in goroutines (each bp run
// opens its own lock, as two processes do), many times.
func TestEditRace(t *testing.T) {
	t.Parallel()
	seen := map[string]int{}
	for range 20 {
		dir, plan := planDir(t, publishedFormat2)
		var wg sync.WaitGroup
		var codes [2]int
		var stderrs [2]string
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := runBPIn(t, dir, "", editEnv(), raceEdits[i]...)
				codes[i], stderrs[i] = r.code, r.stderr
			}()
		}
		close(start)
		wg.Wait()
		seen[raceOutcome(t, plan, codes, stderrs)]++
	}
	t.Logf("20 rounds of two concurrent edits: %v", seen)
}

// TestEditRefusesChangeOnDisk: another editor (not bp, so not taking
// bp's lock) saves the file while bp edits it; bp sees it just before the
// rename and writes nothing, and the other editor's change stays.
func TestEditRefusesChangeOnDisk(t *testing.T) {
	dir, plan := planDir(t, publishedFormat2)
	theirs := strings.Replace(readFixture(t, publishedFormat2), "Endorse the 2026 workplan", "Endorse the workplan", 1)
	// Just before the rename, and so before bp looks at the file again.
	hook := func(app *App) { app.store.BeforeRename = func(string) { writeFile(t, plan, theirs) } }
	r := runAppWith(hook, dir, "", editEnv(), fixedNow, raceEdits[1]...)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "bp: postpone: workplans/2026.yaml changed on disk since bp read it (another editor?); nothing was written") ||
		!strings.Contains(r.stderr, "hint: run the command again") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if got := readFixture(t, plan); got != theirs {
		t.Error("the other editor's change was lost")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "workplans", ".2026.yaml.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// run again: bp reads their version and both changes are in
	if r := runBPIn(t, dir, "", editEnv(), raceEdits[1]...); r.code != ExitOK {
		t.Fatalf("again: exit %d\n%s", r.code, r.stderr)
	}
	p := checkPlanFile(t, plan)
	if e := p.Event("rg-2026-03"); e.Purpose != "Endorse the workplan and set the stage for the year." {
		t.Errorf("their change: %q", e.Purpose)
	}
	if e := p.Event("twg-law-enforcement-2026"); !e.Start.Equal(time.Date(2026, 7, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("bp's change: %s", e.Start)
	}
}
