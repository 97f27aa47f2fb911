package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
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
		Short: "Check workplan files; report each problem with its line and column",
		Long: `Check workplan files: YAML syntax, unknown keys, missing or mistyped fields,
impossible dates, references, duplicate ids, statuses that contradict the date,
back-to-back pairs and overlapping in-person events. Every problem in every
file is reported in one run, as file:line:col: severity: message [rule].

With no argument, validate checks every plan bp reads: --file, else
$BP_FILE, else the nearest workplans/ directory from here upward, else the
plans built into bp (see 'bp --help'). A directory means every *.yaml and
*.yml file in it. "-" reads standard input.

The plans of a directory (and with no argument, the plans bp reads) are
one set, one plan per year, and are checked together too: two plans for
one year, an event id used in two plans (calendar UIDs derive from it and
must never repeat across years), a group whose kind differs between years
(an error) or whose name does (a warning: a group may be renamed)
[duplicate-id]. A file named on its own is checked on its own.

--against REV compares each file with the same file at git revision REV;
a file that did not exist there is new, not an error.

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
	usage := "report `format`: " + strings.Join(validateOutputs.names(), ", ") + " (github: workflow annotations)"
	validateOutputs.flag(cmd, &opts.Format, "format", "", usage)
	validateOutputs.flag(cmd, &opts.Format, "output", "o", "alias of --format")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringVar(&opts.Against, "against", "", "also fail when the plan changed since git `revision` but its revision number did not go up")
	return cmd
}

// validateReport is what validate found, for its writers.
type validateReport struct {
	srcs     []source
	diags    []workplan.Diagnostic
	errs     int
	warns    int
	failed   bool    // invalid, or warnings with --strict
	ioFailed bool    // a file could not be read
	ioErrs   []error // why, each a *fileError when it names a file
}

// fileError is a file validate could not read, with its name, so that
// the github format can annotate it.
type fileError struct {
	name string
	err  error
}

func (e *fileError) Error() string { return e.err.Error() }
func (e *fileError) Unwrap() error { return e.err }

// readDiagnostics turns read errors into error diagnostics (rule "read")
// on the files they name, the names in the messages quoted as printError
// quotes them.
func (app *App) readDiagnostics(errs []error) []workplan.Diagnostic {
	var diags []workplan.Diagnostic
	for _, err := range errs {
		var fe *fileError
		if errors.As(err, &fe) {
			diags = append(diags, workplan.Diagnostic{File: fe.name, Line: 1, Col: 1,
				Severity: workplan.SeverityError, Rule: "read", Message: app.quoteNames(err.Error())})
		}
	}
	return diags
}

// validateOutputs are validate's report formats.
var validateOutputs = outputs{present.Text, present.JSON, present.GitHub}

// validateWriters write them. Text also sums up on stderr; the others
// are one document on stdout.
var validateWriters = map[*present.Format]func(app *App, out io.Writer, r *validateReport) error{
	present.Text: func(app *App, out io.Writer, r *validateReport) error {
		if err := render.DiagnosticsText(out, cleanFiles(r.diags)); err != nil {
			return err
		}
		if len(r.srcs) == 0 && r.ioFailed {
			return nil // nothing was checked: the read errors said it all
		}
		_, err := fmt.Fprintf(app.Stderr, "%s: %s, %s\n", render.Clean(checkedWhat(r.srcs)), plural(r.errs, "error"), plural(r.warns, "warning"))
		return err
	},
	present.JSON: func(app *App, out io.Writer, r *validateReport) error {
		names := make([]string, 0, len(r.srcs))
		for _, src := range r.srcs {
			names = append(names, src.name)
		}
		return render.DiagnosticsJSON(out, names, r.diags, !r.failed && !r.ioFailed)
	},
	present.GitHub: func(app *App, out io.Writer, r *validateReport) error {
		// A file that could not be read is an annotation too, or the
		// pull request would show nothing where the job failed.
		return render.DiagnosticsGitHub(out, cleanFiles(append(app.readDiagnostics(r.ioErrs), r.diags...)))
	},
}

// cleanFiles returns diags with file names fit for a terminal or a CI log,
// quoted as every message quotes them (names.go).
func cleanFiles(diags []workplan.Diagnostic) []workplan.Diagnostic {
	out := make([]workplan.Diagnostic, len(diags))
	for i, d := range diags {
		d.File = shown(d.File)
		out[i] = d
	}
	return out
}

func runValidate(app *App, out io.Writer, args []string, opts *validateOptions) error {
	format, err := validateOutputs.lookup("--format", opts.Format)
	if err != nil {
		return err
	}
	write := validateWriters[format]
	today, err := app.todayDate()
	if err != nil {
		return err
	}
	if opts.Against != "" {
		if err := checkRevisionArg(opts.Against); err != nil {
			return withCode(ExitUsage, fmt.Errorf("--against: %w", err))
		}
	}
	srcs, ioErrs := app.validateSources(args)
	r := &validateReport{srcs: srcs}
	sets := map[int][]*workplan.Plan{}
	for _, src := range srcs {
		plan, d := workplan.Check(src.name, src.data, app.limits(), workplan.Options{Today: today})
		r.diags = append(r.diags, d...)
		sets[src.set] = append(sets[src.set], plan)
		if opts.Against != "" && plan != nil {
			ad, err := app.checkAgainst(src, plan, opts.Against, today)
			if err != nil {
				ioErrs = append(ioErrs, unwrapExit(err))
			}
			r.diags = append(r.diags, ad...)
		}
	}
	for _, plans := range sets {
		_, sd := workplan.NewSet(plans...)
		r.diags = append(r.diags, sd...)
	}
	for _, e := range ioErrs {
		app.printError(e)
	}
	workplan.SortDiagnostics(r.diags)
	r.errs = len(workplan.Errors(r.diags))
	r.warns = len(r.diags) - r.errs
	r.failed = r.errs > 0 || (opts.Strict && r.warns > 0)
	r.ioFailed = len(ioErrs) > 0
	r.ioErrs = ioErrs
	if err := write(app, out, r); err != nil {
		return withCode(ExitUsage, fmt.Errorf("write report: %w", err))
	}
	switch {
	case r.ioFailed:
		return withCode(ExitUsage, nil)
	case r.failed:
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
		return shown(srcs[0].name)
	}
	if len(srcs) > 0 && srcs[0].embedded {
		return plural(len(srcs), "file") + " (built in)"
	}
	return plural(len(srcs), "file")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// validateSources reads validate's arguments, or with none every plan the
// resolver finds. Unreadable files are returned as errors, so that the
// readable ones are still checked. Each source says which set it belongs
// to: the resolver's plans are one set, as are the files of a directory
// argument; a file argument is a set of its own.
func (app *App) validateSources(args []string) ([]source, []error) {
	var srcs []source
	var errs []error
	read := func(pf planFiles, set int) {
		for _, name := range pf.names {
			src, err := app.readSource(pf, name)
			if err != nil {
				errs = append(errs, &fileError{name: name, err: unwrapExit(err)})
				continue
			}
			src.set = set
			srcs = append(srcs, src)
		}
	}
	if len(args) == 0 {
		pf, err := app.locatePlans()
		if err != nil {
			return nil, []error{unwrapExit(err)}
		}
		read(pf, 0)
		return srcs, errs
	}
	for i, arg := range args {
		names, argErrs := app.expandArgs([]string{arg})
		for _, err := range argErrs {
			errs = append(errs, &fileError{name: arg, err: err})
		}
		read(planFiles{origin: fromFlag, names: names}, i)
	}
	return srcs, errs
}

// expandArgs turns file and directory arguments into file names: a
// directory gives its *.yaml and *.yml files, "-" stays standard input.
// An argument that cannot be listed is returned as an error.
func (app *App) expandArgs(args []string) ([]string, []error) {
	var names []string
	var errs []error
	for _, arg := range args {
		if arg == "-" || !app.isDir(arg) {
			names = append(names, arg)
			continue
		}
		found, err := app.yamlFiles(arg)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, found...)
	}
	return names, errs
}
