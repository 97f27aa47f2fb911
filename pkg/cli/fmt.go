package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

type fmtOptions struct {
	Write bool
	Check bool
}

func newFmtCmd(app *App) *cobra.Command {
	opts := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [-w | --check] [<file>|<dir>]...",
		Short: "Write workplan files in one canonical layout, keeping comments",
		Long: `Rewrite workplan files in bp's canonical layout, so that diffs show only
what changed: keys in the format's order, two-space indentation, one quoting
style, short lists on one line, long text folded at 80 columns, a blank line
between sections and between events. Every comment is kept, and formatting
never changes what the file says (bp checks its own output).

With no argument, fmt formats the plan files bp reads (see 'bp --help':
--file, $BP_FILE, else the nearest workplans/ directory from here upward).
A directory means every *.yaml and *.yml file in it; "-" reads standard
input.

Without -w or --check the formatted text goes to standard output.
-w rewrites the files that change (atomically: a temporary file, then a
rename). --check lists the files that are not formatted and changes nothing.

A file that is not YAML is never touched: bp names it and why.
Exit status: 0 when done (--check: all formatted), 1 when --check found
files to format, 2 when a file could not be read or formatted.`,
		Example: `  # what CI runs
  $ bp fmt --check

  # tidy the plan in place
  $ bp fmt -w workplans/2026.yaml

  # see the formatted plan without writing it
  $ bp fmt workplans/2026.yaml | less`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFmt(app, cmd.OutOrStdout(), args, opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Write, "write", "w", false, "rewrite the files in place")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "list files that are not formatted and exit 1; change nothing")
	cmd.MarkFlagsMutuallyExclusive("write", "check")
	return cmd
}

// fmtFiles resolves fmt's arguments: files, directories, "-". With none,
// it formats the plan files the resolver finds; the plans built into bp
// cannot be formatted.
func (app *App) fmtFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		pf, err := app.locatePlans()
		if err != nil {
			return nil, withCode(ExitUsage, fmt.Errorf("fmt: %w", unwrapExit(err)))
		}
		if pf.origin == fromBuilt {
			return nil, usageErrorf("fmt: no %s/ directory here or above; name the files to format", plansDir)
		}
		return pf.names, nil
	}
	files, errs := app.expandArgs(args)
	if len(errs) > 0 {
		return nil, withCode(ExitUsage, fmt.Errorf("fmt: %w", errs[0]))
	}
	return files, nil
}

func runFmt(app *App, out io.Writer, args []string, opts *fmtOptions) error {
	files, err := app.fmtFiles(args)
	if err != nil {
		return err
	}
	failed, unformatted := 0, 0
	for _, file := range files {
		if file == "-" && opts.Write {
			app.printError(errors.New("fmt: -w cannot rewrite standard input"))
			failed++
			continue
		}
		// readFile returns the whole file or an error, never a prefix:
		// formatting part of a plan and writing it back would lose the rest.
		data, err := app.readFile(file)
		if err != nil {
			app.printError(fmt.Errorf("fmt: %w", unwrapExit(err)))
			failed++
			continue
		}
		// --check asks only whether the file is formatted: one read and
		// one print (yamlfmt.Check), not Format's three.
		var formatted []byte
		changed := false
		if opts.Check {
			var ok bool
			ok, err = yamlfmt.Check(data, workplan.Schema)
			changed = !ok
		} else {
			formatted, err = yamlfmt.Format(data, workplan.Schema)
			changed = !bytes.Equal(data, formatted)
		}
		if err != nil {
			at := file
			if pe := (*yamlfmt.PosError)(nil); errors.As(err, &pe) {
				// FILE:LINE:COL, as bp validate points: editors and CI read it.
				at, err = fmt.Sprintf("%s:%d:%d", file, pe.Line, pe.Column), errors.New(pe.Msg)
			}
			app.printError(fmt.Errorf("fmt: %s: %w (file left unchanged)", at, err))
			// The loader knows where a syntax error really is (yaml.v3
			// often names the line before); show its diagnostics too.
			if _, diags := workplan.Parse(file, data, app.limits()); len(diags) > 0 {
				var syntax []workplan.Diagnostic
				for _, d := range diags {
					if d.Rule == "yaml-syntax" || d.Rule == "encoding" || d.Rule == "limit" {
						syntax = append(syntax, d)
					}
				}
				_ = render.DiagnosticsText(app.Stderr, syntax)
			}
			failed++
			continue
		}
		switch {
		case opts.Check:
			if changed {
				unformatted++
				fmt.Fprintln(out, shown(file))
			}
		case opts.Write:
			if !changed {
				continue
			}
			// Written through a symlink to its target, keeping mode,
			// owner and hard links (a file with several is refused);
			// see store.Session.WriteFile.
			if err := app.store.WriteFile(file, func(w io.Writer) error {
				_, err := w.Write(formatted)
				return err
			}); err != nil {
				app.printError(fmt.Errorf("fmt: %w", err))
				failed++
			} else {
				app.wrote(file, "formatted")
			}
		default:
			if _, err := out.Write(formatted); err != nil {
				return withCode(ExitUsage, fmt.Errorf("fmt: %w", err))
			}
		}
	}
	switch {
	case failed > 0:
		return withCode(ExitUsage, nil)
	case unformatted > 0:
		fmt.Fprintf(app.Stderr, "bp: %s not formatted; run 'bp fmt -w' to fix\n", plural(unformatted, "file"))
		return withCode(ExitInvalid, nil)
	}
	return nil
}
