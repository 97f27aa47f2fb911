package store

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// TestThousands: sizes in messages are grouped by three digits.
func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 31585456: "31,585,456", -1234: "-1,234"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSources: the one loop over the files of a set reads them in order,
// each when the loop asks: a loop that stops at an error reads no
// further; one that goes on gets the error with the file's name, and the
// files after it. ReadAll stops at the first error; Plans leaves out the
// file it is told to skip, and one it cannot decode.
func TestSources(t *testing.T) {
	dir := t.TempDir()
	plan := "formatVersion: 3\nplan:\n  id: p\n  title: P\n  year: YEAR\n  revision: 1\n  revised: 2026-01-10\nevents: []\n"
	testtool.MustWrite(t, filepath.Join(dir, "2026.yaml"), strings.Replace(plan, "YEAR", "2026", 1))
	testtool.MustWrite(t, filepath.Join(dir, "2028.yaml"), strings.Replace(plan, "YEAR", "2028", 1))
	testtool.MustWrite(t, filepath.Join(dir, "broken.yaml"), "plan: [\n")
	s := &Session{Getwd: func() (string, error) { return dir, nil }}
	f := Files{Origin: FromFlag, Names: []string{"2026.yaml", "2027.yaml", "2028.yaml"}}

	var names []string
	var errs []error
	for src, err := range s.Sources(f) {
		names = append(names, src.Name)
		errs = append(errs, err)
	}
	if !slices.Equal(names, f.Names) || errs[0] != nil || errs[1] == nil || errs[2] != nil {
		t.Errorf("Sources gave %v, errors %v; want every name, an error for 2027.yaml alone", names, errs)
	}
	if len(s.inputs) != 2 {
		t.Errorf("%d files recorded as read, want 2", len(s.inputs))
	}

	s = &Session{Getwd: s.Getwd}
	for _, err := range s.Sources(f) {
		if err != nil {
			break
		}
	}
	if len(s.inputs) != 1 {
		t.Errorf("a loop that stopped at 2027.yaml read %d files, want 1", len(s.inputs))
	}
	if _, err := s.ReadAll(f); err == nil || !strings.Contains(err.Error(), "2027.yaml") {
		t.Errorf("ReadAll: %v, want the error of 2027.yaml", err)
	}

	f.Names = []string{"2026.yaml", "broken.yaml", "2028.yaml"}
	plans, err := s.Plans(f, "2026.yaml")
	if err != nil || len(plans) != 1 || plans[0].File != "2028.yaml" || plans[0].Year != 2028 {
		t.Errorf("Plans skipping 2026.yaml = %v, %v; want 2028.yaml alone", plans, err)
	}
}
