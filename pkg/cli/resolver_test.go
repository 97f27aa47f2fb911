package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/workplans"
)

// planWithTitle returns the published plan with its title replaced by
// title and the Senior Officials Meeting's title by title+" SOM", so that
// a test can tell which file bp read.
func planWithTitle(t testing.TB, title string) string {
	t.Helper()
	data, err := os.ReadFile(publishedPlan)
	if err != nil {
		t.Fatal(err)
	}
	const old = "  title: Budapest Process Workplan 2026\n"
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q", publishedPlan, old)
	}
	const som = "title: Annual Senior Officials Meeting\n"
	if !bytes.Contains(data, []byte(som)) {
		t.Fatalf("%s lacks %q", publishedPlan, som)
	}
	s := strings.Replace(string(data), old, "  title: "+title+"\n", 1)
	return strings.Replace(s, som, "title: "+title+" SOM\n", 1)
}

// planOfYear returns the published plan moved to year (every "2026" in
// it replaced), titled title. Event ids without the year get it as a
// suffix: an event id names one event across every plan year.
func planOfYear(t testing.TB, year, title string) string {
	t.Helper()
	s := strings.ReplaceAll(planWithTitle(t, title), "2026", year)
	head, events, ok := strings.Cut(s, "\nevents:\n")
	if !ok {
		t.Fatal("the published plan has no events: line")
	}
	lines := strings.Split(events, "\n")
	for i, l := range lines {
		if id, ok := strings.CutPrefix(l, "  - id: "); ok && !strings.Contains(id, year) {
			lines[i] = l + "-" + year
		}
	}
	return head + "\nevents:\n" + strings.Join(lines, "\n")
}

// put writes files (path relative to dir → content) under dir.
func put(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestResolverOrder: every command reads the plans one resolver finds, in
// this order: --file (a file or a directory), $BP_FILE, the nearest
// workplans/ directory from the working directory upward, else the plans
// built into bp.
func TestResolverOrder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	put(t, root, map[string]string{
		"repo/workplans/2026.yaml": planWithTitle(t, "Found Upward Plan"),
		"repo/sub/deeper/.keep":    "",
		"flag/file.yaml":           planWithTitle(t, "Flag File Plan"),
		"flag/dir/2026.yaml":       planWithTitle(t, "Flag Dir Plan"),
		"env/file.yaml":            planWithTitle(t, "Env File Plan"),
		"env/dir/2026.yaml":        planWithTitle(t, "Env Dir Plan"),
	})
	nested := filepath.Join(root, "repo", "sub", "deeper")
	envFile := map[string]string{EnvFile: filepath.Join(root, "env", "file.yaml")}
	envDir := map[string]string{EnvFile: filepath.Join(root, "env", "dir")}

	cases := []struct {
		name  string
		dir   string
		env   map[string]string
		flags []string
		title string // the plan read
		file  string // the name bp gives its file
		som   string // the title of its event som-2026
	}{
		{"found upward from a nested directory", nested, nil, nil, "Found Upward Plan", "../../workplans/2026.yaml", ""},
		{"found in the working directory", filepath.Join(root, "repo"), nil, nil, "Found Upward Plan", "workplans/2026.yaml", ""},
		{"env file beats the directory found", nested, envFile, nil, "Env File Plan", envFile[EnvFile], ""},
		{"env directory", nested, envDir, nil, "Env Dir Plan", filepath.Join(envDir[EnvFile], "2026.yaml"), ""},
		{"flag file beats env", nested, envDir, []string{"-f", filepath.Join(root, "flag", "file.yaml")}, "Flag File Plan", filepath.Join(root, "flag", "file.yaml"), ""},
		{"flag directory, relative to the working directory", filepath.Join(root, "flag"), envFile, []string{"--file", "dir"}, "Flag Dir Plan", "dir/2026.yaml", ""},
		{"flag file, relative", filepath.Join(root, "flag"), nil, []string{"-f", "file.yaml"}, "Flag File Plan", "file.yaml", ""},
	}
	commands := []struct {
		args []string
		want func(title, file, som string) string // stdout or stderr must contain
	}{
		{[]string{"version"}, func(title, file, som string) string { return "workplan: " + title + ", revision 1" }},
		{[]string{"list", "-o", "markdown"}, func(title, file, som string) string { return som }},
		{[]string{"show", "som-2026"}, func(title, file, som string) string { return "  Plan          " + title + "\n" }},
		{[]string{"status"}, func(title, file, som string) string { return title }},
		{[]string{"ics", "--month", "june"}, func(title, file, som string) string { return "X-WR-CALNAME:" + title }},
		{[]string{"validate"}, func(title, file, som string) string { return file + ": 0 errors, 0 warnings\n" }},
		{[]string{"__complete", "show", ""}, func(title, file, som string) string { return "som-2026\t24–26 Nov 2026 " + som + "\n" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.som == "" {
				c.som = c.title + " SOM"
			}
			for _, cmd := range commands {
				args := append(append([]string{}, c.flags...), cmd.args...)
				r := runBPIn(t, c.dir, "", c.env, args...)
				if r.code != 0 {
					t.Errorf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
					continue
				}
				if want := cmd.want(c.title, c.file, c.som); !strings.Contains(r.stdout+r.stderr, want) {
					t.Errorf("bp %s: no %q in\n%s%s", strings.Join(args, " "), want, r.stdout, r.stderr)
				}
			}
		})
	}
}

// TestResolverBuiltIn: with no --file, no $BP_FILE and no workplans/
// directory here or above, every command reads the plans built into bp.
// What those plans say is live data, so the test reads its expectations
// from them: the current plan's title and revision, and its first event.
func TestResolverBuiltIn(t *testing.T) {
	t.Parallel()
	var plans []*workplan.Plan
	for _, name := range workplans.Names() {
		data, err := workplans.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := workplan.Parse("workplans/"+name, data, workplan.DefaultLimits)
		if p == nil || workplan.HasErrors(diags) {
			t.Fatalf("built-in plan %s does not parse: %v", name, diags)
		}
		plans = append(plans, p)
	}
	// The live plans are validated as of a day they can have been
	// written by.
	today := builtInDay(t)
	set, _ := workplan.NewSet(plans...)
	plan := set.Current(today)
	if plan == nil || len(plan.Events) == 0 {
		t.Skip("no built-in plan with events for the test clock's year")
	}
	first := plan.Events[0]
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string // stdout or stderr must contain
	}{
		{[]string{"version"}, fmt.Sprintf("workplan: %s, revision %d", render.Clean(plan.Title), plan.Revision)},
		{[]string{"show", first.ID}, "  Plan          " + render.Clean(plan.Title) + "\n"},
		{[]string{"status"}, render.Clean(plan.Title)},
		{[]string{"validate"}, plan.File + " (built in): 0 errors"},
		{[]string{"list", "-o", "json"}, `"events": [`},
	} {
		r := runBPIn(t, dir, "", map[string]string{EnvToday: today.Format("2006-01-02")}, c.args...)
		if r.code != 0 {
			t.Errorf("bp %s: exit %d\n%s", strings.Join(c.args, " "), r.code, r.stderr)
			continue
		}
		if !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("bp %s: no %q in\n%s%s", strings.Join(c.args, " "), c.want, r.stdout, r.stderr)
		}
	}
}

// TestResolverFmtAndDiff: fmt and diff take their file from the same
// resolver; the built-in plans are neither formatted nor diffed.
func TestResolverFmtAndDiff(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	put(t, root, map[string]string{
		"repo/workplans/2026.yaml": planWithTitle(t, "Found Upward Plan"),
		"repo/sub/.keep":           "",
		"elsewhere/.keep":          "",
	})
	sub := filepath.Join(root, "repo", "sub")
	r := runBPIn(t, sub, "", nil, "fmt")
	if r.code != 0 || !strings.Contains(r.stdout, "title: Found Upward Plan") {
		t.Errorf("bp fmt from a subdirectory: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runBPIn(t, sub, "", nil, "fmt", "--check")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("bp fmt --check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runBPIn(t, filepath.Join(root, "elsewhere"), "", nil, "fmt", "--check")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "no workplans/ directory here or above") {
		t.Errorf("bp fmt with nothing found: exit %d\n%s", r.code, r.stderr)
	}
	r = runBPIn(t, filepath.Join(root, "elsewhere"), "", nil, "diff", "HEAD")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "no plan file to compare") {
		t.Errorf("bp diff with nothing found: exit %d\n%s", r.code, r.stderr)
	}
}

// TestResolverCurrentYear: of a set of plans, a command that shows one
// takes the plan of today's year (--today, BP_TODAY, the clock), else the
// nearest year ahead, else the latest — never "the newest file".
func TestResolverCurrentYear(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	put(t, dir, map[string]string{
		"workplans/2026.yaml": planOfYear(t, "2026", "Plan Of 2026"),
		"workplans/2027.yaml": planOfYear(t, "2027", "Plan Of 2027"),
	})
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"the clock (27 Nov 2026)", nil, nil, "Plan Of 2026"},
		{"--today in 2027", nil, []string{"--today", "2027-01-10"}, "Plan Of 2027"},
		{"BP_TODAY in 2027", map[string]string{EnvToday: "2027-01-10"}, nil, "Plan Of 2027"},
		{"--today beats BP_TODAY", map[string]string{EnvToday: "2027-01-10"}, []string{"--today", "2026-06-01"}, "Plan Of 2026"},
		{"no plan for 2025: the nearest ahead", nil, []string{"--today", "2025-05-01"}, "Plan Of 2026"},
		{"no plan for 2030: the latest", nil, []string{"--today", "2030-01-01"}, "Plan Of 2027"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, dir, "", c.env, append(c.args, "status")...)
			if r.code != 0 || !strings.Contains(r.stdout, c.want) {
				t.Errorf("bp status: exit %d, want %q in\n%s%s", r.code, c.want, r.stdout, r.stderr)
			}
		})
	}
	// status --as-of picks the plan of its day; version lists every plan.
	if r := runBPIn(t, dir, "", nil, "status", "--as-of", "2027-03-01"); !strings.Contains(r.stdout, "Plan Of 2027") {
		t.Errorf("status --as-of 2027-03-01 does not report on 2027:\n%s%s", r.stdout, r.stderr)
	}
	r := runBPIn(t, dir, "", nil, "version")
	if !strings.Contains(r.stdout, "workplan: Plan Of 2026, revision 1 of 2026-11-27 (from workplans/2026.yaml)\n"+
		"workplan: Plan Of 2027, revision 1 of 2027-11-27 (from workplans/2027.yaml)\n") {
		t.Errorf("bp version does not list both plans:\n%s", r.stdout)
	}
	r = runBPIn(t, dir, "", nil, "validate")
	if r.code != 0 || r.stderr != "2 files: 0 errors, 0 warnings\n" {
		t.Errorf("bp validate over the set: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runBPIn(t, dir, "", map[string]string{EnvToday: "2027-02-30"}, "list"); r.code != ExitUsage || !strings.Contains(r.stderr, "BP_TODAY:") {
		t.Errorf("a bad BP_TODAY: exit %d\n%s", r.code, r.stderr)
	}
}

// TestResolverRefusals: two --file flags, a blank BP_FILE, an empty
// directory and a broken plan in the set are refused, never guessed.
func TestResolverRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	put(t, dir, map[string]string{
		"a.yaml":              planWithTitle(t, "A"),
		"b.yaml":              planWithTitle(t, "B"),
		"empty/.keep":         "",
		"set/2026.yaml":       planWithTitle(t, "Good"),
		"set/2027.yaml":       "formatVersion: 1\nplan: {id: x}\n",
		"found/workplans/.k":  "",
		"found/workplans/x.t": "",
	})
	cases := []struct {
		name string
		dir  string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"two -f", dir, nil, []string{"-f", "a.yaml", "-f", "b.yaml", "version"}, ExitUsage, `given twice ("a.yaml", then "b.yaml")`},
		{"-f and --file", dir, nil, []string{"--file", "a.yaml", "list", "-f", "b.yaml"}, ExitUsage, "given twice"},
		{"blank BP_FILE", dir, map[string]string{EnvFile: " "}, []string{"list"}, ExitUsage, "BP_FILE is blank"},
		{"empty directory", dir, nil, []string{"-f", "empty", "list"}, ExitUsage, "empty: no .yaml files in the directory"},
		{"found directory without plans", filepath.Join(dir, "found"), nil, []string{"list"}, ExitUsage, "workplans: no .yaml files in the directory (found from the working directory"},
		{"a broken plan in the set", dir, nil, []string{"-f", "set", "list"}, ExitInvalid, "set/2027.yaml is not a valid workplan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := runBPIn(t, c.dir, "", c.env, c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("bp %s: exit %d (want %d), stderr:\n%s\nwant %q", strings.Join(c.args, " "), r.code, c.code, r.stderr, c.want)
			}
			if r.stdout != "" {
				t.Errorf("output on error: %q", r.stdout)
			}
		})
	}
}
