package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// helpExample is a command shown in a help page ("$ bp …", with its
// continuation lines joined).
type helpExample struct {
	page string // the command whose help shows it
	line string
}

// helpExamples lists the examples of every help page of the command
// tree: each command's Long and Example text, in order. The manual's
// topics (bp help TOPIC) are left to TestREADMEExamples, which replays
// them with what each example prints.
func helpExamples(cmd *cobra.Command) []helpExample {
	if cmd.IsAdditionalHelpTopicCommand() {
		return nil
	}
	var out []helpExample
	var cur string
	for _, l := range strings.Split(cmd.Long+"\n"+cmd.Example, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case cur != "":
			cur += " " + strings.TrimSuffix(l, `\`)
		case strings.HasPrefix(l, "$ bp "):
			cur = strings.TrimSuffix(strings.TrimPrefix(l, "$ "), `\`)
		default:
			continue
		}
		if !strings.HasSuffix(l, `\`) {
			out = append(out, helpExample{page: cmd.CommandPath(), line: strings.Join(strings.Fields(cur), " ")})
			cur = ""
		}
	}
	for _, c := range cmd.Commands() {
		out = append(out, helpExamples(c)...)
	}
	return out
}

// exampleRepo makes the plan set the help examples run on, as it stands
// in late November 2026: a git repository with the plans of 2026 (as
// first published, then the March meeting's outcome and three actions
// recorded) and 2027 (started), and a history: a commit tagged v1, the
// next tagged v2 and pushed as origin/main. old.yaml beside them is the
// 2026 plan as first published. For bp new, whose example starts next
// year's plan, there is no 2027 plan yet.
func exampleRepo(t *testing.T, page string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"workplans/2026.yaml": readFixture(t, publishedFormat2),
		"workplans/2027.yaml": readFixture(t, filepath.Join(repoRoot, "testdata", "years", "two", "2027.yaml")),
		"old.yaml":            readFixture(t, publishedFormat2),
	}
	if page == "bp new" {
		delete(files, "workplans/2027.yaml")
	}
	put(t, dir, files)
	run := func(args ...string) {
		t.Helper()
		if r := runBPIn(t, dir, "", editEnv(), args...); r.code != ExitOK {
			t.Fatalf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	run("migrate")
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "the plans as published")
	gitIn(t, dir, "tag", "v1")
	run("record", "rg-2026-03", "--summary", "The 2026 workplan was endorsed.", "--on", "2026-03-05")
	for _, a := range []string{"Circulate the draft paper on return", "Propose the dates of the TWG meetings", "Find a host in Iraq"} {
		run("action", "add", "rg-2026-03", a, "--owner", "secretariat", "--due", "2026-06")
	}
	gitIn(t, dir, "commit", "-q", "-am", "revision 2: the March meeting")
	gitIn(t, dir, "tag", "v2")
	gitIn(t, dir, "update-ref", "refs/remotes/origin/main", "HEAD")
	return dir
}

// TestHelpExamples runs every example of every help page (the lines
// that start with "$ bp") on a plan set in a git repository, the
// examples of one page in order, in a repository of their own: an
// example that fails when copied (an event that does not exist, a flag
// that is not there) fails the test. What a shell does after the bp
// command (a pipe, a redirection) is left out.
func TestHelpExamples(t *testing.T) {
	examples := helpExamples(newRootCmd(&App{}))
	if len(examples) < 40 {
		t.Fatalf("%d examples found in the help pages; fewer than expected, is the parsing right?", len(examples))
	}
	byPage := map[string][]string{}
	var pages []string
	for _, e := range examples {
		if _, ok := byPage[e.page]; !ok {
			pages = append(pages, e.page)
		}
		byPage[e.page] = append(byPage[e.page], e.line)
	}
	for _, page := range pages {
		t.Run(strings.ReplaceAll(page, " ", "_"), func(t *testing.T) {
			t.Parallel()
			dir := exampleRepo(t, page)
			for _, line := range byPage[page] {
				cmdline, _, _ := strings.Cut(line, " | ")
				cmdline, _, _ = strings.Cut(cmdline, " > ")
				args, ok := shellArgs(cmdline)
				if !ok {
					t.Errorf("%s: %q is not a command this test can run", page, line)
					continue
				}
				if slices.ContainsFunc(args, filepath.IsAbs) {
					t.Errorf("%s: %q names an absolute path: an example writes where the reader is", page, line)
					continue
				}
				r := runBPIn(t, dir, "", editEnv(), args[1:]...)
				if r.code == ExitUsage || r.code != ExitOK && !allowedExit(args[1:], r.code) {
					t.Errorf("%s --help: $ %s: exit %d\n%s%s", page, line, r.code, r.stdout, r.stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "workplans")); err != nil {
				t.Error(err)
			}
		})
	}
}

// allowedExit says which examples show a non-zero exit on purpose:
// bp diff exits 1 when the plans differ, as diff(1) does.
func allowedExit(args []string, code int) bool {
	return args[0] == "diff" && code == ExitInvalid
}
