package workplan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// yearPlan reads a small valid plan of year, named <year>.yaml unless
// file is given, with the groups given as "id kind name" lines and one
// event per id in ids, on the 10th of successive months (an id ending in
// "~" is month-only, in its month).
func yearPlan(t *testing.T, file string, year int, groups []string, ids ...string) *Plan {
	t.Helper()
	if file == "" {
		file = fmt.Sprintf("%d.yaml", year)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "formatVersion: 1\nplan:\n  id: p-%d\n  title: Test Plan %d\n  year: %d\n  revision: 1\n  revised: %d-01-01\ngroups:\n", year, year, year, year)
	for _, g := range groups {
		f := strings.SplitN(g, " ", 3)
		fmt.Fprintf(&b, "  - id: %s\n    kind: %s\n    name: %s\n", f[0], f[1], f[2])
	}
	b.WriteString("events:\n")
	for i, id := range ids {
		when := fmt.Sprintf("start: %d-%02d-10", year, i+1)
		if strings.HasSuffix(id, "~") {
			id = strings.TrimSuffix(id, "~")
			when = fmt.Sprintf("month: \"%d-%02d\"", year, i+1)
		}
		fmt.Fprintf(&b, "  - id: %s\n    title: Meeting %s\n    type: reference-group\n    groups: [rg]\n    %s\n    status: planned\n", id, id, when)
	}
	p, diags := Check(file, []byte(b.String()), DefaultLimits, Options{})
	if HasErrors(diags) || p == nil {
		t.Fatalf("fixture %s: %v\n%s", file, diags, b.String())
	}
	return p
}

var rg = []string{"rg reference-group Reference Group"}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSetCurrent: the current plan is the plan of today's year, else the
// nearest year ahead, else the latest; a gap between years goes ahead.
func TestSetCurrent(t *testing.T) {
	s, diags := NewSet(yearPlan(t, "", 2028, rg, "c"), nil, yearPlan(t, "", 2026, rg, "a"))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got := s.Years(); !slices.Equal(got, []int{2026, 2028}) {
		t.Fatalf("Years() = %v, want [2026 2028] (in year order, nil skipped)", got)
	}
	for _, c := range []struct {
		today string
		want  int
	}{
		{"2026-11-27", 2026},
		{"2025-05-01", 2026}, // before every plan: the nearest ahead
		{"2027-01-10", 2028}, // a gap: the nearest ahead, not the latest behind
		{"2028-12-31", 2028},
		{"2031-01-01", 2028}, // after every plan: the latest
	} {
		if got := s.Current(date(t, c.today)); got == nil || got.Year != c.want {
			t.Errorf("Current(%s) = %v, want the plan of %d", c.today, got, c.want)
		}
	}
	if p := s.Plan(2027); p != nil {
		t.Errorf("Plan(2027) = %s, want nil", p.File)
	}
	if p := s.Plan(2028); p == nil || p.Year != 2028 {
		t.Errorf("Plan(2028) = %v", p)
	}
	if got := s.YearsText(); got != "2026, 2028" {
		t.Errorf("YearsText() = %q", got)
	}
	var empty Set
	if empty.Current(date(t, "2026-01-01")) != nil {
		t.Error("an empty set has a current plan")
	}
}

// TestSetEventAndSelect: an id is found in any year, and the event knows
// its plan; Select spans every plan in date order.
func TestSetEventAndSelect(t *testing.T) {
	p26 := yearPlan(t, "", 2026, rg, "a", "b~", "c")
	p27 := yearPlan(t, "", 2027, rg, "d~", "e")
	s, diags := NewSet(p27, p26)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	for id, want := range map[string]*Plan{"a": p26, "c": p26, "e": p27, "d": p27} {
		e := s.Event(id)
		if e == nil || e.Plan() != want {
			t.Errorf("Event(%q) = %v, want an event of the %d plan", id, e, want.Year)
		}
	}
	if s.Event("zz") != nil {
		t.Error("Event(zz) found an event")
	}
	var ids []string
	for _, e := range s.Select(Filter{}) {
		ids = append(ids, e.ID)
	}
	if want := []string{"a", "b", "c", "d", "e"}; !slices.Equal(ids, want) {
		t.Errorf("Select(all) = %v, want %v", ids, want)
	}
	ids = nil
	for _, e := range s.Select(Filter{From: date(t, "2026-03-01"), To: date(t, "2027-01-31")}) {
		ids = append(ids, e.ID)
	}
	if want := []string{"c", "d"}; !slices.Equal(ids, want) {
		t.Errorf("Select(Mar 2026–Jan 2027) = %v, want %v", ids, want)
	}
	if evs := s.Select(Filter{Text: "nothing like it"}); evs == nil || len(evs) != 0 {
		t.Errorf("Select with no match = %#v, want an empty, non-nil list", evs)
	}
	// An event not read by Parse knows no plan.
	if (&Event{ID: "x"}).Plan() != nil {
		t.Error("a hand-made event has a plan")
	}
}

// TestSetSelectTwoPlansOneYear: two plans for one year still give one
// list in date order.
func TestSetSelectTwoPlansOneYear(t *testing.T) {
	a := yearPlan(t, "a.yaml", 2026, rg, "a1", "a2", "a3")
	b := yearPlan(t, "b.yaml", 2026, rg, "b1", "b2")
	s, _ := NewSet(a, b)
	var ids []string
	for _, e := range s.Select(Filter{}) {
		ids = append(ids, e.ID)
	}
	if want := []string{"a1", "b1", "a2", "b2", "a3"}; !slices.Equal(ids, want) {
		t.Errorf("Select = %v, want %v", ids, want)
	}
}

// TestSetRules: the rules that span plans, each with where it is and
// where the other one is.
func TestSetRules(t *testing.T) {
	cases := []struct {
		name  string
		plans func(t *testing.T) []*Plan
		want  []string // diagnostics as Diagnostic.String gives them
		hint  string   // in the first diagnostic's hint
	}{
		{"one id in two years", func(t *testing.T) []*Plan {
			return []*Plan{yearPlan(t, "", 2027, rg, "x", "rg-2026-03"), yearPlan(t, "", 2026, rg, "rg-2026-03")}
		}, []string{
			`2027.yaml:19:9: error: event id "rg-2026-03" is used in the 2026 plan too (2026.yaml:13:9) [duplicate-id]`,
		}, `such as "rg-2027-03"`},
		{"a duplicate within a plan is Validate's", func(t *testing.T) []*Plan {
			p := yearPlan(t, "", 2026, rg, "a", "b")
			p.Events[1].ID = "a"
			p.index()
			return []*Plan{p}
		}, nil, ""},
		{"two plans for one year", func(t *testing.T) []*Plan {
			return []*Plan{yearPlan(t, "a.yaml", 2026, rg, "a"), yearPlan(t, "b.yaml", 2026, rg, "b")}
		}, []string{
			`b.yaml:5:9: error: a second plan for 2026: a.yaml:5:9 is the plan of 2026 already [duplicate-id]`,
		}, "one plan file"},
		{"a group's kind changed", func(t *testing.T) []*Plan {
			return []*Plan{yearPlan(t, "", 2026, rg, "a"),
				yearPlan(t, "", 2027, []string{"rg thematic-working-group Reference Group"}, "b")}
		}, []string{
			`2027.yaml:9:5: error: group "rg" is a Thematic Working Group here but a Reference Group in the 2026 plan (2026.yaml:9:5) [duplicate-id]`,
		}, "the same group in every year"},
		{"a group renamed", func(t *testing.T) []*Plan {
			return []*Plan{yearPlan(t, "", 2026, rg, "a"),
				yearPlan(t, "", 2027, []string{"rg reference-group The Reference Group"}, "b")}
		}, []string{
			`2027.yaml:9:5: warning: group "rg" is named "The Reference Group" here but "Reference Group" in the 2026 plan (2026.yaml:9:5) [duplicate-id]`,
		}, "if the group was renamed"},
		{"agreeing years", func(t *testing.T) []*Plan {
			return []*Plan{yearPlan(t, "", 2026, rg, "a"), yearPlan(t, "", 2027, rg, "b"), yearPlan(t, "", 2028, rg, "c")}
		}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := NewSet(c.plans(t)...)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if c.hint != "" && !strings.Contains(diags[0].Hint, c.hint) {
				t.Errorf("hint %q lacks %q", diags[0].Hint, c.hint)
			}
		})
	}
}

// TestSetRulesBounded: a plan copied into the next year without new ids
// gives at most MaxDiagnostics diagnostics and a "limit" error.
func TestSetRulesBounded(t *testing.T) {
	ids := make([]string, 12)
	for i := range ids {
		ids[i] = fmt.Sprintf("e%d", i)
	}
	a := yearPlan(t, "", 2026, rg, ids...)
	b := yearPlan(t, "", 2027, rg, ids...)
	var plans []*Plan
	for range (MaxDiagnostics / len(ids)) + 2 {
		plans = append(plans, a, b)
	}
	_, diags := NewSet(plans...)
	if len(diags) != MaxDiagnostics+1 || diags[MaxDiagnostics].Rule != "limit" {
		t.Errorf("%d diagnostics, the last %v; want %d and a limit", len(diags), diags[len(diags)-1], MaxDiagnostics+1)
	}
}

func TestGroupsOf(t *testing.T) {
	a := yearPlan(t, "", 2026, []string{"rg reference-group Reference Group", "twg-x thematic-working-group TWG X"}, "a")
	b := yearPlan(t, "", 2027, []string{"som senior-officials-meeting SOM", "rg reference-group The Reference Group"}, "b")
	s, _ := NewSet(b, a)
	var got []string
	for _, g := range s.Groups() {
		got = append(got, g.ID+"="+g.Name)
	}
	if want := []string{"rg=The Reference Group", "twg-x=TWG X", "som=SOM"}; !slices.Equal(got, want) {
		t.Errorf("Groups() = %v, want %v (first appearance, latest name)", got, want)
	}
}

func TestTitleWithoutYear(t *testing.T) {
	for title, want := range map[string]string{
		"Budapest Process Workplan 2026":   "Budapest Process Workplan",
		"Workplan 2026 – Budapest Process": "Workplan – Budapest Process",
		"2026: Workplan":                   "Workplan",
		"Workplan (2026)":                  "Workplan",
		"Budapest Process Workplan":        "Budapest Process Workplan",
		"Plan for 20260":                   "Plan for 20260",
		"2026":                             "2026",
	} {
		p := &Plan{Title: title, Year: 2026}
		if got := p.TitleWithoutYear(); got != want {
			t.Errorf("TitleWithoutYear(%q) = %q, want %q", title, got, want)
		}
	}
}
