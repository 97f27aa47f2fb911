package workplan

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The fuzz targets run their seed corpora (testdata/fuzz/<FuzzName>/)
// with plain `go test`; `go test -fuzz=^FuzzCheck$ ./pkg/workplan`
// explores further. A crash the fuzzer finds is saved beside the seeds
// and so becomes a regression test.

// fuzzLimits keep each fuzz input cheap: the fuzzer's inputs are small,
// and an alias bomb must stop at the node limit, not run for seconds.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxNodes: 200_000}

// fuzzDeadline is generous: a fuzz input is a few kilobytes, and reading
// one takes microseconds even on a loaded machine.
const fuzzDeadline = 10 * time.Second

var ruleNames = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range Rules {
		m[r.Name] = true
	}
	return m
}()

// checkInvariants is what every input must give, whatever its bytes: no
// panic, a plan or an error, and diagnostics a user can act on.
func checkInvariants(t *testing.T, name string, data []byte, plan *Plan, diags []Diagnostic) {
	t.Helper()
	if plan == nil && !HasErrors(diags) {
		t.Fatalf("no plan and no error for %q", data)
	}
	for _, d := range diags {
		if d.Line < 1 || d.Col < 1 {
			t.Errorf("diagnostic without a position: %s", d)
		}
		if d.File != name {
			t.Errorf("diagnostic names file %q, want %q", d.File, name)
		}
		if !ruleNames[d.Rule] {
			t.Errorf("diagnostic with a rule not in Rules: %s", d)
		}
		if d.Severity != SeverityError && d.Severity != SeverityWarning {
			t.Errorf("diagnostic with severity %q: %s", d.Severity, d)
		}
		if strings.TrimSpace(d.Message) == "" {
			t.Errorf("diagnostic without a message: %s", d)
		}
	}
	if plan == nil || HasErrors(diags) {
		return
	}
	// A plan without errors keeps the promises every output relies on.
	for _, e := range plan.Events {
		if e.ID == "" || e.Type == "" || e.Status == "" || e.Title == "" {
			t.Errorf("valid plan with an incomplete event: %+v", e)
		}
		if e.Month.IsZero() {
			t.Errorf("valid plan, event %q without a month", e.ID)
		}
		if e.HasDay() && e.End.Before(e.Start) {
			t.Errorf("valid plan, event %q ends before it starts", e.ID)
		}
		if plan.Event(e.ID) == nil {
			t.Errorf("valid plan, event %q not indexed", e.ID)
		}
		_ = e.DateText()
		_ = e.Location.String()
	}
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte("formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: 1, revised: 2026-01-01}\nevents: []\n"))
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a bug too, and the fuzzer has no timeout of its own:
		// panicking from the timer kills the worker, and the fuzzer then
		// saves the input that hung.
		watchdog := time.AfterFunc(fuzzDeadline, func() {
			panic(fmt.Sprintf("Check took more than %v on %d bytes: %q", fuzzDeadline, len(data), data[:min(len(data), 200)]))
		})
		defer watchdog.Stop()
		plan, diags := Check("fuzz.yaml", data, fuzzLimits, Options{Today: today})
		checkInvariants(t, "fuzz.yaml", data, plan, diags)
	})
}

func FuzzParseDate(f *testing.F) {
	f.Add("2026-02-28")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) failed but returned %v", s, d)
			}
			if !strings.Contains(err.Error(), "YYYY-MM-DD") && !strings.Contains(err.Error(), "not a real date") {
				t.Errorf("ParseDate(%q): error does not say what to write: %v", s, err)
			}
			return
		}
		if got := d.Format("2006-01-02"); got != strings.TrimSpace(s) {
			t.Errorf("ParseDate(%q) = %s: not the date written", s, got)
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Nanosecond() != 0 {
			t.Errorf("ParseDate(%q) = %v: not UTC midnight", s, d)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	f.Add("june", 2026)
	f.Fuzz(func(t *testing.T, s string, year int) {
		first, last, err := ParseMonth(s, year)
		if err != nil {
			if !first.IsZero() || !last.IsZero() {
				t.Errorf("ParseMonth(%q) failed but returned %v %v", s, first, last)
			}
			if !strings.Contains(err.Error(), MonthForms) {
				t.Errorf("ParseMonth(%q): error does not list the accepted forms: %v", s, err)
			}
			return
		}
		if first.Day() != 1 || last.Month() != first.Month() || last.Year() != first.Year() ||
			last.AddDate(0, 0, 1).Day() != 1 {
			t.Errorf("ParseMonth(%q) = %v..%v: not a whole month", s, first, last)
		}
		if first.Location() != time.UTC || first.Hour() != 0 {
			t.Errorf("ParseMonth(%q) = %v: not UTC midnight", s, first)
		}
	})
}
