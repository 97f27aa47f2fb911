package cli

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

type diffOptions struct {
	Output string
}

func newDiffCmd(app *App) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff [<old> [<new>]]",
		Short: "Say what changed between two versions of the plan",
		Long: `Compare two versions of a workplan and say what changed, event by event
(matched by id): added, removed, renamed, moved to other days, date or place
confirmed, a city chosen from the alternatives, format or status changed,
other fields; and the plan's revision, date, title, groups and products.

Each side is a file, or a git revision of the plans (read as
'git show REV:PATH' does), or REV:PATH, a file at a revision. The plans are
the ones bp reads (see 'bp --help': --file, $BP_FILE, else the nearest
workplans/ directory from here upward). A revision cannot start with "-".
With one side, the other is the working copy; with none, HEAD is compared
with the working copy.

With revisions only, every plan file of a directory is compared, one
section per file: a plan file that did not exist at a revision is reported
as a new plan (every event added), one deleted since as removed. With -o
json the sections are {"equal": …, "files": [one comparison per file]}.
A single plan file (--file FILE, or one side a file) gives one comparison.
A file named on the command line is compared with the plan of the current
year.

Exit status: 0 when the plans say the same thing, 1 when they differ (any
file, for a directory), 2 on errors (as diff does).`,
		Example: `  # what the last commit changed, in every plan year
  $ bp diff HEAD~1

  # between two tags, as Markdown for a pull-request comment
  $ bp diff v1 v2 -f workplans/2026.yaml -o markdown

  # two files
  $ bp diff old.yaml workplans/2026.yaml`,
		Args: argCount(0, 2, "a plan", "plans"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(app, cmd.OutOrStdout(), args, opts)
		},
	}
	diffOutputs.output(cmd, &opts.Output)
	return cmd
}

// diffOutputs are bp diff's output formats.
var diffOutputs = outputs{present.Text, present.Markdown, present.JSON}

// readSide reads one side of bp diff: a file, REV:PATH, or a revision of
// the plan file.
func (app *App) readSide(arg string) (name string, data []byte, err error) {
	switch {
	case arg == "-" || app.isFile(arg):
		data, err := app.readFile(arg)
		return arg, data, err
	case strings.Contains(arg, ":"):
		rev, file, _ := strings.Cut(arg, ":")
		if file == "" {
			return "", nil, usageErrorf("%s: name the file after the colon (REV:PATH)", arg)
		}
		data, spec, err := app.gitShow(rev, file)
		return spec, data, err
	}
	file, err := app.planFile()
	if err != nil {
		return "", nil, err
	}
	data, spec, err := app.gitShow(arg, file)
	if err != nil {
		return "", nil, fmt.Errorf("%w\nhint: %s is neither a file nor a git revision of %s", err, arg, file)
	}
	return spec, data, nil
}

func runDiff(app *App, out io.Writer, args []string, opts *diffOptions) error {
	format, err := diffOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	if pf, ok, err := app.diffsDirectory(args); err != nil {
		return withCode(ExitUsage, fmt.Errorf("diff: %w", unwrapExit(err)))
	} else if ok {
		return app.diffDirectory(out, pf, args, opts.Output)
	}
	switch len(args) {
	case 0:
		args = []string{"HEAD", ""}
	case 1:
		args = append(args, "")
	}
	var plans [2]*workplan.Plan
	var names [2]string
	for i, arg := range args {
		var data []byte
		var err error
		if arg == "" { // the working copy
			names[i], err = app.planFile()
			if err == nil {
				data, err = app.readFile(names[i])
			}
		} else {
			names[i], data, err = app.readSide(arg)
		}
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("diff: %w", unwrapExit(err)))
		}
		if plans[i], err = app.parseSide(names[i], data); err != nil {
			return withCode(ExitUsage, fmt.Errorf("diff: %w", err))
		}
	}
	d := plandiff.Compare(names[0], plans[0], names[1], plans[1])
	if err := d.Document().Write(out, format); err != nil {
		return withCode(ExitUsage, fmt.Errorf("diff: write: %w", err))
	}
	if !d.Equal() {
		return withCode(ExitInvalid, nil)
	}
	return nil
}

// unwrapExit returns the error inside an exitError, so that messages are
// not wrapped twice.
func unwrapExit(err error) error {
	if ee, ok := err.(*exitError); ok && ee.err != nil {
		return ee.err
	}
	return err
}

// diffsDirectory reports whether bp diff compares a directory of plans,
// file by file: every side is a revision (not a file, not REV:PATH) and
// the resolver finds a directory, not a single file.
func (app *App) diffsDirectory(args []string) (planFiles, bool, error) {
	for _, a := range args {
		if a == "-" || app.isFile(a) || strings.Contains(a, ":") {
			return planFiles{}, false, nil
		}
	}
	pf, err := app.locatePlans()
	if err != nil {
		return pf, false, err
	}
	if pf.origin == fromBuilt {
		return pf, false, usageErrorf("no plan file to compare: no %s/ directory here or above; name one with --file", plansDir)
	}
	return pf, pf.path != "" && app.isDir(pf.path), nil
}

// planDiff is one file's comparison in a directory.
type planDiff struct {
	diff *plandiff.Diff
}

// diffDirectory compares every plan file of pf's directory between two
// revisions, or a revision and the working copy: the files of the
// working copy and of the revisions, each once, in name order.
func (app *App) diffDirectory(out io.Writer, pf planFiles, revs []string, format string) error {
	working := len(revs) < 2
	if len(revs) == 0 {
		revs = []string{"HEAD"}
	}
	fail := func(err error) error { return withCode(ExitUsage, fmt.Errorf("diff: %w", unwrapExit(err))) }
	names := map[string]bool{}
	if working {
		for _, n := range pf.names {
			names[n] = true
		}
	}
	for _, rev := range revs {
		commit, err := app.commitOf(app.osPath(pf.path), rev)
		if err != nil {
			what := "the plan files in " + pf.path
			if len(pf.names) == 1 {
				what = pf.names[0]
			}
			return fail(fmt.Errorf("%w\nhint: %s is neither a file nor a git revision of %s", err, rev, what))
		}
		found, err := app.gitPlanFiles(commit, pf.path)
		if err != nil {
			return fail(err)
		}
		for _, n := range found {
			names[n] = true
		}
	}
	files := make([]string, 0, len(names))
	for n := range names {
		files = append(files, n)
	}
	sort.Strings(files)

	// side reads file at rev, or in the working copy for rev ""; a
	// file that is not there gives a nil plan.
	side := func(rev, file string) (string, *workplan.Plan, error) {
		var data []byte
		name := file
		if rev == "" {
			if !app.isFile(file) {
				return name, nil, nil
			}
			var err error
			if data, err = app.readFile(file); err != nil {
				return name, nil, err
			}
		} else {
			var err error
			data, name, err = app.gitShow(rev, file)
			if errors.Is(err, errNotInRevision) {
				return name, nil, nil
			}
			if err != nil {
				return name, nil, err
			}
		}
		plan, err := app.parseSide(name, data)
		return name, plan, err
	}
	newRev := ""
	if !working {
		newRev = revs[1]
	}
	var diffs []planDiff
	for _, file := range files {
		oldName, oldPlan, err := side(revs[0], file)
		if err != nil {
			return fail(err)
		}
		newName, newPlan, err := side(newRev, file)
		if err != nil {
			return fail(err)
		}
		if oldPlan == nil && newPlan == nil {
			continue // added and removed between the two sides
		}
		diffs = append(diffs, planDiff{plandiff.Compare(oldName, oldPlan, newName, newPlan)})
	}
	equal := true
	for _, d := range diffs {
		equal = equal && d.diff.Equal()
	}
	if err := writeDiffs(out, diffs, format, equal); err != nil {
		return withCode(ExitUsage, fmt.Errorf("diff: write: %w", err))
	}
	if !equal {
		return withCode(ExitInvalid, nil)
	}
	return nil
}

// writeDiffs writes a directory's comparisons: for text and Markdown one
// after another, for JSON one document {"equal", "files": [...]}.
func writeDiffs(out io.Writer, diffs []planDiff, format string, equal bool) error {
	f, err := diffOutputs.lookup("--output", format)
	if err != nil {
		return err
	}
	if f == present.JSON {
		files := make([]plandiff.DiffJSON, 0, len(diffs))
		for _, d := range diffs {
			files = append(files, d.diff.JSON())
		}
		return present.WriteJSON(out, struct {
			Equal bool                `json:"equal"`
			Files []plandiff.DiffJSON `json:"files"`
		}{equal, files})
	}
	for i, d := range diffs {
		if i > 0 {
			if _, err := io.WriteString(out, "\n"); err != nil {
				return err
			}
		}
		if err := d.diff.Document().Write(out, f); err != nil {
			return err
		}
	}
	return nil
}
