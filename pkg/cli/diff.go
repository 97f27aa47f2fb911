package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/plandiff"
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

Each side is a file, or a git revision of the plan file (read as
'git show REV:PATH' does). The plan file is the one bp reads (see
'bp --help': --file, $BP_FILE, else the nearest workplans/ directory from
here upward); of a directory, the plan of the current year. REV:PATH names
a file at a revision directly. A revision cannot start with "-".
With one side, the other is the working copy; with none, HEAD is compared
with the working copy.

Exit status: 0 when the plans say the same thing, 1 when they differ,
2 on errors (as diff does).`,
		Example: `  # what the last commit changed
  $ bp diff HEAD~1

  # between two tags, as Markdown for a pull-request comment
  $ bp diff v1 v2 -f workplans/2026.yaml -o markdown

  # two files
  $ bp diff old.yaml workplans/2026.yaml`,
		Args: args(cobra.MaximumNArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(app, cmd.OutOrStdout(), args, opts)
		},
	}
	diffFormats.output(cmd, &opts.Output)
	return cmd
}

// diffFormats are bp diff's output formats.
var diffFormats = formats[func(*plandiff.Diff, io.Writer) error]{
	{"text", (*plandiff.Diff).WriteText},
	{"markdown", (*plandiff.Diff).WriteMarkdown},
	{"json", (*plandiff.Diff).WriteJSON},
}

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
	write, err := diffFormats.lookup("--output", opts.Output)
	if err != nil {
		return err
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
	if err := write(d, out); err != nil {
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
