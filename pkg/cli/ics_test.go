package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

const icsFixtures = "../../testdata/ics/"

// TestICSPublishedPlan: the calendar of the plan as first published.
func TestICSPublishedPlan(t *testing.T) {
	r := runPublished(t, "ics")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
	}
	// The same golden file as pkg/calendar's: one contract.
	golden.Assert(t, icsFixtures+"2026.ics", []byte(r.stdout))
	if n := strings.Count(r.stdout, "BEGIN:VEVENT\r\n"); n != 9 {
		t.Errorf("%d events, want 9", n)
	}
	wantErr := "bp: left out 2 events whose day is not known yet (add them as month-long placeholders with --include-undated):\n" +
		"  syria-thematic-meeting: May 2026 · day TBC\n" +
		"  twg-legal-pathways-2026: Sep 2026 · day TBC\n"
	if r.stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, wantErr)
	}
	if again := runPublished(t, "ics"); again.stdout != r.stdout {
		t.Errorf("a second run gave different bytes")
	}
}

func TestICSFixtures(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"times.ics", []string{"-f", icsFixtures + "times.yaml", "ics"}},
		{"times-undated.ics", []string{"-f", icsFixtures + "times.yaml", "ics", "--include-undated"}},
		{"hostile.ics", []string{"-f", icsFixtures + "hostile.yaml", "ics"}},
		{"2026-undated.ics", []string{"ics", "--include-undated"}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			r := runPublished(t, tc.args...)
			if r.code != ExitOK {
				t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
			}
			golden.Assert(t, icsFixtures+tc.golden, []byte(r.stdout))
		})
	}
}

func TestICSFilters(t *testing.T) {
	tests := []struct {
		args    []string
		uids    []string
		leftOut string
	}{
		{[]string{"--type", "webinar"}, []string{"webinar-reintegration", "webinar-skills-partnerships", "webinar-missing-migrants"}, ""},
		{[]string{"--month", "may"}, []string{"webinar-reintegration"}, "syria-thematic-meeting"},
		{[]string{"--month", "may", "--include-undated"}, []string{"webinar-reintegration", "syria-thematic-meeting"}, ""},
		{[]string{"--group", "rg"}, []string{"rg-2026-03", "rg-2026-07", "rg-2026-11"}, ""},
		{[]string{"--unconfirmed"}, []string{"webinar-missing-migrants", "twg-return-2026"}, "twg-legal-pathways-2026"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runPublished(t, append([]string{"ics"}, tc.args...)...)
			if r.code != ExitOK {
				t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
			}
			if n := strings.Count(r.stdout, "BEGIN:VEVENT"); n != len(tc.uids) {
				t.Errorf("%d events, want %d", n, len(tc.uids))
			}
			for _, id := range tc.uids {
				if !strings.Contains(r.stdout, "UID:"+id+"@budapest-process-2026\r\n") {
					t.Errorf("missing %s", id)
				}
			}
			if tc.leftOut != "" && !strings.Contains(r.stderr, "  "+tc.leftOut+": ") {
				t.Errorf("stderr does not name %s as left out:\n%s", tc.leftOut, r.stderr)
			}
			if tc.leftOut == "" && r.stderr != "" {
				t.Errorf("unexpected stderr: %s", r.stderr)
			}
		})
	}
}

func TestICSOut(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.ics")
	r := runPublished(t, "ics", "--out", path)
	if r.code != ExitOK || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "bp: wrote "+path+" (9 events)\n") {
		t.Errorf("stderr: %s", r.stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, icsFixtures+"2026.ics", got)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files, want only plan.ics (no temporary file left)", len(entries))
	}
}

func TestICSFeeds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "feeds") // created by bp
	r := runPublished(t, "ics", "--feeds", dir)
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
	}
	want := map[string]struct {
		events int
		name   string
	}{
		"all.ics":                 {9, "Budapest Process Workplan 2026"},
		"rg.ics":                  {3, "Budapest Process Workplan 2026 – Reference Group"},
		"twg-return.ics":          {2, "Budapest Process Workplan 2026 – Thematic Working Group on Return and Reintegration"},
		"twg-legal-pathways.ics":  {1, "Budapest Process Workplan 2026 – Thematic Working Group on Legal Pathways for Migration"},
		"twg-law-enforcement.ics": {1, "Budapest Process Workplan 2026 – Thematic Working Group on Law Enforcement Cooperation"},
		"som.ics":                 {1, "Budapest Process Workplan 2026 – Senior Officials Meeting"},
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("%d files in %s, want %d", len(entries), dir, len(want))
	}
	for file, w := range want {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Error(err)
			continue
		}
		s := unfold(string(data))
		if n := strings.Count(s, "BEGIN:VEVENT"); n != w.events {
			t.Errorf("%s: %d events, want %d", file, n, w.events)
		}
		if !strings.Contains(s, "\r\nX-WR-CALNAME:"+w.name+"\r\n") || !strings.Contains(s, "\r\nNAME:"+w.name+"\r\n") {
			t.Errorf("%s: calendar name is not %q", file, w.name)
		}
		if !strings.Contains(r.stderr, "bp: wrote "+filepath.Join(dir, file)+" ("+eventCount(w.events)+")\n") {
			t.Errorf("stderr does not report %s", file)
		}
	}
	if !strings.Contains(r.stderr, "twg-legal-pathways.ics (1 event)\n") || !strings.Contains(r.stderr, "all.ics (9 events)\n") {
		t.Errorf("stderr does not count the events right:\n%s", r.stderr)
	}
	if strings.Count(r.stderr, "left out 2 events") != 1 {
		t.Errorf("the left-out events should be reported once:\n%s", r.stderr)
	}
	// all.ics is the same calendar as plain `bp ics`.
	all, _ := os.ReadFile(filepath.Join(dir, "all.ics"))
	golden.Assert(t, icsFixtures+"2026.ics", all)
}

// TestICSBaseURL: with --base-url each event links to its page on the
// site (URL), under the address as bp site checks and writes it (its
// final slash added, its host in punycode), in a file as in the feeds;
// without it, none does.
func TestICSBaseURL(t *testing.T) {
	r := runPublished(t, "ics", "--base-url", "https://Bücher.example/plans")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
	}
	s := unfold(r.stdout)
	if n := strings.Count(s, "\r\nURL:"); n != 9 {
		t.Errorf("%d URL properties for 9 events", n)
	}
	if !strings.Contains(s, "\r\nURL:https://xn--bcher-kva.example/plans/events/som-2026.html\r\n") {
		t.Errorf("no URL of som-2026's page:\n%s", s)
	}
	dir := filepath.Join(t.TempDir(), "feeds")
	if r := runPublished(t, "ics", "--feeds", dir, "--base-url", "https://example.org/plans/"); r.code != ExitOK {
		t.Fatalf("--feeds: exit %d, stderr: %s", r.code, r.stderr)
	}
	rg, _ := os.ReadFile(filepath.Join(dir, "rg.ics"))
	if n := strings.Count(unfold(string(rg)), "\r\nURL:https://example.org/plans/events/rg-"); n != 3 {
		t.Errorf("rg.ics: %d events link to their page, want 3", n)
	}
	if strings.Contains(runPublished(t, "ics").stdout, "\r\nURL") {
		t.Error("a URL without --base-url")
	}
}

func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func TestICSErrors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	invalid := filepath.Join(dir, "invalid.yaml")
	if err := os.WriteFile(invalid, []byte("formatVersion: 1\nplan:\n  id: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"out and feeds", []string{"ics", "--out", filepath.Join(dir, "a.ics"), "--feeds", dir}, ExitUsage, "out"},
		{"unknown type", []string{"ics", "--type", "party"}, ExitUsage, `--type: unknown value "party"`},
		{"out in a missing directory", []string{"ics", "--out", filepath.Join(dir, "no", "such", "a.ics")}, ExitUsage, "write "},
		{"feeds is a file", []string{"ics", "--feeds", notDir}, ExitUsage, "is not a directory"},
		{"argument", []string{"ics", "extra"}, ExitUsage, `no event "extra"`},
		{"invalid plan", []string{"-f", invalid, "ics"}, ExitInvalid, "is not a valid workplan"},
		{"http base URL", []string{"ics", "--base-url", "http://example.org/plans/"}, ExitUsage, "--base-url: \"http://example.org/plans/\": give the https:// address"},
		{"base URL with a query", []string{"ics", "--base-url", "https://example.org/?a=1"}, ExitUsage, "--base-url: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runPublished(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.msg)
			}
			if r.stdout != "" {
				t.Errorf("stdout should be empty on error, got %d bytes", len(r.stdout))
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("stderr shows a panic: %s", r.stderr)
			}
		})
	}
}
