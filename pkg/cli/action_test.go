package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// actionsDir holds the follow-up fixture: two plan years whose meetings
// set actions, some reported to a meeting of the next year.
var actionsDir = filepath.Join(repoRoot, "testdata", "actions")

// yearsDir makes a scratch directory with the fixture's two plans as
// workplans/2026.yaml and workplans/2027.yaml.
func yearsDir(t *testing.T) (dir, plan2026 string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "workplans"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, y := range []string{"2026", "2027"} {
		writeFile(t, filepath.Join(dir, "workplans", y+".yaml"), readFixture(t, filepath.Join(actionsDir, y+".yaml")))
	}
	return dir, filepath.Join(dir, "workplans", "2026.yaml")
}

// TestActionTranscripts runs bp action add, done and drop three ways, as
// TestEditTranscripts runs the edit commands: a change (the file changes
// as the golden diff shows, and stays valid with the other year), the
// same with --dry-run (the same words, the file byte-identical), and
// refusals: an invalid result (exit 1, bp validate's diagnostics) and a
// usage error (exit 2), the file byte-identical.
func TestActionTranscripts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		ok      []string
		refused [][]string
	}{
		{"add", []string{"action", "add", "rg-2026-10", "Publish the paper on return", "--owner", "secretariat", "--owner", "twg-return", "--due", "2027-01", "--report-to", "rg-2027-03"},
			[][]string{
				{"action", "add", "rg-2026-10", "Publish the paper", "--owner", "secretariat", "--due", "2026-09"},
				{"action", "add", "rg-2026-10", "Publish the paper", "--owner", "secretariat", "--due", "2027-01", "--report-to", "rg-2027-04"},
				{"action", "add", "som-2026", "Report back", "--owner", "chair", "--due", "2026-12"},
				{"action", "add", "rg-2026-10", "Publish the paper", "--owner", "chair", "--due", "soon"},
				{"action", "add", "rg-2026-10", "Publish the paper", "--owner", "chair", "--due", "2027-01", "--id", "rg-2026-03-a1"},
			}},
		{"done", []string{"action", "done", "rg-2026-03-a2", "--on", "2026-11-20", "--note", "Focal points named for 12 countries."},
			[][]string{
				{"action", "done", "rg-2026-03-a2", "--on", "2026-12-01"},
				{"action", "done", "rg-2026-03-a1"},
				{"action", "done", "rg-2026-03-a7"},
			}},
		{"drop", []string{"action", "drop", "twg-return-2026-06-a1", "--reason", "IOM publishes the data itself."},
			[][]string{
				{"action", "drop", "rg-2026-03-a3", "--reason", "again"},
				{"action", "drop", "twg-return-2026-06-a1"},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var transcript bytes.Buffer
			dir, plan := yearsDir(t)
			before := readFixture(t, plan)
			r := runBPIn(t, dir, "", editEnv(), c.ok...)
			after := readFixture(t, plan)
			transcript.Write(editTranscript(c.ok, r))
			transcript.WriteString("-- file --\n" + lineDiff(before, after))
			if r.code != ExitOK || after == before {
				t.Fatalf("%v: exit %d, file changed %v\n%s", c.ok, r.code, after != before, r.stderr)
			}
			if v := runBPIn(t, dir, "", editEnv(), "validate"); v.code != ExitOK {
				t.Errorf("the plans after %v: exit %d\n%s", c.ok, v.code, v.stdout+v.stderr)
			}

			dir, plan = yearsDir(t)
			dry := runBPIn(t, dir, "", editEnv(), append(append([]string{}, c.ok...), "--dry-run")...)
			if dry.code != ExitOK || dry.stdout != r.stdout || !strings.Contains(dry.stderr, "dry run: workplans/2026.yaml not written") {
				t.Errorf("--dry-run: exit %d\nstdout %q\nwant   %q\nstderr %q", dry.code, dry.stdout, r.stdout, dry.stderr)
			}
			if got := readFixture(t, plan); got != before {
				t.Errorf("--dry-run changed the file")
			}
			transcript.WriteString("\n")
			transcript.Write(editTranscript(append(append([]string{}, c.ok...), "--dry-run"), dry))

			for _, args := range c.refused {
				ref := runBPIn(t, dir, "", editEnv(), args...)
				if ref.code == ExitOK || ref.stdout != "" {
					t.Errorf("%v: exit %d, want a refusal\nstdout %q\nstderr %q", args, ref.code, ref.stdout, ref.stderr)
				}
				if ref.code == ExitInvalid && !diagLine.MatchString(strings.SplitN(ref.stderr, "\n", 2)[0]) {
					t.Errorf("%v: refusal does not start with a diagnostic:\n%s", args, ref.stderr)
				}
				if got := readFixture(t, plan); got != before {
					t.Errorf("%v: a refused change changed the file", args)
				}
				transcript.WriteString("\n")
				transcript.Write(editTranscript(args, ref))
			}
			golden.Assert(t, filepath.Join(actionsDir, "action-"+c.name+".golden"), transcript.Bytes())
		})
	}
}

// TestActionsList: bp actions in every format, and its filters.
func TestActionsList(t *testing.T) {
	t.Parallel()
	dir, _ := yearsDir(t)
	var transcript bytes.Buffer
	for _, args := range [][]string{
		{"actions"},
		{"actions", "-o", "json"},
		{"actions", "-o", "csv"},
		{"actions", "-o", "markdown"},
		{"actions", "--state", "open", "--owner", "secretariat"},
		{"actions", "--owner", "iom", "-o", "csv"},
		{"actions", "--month", "2026-12", "-o", "csv"},
		{"actions", "--from", "2026-09-01", "--to", "2026-11-30", "-o", "csv"},
		{"actions", "--event", "rg-2026-10", "-o", "csv"},
		{"actions", "--group", "twg-return", "-o", "csv"},
		{"actions", "--state", "closed"},
		{"actions", "--event", "rg-2026-3"},
		{"actions", "--owner", "nobody"},
	} {
		r := runBPIn(t, dir, "", editEnv(), args...)
		transcript.Write(editTranscript(args, r))
		transcript.WriteString("\n")
	}
	golden.Assert(t, filepath.Join(actionsDir, "actions.golden"), transcript.Bytes())
}

// TestActionCompletion: the shell is offered open action ids (done takes
// an open one) and owners: offices, groups, and the bodies actions name.
func TestActionCompletion(t *testing.T) {
	t.Parallel()
	dir, _ := yearsDir(t)
	r := runBPIn(t, dir, "", editEnv(), "__complete", "action", "done", "")
	for _, want := range []string{"rg-2026-03-a2\tNominate", "rg-2026-10-a1\tPrepare"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("completion of action done lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "rg-2026-03-a1\t") {
		t.Errorf("completion of action done offers a done action:\n%s", r.stdout)
	}
	r = runBPIn(t, dir, "", editEnv(), "__complete", "action", "add", "rg-2026-10", "x", "--owner", "")
	for _, want := range []string{"secretariat\tSecretariat (ICMPD)", "twg-return\tThematic", "IOM\tIOM", "Türkiye\t"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("completion of --owner lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestStatusFollowUpYearAhead: the status of a plan year still ahead
// counts what was done in the year so far of its date, not in a period
// that ends before it starts.
func TestStatusFollowUpYearAhead(t *testing.T) {
	t.Parallel()
	r := runBP(t, "", nil, "-f", actionsDir, "--today", "2026-11-28", "status", "--year", "2028")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	flat := strings.Join(strings.Fields(r.stdout), " ")
	if !strings.Contains(flat, "from 1 Jan 2026 to 28 Nov 2026") || strings.Contains(flat, "1 Jan 2028 to") {
		t.Errorf("the follow-up period is not the year so far of the report's date:\n%s", r.stdout)
	}
}

// TestActionsRelative: bp actions takes the relative words bp list takes
// (--month this|next|last, --from/--to today), as of --today.
func TestActionsRelative(t *testing.T) {
	t.Parallel()
	dir, _ := yearsDir(t)
	for _, c := range [][2][]string{
		{{"--month", "next"}, {"--month", "2026-12"}},
		{{"--month", "this"}, {"--month", "2026-11"}},
		{{"--month", "last"}, {"--month", "2026-10"}},
		{{"--from", "today"}, {"--from", "2026-11-28"}},
		{{"--to", "today"}, {"--to", "2026-11-28"}},
	} {
		rel := runBPIn(t, dir, "", editEnv(), append([]string{"actions", "-o", "csv"}, c[0]...)...)
		abs := runBPIn(t, dir, "", editEnv(), append([]string{"actions", "-o", "csv"}, c[1]...)...)
		if rel.code != abs.code || rel.stdout != abs.stdout || rel.stderr != abs.stderr {
			t.Errorf("bp actions %v (exit %d) differs from %v (exit %d):\n%s%s\n---\n%s%s", c[0], rel.code, c[1], abs.code, rel.stdout, rel.stderr, abs.stdout, abs.stderr)
		}
	}
	if r := runBPIn(t, dir, "", editEnv(), "actions", "--month", "2026-12", "-o", "csv"); strings.Count(r.stdout, "\n") < 2 {
		t.Errorf("no action due in December 2026 to compare with:\n%s", r.stdout)
	}
	r := runBPIn(t, dir, "", editEnv(), "actions", "--month", "soon")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "hint: --month also takes this, next or last") {
		t.Errorf("bp actions --month soon: exit %d: %s", r.code, r.stderr)
	}
}

// TestActionAddPublic: bp action add --public writes public: true, and
// the plan reads the action as public; without it, nothing is written.
func TestActionAddPublic(t *testing.T) {
	t.Parallel()
	for _, public := range []bool{true, false} {
		dir, plan := yearsDir(t)
		args := []string{"action", "add", "rg-2026-10", "Publish the paper on return", "--owner", "secretariat", "--due", "2027-01"}
		if public {
			args = append(args, "--public")
		}
		if r := runBPIn(t, dir, "", editEnv(), args...); r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
		text := readFixture(t, plan)
		if got := strings.Contains(text, "public: true"); got != public {
			t.Errorf("--public %v: the file says public: true %v", public, got)
		}
		p, diags := workplan.Parse(plan, []byte(text), workplan.DefaultLimits)
		if workplan.HasErrors(diags) {
			t.Fatal(diags)
		}
		if a := p.Action("rg-2026-10-a3"); a == nil || a.Public != public {
			t.Errorf("--public %v: the new action reads %+v", public, a)
		}
	}
}
