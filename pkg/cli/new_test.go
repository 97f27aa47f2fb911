package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// TestNew: bp new 2027 in a checkout whose workplans/ holds the 2026 plan
// as first published writes workplans/2027.yaml (golden), in bp fmt's
// layout, valid alone and with 2026, at either day the transcripts use.
func TestNew(t *testing.T) {
	t.Parallel()
	for _, day := range yearDays {
		t.Run(day, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			put(t, dir, map[string]string{"workplans/2026.yaml": readFixture(t, publishedPlan), "workplans/notes/.keep": ""})
			r := runBPIn(t, filepath.Join(dir, "workplans", "notes"), "", nil, "--today", day, "new", "2027")
			want := "bp: wrote ../2027.yaml: the plan of 2027, from ../2026.yaml (5 groups, no events yet)\n" +
				"bp: review what the comment at its top lists, add the events, then run 'bp validate'\n"
			if r.code != 0 || r.stdout != "" || r.stderr != want {
				t.Fatalf("bp new 2027: exit %d, stdout %q, stderr\n%s\nwant\n%s", r.code, r.stdout, r.stderr, want)
			}
			path := filepath.Join(dir, "workplans", "2027.yaml")
			data := readFixture(t, path)
			golden.Assert(t, filepath.Join(repoRoot, "testdata", "years", "new", "2027-on-"+day+".yaml.golden"), []byte(data))

			// bp fmt's layout, and valid, alone and with 2026.
			if r := runBPIn(t, dir, "", nil, "fmt", "--check"); r.code != 0 || r.stdout != "" {
				t.Errorf("bp fmt --check after bp new: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if r := runBPIn(t, dir, "", nil, "--today", day, "validate", "--strict"); r.code != 0 || r.stderr != "2 files: 0 errors, 0 warnings\n" {
				t.Errorf("bp validate --strict after bp new: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			plan, diags := workplan.Check("2027.yaml", []byte(data), workplan.DefaultLimits, workplan.Options{})
			if len(diags) > 0 || plan.Year != 2027 || plan.ID != "budapest-process-2027" || plan.Title != "Budapest Process Workplan 2027" ||
				plan.Revision != 1 || plan.Revised.Format("2006-01-02") != day || len(plan.Events) != 0 || len(plan.Products) != 0 ||
				plan.Framework == nil || plan.Framework.Year != 3 || plan.Chair != "Türkiye" || plan.CoChair != "Hungary" || plan.Secretariat != "ICMPD" {
				t.Errorf("the new plan: %v\n%+v", diags, plan)
			}

			// Refused a second time: exit 2, the file untouched.
			if err := os.WriteFile(path, []byte(data+"# edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			r = runBPIn(t, dir, "", nil, "--today", day, "new", "2027")
			if r.code != ExitUsage || r.stderr != "bp: new: a plan for 2027 exists already: workplans/2027.yaml; refused, nothing was written\n" {
				t.Errorf("bp new 2027 again: exit %d\n%s", r.code, r.stderr)
			}
			if got := readFixture(t, path); got != data+"# edited\n" {
				t.Error("the refused bp new changed the file")
			}
		})
	}
}

// TestNewRefusals: bp new writes nothing when the file exists (even
// holding no plan of that year), when there is no directory to write
// into, or for a year that is not one.
func TestNewRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	published := readFixture(t, publishedPlan)
	put(t, dir, map[string]string{
		"exists/workplans/2026.yaml":   published,
		"exists/workplans/2027.yaml":   "# not a plan yet\n",
		"other/workplans/2026.yaml":    published,
		"other/workplans/plan-b.yaml":  readFixture(t, filepath.Join(repoRoot, "testdata/years/two/2027.yaml")),
		"invalid/workplans/2026.yaml":  published,
		"invalid/workplans/broken.txt": "",
		"single/plan.yaml":             published,
		"nothing/.keep":                "",
	})
	cases := []struct {
		name string
		dir  string
		env  map[string]string
		args []string
		want string
	}{
		{"the file exists", "exists", nil, []string{"new", "2027"}, "bp: workplans/2027.yaml is not a valid workplan"},
		{"another file holds the year", "other", nil, []string{"new", "2027"}, "bp: new: a plan for 2027 exists already: workplans/plan-b.yaml; refused, nothing was written\n"},
		{"built in", "nothing", nil, []string{"new", "2027"}, "bp: new: the plans are the ones built into bp, and there is no directory to write into\n" +
			"  hint: run bp new in a checkout of the plan repository (it finds workplans/ from there), or pass --file DIR\n"},
		{"a single file", "single", nil, []string{"-f", "plan.yaml", "new", "2027"}, "bp: new: plan.yaml (--file) is a single plan file, not a directory of plans\n"},
		{"BP_FILE a single file", "single", map[string]string{EnvFile: "plan.yaml"}, []string{"new", "2027"}, "bp: new: plan.yaml (BP_FILE) is a single plan file"},
		{"not a year", "other", nil, []string{"new", "next"}, `bp: new: "next" is not a year: use YYYY, such as 2027`},
		{"too early", "other", nil, []string{"new", "1066"}, "bp: new: 1066 is not a plan year: use a year from 1900 to 9999\n"},
		{"no year", "other", nil, []string{"new"}, "bp new: needs a year\nUsage: bp new <year> [flags]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wd := filepath.Join(dir, c.dir)
			before, _ := filepath.Glob(filepath.Join(wd, "workplans", "*"))
			r := runBPIn(t, wd, "", c.env, c.args...)
			if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, c.want) {
				t.Errorf("bp %s: exit %d, stderr\n%s\nwant %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
			}
			if after, _ := filepath.Glob(filepath.Join(wd, "workplans", "*")); len(after) != len(before) {
				t.Errorf("bp %s wrote a file: %v", strings.Join(c.args, " "), after)
			}
		})
	}
	// A file of that name that holds no plan of that year is refused
	// once the set reads (here: a valid plan of another year).
	put(t, dir, map[string]string{"clash/workplans/2026.yaml": published, "clash/workplans/2027.yaml": published})
	r := runBPIn(t, filepath.Join(dir, "clash"), "", nil, "new", "2027")
	if r.code == 0 || readFixture(t, filepath.Join(dir, "clash/workplans/2027.yaml")) != published {
		t.Errorf("bp new over a file of another year: exit %d\n%s", r.code, r.stderr)
	}
	// Something named 2028.yaml that is not a plan file (a directory) is
	// not replaced.
	put(t, dir, map[string]string{"other/workplans/2028.yaml/.keep": ""})
	r = runBPIn(t, filepath.Join(dir, "other"), "", nil, "new", "2028")
	if r.code != ExitUsage || r.stderr != "bp: new: workplans/2028.yaml exists; refused, nothing was written\n"+
		"  hint: move it away first if it is not needed\n" {
		t.Errorf("bp new over a directory: exit %d\n%s", r.code, r.stderr)
	}
	// A dangling symlink named 2029.yaml: the plans cannot be read, and
	// nothing is written.
	if err := os.Symlink("nowhere.yaml", filepath.Join(dir, "other/workplans/2029.yaml")); err != nil {
		t.Fatal(err)
	}
	r = runBPIn(t, filepath.Join(dir, "other"), "", nil, "new", "2029")
	if _, err := os.Stat(filepath.Join(dir, "other/workplans/nowhere.yaml")); r.code != ExitUsage || err == nil {
		t.Errorf("bp new with a dangling symlink: exit %d, %v\n%s", r.code, err, r.stderr)
	}
}

// TestNewFramework: the framework's year advances while the new year is
// in its range, and is left out (the comment says so) past its end; a
// year before every plan starts from the nearest after it.
func TestNewFramework(t *testing.T) {
	t.Parallel()
	dir := yearsCheckout(t, "three")
	r := runBPIn(t, dir, "", nil, "--today", "2030-11-02", "new", "2031")
	if r.code != 0 || !strings.Contains(r.stderr, "from workplans/2028.yaml (4 groups, no events yet)") {
		t.Fatalf("bp new 2031: exit %d\n%s", r.code, r.stderr)
	}
	data := readFixture(t, filepath.Join(dir, "workplans", "2031.yaml"))
	if strings.Contains(data, "\n  framework:\n") || !strings.Contains(data, "#   - plan.framework: Call for Action 2025–2030 ended in 2030;\n#     add the framework 2031 implements\n") {
		t.Errorf("2031: the framework is not left out with a note:\n%s", data)
	}
	r = runBPIn(t, dir, "", nil, "--today", "2024-11-02", "new", "2025")
	data = readFixture(t, filepath.Join(dir, "workplans", "2025.yaml"))
	if r.code != 0 || !strings.Contains(r.stderr, "from workplans/2026.yaml") || !strings.Contains(data, "    year: 1\n") ||
		!strings.Contains(data, "  id: budapest-process-2025\n") || !strings.Contains(data, "  - id: twg-law-enforcement\n") {
		t.Errorf("bp new 2025: exit %d\n%s\n%s", r.code, r.stderr, data)
	}
	if r := runBPIn(t, dir, "", nil, "--today", "2030-11-02", "validate", "--strict"); r.code != 0 {
		t.Errorf("the set with 2025 and 2031: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestNewCarryOver: bp new lists the open actions of the years before
// the new one (they stay in the plan that set them), and the new year's
// bp status shows each of them in its follow-up section; with no open
// action it says nothing more (the transcript's second run, and TestNew).
func TestNewCarryOver(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	withActions, _ := yearsDir(t)
	args := []string{"--today", "2026-11-28", "new", "2028"}
	r := runBPIn(t, withActions, "", nil, args...)
	b.Write(transcript(args, r))
	if r.code != ExitOK {
		t.Fatalf("bp new 2028: exit %d\n%s", r.code, r.stderr)
	}
	status := runBPIn(t, withActions, "", nil, "--today", "2026-11-28", "status", "--year", "2028", "-o", "json")
	var rep struct {
		FollowUp struct {
			Open []struct {
				Actions []struct{ ID string } `json:"actions"`
			} `json:"open"`
		} `json:"followUp"`
	}
	if err := json.Unmarshal([]byte(status.stdout), &rep); err != nil {
		t.Fatalf("bp status --year 2028: exit %d: %v\n%s", status.code, err, status.stderr)
	}
	tracked := map[string]bool{}
	for _, o := range rep.FollowUp.Open {
		for _, a := range o.Actions {
			tracked[a.ID] = true
		}
	}
	listed := 0
	for _, id := range []string{"rg-2026-03-a2", "twg-return-2026-06-a1", "twg-return-2026-06-a2", "rg-2026-10-a1"} {
		if strings.Contains(r.stderr, "  "+id+": ") {
			listed++
		}
		if !tracked[id] {
			t.Errorf("bp status --year 2028 does not track %s: %v", id, tracked)
		}
	}
	if listed != 4 || len(tracked) != 4 || strings.Contains(r.stderr, "rg-2026-03-a1") || strings.Contains(r.stderr, "rg-2026-03-a3") {
		t.Errorf("bp new 2028 lists %d of the 4 open actions (or a closed one); bp status tracks %d\n%s", listed, len(tracked), r.stderr)
	}

	without := yearsCheckout(t, "two")
	r = runBPIn(t, without, "", nil, args...)
	b.WriteString("\n")
	b.Write(transcript(args, r))
	if r.code != ExitOK || strings.Count(r.stderr, "\n") != 2 {
		t.Errorf("bp new 2028 with no action: exit %d, want two lines\n%s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join(actionsDir, "new-carry-over.golden"), b.Bytes())
}
