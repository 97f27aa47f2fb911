package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
	"github.com/icmpd/bp/pkg/workplan"
)

type validateOptions struct {
	Format  string
	Strict  bool
	Against string // a git revision: the revision must move forward from it
	Fix     bool   // write the revision values --against prescribes

	fixed bool // the check again after --fix wrote: what was said is not said twice
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
a file that did not exist there is new, not an error. The plans of a set
are compared together: an event that left one file for another of the
set (moved to another year's plan) is not gone, but must carry a higher
revision there and keep its calendar UID (uidPlan).

--fix, with --against, writes the revision values validate prescribes
after a hand edit (each changed event's revision and revised, the plan's
revision and revised) into the files, and nothing else: every other
line stays as it is, comments and layout included. Then the files are
checked again, and what is left (an event gone, say) is reported.

Exit status: 0 when valid (warnings allowed unless --strict), 1 when invalid,
2 on usage or I/O errors.`,
		Example: `  # check the checkout's plans, as CI does
  $ bp validate

  # one file, with GitHub annotations on the pull request
  $ bp validate --format github workplans/2026.yaml

  # fail on warnings too, judging statuses as of a given day
  $ bp validate --strict --today 2026-06-30 workplans/

  # in a pull request: events changed, so the revision must go up
  $ bp validate --against origin/main workplans/2026.yaml

  # after a hand edit: write the revision values it needs
  $ bp validate --against HEAD --fix`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(app, cmd.OutOrStdout(), args, opts)
		},
	}
	usage := "report `format`: " + strings.Join(validateOutputs.names(), ", ") + " (github: workflow annotations)"
	validateOutputs.flag(cmd, &opts.Format, "format", "", usage)
	validateOutputs.flag(cmd, &opts.Format, "output", "o", "alias of --format")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringVar(&opts.Against, "against", "", "also fail when the plan changed since git `revision` but its revision number did not go up")
	cmd.Flags().BoolVar(&opts.Fix, "fix", false, "with --against: write the revision values it prescribes, and nothing else")
	return cmd
}

// validateReport is what validate found, for its writers.
type validateReport struct {
	srcs     []setSource
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
			names = append(names, src.Name)
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
		if err := store.ValidRevision(opts.Against); err != nil {
			return withCode(ExitUsage, fmt.Errorf("--against: %w", err))
		}
	}
	if opts.Fix && opts.Against == "" {
		return usageErrorf("validate: --fix goes with --against REV: it writes the revision values a change since REV needs")
	}
	srcs, ioErrs := app.validateSources(args)
	r := &validateReport{srcs: srcs}
	sets := map[int][]*workplan.Plan{}
	versions := map[int][]plandiff.Version{}
	var order []int // the sets, in the order of their first file
	for _, src := range srcs {
		plan, d := workplan.Check(src.Name, src.Data, app.limits(), workplan.Options{Today: today})
		r.diags = append(r.diags, d...)
		if _, ok := sets[src.set]; !ok {
			order = append(order, src.set)
		}
		sets[src.set] = append(sets[src.set], plan)
		if opts.Against != "" && plan != nil {
			v, err := app.versionAt(src.Source, plan, opts.Against, !opts.fixed)
			if err != nil {
				ioErrs = append(ioErrs, unwrapExit(err))
			}
			if v != nil {
				versions[src.set] = append(versions[src.set], *v)
			}
		}
	}
	var fixes []plandiff.Check
	for _, set := range order {
		_, sd := workplan.NewSet(sets[set]...)
		r.diags = append(r.diags, sd...)
		for _, c := range plandiff.CheckRevisions(versions[set], today) {
			r.diags = append(r.diags, c.Diagnostics...)
			if len(c.Fixes) > 0 {
				fixes = append(fixes, c)
			}
		}
	}
	if opts.Fix && len(ioErrs) == 0 {
		if len(fixes) == 0 {
			fmt.Fprintf(app.Stderr, "bp: validate --fix: no revision value to write\n")
		}
		if err := app.writeFixes(srcs, fixes); err != nil {
			return err
		}
		again := *opts
		again.Fix, again.fixed = false, true
		return runValidate(app, out, args, &again)
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

// writeFixes writes the revision values of fixes into their files
// (edit.Restamp), each under the edit lock and only if it is still what
// validate read.
func (app *App) writeFixes(srcs []setSource, fixes []plandiff.Check) error {
	for _, c := range fixes {
		var data []byte
		for _, src := range srcs {
			if src.Name == c.File {
				data = src.Data
			}
		}
		out, err := edit.Restamp(data, c.Fixes)
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("validate --fix: %s: %w; nothing was written to it", c.File, err))
		}
		for _, f := range c.Fixes {
			what := "plan"
			if f.Event != "" {
				what = fmt.Sprintf("event %q", f.Event)
			}
			var vals []string
			if f.Revision > 0 {
				vals = append(vals, fmt.Sprintf("revision %d", f.Revision))
			}
			if !f.Revised.IsZero() {
				vals = append(vals, "revised "+workplan.ISODay(f.Revised))
			}
			fmt.Fprintf(app.Stderr, "bp: validate --fix: %s: %s: %s\n", shown(c.File), render.Clean(what), strings.Join(vals, ", "))
		}
		unlock, err := app.store.LockEdit(c.File)
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("validate --fix: %w", err))
		}
		err = app.store.Replace(c.File, out, data)
		unlock()
		switch {
		case errors.Is(err, store.ErrChangedOnDisk):
			return withCode(ExitUsage, fmt.Errorf("validate --fix: %s changed on disk since bp read it; nothing was written to it\n  hint: run it again", c.File))
		case err != nil:
			return withCode(ExitUsage, fmt.Errorf("validate --fix: %w", err))
		}
		app.wrote(c.File, "")
	}
	return nil
}

// versionAt is what validate --against compares: the plan as it is and
// as it was at git revision rev; nil when there is nothing to compare
// (the file was not a readable plan there), or an error when rev cannot
// be read. When the plan's content changed since rev, its revision must
// go up and its revised date move forward (plandiff.CheckRevisions). A
// file new since rev is compared with an empty plan: its events are
// new, and one that moved into it from another file of the set (a
// meeting moved into next year's new plan) must carry a revision above
// the one it had there. note says that the file is new, on stderr.
func (app *App) versionAt(src store.Source, plan *workplan.Plan, rev string, note bool) (*plandiff.Version, error) {
	if src.Embedded || src.Name == "-" {
		return nil, usageErrorf("--against compares a file with its git history; name the file")
	}
	data, spec, err := app.gitShow(rev, src.Name)
	if errors.Is(err, errNotInRevision) {
		if note {
			app.printError(fmt.Errorf("%s is new since %s: its events are checked as added", src.Name, rev))
		}
		empty := &workplan.Plan{File: spec, ID: plan.ID, Year: plan.Year}
		return &plandiff.Version{File: src.Name, OldName: spec, Old: empty, Plan: plan}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--against: %w", err)
	}
	old, diags := workplan.Parse(spec, data, app.limits())
	if old == nil || workplan.HasErrors(diags) {
		app.printError(fmt.Errorf("%s is not a readable workplan: revision not compared", spec))
		return nil, nil
	}
	return &plandiff.Version{File: src.Name, OldName: spec, Old: old, Plan: plan}, nil
}

// checkedWhat names what was checked for the summary line; the built-in
// plan says so, since outside a checkout there is no such file to open.
func checkedWhat(srcs []setSource) string {
	if len(srcs) == 1 {
		if srcs[0].Embedded {
			return srcs[0].Name + " (built in)"
		}
		return shown(srcs[0].Name)
	}
	if len(srcs) > 0 && srcs[0].Embedded {
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

// setSource is a file validate checks, with the number of the set it
// is checked with: the sources of one set share it.
type setSource struct {
	store.Source
	set int
}

// validateSources reads validate's arguments, or with none every plan the
// resolver finds. Unreadable files are returned as errors, so that the
// readable ones are still checked. Each source says which set it belongs
// to: the resolver's plans are one set, as are the files of a directory
// argument; a file argument is a set of its own.
func (app *App) validateSources(args []string) ([]setSource, []error) {
	var srcs []setSource
	var errs []error
	read := func(f store.Files, set int) {
		for src, err := range app.store.Sources(f) {
			if err != nil {
				errs = append(errs, &fileError{name: src.Name, err: err})
				continue
			}
			srcs = append(srcs, setSource{src, set})
		}
	}
	if len(args) == 0 {
		pf, err := app.locatePlans()
		if err != nil {
			return nil, []error{unwrapExit(err)}
		}
		read(pf.files(), 0)
		return srcs, errs
	}
	for i, arg := range args {
		names, argErrs := app.expandArgs([]string{arg})
		for _, err := range argErrs {
			errs = append(errs, &fileError{name: arg, err: err})
		}
		read(store.Files{Origin: store.FromFlag, Names: names}, i)
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
		found, err := app.store.PlanFiles(arg)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, found...)
	}
	return names, errs
}
