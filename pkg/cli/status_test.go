package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/icmpd/bp/pkg/internal/golden"
)

const statusFixture = "../../testdata/status/fixture.yaml"

// TestStatusGolden pins every format of bp status, for the 2026 plan as
// first published, as of the fixed clock (27 Nov 2026), and for the
// fixture plan mid-year.
func TestStatusGolden(t *testing.T) {
	formats := map[string]string{"text": "txt", "markdown": "md", "html": "html", "json": "json"}
	cases := []struct {
		name string
		args []string
	}{
		{"2026-as-of-2026-11-27", nil}, // the clock of runBP: 27 Nov 2026
		{"fixture-as-of-2026-06-17", []string{"-f", statusFixture, "--as-of", "2026-06-17"}},
	}
	for _, c := range cases {
		for format, ext := range formats {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				args := append(append([]string{"status"}, c.args...), "-o", format)
				r := runPublished(t, args...)
				if r.code != ExitOK || r.stderr != "" {
					t.Fatalf("bp %s: exit %d, stderr: %s", strings.Join(args, " "), r.code, r.stderr)
				}
				golden.Assert(t, "../../testdata/status/"+c.name+"."+ext+".golden", []byte(r.stdout))
			})
		}
	}
}

// TestStatus2026NothingMadeUp checks the facts the issue fixes for the
// plan as first published, as of 27 Nov 2026: no outcome is recorded, so
// every dated event needs follow-up (the November meetings ran 24–26 Nov)
// and the two month-only meetings are overdue to schedule.
func TestStatus2026NothingMadeUp(t *testing.T) {
	r := runPublished(t, "status", "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		AsOf   string         `json:"asOf"`
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
		Next   []any          `json:"next"`
		Events []struct {
			ID      string `json:"id"`
			State   string `json:"state"`
			Outcome any    `json:"outcome"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.AsOf != "2026-11-27" || doc.Total != 11 {
		t.Fatalf("asOf %s, total %d; want 2026-11-27, 11", doc.AsOf, doc.Total)
	}
	want := map[string]int{"held": 0, "needsFollowUp": 9, "happeningNow": 0, "upcoming": 0,
		"toBeConfirmed": 0, "overdueToSchedule": 2, "postponed": 0, "cancelled": 0}
	for k, v := range want {
		if doc.Counts[k] != v {
			t.Errorf("counts.%s = %d, want %d", k, doc.Counts[k], v)
		}
	}
	if doc.Next == nil || len(doc.Next) != 0 {
		t.Errorf("next = %v, want []", doc.Next)
	}
	overdue := map[string]bool{"syria-thematic-meeting": true, "twg-legal-pathways-2026": true}
	for _, e := range doc.Events {
		wantState := "needs-follow-up"
		if overdue[e.ID] {
			wantState = "overdue-to-schedule"
		}
		if e.State != wantState {
			t.Errorf("%s: state %s, want %s", e.ID, e.State, wantState)
		}
		if e.Outcome != nil {
			t.Errorf("%s: outcome %v, but the plan records none", e.ID, e.Outcome)
		}
	}
}

// TestStatusDate checks that --today and --as-of pick the date, and that
// --as-of wins.
func TestStatusDate(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "Status as of 27 Nov 2026"},
		{[]string{"--today", "2026-03-01"}, "Status as of 1 Mar 2026"},
		{[]string{"--today", "2026-03-01", "--as-of", "2026-07-07"}, "Status as of 7 Jul 2026"},
	} {
		r := runPublished(t, append([]string{"status"}, c.args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, c.want) {
			t.Errorf("%v: missing %q in\n%s", c.args, c.want, r.stdout)
		}
	}
	// On 7 July the Reference Group meets that day.
	r := runPublished(t, "status", "--as-of", "2026-07-07", "-o", "markdown")
	if !strings.Contains(r.stdout, "| 7 Jul 2026 | Reference Group Meeting<br>(rg-2026-07)<br>Online | **Happening now**<br>today |") {
		t.Errorf("rg-2026-07 not happening now on 7 Jul:\n%s", r.stdout)
	}
}

func TestStatusTextFits80Columns(t *testing.T) {
	for _, args := range [][]string{{"status"}, {"status", "-f", statusFixture, "--as-of", "2026-06-17"}} {
		r := runPublished(t, args...)
		for i, l := range strings.Split(r.stdout, "\n") {
			if w := runewidth.StringWidth(l); w > 80 {
				t.Errorf("%v: line %d is %d columns wide: %q", args, i+1, w, l)
			}
		}
	}
}

func TestStatusOutWritesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "status.html")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runPublished(t, "status", "-o", "html", "--out", path)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := runPublished(t, "status", "-o", "html").stdout
	if string(got) != want {
		t.Errorf("--out file differs from standard output")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old file's 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestStatusErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format", []string{"status", "-o", "pdf"}, ExitUsage, `unknown format "pdf"`},
		{"bad date", []string{"status", "--as-of", "2026-02-30"}, ExitUsage, `--as-of: "2026-02-30" is not a real date`},
		{"not a date", []string{"status", "--as-of", "june"}, ExitUsage, "use YYYY-MM-DD"},
		{"bad today", []string{"status", "--today", "x"}, ExitUsage, "--today:"},
		{"argument", []string{"status", "extra"}, ExitUsage, "bp status: takes no arguments, got extra\nUsage: bp status [flags]\n"},
		{"missing plan", []string{"status", "-f", filepath.Join(dir, "none.yaml")}, ExitUsage, "no such file"},
		{"out dir missing", []string{"status", "--out", filepath.Join(dir, "no", "such", "dir.html")}, ExitUsage, "status: write"},
		{"invalid plan", []string{"status", "-f", "-"}, ExitInvalid, "-:3:10: error: event \"a\": missing required key \"title\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdin := ""
			if c.name == "invalid plan" {
				stdin = "formatVersion: 1\nplan: {id: x}\nevents: [{id: a}]\n"
			}
			r := runBP(t, stdin, published(), c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", r.code, c.code, r.stderr)
			}
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, c.want)
			}
			if r.stdout != "" && c.code != ExitOK {
				t.Errorf("stdout not empty on error: %q", r.stdout)
			}
		})
	}
}
