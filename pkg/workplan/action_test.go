package workplan

import (
	"os"
	"strings"
	"testing"
	"time"
)

func loadFixture(t *testing.T, name string) *Plan {
	t.Helper()
	data, err := os.ReadFile("../../testdata/actions/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := Check(name, data, DefaultLimits, Options{Today: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)})
	if p == nil || HasErrors(diags) {
		t.Fatalf("%s: %v", name, diags)
	}
	return p
}

// The fixture's two years read together are clean; the 2026 plan alone
// reports the action reported to a 2027 meeting; the same action ids in
// a second plan are reported there, naming the first.
func TestCheckActionsAcrossPlans(t *testing.T) {
	p26, p27 := loadFixture(t, "2026.yaml"), loadFixture(t, "2027.yaml")
	if d := CheckActions(p26, p27); len(d) != 0 {
		t.Errorf("two years together: %v", d)
	}
	d := CheckActions(p26)
	if len(d) != 1 || d[0].Rule != "unknown-ref" || !strings.Contains(d[0].Message, `"rg-2027-03"`) || d[0].Line != 132 {
		t.Errorf("2026 alone: %v", d)
	}
	data, _ := os.ReadFile("../../testdata/actions/2026.yaml")
	copyPlan, _ := Parse("copy.yaml", data, DefaultLimits)
	d = CheckActions(p26, p27, copyPlan)
	dups := 0
	for _, x := range d {
		if x.Rule == "duplicate-id" {
			dups++
			if x.File != "copy.yaml" || !strings.Contains(x.Message, "2026.yaml:") {
				t.Errorf("duplicate reported as %v", x)
			}
		}
	}
	if dups != len(p26.Actions()) {
		t.Errorf("%d duplicates reported, want %d: %v", dups, len(p26.Actions()), d)
	}
}

func TestActionQueries(t *testing.T) {
	p := loadFixture(t, "2026.yaml")
	if n := len(p.Actions()); n != 7 {
		t.Fatalf("%d actions", n)
	}
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		id      string
		overdue int
		due     string
	}{
		{"rg-2026-03-a1", 0, "Apr 2026"},      // done
		{"rg-2026-03-a2", 181, "31 May 2026"}, // open since May
		{"twg-return-2026-06-a1", 59, "30 Sep 2026"},
		{"twg-return-2026-06-a2", 0, "Dec 2026"},
	} {
		a := p.Action(c.id)
		if a == nil {
			t.Fatalf("no action %s", c.id)
		}
		if got := a.DaysOverdue(today); got != c.overdue {
			t.Errorf("%s: %d days overdue, want %d", c.id, got, c.overdue)
		}
		if a.DueText() != c.due {
			t.Errorf("%s: due %q, want %q", c.id, a.DueText(), c.due)
		}
	}
	if a := p.Action("rg-2026-03-a2"); a.Event != p.Event("rg-2026-03") {
		t.Errorf("the action's event is %v", a.Event)
	}
	if got := p.OwnerName("secretariat"); got != "Secretariat (ICMPD)" {
		t.Errorf("secretariat reads %q", got)
	}
	if got := p.OwnerName("twg-return"); got != "Thematic Working Group on Return and Reintegration" {
		t.Errorf("a group reads %q", got)
	}
	if got := p.OwnerName("IOM"); got != "IOM" {
		t.Errorf("a body reads %q", got)
	}
}

// TestActionPublic: an action is internal unless the plan says public:
// true; public takes true or false only.
func TestActionPublic(t *testing.T) {
	data, err := os.ReadFile("../../testdata/present/2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := Parse("2026.yaml", data, DefaultLimits)
	if p == nil || HasErrors(diags) {
		t.Fatalf("%v", diags)
	}
	for id, want := range map[string]bool{"rg-2026-03-a1": true, "rg-2026-03-a2": false, "rg-2026-03-a3": true} {
		if a := p.Action(id); a == nil || a.Public != want {
			t.Errorf("%s: public %v, want %v", id, a != nil && a.Public, want)
		}
	}
	bad := strings.Replace(string(data), "public: true", "public: yes please", 1)
	_, diags = Parse("2026.yaml", []byte(bad), DefaultLimits)
	if !HasErrors(diags) || !strings.Contains(diags[0].Message, `"public" must be true or false`) {
		t.Errorf("public: yes please: %v", diags)
	}
}
