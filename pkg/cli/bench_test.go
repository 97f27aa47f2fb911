package cli

import (
	"io"
	"strings"
	"testing"
)

// BenchmarkListJune is `bp list --month june` on the built-in plan,
// in-process: everything but process start-up.
func BenchmarkListJune(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		app := &App{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Now: fixedNow,
			Getenv: func(string) string { return "" }}
		if code := app.Run([]string{"list", "--month", "june"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
