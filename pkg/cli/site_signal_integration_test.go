//go:build integration && unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/store"
)

// TestSignalDuringSiteKeepsOld: SIGINT or SIGTERM while bp site has
// built the new site but not swapped it in removes the new one, leaves
// the old one as it was, and ends bp by the signal. The child is this
// test binary again, stopped by a hook just before the swap.
func TestSignalDuringSiteKeepsOld(t *testing.T) {
	if out := os.Getenv(envSignalOut); os.Getenv(envSignalChild) == "site" {
		mark := os.Getenv(envSignalMark)
		var o, e bytes.Buffer
		app := &App{Stdin: os.Stdin, Stdout: &o, Stderr: &e, Now: fixedNow, Getenv: func(string) string { return "" }}
		app.store.BeforeSwap = func(string) {
			os.WriteFile(mark, nil, 0o644)
			time.Sleep(time.Minute) // the signal ends the process here
		}
		app.Run([]string{"-f", publishedPlan, "site", "--out", out})
		os.Exit(3) // not reached when the signal works
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, markDir := t.TempDir(), t.TempDir()
			out := filepath.Join(dir, "public")
			mark := filepath.Join(markDir, "started")
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, store.SiteMarker), nil, 0o644)
			os.WriteFile(filepath.Join(out, "index.html"), []byte("old site"), 0o644)

			cmd := startChild(t, "TestSignalDuringSiteKeepsOld",
				[]string{envSignalChild + "=site", envSignalOut + "=" + out, envSignalMark + "=" + mark},
				mark, 30*time.Second, "finished building")
			if l := testtool.Leftovers(t, dir, "public"); len(l) != 1 {
				t.Fatalf("before the swap, the directory holds %v besides public; want the new site", l)
			}
			signalChildAndWait(t, cmd, sig)
			if got := testtool.ReadString(t, filepath.Join(out, "index.html")); got != "old site" {
				t.Errorf("index.html = %q, want the old site", got)
			}
			testtool.WantNoLeftovers(t, dir, "public")
		})
	}
}
