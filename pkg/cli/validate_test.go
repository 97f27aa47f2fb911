package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// validateDir holds one small workplan per rule and case, each starting
// with "# want: exit N[; args: FLAGS]", and beside each the transcript of
// bp validate on it (<name>.golden): every diagnostic with its line,
// column and hint, the summary on stderr and the exit code.
const validateDir = "testdata/validate"

// validateToday is the --today every fixture is judged on, unless its
// want line gives another.
const validateToday = "2026-06-30"

type fixture struct {
	name string // file name without .yaml
	path string // relative to the repository root
	exit int
	args []string
}

var wantLine = regexp.MustCompile(`^\x{FEFF}?# want: exit (\d)(?:; args: (.*))?\r?$`)

// readFixtures lists testdata/validate/*.yaml; it runs after t.Chdir to
// the repository root, so that file names in the output are the ones a
// user in a checkout sees.
func readFixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(validateDir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s: %v", validateDir, err)
	}
	var fxs []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := bytes.Cut(data, []byte("\n"))
		if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) { // UTF-16: no readable want line
			first = []byte("# want: exit 1")
		}
		m := wantLine.FindSubmatch(first)
		if m == nil {
			t.Fatalf("%s: first line must be \"# want: exit N[; args: ...]\", got %q", p, first)
		}
		code, _ := strconv.Atoi(string(m[1]))
		fx := fixture{name: strings.TrimSuffix(filepath.Base(p), ".yaml"), path: filepath.ToSlash(p), exit: code}
		if len(m[2]) > 0 {
			fx.args = strings.Fields(string(m[2]))
		}
		fxs = append(fxs, fx)
	}
	return fxs
}

// transcript is what a user sees: the command, stdout, stderr, the exit.
func transcript(args []string, r result) []byte {
	var b bytes.Buffer
	b.WriteString("$ bp " + strings.Join(args, " ") + "\n")
	b.WriteString(r.stdout)
	b.WriteString("-- stderr --\n")
	b.WriteString(r.stderr)
	b.WriteString("-- exit " + strconv.Itoa(r.code) + " --\n")
	return b.Bytes()
}

func validateArgs(fx fixture, extra ...string) []string {
	args := []string{"validate"}
	if !slices_contains(fx.args, "--today") {
		args = append(args, "--today", validateToday)
	}
	args = append(args, fx.args...)
	args = append(args, extra...)
	return append(args, fx.path)
}

func slices_contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

var diagLine = regexp.MustCompile(`^(.+?):(\d+):(\d+): (error|warning): (.+) \[([a-z0-9-]+)\]$`)

// TestValidateFixtures runs bp validate on each fixture of
// testdata/validate and compares the transcript with its golden file.
func TestValidateFixtures(t *testing.T) {
	t.Chdir("../..")
	for _, fx := range readFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			args := validateArgs(fx)
			r := runBP(t, "", nil, args...)
			golden.Assert(t, filepath.Join(validateDir, fx.name+".golden"), transcript(args, r))
			if r.code != fx.exit {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, fx.exit, r.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "goroutine") {
				t.Fatalf("panic reached the user:\n%s", r.stderr)
			}
			// Every diagnostic names this file and a real position, and
			// the fixture named after a rule gives that rule.
			rules, lines := fixtureRules(t, fx, r)
			if fx.exit == 0 && strings.HasPrefix(fx.name, "valid-") && lines != 0 {
				t.Errorf("valid fixture gives %d diagnostics", lines)
			}
			if fx.exit == 1 && lines == 0 {
				t.Errorf("invalid fixture gives no diagnostic")
			}
			if lines > 0 && !strings.HasPrefix(fx.name, "valid-") && !rules[ruleOf(fx.name)] {
				t.Errorf("fixture %s gives no [%s] diagnostic", fx.name, ruleOf(fx.name))
			}
		})
	}
}

// fixtureRules checks the diagnostic lines bp validate printed for fx:
// each names the fixture's file and a real position. It returns the rules
// of the diagnostics that the fixture is named after ("overlap" gives
// overlap, "date-order-times" date-order) and the number of diagnostics.
func fixtureRules(t *testing.T, fx fixture, r result) (map[string]bool, int) {
	t.Helper()
	rules := map[string]bool{}
	lines := 0
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "  hint: ") {
			continue
		}
		m := diagLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("%s: not a diagnostic line: %q", fx.name, l)
			continue
		}
		lines++
		if m[1] != fx.path {
			t.Errorf("%s: diagnostic names %q, want %q", fx.name, m[1], fx.path)
		}
		if n, _ := strconv.Atoi(m[2]); n < 1 {
			t.Errorf("%s: line %d < 1: %s", fx.name, n, l)
		}
		if n, _ := strconv.Atoi(m[3]); n < 1 {
			t.Errorf("%s: column %d < 1: %s", fx.name, n, l)
		}
		if strings.HasPrefix(fx.name, m[6]+"-") || fx.name == m[6] {
			rules[m[6]] = true
		}
	}
	return rules, lines
}

// TestValidateFixturesCoverEveryRule: every rule has a fixture in
// testdata/validate, named after it, that triggers it. It runs every
// fixture itself, so that it does not depend on which subtests of
// TestValidateFixtures ran.
func TestValidateFixturesCoverEveryRule(t *testing.T) {
	t.Chdir("../..")
	covered := map[string]bool{}
	for _, fx := range readFixtures(t) {
		rules, _ := fixtureRules(t, fx, runBP(t, "", nil, validateArgs(fx)...))
		for rule := range rules {
			covered[rule] = true
		}
	}
	for _, rule := range workplan.Rules {
		if rule.Name == "removed" {
			continue // needs git history (--against): TestRemovedPublished in edit_test.go triggers it
		}
		if !covered[rule.Name] {
			t.Errorf("rule %q has no fixture in %s that triggers it", rule.Name, validateDir)
		}
	}
}

// ruleOf returns the rule a fixture's name starts with: the longest rule
// name that is a prefix ("date-order-times" → "date-order").
func ruleOf(name string) string {
	best := ""
	for _, r := range workplan.Rules {
		if (name == r.Name || strings.HasPrefix(name, r.Name+"-")) && len(r.Name) > len(best) {
			best = r.Name
		}
	}
	return best
}

// TestValidateStrict: warnings pass unless --strict, which fails them.
func TestValidateStrict(t *testing.T) {
	t.Chdir("../..")
	for _, name := range []string{"overlap", "status-date-confirmed-tbc"} {
		fx := fixture{name: name, path: validateDir + "/" + name + ".yaml"}
		if r := runBP(t, "", nil, validateArgs(fx)...); r.code != ExitOK || !strings.Contains(r.stdout, ": warning: ") {
			t.Errorf("%s: exit %d, want 0 with a warning; stdout:\n%s", name, r.code, r.stdout)
		}
		if r := runBP(t, "", nil, validateArgs(fx, "--strict")...); r.code != ExitInvalid {
			t.Errorf("%s --strict: exit %d, want %d", name, r.code, ExitInvalid)
		}
	}
	// --strict changes nothing for a clean plan.
	if r := runBP(t, "", nil, "validate", "--strict", "--today", validateToday, validateDir+"/valid-minimal.yaml"); r.code != ExitOK {
		t.Errorf("valid-minimal --strict: exit %d, want 0; %s", r.code, r.stdout+r.stderr)
	}
}

// TestValidateFormats goldens the json and github reports for a few
// fixtures: the JSON is a contract for scripts, the annotations for CI.
func TestValidateFormats(t *testing.T) {
	t.Chdir("../..")
	for _, name := range []string{"date-impossible", "overlap", "unknown-key-typo", "valid-minimal"} {
		for _, format := range []string{"json", "github"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				args := []string{"validate", "--today", validateToday, "--format", format, validateDir + "/" + name + ".yaml"}
				r := runBP(t, "", nil, args...)
				golden.Assert(t, filepath.Join(validateDir, "format", name+"."+format+".golden"), transcript(args, r))
				if format == "json" {
					var v struct {
						Valid       bool              `json:"valid"`
						Diagnostics []json.RawMessage `json:"diagnostics"`
					}
					if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
						t.Fatalf("not JSON: %v\n%s", err, r.stdout)
					}
					if v.Valid != (r.code == 0) {
						t.Errorf("valid=%v but exit %d", v.Valid, r.code)
					}
					if v.Diagnostics == nil {
						t.Errorf("diagnostics is null, want a list")
					}
				}
			})
		}
	}
}

// TestValidateExitCodes covers the usage side: 2 for a missing file, a
// bad flag or format, and "valid" files mixed with a missing one.
func TestValidateExitCodes(t *testing.T) {
	t.Chdir("../..")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing file", []string{"validate", "testdata/validate/no-such-file.yaml"}, ExitUsage, "no such file"},
		{"missing and valid", []string{"validate", "testdata/validate/no-such-file.yaml", "testdata/validate/valid-minimal.yaml"}, ExitUsage, "no such file"},
		{"bad flag", []string{"validate", "--strikt", "testdata/validate/valid-minimal.yaml"}, ExitUsage, "unknown flag: --strikt"},
		{"bad format", []string{"validate", "--format", "xml", "testdata/validate/valid-minimal.yaml"}, ExitUsage, `unknown format "xml"`},
		{"bad today", []string{"validate", "--today", "2026-02-30", "testdata/validate/valid-minimal.yaml"}, ExitUsage, "--today"},
		{"directory without yaml", []string{"validate", "pkg/internal"}, ExitUsage, "no .yaml files"},
		{"valid", []string{"validate", "testdata/validate/valid-minimal.yaml"}, ExitOK, "0 errors, 0 warnings"},
		{"invalid", []string{"validate", "testdata/validate/date-order.yaml"}, ExitInvalid, "1 error"},
		{"stdin", []string{"validate", "-"}, ExitInvalid, "-: 2 errors"},
		{"the plan as first published", []string{"validate", "testdata/plans/2026-published.yaml"}, ExitOK, "0 errors, 0 warnings"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runBP(t, "formatVersion: 1\n", nil, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, c.msg) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", c.msg, r.stdout, r.stderr)
			}
		})
	}
}

// TestValidateHostileCorpus runs bp itself on testdata/hostile: the exit
// code follows expect.txt (0 valid, 1 invalid), no panic or stack trace
// reaches the user, every diagnostic names file:line:col, and a valid
// file's text reaches no terminal output with its control characters.
func TestValidateHostileCorpus(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("testdata/hostile/expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n++
		path := "testdata/hostile/" + f[0]
		valid := f[1] == "valid"
		t.Run(f[0], func(t *testing.T) {
			r := runBP(t, "", nil, "validate", "--today", validateToday, path)
			want := ExitInvalid
			if valid {
				want = ExitOK
			}
			if r.code != want {
				t.Errorf("exit %d, want %d\n%s%s", r.code, want, r.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stdout+r.stderr, "goroutine ") {
				t.Fatalf("a panic reached the user:\n%s", r.stderr)
			}
			for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
				if l != "" && !strings.HasPrefix(l, "  hint: ") && !diagLine.MatchString(l) {
					t.Errorf("not file:line:col: severity: message [rule]: %q", l)
				}
			}
			if strings.ContainsAny(r.stdout+r.stderr, "\x1b\a\x00\u009b\u202e") {
				t.Errorf("a control character reaches the terminal: %q", r.stdout+r.stderr)
			}
			if !valid {
				return
			}
			for _, args := range [][]string{{"list"}, {"list", "-o", "markdown"}, {"list", "-o", "csv"}, {"show", "a"}} {
				r := runBP(t, "", nil, append([]string{"-f", path}, args...)...)
				if r.code != 0 {
					if args[0] == "show" && strings.Contains(r.stderr, `no event "a"`) {
						continue
					}
					t.Errorf("bp %v: exit %d: %s", args, r.code, r.stderr)
				}
				if strings.ContainsAny(r.stdout+r.stderr, "\x1b\a\x00\u009b\u202e\u2066") {
					t.Errorf("bp %v: a control character reaches the terminal: %q", args, r.stdout)
				}
			}
		})
	}
	if n < 40 {
		t.Errorf("expect.txt lists %d files, want at least 40", n)
	}
}
