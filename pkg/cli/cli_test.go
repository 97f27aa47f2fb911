package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fixedNow is the clock every test runs with.
var fixedNow = func() time.Time { return time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC) }

// result is what one bp run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runBP runs bp in-process with args, an empty environment (no BP_FILE)
// unless env gives one, a fixed clock and the given stdin.
func runBP(t testing.TB, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: fixedNow,
		Getenv: func(k string) string { return env[k] },
	}
	code := app.Run(args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

func TestListJuneOnEmbeddedPlan(t *testing.T) {
	r := runBP(t, "", nil, "list", "--month", "june")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
	}
	for _, want := range []string{"25–26 Jun 2026", "Law Enforcement", "Antalya, Türkiye", "In person"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("bp list --month june: missing %q in\n%s", want, r.stdout)
		}
	}
}

// Outside a checkout (a directory with no workplans/ in it or above),
// validate checks the built-in plan and says so.
func TestValidateBuiltInPlan(t *testing.T) {
	r := runIn(t, t.TempDir(), "", nil, "validate")
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if want := "workplans/2026.yaml (built in): 0 errors, 0 warnings\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}
