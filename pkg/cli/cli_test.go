package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixedNow is the clock every test runs with, unless it checks live data.
var fixedNow = func() time.Time { return time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC) }

// repoRoot is the repository's root directory (the tests run in pkg/cli;
// origDir, in diff_test.go, is the same directory, uncleaned).
var repoRoot = filepath.Clean(origDir)

// publishedPlan is the plan as first published: a frozen copy of
// workplans/2026.yaml. Every test of what bp prints for the 2026 plan
// reads it, never the live workplans/*.yaml, which maintainers edit (a
// date confirmed, an outcome recorded) without touching the tests.
var publishedPlan = filepath.Join(repoRoot, "testdata", "plans", "2026-published.yaml")

// published is the environment that points bp at publishedPlan: BP_FILE,
// so that no test depends on which plan bp would find by itself.
func published() map[string]string { return map[string]string{EnvFile: publishedPlan} }

// result is what one bp run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runBP runs bp in-process with args in the test's current directory
// (the package directory, or where the test changed to), an environment
// holding only env (no BP_FILE unless env gives one), the fixed clock and
// the given stdin.
func runBP(t testing.TB, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return runBPIn(t, wd, stdin, env, args...)
}

// runBPIn is runBP with dir as bp's working directory.
func runBPIn(t testing.TB, dir, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	return runApp(dir, stdin, env, fixedNow, args...)
}

// runApp runs bp in-process with everything it reads from outside given:
// the working directory, stdin, the environment and the clock.
func runApp(dir, stdin string, env map[string]string, now func() time.Time, args ...string) result {
	return runAppWith(nil, dir, stdin, env, now, args...)
}

// runAppWith is runApp with setup (if not nil) run on the App before
// the command: a test sets the store's hooks there (app.store.BeforeSwap).
func runAppWith(setup func(*App), dir, stdin string, env map[string]string, now func() time.Time, args ...string) result {
	var out, errb bytes.Buffer
	app := &App{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: now,
		Getenv: func(k string) string { return env[k] },
		Getwd:  func() (string, error) { return dir, nil },
	}
	if setup != nil {
		setup(app)
	}
	code := app.Run(args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// runPublished runs bp on the plan as first published.
func runPublished(t testing.TB, args ...string) result {
	t.Helper()
	return runBP(t, "", published(), args...)
}
