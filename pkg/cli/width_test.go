package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestEightyColumns: everything a person reads fits 80 columns: the help
// page of every command (from the command list) and of the root, and
// the main outputs on the plan as first published. Width is counted in
// display cells, not bytes.
//
// Diagnostic lines (file:line:col: severity: message [rule]) are left
// long on purpose: editors and CI read one diagnostic per line.
//
// A file name bp prints is as long as the user made it: the plans are
// named relative to the package directory, and what is left of the
// checkout's or the temporary directory's path is measured as a short
// stand-in, so that the test says the same wherever the checkout lives
// (issue 24, item 11: validate printed the fixture's absolute path, and a
// checkout at /home/alice/src/github.com/icmpd/bp failed).
func TestEightyColumns(t *testing.T) {
	t.Parallel()
	// A plan revised with a long title, for bp diff's event and change
	// lines.
	dir := t.TempDir()
	renamed := filepath.Join(dir, "new.yaml")
	long := "title: Webinar on Missing migrants — identification, data and families' right to know, with the partners of the Silk Routes Region"
	data := strings.Replace(string(readBytes(t, publishedPlan)), "title: Webinar on Missing migrants", long, 1)
	if !strings.Contains(data, long) {
		t.Fatal("the fixture has no title to lengthen")
	}
	if err := os.WriteFile(renamed, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.yaml"), readBytes(t, publishedPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := [][]string{{"--help"}}
	for _, c := range newRootCmd(&App{}).Commands() {
		runs = append(runs, []string{c.Name(), "--help"})
		for _, sub := range c.Commands() {
			runs = append(runs, []string{c.Name(), sub.Name(), "--help"})
		}
	}
	runs = append(runs,
		[]string{"list"}, []string{"list", "--year", "all"},
		[]string{"show", "webinar-reintegration"}, []string{"show", "twg-return-2026"},
		[]string{"show", "som-2026"}, []string{"status"}, []string{"status", "--as-of", "2026-06-30"},
		[]string{"cal", "--year"}, []string{"cal", "june"},
		[]string{"validate"}, []string{"validate", "../../testdata/validate/date-order.yaml"},
		[]string{"diff", "../../testdata/diff/old.yaml", "../../testdata/diff/new.yaml"},
		[]string{"diff", "old.yaml", "new.yaml"}, // in dir
		// the edit commands' account of what they changed, on the plan
		// with the long title (in dir, --dry-run: the file stays)
		[]string{"-f", "new.yaml", "set", "webinar-missing-migrants", "--notes", "Moved online.", "--dry-run"},
		[]string{"-f", "new.yaml", "postpone", "twg-law-enforcement-2026", "--to", "2026-07-08..2026-07-09", "--dry-run"},
		[]string{"-f", "new.yaml", "set", "syria-thematic-meeting", "--date", "2026-05-19", "--dry-run"},
		[]string{"-f", "new.yaml", "record", "rg-2026-03", "--summary", "The 2026 workplan was endorsed, with the Chair's conclusions and the list of participants.", "--dry-run"},
		[]string{"-f", "new.yaml", "actions"}, []string{"brief", "som-2026"}, []string{"brief", "webinar-missing-migrants"},
	)
	diagnostic := regexp.MustCompile(`^\S+:\d+:\d+: (error|warning): `)
	plan, err := filepath.Rel(origDir, publishedPlan)
	if err != nil {
		t.Fatal(err)
	}
	pkgDir := filepath.Join(repoRoot, "pkg", "cli")
	short := strings.NewReplacer(dir, "/tmp/x", repoRoot, "/src/bp")
	for _, args := range runs {
		args := append([]string{"--today", "2026-11-28"}, args...)
		r := runBPIn(t, pkgDir, "", map[string]string{EnvFile: filepath.Join("..", "..", plan)}, args...)
		if args[2] == "diff" && args[3] == "old.yaml" || args[2] == "-f" {
			r = runBPIn(t, dir, "", nil, args...)
		}
		if r.stdout == "" && r.stderr == "" {
			t.Errorf("bp %s: no output (exit %d)", strings.Join(args, " "), r.code)
		}
		if args[2] == "validate" && len(args) == 3 && !strings.HasPrefix(r.stderr, "../../testdata/plans/2026-published.yaml: ") {
			t.Errorf("bp validate does not name the plan as BP_FILE gives it: %q", r.stderr)
		}
		for _, out := range []string{r.stdout, r.stderr} {
			for _, l := range strings.Split(short.Replace(out), "\n") {
				if w := runewidth.StringWidth(l); w > 80 && !diagnostic.MatchString(l) {
					t.Errorf("bp %s: a line of %d columns:\n%s", strings.Join(args, " "), w, l)
				}
			}
		}
	}
}
