package edit

import (
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// TestNextYear: the next plan of a plan without framework, time zone or
// groups leaves those keys out, replaces the year in the id and adds it
// to a title without one, and is a valid plan of no events. (bp new's
// goldens, in pkg/cli, cover a full plan.)
func TestNextYear(t *testing.T) {
	src := head + "  []\n"
	base, diags := workplan.Parse("p.yaml", []byte(strings.Replace(src, "id: p\n", "id: p-2026\n", 1)), workplan.DefaultLimits)
	if base == nil || workplan.HasErrors(diags) {
		t.Fatalf("base: %v", diags)
	}
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	data, err := NextYear(base, 2027, today, "", "2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for _, want := range []string{
		"# The plan of 2027, started on 2026-11-27 with `bp new 2027`\n# from 2026.yaml.",
		"\nplan:\n  id: p-2027\n  title: P 2027\n  year: 2027\n  revision: 1\n  revised: 2026-11-27\n",
		"\nevents: []\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the new plan lacks %q:\n%s", want, out)
		}
	}
	for _, absent := range []string{"framework", "timezone", "groups:", "chair"} {
		if strings.Contains(out, absent+":") || strings.Contains(out, "\n"+absent) {
			t.Errorf("the new plan has %s, which the base has not:\n%s", absent, out)
		}
	}
	p, diags := workplan.Check("2027.yaml", data, workplan.DefaultLimits, workplan.Options{Today: today})
	if p == nil || workplan.HasErrors(diags) || p.Year != 2027 || len(p.Events) != 0 {
		t.Errorf("the new plan does not read back as a valid plan of 2027: %v", diags)
	}
}
