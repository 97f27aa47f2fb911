package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	// for -update, which every package's tests accept
	_ "github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// TestWritesValidPlan: the file synth writes is a valid plan of exactly
// the events asked for, and the same flags give the same bytes.
func TestWritesValidPlan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.yaml")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-n", "250", "-o", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), "synth: wrote "+path+" (250 events, ") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, diags := workplan.Check(path, data, workplan.DefaultLimits, workplan.Options{})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	if plan == nil || len(plan.Events) != 250 || plan.Revision != 1 {
		t.Fatalf("want a plan of 250 events at revision 1, got %+v", plan)
	}
	// to standard output: the same bytes
	stdout.Reset()
	if code := run([]string{"-n", "250"}, &stdout, &stderr); code != 0 || !bytes.Equal(stdout.Bytes(), data) {
		t.Errorf("to stdout: exit %d, %d bytes, want the file's %d", code, stdout.Len(), len(data))
	}
	// a re-issued plan: the next revision, with events moved
	stdout.Reset()
	if code := run([]string{"-n", "250", "-revision", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("-revision 2: exit %d", code)
	}
	plan2, diags := workplan.Check("r2.yaml", stdout.Bytes(), workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) || plan2.Revision != 2 || len(plan2.Events) != 250 || bytes.Equal(stdout.Bytes(), data) {
		t.Errorf("-revision 2: %v, revision %d, %d events", diags, plan2.Revision, len(plan2.Events))
	}
	// another year
	stdout.Reset()
	if code := run([]string{"-n", "250", "-year", "2031"}, &stdout, &stderr); code != 0 {
		t.Fatalf("-year 2031: exit %d", code)
	}
	plan3, diags := workplan.Check("2031.yaml", stdout.Bytes(), workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) || plan3.Year != 2031 || len(plan3.Events) != 250 || plan3.Events[0].ID != "ev-2031-000000" {
		t.Errorf("-year 2031: %v, year %d, %d events", diags, plan3.Year, len(plan3.Events))
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-n", "0"}, {"-n", "x"}, {"-revision", "0"}, {"-year", "1899"}, {"-year", "10000"}, {"extra"}, {"-bogus"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 || stdout.Len() != 0 || stderr.Len() == 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and a message", args, code, stdout.String(), stderr.String())
		}
	}
	var stderr bytes.Buffer
	if code := run([]string{"-n", "1", "-o", filepath.Join(t.TempDir(), "no", "such", "dir.yaml")}, new(bytes.Buffer), &stderr); code != 2 {
		t.Errorf("write into a missing directory: exit %d, %s", code, stderr.String())
	}
}
