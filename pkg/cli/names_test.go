//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The tests of what bp prints of a file's name (issue 24, item 2) and of
// which files of a directory are plans (item 7).

// forgingName is a file name that tries what a pull request could: a line
// of its own that a CI runner takes for a workflow command, an escape
// sequence, a bell, an OSC 8 hyperlink, C1 controls and a bidi override.
const forgingName = "y\n::error title=forged::x\x1b[31m\a\x1b]8;;http:evil.example\x07l\x1b]8;;\x07\u0085\u009b\u202e.yaml"

// forgingShown is how bp shows forgingName: every character that would
// act escaped, inside the quotes around the name or the path that holds
// it.
const forgingShown = `y\n::error title=forged::x\x1b[31m\a\x1b]8;;http:evil.example\al\x1b]8;;\a\u0085\u009b\u202e.yaml"`

// annotation is one whole GitHub workflow command, as validate --format
// github writes it: properties escaped, the message on the same line.
var annotation = regexp.MustCompile(`^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::.*$`)

// checkShownNames fails when what bp printed lets a name act: a control,
// bidi or zero-width character other than the line feed that ends a line,
// a line a CI runner would take for a workflow command (starting, after
// blanks, with "::"; in validate --format github's stdout, every line
// must be one whole annotation), or a panic.
func checkShownNames(t testing.TB, args []string, r result) {
	t.Helper()
	github := strings.Contains(strings.Join(args, " "), "--format github")
	stdout := r.stdout
	if slices.Contains(args, "ics") {
		stdout = strings.ReplaceAll(stdout, "\r\n", "\n") // iCalendar's line ends
	}
	for _, s := range []struct{ name, out string }{{"stdout", stdout}, {"stderr", r.stderr}} {
		if where := unsafeAt(s.out, ""); where != "" {
			t.Errorf("bp %q: an unsafe character reaches %s: …%s…", args, s.name, where)
		}
		for _, l := range strings.Split(strings.TrimSuffix(s.out, "\n"), "\n") {
			if !strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
				continue
			}
			if !github || s.name != "stdout" || !annotation.MatchString(l) {
				t.Errorf("bp %q: %s has a line a CI runner would run: %q", args, s.name, l)
			}
		}
	}
	if strings.Contains(r.stderr, "internal error") {
		t.Errorf("bp %q panicked: %s", args, r.stderr)
	}
}

// hostileCommands are the commands the name tests drive, every one that
// reads a plan, and the ones that write. "@out" is a path in a fresh
// directory; a name that reads the plans as an argument (fmt, migrate,
// validate) takes "@plan" too when the plan is named on the command line.
var hostileCommands = [][]string{
	{"list"}, {"list", "--year", "all"}, {"show", "rg-2026-03"}, {"brief", "rg-2026-03"}, {"status"}, {"cal"},
	{"actions"}, {"validate"}, {"validate", "--format", "github"}, {"validate", "--format", "json"},
	{"fmt"}, {"fmt", "-w"}, {"fmt", "--check"}, {"migrate"}, {"ics"}, {"ics", "--out", "@out"},
	{"site", "--out", "@out"}, {"set", "rg-2026-03", "--notes", "n"}, {"remove", "rg-2026-03"},
	{"cancel", "rg-2026-03"}, {"new", "2027"}, {"diff"}, {"diff", "HEAD"}, {"version"},
}

// takesFiles reports whether the command takes plan files as arguments.
func takesFiles(cmd string) bool { return cmd == "fmt" || cmd == "migrate" || cmd == "validate" }

// runHostile runs each of cmds with the plans found as where says:
// "flag" (-f plan), "env" (BP_FILE=plan), "arg" (plan as an argument,
// for the commands that take one; -f otherwise), or "found" (dir is the
// working directory, its workplans/ found). It checks what bp printed and
// returns the runs, for the caller's own checks.
func runHostile(t testing.TB, dir, where, plan string, cmds [][]string) []result {
	t.Helper()
	var out []result
	for i, c := range cmds {
		args := slices.Clone(c)
		for j, a := range args {
			if a == "@out" {
				args[j] = filepath.Join(dir, "out", strings.Repeat("o", i+1))
			}
		}
		env := map[string]string{EnvToday: "2026-11-28"}
		switch {
		case where == "env":
			env[EnvFile] = plan
		case where == "arg" && takesFiles(args[0]):
			args = append(args, plan)
		case where == "flag", where == "arg":
			args = append([]string{"-f", plan}, args...)
		}
		r := runBPIn(t, dir, "", env, args...)
		checkShownNames(t, args, r)
		out = append(out, r)
	}
	return out
}

// TestHostileNameNamed: a file name with a line break, escape sequences
// and bidi controls is shown quoted by every command, on every error
// path: a missing file, a dangling symlink (named on the command line,
// in BP_FILE, or listed in the plans directory), over --max-size, a
// FIFO, and invalid YAML. Before, `read workplan: stat NAME` and fmt's
// and migrate's errors printed the line break raw, and a CI log showed
// "::error title=forged::" as an annotation; fmt kept ESC and BEL.
func TestHostileNameNamed(t *testing.T) {
	pub, err := os.ReadFile(publishedPlan)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		where []string
		make  func(t *testing.T, path string) // makes the hostile file at path
		extra []string                        // global flags
		named bool                            // every run names the file
	}{
		{"missing", []string{"flag", "env", "arg"}, func(*testing.T, string) {}, nil, true},
		{"dangling link", []string{"flag", "env", "arg", "found"}, func(t *testing.T, p string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(p), "gone\x1b[2J\n::warning::x"), p); err != nil {
				t.Fatal(err)
			}
		}, nil, true},
		{"invalid YAML", []string{"flag", "arg", "found"}, func(t *testing.T, p string) {
			if err := os.WriteFile(p, []byte("formatVersion: 2\nplan: [\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, nil, true},
		{"over --max-size", []string{"flag", "arg", "found"}, func(t *testing.T, p string) {
			if err := os.WriteFile(p, pub, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"--max-size", "100"}, true},
		{"FIFO", []string{"flag", "arg", "found"}, func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, nil, true},
		{"valid plan", []string{"flag", "arg", "found"}, func(t *testing.T, p string) {
			if err := os.WriteFile(p, pub, 0o644); err != nil {
				t.Fatal(err)
			}
		}, nil, false},
	} {
		for _, where := range tc.where {
			t.Run(tc.name+"/"+where, func(t *testing.T) {
				dir := t.TempDir()
				plan := filepath.Join(dir, forgingName)
				if where == "found" {
					plans := filepath.Join(dir, "workplans")
					if err := os.Mkdir(plans, 0o755); err != nil {
						t.Fatal(err)
					}
					if tc.name != "valid plan" && tc.extra == nil {
						if err := os.WriteFile(filepath.Join(plans, "2026.yaml"), pub, 0o644); err != nil {
							t.Fatal(err)
						}
					}
					plan = filepath.Join(plans, forgingName)
				}
				tc.make(t, plan)
				var cmds [][]string
				for _, c := range hostileCommands {
					cmds = append(cmds, append(slices.Clone(tc.extra), c...))
				}
				runs := runHostile(t, dir, where, plan, cmds)
				if !tc.named {
					return
				}
				for i, r := range runs {
					// the commands that read every plan, and so this one
					switch strings.Join(hostileCommands[i], " ") {
					case "list --year all", "validate", "fmt --check", "version":
					default:
						continue
					}
					if !strings.Contains(r.stdout+r.stderr, forgingShown) {
						t.Errorf("bp %q does not name the file as %s:\nstdout: %q\nstderr: %q",
							cmds[i], forgingShown, r.stdout, r.stderr)
					}
				}
			})
		}
	}
}

// TestHostileNameInGitHubAnnotations: validate --format github names an
// unreadable file in an annotation; a name cannot forge another.
func TestHostileNameInGitHubAnnotations(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"workplans/2026.yaml": planWithTitle(t, "Plan")})
	if err := os.Symlink("nowhere", filepath.Join(dir, "workplans", forgingName)); err != nil {
		t.Fatal(err)
	}
	args := []string{"validate", "--format", "github"}
	r := runBPIn(t, dir, "", nil, args...)
	checkShownNames(t, args, r)
	if r.code == 0 || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, "dangling symbolic link") {
		t.Errorf("want one annotation for the dangling link: exit %d\nstdout: %q\nstderr: %q", r.code, r.stdout, r.stderr)
	}
}

// TestNameStartingWithColons: a file named like a workflow command
// ("::error …::x.yaml", no control character in it) does not start a
// line where bp lists names: fmt --check, validate, migrate.
func TestNameStartingWithColons(t *testing.T) {
	dir := t.TempDir()
	name := "::error title=forged::x.yaml"
	messy := strings.Replace(planWithTitle(t, "Plan"), "    type: reference-group", "    type:    reference-group", 1)
	put(t, dir, map[string]string{name: messy})
	for _, args := range [][]string{{"fmt", "--check", name}, {"validate", name}, {"migrate", "-n", name}, {"fmt", "-w", name}} {
		r := runBPIn(t, dir, "", nil, args...)
		checkShownNames(t, args, r)
		if !strings.Contains(r.stdout+r.stderr, `"`+name+`"`) {
			t.Errorf("bp %q: the name is not quoted:\n%s%s", args, r.stdout, r.stderr)
		}
	}
}

// TestQuoteNames: every noted part of a path is quoted where a message
// holds it, in one pass (a part is not looked for again inside another's
// quoted form), and a line a CI runner would run stays on the line
// before it.
func TestQuoteNames(t *testing.T) {
	app := &App{}
	app.store.NoteName("/tmp/d\x1b[31m/y\n::x.yaml")
	app.store.NoteName("::x")
	app.store.NoteName("/tmp/plain/ok.yaml")
	msg := "stat /tmp/d\x1b[31m/y\n::x.yaml: gone; ::x too\n  hint: look\n  ::warning::z"
	got := app.errorLines(errTest(msg))
	want := []string{
		`stat /tmp/"d\x1b[31m"/"y\n::x.yaml": gone; "::x" too`,
		`  hint: look\n  ::warning::z`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errorLines =\n%q, want\n%q", got, want)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }
