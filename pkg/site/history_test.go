package site

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
)

const historyDir = "../../testdata/site/history/"

// historySite is the site of the history fixture's last revision as of
// 10 Mar 2026, published at https://example.org/plans/, with the history
// of its five revisions as bp site reads it from git.
func historySite(t testing.TB) *Site {
	b := NewBuilder()
	var p *workplan.Plan
	for i := 1; i <= 5; i++ {
		p = load(t, historyDir+"r"+strconv.Itoa(i)+".yaml")
		b.Add("2026.yaml", p, time.Date(2026, time.Month(i), 20, 10, 0, 0, 0, time.UTC))
	}
	h := b.History()
	return &Site{Plans: []*workplan.Plan{p}, Current: p, Today: date("2026-03-10"), BaseURL: "https://example.org/plans/",
		History: func() *History { return h }}
}

// TestBuilder: consecutive revisions compared give an entry per revision
// that changed a meeting, newest first, each dated by its revision, in
// the public's words; the first revision is the plan published.
func TestBuilder(t *testing.T) {
	h := historySite(t).History()
	var got []string
	for _, en := range h.Entries {
		s := strconv.Itoa(en.Revision) + " " + workplan.ISODay(en.Date)
		if en.First {
			s += " first " + strconv.Itoa(len(en.Meetings))
		}
		for _, c := range en.Changes {
			s += " | " + c.ID + ": " + strings.Join(c.Words, "; ")
		}
		got = append(got, s)
	}
	want := []string{
		"5 2026-03-06 | rg-2026-03: Outcome published: The workplan was endorsed.",
		"4 2026-03-02 | som-2026: Cancelled: merged into the 2027 meeting",
		"3 2026-03-01 | twg-return-2026-06: Place confirmed: Istanbul, Türkiye",
		"2 2026-02-10 | twg-return-2026-06: Moved from 25–26 Jun 2026 to 8–9 Jul 2026",
		"1 2026-01-15 first 3",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if h.Source != FromGit {
		t.Error("a Builder's history is not FromGit")
	}
}

// plan2027 is a 2027 plan of the given revision and events (YAML list
// items, indented by two).
func plan2027(t *testing.T, rev int, events string) *workplan.Plan {
	t.Helper()
	src := "formatVersion: 3\nplan:\n  id: history-2027\n  title: History Workplan 2027\n  year: 2027\n  revision: " + strconv.Itoa(rev) +
		"\n  revised: 2026-04-0" + strconv.Itoa(rev) + "\ngroups:\n  - {id: som, name: Senior Officials Meeting, kind: senior-officials-meeting}\nevents:\n" + events
	p, diags := workplan.Parse("2027.yaml", []byte(src), workplan.DefaultLimits)
	if p == nil || workplan.HasErrors(diags) {
		t.Fatalf("%v\n%s", diags, src)
	}
	return p
}

// TestBuilderAcrossPlans: a meeting that leaves one plan year for another
// is moved there, not removed and new.
func TestBuilderAcrossPlans(t *testing.T) {
	b := NewBuilder()
	b.Add("2026.yaml", load(t, historyDir+"r5.yaml"), time.Time{})
	b.Add("2027.yaml", plan2027(t, 1, "  []\n"), time.Time{})
	// revision 6 of 2026: the SOM leaves for 2027, where it is planned for February
	r5, err := os.ReadFile(historyDir + "r5.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(r5), "  revision: 5\n  revised: 2026-03-06\n", "  revision: 6\n  revised: 2026-04-02\n", 1)
	src = src[:strings.Index(src, "  - id: som-2026")]
	left, diags := workplan.Parse("2026.yaml", []byte(src), workplan.DefaultLimits)
	if left == nil || left.Revision != 6 || left.Event("som-2026") != nil || workplan.HasErrors(diags) {
		t.Fatalf("revision 6: %v", diags)
	}
	b.Add("2026.yaml", left, time.Time{})
	b.Add("2027.yaml", plan2027(t, 2, "  - {id: som-2026, title: Senior Officials Meeting, type: senior-officials, groups: [som], month: 2027-02, format: hybrid, "+
		"status: planned, uidPlan: history-2026, revision: 2, revised: 2026-04-02}\n"), time.Time{})
	var words []string
	for _, en := range b.History().Entries {
		for _, c := range en.Changes {
			words = append(words, en.PlanID+": "+strings.Join(c.Words, "; "))
		}
	}
	want := []string{"history-2027: Back in the plan, cancelled no longer; Moved from Nov 2026 to Feb 2027 · day TBC", "history-2026: Moved to the 2027 plan"}
	if !slices.Equal(words, want) {
		t.Errorf("changes %q, want %q", words, want)
	}
}
