package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
)

// briefDir makes a scratch directory with the follow-up fixture's three
// plan years (2028 has the joint, timed, moved meeting) in workplans/.
func briefDir(t *testing.T) string {
	t.Helper()
	dir, _ := yearsDir(t)
	writeFile(t, filepath.Join(dir, "workplans", "2028.yaml"), readFixture(t, filepath.Join(actionsDir, "2028.yaml")))
	return dir
}

// briefCases are the meetings the transcripts brief, each as of 28 Nov
// 2026 unless the case says otherwise: a Reference Group whose previous
// meeting (of the year before) has conclusions and which has an action
// to report; the first Senior Officials Meeting (no previous meeting,
// actions to report, a product presented elsewhere too); a month-only
// working group whose group owes an overdue action; a joint meeting of
// two groups with times in another zone, moved, its place one of two; the
// same later, when its groups' previous meetings have passed with no
// outcome recorded.
var briefCases = [][]string{
	{"brief", "rg-2027-03"},
	{"brief", "som-2026"},
	{"brief", "twg-return-2027-05"},
	{"brief", "joint-2028-02"},
	{"--today", "2027-06-01", "brief", "joint-2028-02"},
}

// TestBriefTranscripts: bp brief in each format (one golden transcript
// per format), and its refusals.
func TestBriefTranscripts(t *testing.T) {
	t.Parallel()
	dir := briefDir(t)
	for _, format := range briefOutputs.names() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			for _, c := range briefCases {
				args := append(append([]string{}, c...), "-o", format)
				r := runBPIn(t, dir, "", editEnv(), args...)
				if r.code != ExitOK || r.stderr != "" {
					t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
				}
				b.Write(editTranscript(args, r))
				b.WriteString("\n")
			}
			golden.Assert(t, filepath.Join(actionsDir, "brief-"+format+".golden"), b.Bytes())
		})
	}
	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		var b bytes.Buffer
		for _, args := range [][]string{
			{"brief", "rg-2027-3"},
			{"brief", "nothing"},
			{"brief"},
			{"brief", "rg-2027-03", "-o", "pdf"},
		} {
			r := runBPIn(t, dir, "", editEnv(), args...)
			if r.code != ExitUsage || r.stdout != "" {
				t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
			}
			b.Write(editTranscript(args, r))
			b.WriteString("\n")
		}
		golden.Assert(t, filepath.Join(actionsDir, "brief-refused.golden"), b.Bytes())
	})
}

// TestBriefFacts checks by hand what the transcripts show, so that a
// golden rewritten in haste cannot hide a wrong brief: previous meetings
// across plan years and per group, the actions to report with their
// states, the open actions of the groups, the products.
func TestBriefFacts(t *testing.T) {
	t.Parallel()
	dir := briefDir(t)
	type brief struct {
		Event    struct{ ID string }
		Previous []struct {
			Group string
			Event *struct {
				ID   string
				Year int
			}
			Outcome *struct{ Conclusions []string }
		}
		ToReport []struct {
			ID, State   string
			Since       *string
			DaysOverdue int
		}
		Owed     []struct{ ID string }
		Products []struct {
			ID     string
			AlsoAt []struct{ ID string }
		}
	}
	get := func(args ...string) brief {
		t.Helper()
		r := runBPIn(t, dir, "", editEnv(), append(args, "-o", "json")...)
		var out struct{ Brief brief }
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != ExitOK {
			t.Fatalf("%v: exit %d, %v\n%s", args, r.code, err, r.stderr)
		}
		return out.Brief
	}

	rg := get("brief", "rg-2027-03")
	if len(rg.Previous) != 1 || rg.Previous[0].Event == nil || rg.Previous[0].Event.ID != "rg-2026-10" || rg.Previous[0].Event.Year != 2026 ||
		rg.Previous[0].Outcome == nil || len(rg.Previous[0].Outcome.Conclusions) != 2 {
		t.Errorf("rg-2027-03: the previous meeting is not rg-2026-10 with its 2 conclusions: %+v", rg.Previous)
	}
	if len(rg.ToReport) != 1 || rg.ToReport[0].ID != "rg-2026-10-a1" || rg.ToReport[0].State != "open" || len(rg.Owed) != 0 || len(rg.Products) != 0 {
		t.Errorf("rg-2027-03: %+v", rg)
	}

	som := get("brief", "som-2026")
	if len(som.Previous) != 1 || som.Previous[0].Event != nil {
		t.Errorf("som-2026 has a previous meeting: %+v", som.Previous)
	}
	if len(som.ToReport) != 2 || som.ToReport[0].ID != "rg-2026-10-a2" || som.ToReport[0].State != "done" || som.ToReport[0].Since == nil || *som.ToReport[0].Since != "2026-11-02" ||
		som.ToReport[1].ID != "twg-return-2026-06-a2" {
		t.Errorf("som-2026: the actions to report: %+v", som.ToReport)
	}
	if len(som.Products) != 1 || som.Products[0].ID != "paper-return" || len(som.Products[0].AlsoAt) != 1 || som.Products[0].AlsoAt[0].ID != "twg-return-2026-06" {
		t.Errorf("som-2026: products %+v", som.Products)
	}

	twg := get("brief", "twg-return-2027-05")
	if len(twg.Previous) != 1 || twg.Previous[0].Event == nil || twg.Previous[0].Event.ID != "twg-return-2026-06" {
		t.Errorf("twg-return-2027-05: previous %+v", twg.Previous)
	}
	if len(twg.Owed) != 1 || twg.Owed[0].ID != "twg-return-2026-06-a1" {
		t.Errorf("twg-return-2027-05: owed %+v", twg.Owed)
	}

	joint := get("brief", "joint-2028-02")
	if len(joint.Previous) != 2 || joint.Previous[0].Group != "rg" || joint.Previous[0].Event.ID != "rg-2027-03" || joint.Previous[0].Outcome != nil ||
		joint.Previous[1].Group != "twg-return" || joint.Previous[1].Event.ID != "twg-return-2027-05" {
		t.Errorf("joint-2028-02: previous per group %+v", joint.Previous)
	}

	// The first meeting of the year has no earlier meeting of its group,
	// and owes nothing a later meeting set.
	first := get("brief", "rg-2026-03")
	if len(first.Previous) != 1 || first.Previous[0].Event != nil || len(first.Owed) != 0 {
		t.Errorf("rg-2026-03: %+v", first)
	}
}

// TestBriefOut: --out writes the brief atomically (the same bytes as on
// standard output) and says so on stderr; the text fits 80 columns.
func TestBriefOut(t *testing.T) {
	t.Parallel()
	dir := briefDir(t)
	page := runBPIn(t, dir, "", editEnv(), "brief", "joint-2028-02", "-o", "html")
	r := runBPIn(t, dir, "", editEnv(), "brief", "joint-2028-02", "-o", "html", "--out", "brief.html")
	if r.code != ExitOK || r.stdout != "" || r.stderr != "bp: wrote brief.html (the brief for joint-2028-02 as of 28 Nov 2026)\n" {
		t.Errorf("--out: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "brief.html"))
	if err != nil || string(data) != page.stdout || !strings.HasPrefix(page.stdout, "<!DOCTYPE html>") {
		t.Errorf("brief.html is not the page bp brief -o html prints: %v", err)
	}
	for _, c := range briefCases {
		r := runBPIn(t, dir, "", editEnv(), c...)
		for i, l := range strings.Split(r.stdout, "\n") {
			if n := len([]rune(l)); n > 80 {
				t.Errorf("%v: line %d is %d columns: %q", c, i+1, n, l)
			}
		}
	}
}

// TestBriefCompletion: the shell is offered the event ids of every plan
// year.
func TestBriefCompletion(t *testing.T) {
	t.Parallel()
	dir := briefDir(t)
	r := runBPIn(t, dir, "", editEnv(), "__complete", "brief", "")
	for _, want := range []string{"rg-2026-03\t", "rg-2027-03\t", "joint-2028-02\t"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("completion of bp brief lacks %q:\n%s", want, r.stdout)
		}
	}
}
