//go:build integration && unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

const (
	envKillPlans = "BP_TEST_KILL_PLANS" // set in the child: the plans to build
	envKillOut   = "BP_TEST_KILL_OUT"   // --out
	envKillMark  = "BP_TEST_KILL_MARK"  // created when the build is complete
)

// TestSiteOutKilledBuild: bp site killed with SIGKILL (no handler runs)
// when its build is complete leaves the build beside --out and the old
// site as it was; the next run removes the build and says so. The child
// is this test binary again, stopped by a hook just before the swap.
func TestSiteOutKilledBuild(t *testing.T) {
	if plans := os.Getenv(envKillPlans); plans != "" {
		var o, e bytes.Buffer
		app := &App{Stdin: os.Stdin, Stdout: &o, Stderr: &e, Now: fixedNow, Getenv: func(string) string { return "" }}
		app.store.BeforeSwap = func(string) {
			os.WriteFile(os.Getenv(envKillMark), nil, 0o644)
			time.Sleep(time.Minute) // SIGKILL ends the process here
		}
		app.Run([]string{"-f", plans, "--today", "2026-11-28", "site", "--out", os.Getenv(envKillOut)})
		os.Exit(3) // not reached
	}
	plans := twoYearDir(t)
	dir, markDir := t.TempDir(), t.TempDir()
	out := firstSite(t, dir, plans)
	before := testtool.Entries(t, out)
	mark := filepath.Join(markDir, "built")
	cmd := startChild(t, "TestSiteOutKilledBuild",
		[]string{envKillPlans + "=" + plans, envKillOut + "=" + out, envKillMark + "=" + mark},
		mark, 30*time.Second, "finished building")
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	stale := testtool.Leftovers(t, dir, "public")
	if len(stale) != 1 {
		t.Fatalf("beside public after kill -9: %v; want the build", stale)
	}
	if want := ".public.tmp-" + strconv.Itoa(cmd.Process.Pid) + "-"; !strings.HasPrefix(stale[0], want) {
		t.Errorf("the build is %s; want its name to start with %s (the process id)", stale[0], want)
	}
	testtool.SameEntries(t, "the old site after kill -9", before, testtool.Entries(t, out))

	r := siteIn(t, dir, plans, out)
	if r.code != 0 {
		t.Fatalf("the next run: exit %d: %s", r.code, r.stderr)
	}
	if msg := "bp: removed " + filepath.Join(dir, stale[0]) + ", which a killed bp site left beside " + out + "\n"; !strings.HasPrefix(r.stderr, msg) {
		t.Errorf("stderr = %q; want it to start with %q", r.stderr, msg)
	}
	testtool.WantNoLeftovers(t, dir, "public")
}
