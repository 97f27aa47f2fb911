package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/synth"
)

// BenchmarkListJune is `bp list --month june` on the plan as first
// published, in-process: everything but process start-up.
func BenchmarkListJune(b *testing.B) {
	b.ReportAllocs()
	env := published()
	for b.Loop() {
		app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Now: fixedNow,
			Getenv: func(k string) string { return env[k] }}
		if code := app.Run([]string{"list", "--month", "june"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCommands runs whole commands in-process on synthetic plans of
// 1k, 10k and 100k events: load + validate + the command's own work and
// output. ns/event is the figure to compare across sizes (linear = flat).
func BenchmarkCommands(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{1_000, 10_000, 100_000} {
		p1 := filepath.Join(dir, fmt.Sprintf("plan-%d.yaml", n))
		p2 := filepath.Join(dir, fmt.Sprintf("plan-%d-r2.yaml", n))
		if err := os.WriteFile(p1, synth.Plan(n, 1), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p2, synth.Plan(n, 2), 0o644); err != nil {
			b.Fatal(err)
		}
		cmds := []struct {
			name string
			args []string
			exit int
		}{
			{"validate", []string{"validate", "--today", "2026-06-01", p1}, 0},
			{"list-june", []string{"list", "-f", p1, "--month", "june", "-o", "json"}, 0},
			{"ics", []string{"ics", "-f", p1}, 0},
			{"status-json", []string{"status", "-f", p1, "--as-of", "2026-06-15", "-o", "json"}, 0},
			{"diff", []string{"diff", p1, p2}, 1},
			{"fmt", []string{"fmt", p1}, 0},
		}
		for _, c := range cmds {
			args := append([]string{"--max-size", "100000000"}, c.args...)
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var errb bytes.Buffer
					app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errb, Now: fixedNow,
						Getenv: func(string) string { return "" }}
					if code := app.Run(args); code != c.exit {
						b.Fatalf("bp %s: exit %d, want %d: %s", strings.Join(args, " "), code, c.exit, errb.String())
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/event")
			})
		}
	}
}
