package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

type validateOptions struct {
	Format  string
	Strict  bool
	Against string // a git revision: the revision must move forward from it
}

func newValidateCmd(app *App) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [<file>|<dir>]...",
		Short: "Check workplan files and report every problem with its line and column",
		Long: `Check workplan files: YAML syntax, unknown keys, missing or mistyped fields,
impossible dates, references, duplicate ids, statuses that contradict the date,
back-to-back pairs and overlapping in-person events. Every problem in every
file is reported in one run, as file:line:col: severity: message [rule].

With no argument, validate checks --file or $BP_FILE if set, else the
*.yaml files of ./workplans/ when run in a checkout, else the built-in plan.
A directory means every *.yaml and *.yml file in it. "-" reads standard input.

Exit status: 0 when valid (warnings allowed unless --strict), 1 when invalid,
2 on usage or I/O errors.`,
		Example: `  # check the checkout's plans, as CI does
  $ bp validate

  # one file, with GitHub annotations on the pull request
  $ bp validate --format github workplans/2026.yaml

  # fail on warnings too, judging statuses as of a given day
  $ bp validate --strict --today 2026-06-30 workplans/

  # in a pull request: events changed, so the revision must go up
  $ bp validate --against origin/main workplans/2026.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(app, cmd.OutOrStdout(), args, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "report `format`: text, json, github (workflow annotations)")
	cmd.Flags().StringVarP(&opts.Format, "output", "o", "text", "alias of --format")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringVar(&opts.Against, "against", "", "also fail when the plan changed since git `revision` but its revision number did not go up")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"text", "json", "github"}, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runValidate(app *App, out io.Writer, args []string, opts *validateOptions) error {
	if err := checkOutput(opts.Format, "text", "json", "github"); err != nil {
		return withCode(ExitUsage, errors.New(strings.Replace(err.Error(), "--output", "--format", 1)))
	}
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	srcs, ioErrs := app.validateSources(args)
	var diags []workplan.Diagnostic
	names := make([]string, 0, len(srcs))
	for _, src := range srcs {
		names = append(names, src.name)
		plan, d := workplan.Check(src.name, src.data, app.limits(), workplan.Options{Today: today})
		diags = append(diags, d...)
		if opts.Against != "" && plan != nil {
			ad, err := app.checkAgainst(src, plan, opts.Against, today)
			if err != nil {
				ioErrs = append(ioErrs, unwrapExit(err))
			}
			diags = append(diags, ad...)
		}
	}
	for _, e := range ioErrs {
		fmt.Fprintln(app.Stderr, "bp: "+e.Error())
	}
	workplan.SortDiagnostics(diags)
	errs, warns := 0, 0
	for _, d := range diags {
		if d.Severity == workplan.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	failed := errs > 0 || (opts.Strict && warns > 0)
	switch opts.Format {
	case "json":
		err = render.DiagnosticsJSON(out, names, diags, !failed && len(ioErrs) == 0)
	case "github":
		err = render.DiagnosticsGitHub(out, diags)
	default:
		err = render.DiagnosticsText(out, diags)
	}
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("write report: %w", err))
	}
	if opts.Format == "text" {
		fmt.Fprintf(app.Stderr, "%s: %s, %s\n", checkedWhat(srcs), plural(errs, "error"), plural(warns, "warning"))
	}
	switch {
	case len(ioErrs) > 0:
		return withCode(ExitUsage, nil)
	case failed:
		return withCode(ExitInvalid, nil)
	}
	return nil
}

// checkedWhat names what was checked for the summary line; the built-in
// plan says so, since outside a checkout there is no such file to open.
func checkedWhat(srcs []source) string {
	if len(srcs) == 1 {
		if srcs[0].embedded {
			return srcs[0].name + " (built in)"
		}
		return srcs[0].name
	}
	return plural(len(srcs), "file")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// validateSources resolves validate's arguments to files. Unreadable
// arguments are returned as errors, so the readable ones are still checked.
func (app *App) validateSources(args []string) ([]source, []error) {
	if len(args) == 0 {
		if app.file != "" || app.Getenv(EnvFile) != "" {
			src, err := app.planSource()
			if err != nil {
				return nil, []error{err}
			}
			return []source{src}, nil
		}
		if st, err := os.Stat("workplans"); err == nil && st.IsDir() {
			args = []string{"workplans"}
		} else {
			src, err := app.planSource()
			if err != nil {
				return nil, []error{err}
			}
			return []source{src}, nil
		}
	}
	var srcs []source
	var errs []error
	for _, arg := range args {
		paths := []string{arg}
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			paths = paths[:0]
			err := filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
					paths = append(paths, p)
				}
				return nil
			})
			if err != nil {
				errs = append(errs, fmt.Errorf("read %s: %w", arg, err))
				continue
			}
			if len(paths) == 0 {
				errs = append(errs, fmt.Errorf("%s: no .yaml files in the directory", arg))
			}
			sort.Strings(paths)
		}
		for _, p := range paths {
			data, err := app.readFile(p)
			if err != nil {
				errs = append(errs, errors.Unwrap(err))
				continue
			}
			srcs = append(srcs, source{name: p, data: data})
		}
	}
	return srcs, errs
}
