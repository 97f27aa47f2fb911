package plandiff

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

// plan2 reads a format 2 plan of revision rev, dated revised, with the
// given events (YAML list items, indented by four).
func plan2(t *testing.T, rev int, revised string, events string) *workplan.Plan {
	t.Helper()
	src := "formatVersion: 2\nplan:\n  id: p\n  title: P\n  year: 2026\n  revision: " + strconv.Itoa(rev) + "\n  revised: " + revised + "\nevents:\n" + events
	p, diags := workplan.Check("p.yaml", []byte(src), workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%v\n%s", diags, src)
	}
	return p
}

const (
	evA  = "  - {id: a, title: A, type: webinar, start: 2026-03-04, status: planned, revision: 1, revised: 2026-01-10}\n"
	evB  = "  - {id: b, title: B, type: webinar, start: 2026-04-04, status: planned, revision: 1, revised: 2026-01-10}\n"
	evBc = "  - {id: b, title: B, type: webinar, start: 2026-04-04, status: cancelled, revision: 1, revised: 2026-01-10}\n"
)

func rules(ds []workplan.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, string(d.Severity)+" "+d.Rule+": "+d.Message+" | "+d.Hint)
	}
	return strings.Join(out, "\n")
}

func TestCheckRevisionPublishingRules(t *testing.T) {
	today := time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)
	old := plan2(t, 1, "2026-01-10", evA+evB)
	for _, c := range []struct {
		name string
		new  *workplan.Plan
		want []string // substrings, in order; none: no diagnostic
	}{
		{"unchanged", plan2(t, 1, "2026-01-10", evA+evB), nil},
		{"moved, both revisions raised", plan2(t, 2, "2026-05-02", evA+strings.ReplaceAll(strings.Replace(evB, "04-04", "04-11", 1), "revision: 1, revised: 2026-01-10", "revision: 2, revised: 2026-05-02")), nil},
		{"moved, only the plan's raised", plan2(t, 2, "2026-05-02", evA+strings.Replace(evB, "04-04", "04-11", 1)),
			[]string{`error revision: event "b" changed since old, but its revision is still 1`, `set revision: 2 and revised: 2026-05-02 on event "b"`}},
		{"added without a new revision", plan2(t, 2, "2026-05-02", evA+evB+strings.ReplaceAll(evA, "id: a", "id: c")),
			[]string{`error revision: event "c" was added since old, but its revision is still 1`}},
		{"a published event deleted", plan2(t, 2, "2026-05-02", evA),
			[]string{`error removed: event "b", published at old (4 Apr 2026, planned), is gone`, "bp cancel b"}},
		{"revised went back, revision unchanged", plan2(t, 1, "2026-01-09", strings.ReplaceAll(evA+evB, "2026-01-10", "2026-01-09")),
			[]string{"error revision: revised (2026-01-09) is before the date of the plan at old (2026-01-10)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := rules(CheckRevision("new", "old", old, c.new, today))
			if len(c.want) == 0 && got != "" {
				t.Errorf("want nothing, got\n%s", got)
			}
			at := 0
			for _, w := range c.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("no %q (in order) in\n%s", w, got)
				}
				at += i
			}
		})
	}
	// an event cancelled at the old revision may go
	cancelled := plan2(t, 1, "2026-01-10", evA+evBc)
	if got := rules(CheckRevision("new", "old", cancelled, plan2(t, 2, "2026-05-02", evA), today)); got != "" {
		t.Errorf("a cancelled event removed: %s", got)
	}
	// an event's revision going back is an error
	up := plan2(t, 3, "2026-05-02", strings.Replace(evA, "revision: 1, revised: 2026-01-10", "revision: 3, revised: 2026-05-02", 1)+evB)
	down := plan2(t, 4, "2026-05-09", evA+evB)
	if got := rules(CheckRevision("new", "old", up, down, today)); !strings.Contains(got, `error revision: event "a": revision went back from 3 to 1`) {
		t.Errorf("an event's revision went back: %s", got)
	}
}

// The back-to-back partner of an event whose date changed shows it in
// its calendar entry: it must carry a new revision too.
func TestCheckRevisionBackToBackPartner(t *testing.T) {
	pair := "  - {id: som, title: SOM, type: senior-officials, start: 2026-11-24, status: planned, backToBack: rg, revision: 1, revised: 2026-01-10}\n" +
		"  - {id: rg, title: RG, type: reference-group, start: 2026-11-25, status: planned, backToBack: som, revision: 1, revised: 2026-01-10}\n"
	old := plan2(t, 1, "2026-01-10", pair)
	moved := strings.Replace(strings.Replace(pair, "2026-11-24, status: planned, backToBack: rg, revision: 1, revised: 2026-01-10", "2026-11-26, status: planned, backToBack: rg, revision: 2, revised: 2026-05-02", 1), "2026-11-25", "2026-11-25", 1)
	got := rules(CheckRevision("new", "old", old, plan2(t, 2, "2026-05-02", moved), time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)))
	if !strings.Contains(got, `error revision: event "rg" is back-to-back with "som", whose title or date changed`) {
		t.Errorf("partner not flagged:\n%s", got)
	}
}

// parse2 is plan2 without validation: a plan as a past revision may
// hold it, a backToBack naming an event it does not have.
func parse2(t *testing.T, rev int, revised string, events string) *workplan.Plan {
	t.Helper()
	src := "formatVersion: 2\nplan:\n  id: p\n  title: P\n  year: 2026\n  revision: " + strconv.Itoa(rev) + "\n  revised: " + revised + "\nevents:\n" + events
	p, diags := workplan.Parse("p.yaml", []byte(src), workplan.DefaultLimits)
	if p == nil {
		t.Fatalf("%v\n%s", diags, src)
	}
	return p
}

// TestChangedEntries pins the one rule of which events must carry a new
// revision. The three copies it replaced disagreed on a partner that
// appeared or went: validate --against did not count it, the edits did.
// The edits were right: the partner's entry gains or loses its
// "Back-to-back with" line.
func TestChangedEntries(t *testing.T) {
	som := "  - {id: som, title: SOM, type: senior-officials, start: 2026-11-24, status: planned, backToBack: rg, revision: 1, revised: 2026-01-10}\n"
	rg := "  - {id: rg, title: RG, type: reference-group, start: 2026-11-25, status: planned, backToBack: som, revision: 1, revised: 2026-01-10}\n"
	old := parse2(t, 1, "2026-01-10", som+rg+evA)
	for _, c := range []struct {
		name     string
		old, new *workplan.Plan
		want     map[string]EntryChange
	}{
		{"nothing", old, parse2(t, 1, "2026-01-10", som+rg+evA), map[string]EntryChange{}},
		{"the partner moved", old, parse2(t, 1, "2026-01-10", strings.Replace(som, "11-24", "11-26", 1)+rg+evA),
			map[string]EntryChange{"som": EntryChanged, "rg": PartnerChanged}},
		{"the partner renamed", old, parse2(t, 1, "2026-01-10", strings.Replace(som, "title: SOM", "title: Senior Officials", 1)+rg+evA),
			map[string]EntryChange{"som": EntryChanged, "rg": PartnerChanged}},
		{"the partner's status only", old, parse2(t, 1, "2026-01-10", strings.Replace(som, "status: planned", "status: confirmed", 1)+rg+evA),
			map[string]EntryChange{"som": EntryChanged}},
		{"both changed", old, parse2(t, 1, "2026-01-10", strings.Replace(som, "11-24", "11-26", 1)+strings.Replace(rg, "title: RG", "title: R", 1)+evA),
			map[string]EntryChange{"som": EntryChanged, "rg": EntryChanged}},
		{"the partner added", parse2(t, 1, "2026-01-10", rg+evA), parse2(t, 1, "2026-01-10", som+rg+evA),
			map[string]EntryChange{"som": EntryChanged, "rg": PartnerChanged}},
		{"the partner removed", old, parse2(t, 1, "2026-01-10", rg+evA),
			map[string]EntryChange{"rg": PartnerChanged}},
		{"another event added", old, parse2(t, 1, "2026-01-10", som+rg+evA+evB),
			map[string]EntryChange{"b": EntryChanged}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Compare("old", c.old, "new", c.new).ChangedEntries(c.old, c.new)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("ChangedEntries = %v, want %v", got, c.want)
			}
		})
	}
}

// A partner added since (the old revision named it, but did not have
// it) puts a "Back-to-back with" line into the event's entry: validate
// --against wants its revision raised, as the edits raise it.
func TestCheckRevisionBackToBackPartnerAdded(t *testing.T) {
	rg := "  - {id: rg, title: RG, type: reference-group, start: 2026-11-25, status: planned, backToBack: som, revision: 1, revised: 2026-01-10}\n"
	som := "  - {id: som, title: SOM, type: senior-officials, start: 2026-11-24, status: planned, backToBack: rg, revision: 2, revised: 2026-05-02}\n"
	old := parse2(t, 1, "2026-01-10", rg)
	got := rules(CheckRevision("new", "old", old, plan2(t, 2, "2026-05-02", som+rg), time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)))
	if !strings.Contains(got, `error revision: event "rg" is back-to-back with "som", added since old; its calendar entry names it, but its revision is still 1`) {
		t.Errorf("the partner added is not flagged:\n%s", got)
	}
	if strings.Contains(got, `event "som"`) {
		t.Errorf("som, added with a new revision, is flagged:\n%s", got)
	}
}

// parse3 reads a format 3 plan (one with follow-up actions) titled
// title, with groups g1 (named group) and g2, unvalidated as parse2.
func parse3(t *testing.T, title, group, events string) *workplan.Plan {
	t.Helper()
	src := "formatVersion: 3\nplan:\n  id: p\n  title: " + title + "\n  year: 2026\n  revision: 3\n  revised: 2026-05-01\n" +
		"groups:\n  - {id: g1, name: " + group + ", kind: reference-group}\n  - {id: g2, name: Other, kind: reference-group}\nevents:\n" + events
	p, diags := workplan.Parse("p.yaml", []byte(src), workplan.DefaultLimits)
	if p == nil || workplan.HasErrors(diags) {
		t.Fatalf("%v\n%s", diags, src)
	}
	return p
}

// TestChangedEntriesAsCalendarsShow: an entry is what a calendar shows
// of an event, so a change no calendar shows (an internal action, held
// where it was confirmed, where an action is to be reported) changes no
// entry, a public action's does, and a change of the plan's title or of
// a group's name changes the entries that show it.
func TestChangedEntriesAsCalendarsShow(t *testing.T) {
	ev := func(id, group, status, public, state string) string {
		return "  - id: " + id + "\n    title: " + strings.ToUpper(id) + "\n    type: reference-group\n    groups: [" + group + "]\n" +
			"    start: 2026-03-04\n    status: " + status + "\n" +
			"    outcome:\n      summary: Met.\n      recorded: 2026-03-05\n      actions:\n" +
			"        - {id: " + id + "-a1, text: Write, owners: [secretariat], due: 2026-04, state: " + state + ", since: 2026-03-05, public: " + public + "}\n" +
			"    revision: 2\n    revised: 2026-03-05\n"
	}
	old := parse3(t, "P", "Group", ev("a", "g1", "held", "false", "open")+ev("b", "g2", "held", "true", "open"))
	for _, c := range []struct {
		name string
		new  *workplan.Plan
		want map[string]EntryChange
	}{
		{"an internal action done", parse3(t, "P", "Group", ev("a", "g1", "held", "false", "done")+ev("b", "g2", "held", "true", "open")), map[string]EntryChange{}},
		{"a public action done", parse3(t, "P", "Group", ev("a", "g1", "held", "false", "open")+ev("b", "g2", "held", "true", "done")), map[string]EntryChange{"b": EntryChanged}},
		{"an action made public", parse3(t, "P", "Group", ev("a", "g1", "held", "true", "open")+ev("b", "g2", "held", "true", "open")), map[string]EntryChange{"a": EntryChanged}},
		{"held where it was confirmed", parse3(t, "P", "Group", ev("a", "g1", "held", "false", "open")+ev("b", "g2", "confirmed", "true", "open")), map[string]EntryChange{}},
		{"the plan's title", parse3(t, "Q", "Group", ev("a", "g1", "held", "false", "open")+ev("b", "g2", "held", "true", "open")), map[string]EntryChange{"a": PlanChanged, "b": PlanChanged}},
		{"a group's name", parse3(t, "P", "The Group", ev("a", "g1", "held", "false", "open")+ev("b", "g2", "held", "true", "open")), map[string]EntryChange{"a": PlanChanged}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Compare("old", old, "new", c.new).ChangedEntries(old, c.new)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("ChangedEntries = %v, want %v", got, c.want)
			}
		})
	}
	// bp validate --against asks for the revisions the rule names, and
	// only those.
	got := rules(CheckRevision("new", "old", old, parse3(t, "Q", "Group", ev("a", "g1", "held", "false", "done")+ev("b", "g2", "held", "true", "open")), time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)))
	if !strings.Contains(got, `event "b" says the same, but its calendar entry shows its plan's title`) || strings.Count(got, "error revision: event") != 2 {
		t.Errorf("a new plan title:\n%s", got)
	}
}
