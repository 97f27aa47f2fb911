// Package cli is bp's command line: the cobra command tree, one file per
// command, the flags, the one table of exit codes, and what is printed.
// It is the only package that reads the environment, the working
// directory and the clock: it hands the first two to the plan store
// (pkg/store, which finds, reads and writes the files), and dates to
// everything else, which takes readers, writers and dates.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/store"
)

// Exit codes, documented in `bp help exit-codes`.
const (
	ExitOK      = 0 // success; for validate: no errors; for diff: no differences
	ExitInvalid = 1 // the workplan is invalid; diff: the plans differ
	ExitUsage   = 2 // bad usage, unreadable file, or another runtime error
)

// exitError carries an exit code with an error. A nil err with a code
// means "exit with this code; everything is already printed".
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error { return &exitError{code: code, err: err} }

func usageErrorf(format string, args ...any) error {
	return withCode(ExitUsage, fmt.Errorf(format, args...))
}

// commandLineError is a mistake in how a command was typed: an unknown
// command or flag, a flag value, the number of arguments. It exits 2,
// and Run adds how to get the command's help.
type commandLineError struct {
	cmd   string // the command's path, "bp list"
	err   error
	usage string // the command's usage line, shown after an argument-count error
}

func (e *commandLineError) Error() string { return e.err.Error() }
func (e *commandLineError) Unwrap() error { return e.err }

// args wraps a cobra argument check so that what it refuses is a
// commandLineError, told apart by its type rather than its words.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return &commandLineError{cmd: cmd.CommandPath(), err: err}
		}
		return nil
	}
}

// App holds what every command shares: the streams, the environment, the
// clock and the global flags. Commands read the environment only through
// Getenv and the working directory only through Getwd, so tests can give
// each run its own and run in parallel. A nil Getenv or Getwd means the
// process's.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Now            func() time.Time
	Getenv         func(string) string
	Getwd          func() (string, error)
	// IsTerminal reports whether w is a terminal that shows colour; nil
	// means never (tests, and any caller that does not say).
	IsTerminal func(w io.Writer) bool

	// global flags; --file and --max-size are the store's
	today string
	quiet bool

	store store.Session // the plans and every file bp reads or writes
	args  []string      // the command line as given, for checkFlags
}

// Main runs bp with args (without the program name) and returns the exit
// code. cmd/bp calls it with the real streams and clock; tests call it
// with buffers and a fixed clock.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	app := &App{Stdin: stdin, Stdout: stdout, Stderr: stderr, Now: now, Getenv: os.Getenv, Getwd: os.Getwd,
		IsTerminal: isTerminal}
	return app.Run(args)
}

// Run executes one command line and returns its exit code. Every error
// is printed here, once, on stderr; a failed write on stdout, even one a
// command did not check, makes the exit code 2.
func (app *App) Run(args []string) (code int) {
	if app.Getenv == nil {
		app.Getenv = os.Getenv
	}
	if app.Getwd == nil {
		app.Getwd = os.Getwd
	}
	app.store.Getenv, app.store.Getwd, app.store.Warn = app.Getenv, app.Getwd, app.printError
	app.store.Stdin, app.store.Stderr = app.Stdin, app.Stderr
	stdout := &stickyWriter{w: app.Stdout}
	defer func() {
		// A panic is a bug, but the user still gets one line, not a
		// stack trace, and a non-zero exit.
		if r := recover(); r != nil {
			app.printError(fmt.Errorf("internal error: %v\nplease report this with the command you ran", r))
			code = ExitUsage
		}
	}()
	root := newRootCmd(app)
	app.args = args
	root.SetArgs(joinOptionalValues(args))
	root.SetIn(app.Stdin)
	root.SetOut(stdout)
	root.SetErr(app.Stderr)
	err := root.Execute()
	code = app.exitCode(err)
	if stdout.err != nil {
		if !errors.Is(err, stdout.err) {
			app.printError(fmt.Errorf("write standard output: %w", stdout.err))
		}
		code = ExitUsage
	}
	return code
}

// exitCode prints err and returns the exit code it carries: its type
// decides, never its words. Any other error is a failure: exit 2.
func (app *App) exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var cle *commandLineError
	if errors.As(err, &cle) {
		if cle.usage != "" {
			// "bp show: needs an event id", then the usage line.
			fmt.Fprintf(app.Stderr, "%s: %s\nUsage: %s\nrun '%s --help' for more\n",
				cle.cmd, render.Clean(cle.err.Error()), cle.usage, cle.cmd)
			return ExitUsage
		}
		app.printError(err)
		fmt.Fprintf(app.Stderr, "run '%s --help' for usage\n", cle.cmd)
		return ExitUsage
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			app.printError(ee.err)
		}
		return ee.code
	}
	app.printError(err)
	return ExitUsage
}

// printError writes err on stderr as "bp: message", each line cleaned:
// messages quote plan titles, file names and arguments, and none of
// their control characters may reach the terminal.
func (app *App) printError(err error) {
	lines := app.errorLines(err)
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString("bp: ")
		}
		b.WriteString(render.Clean(l))
		b.WriteByte('\n')
	}
	_, _ = io.WriteString(app.Stderr, b.String())
}

// stickyWriter remembers the first error writing to w and fails every
// later write with it, so that output stops at the first failure and Run
// can turn it into exit 2 for every command.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:           "bp",
		Short:         "Keep the Budapest Process workplan as YAML, and turn it into tables, calendars and reports",
		Long:          rootLong,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       versionString(),
		// With no command, show help; an argument is an unknown command.
		Args: args(func(cmd *cobra.Command, a []string) error {
			if len(a) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for %q", a[0], cmd.CommandPath())
			if s := cmd.SuggestionsFor(a[0]); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, " or ") + "?"
			}
			return errors.New(msg)
		}),
		PersistentPreRunE: app.checkFlags,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SuggestionsMinimumDistance = 2
	// Flag help wrapped to fit 80 columns, as every help page must.
	root.SetUsageTemplate(rootUsage(root))
	root.SetVersionTemplate("{{.Version}}\n")
	pf := root.PersistentFlags()
	pf.VarP(&onceString{p: &app.store.File}, "file", "f",
		"read the plans from `path`, a file or a directory (default $BP_FILE, else the nearest workplans/ up from here, else the built-in plans)")
	pf.StringVar(&app.today, "today", "", "take `date` (YYYY-MM-DD) as today instead of $BP_TODAY or the clock")
	pf.Var((*maxSizeValue)(&app.store.MaxSize), "max-size", "largest workplan file to read, in `bytes` (default 16 MiB)")
	pf.BoolVarP(&app.quiet, "quiet", "q", false, "say nothing on stderr about the files written, nor warn of a past meeting changed")
	_ = root.RegisterFlagCompletionFunc("file", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	})

	// Every command, in one list, in the groups of `bp --help`.
	root.AddGroup(commandGroups...)
	root.AddCommand(
		group("look", newListCmd(app)),
		group("look", newShowCmd(app)),
		group("look", newStatusCmd(app)),
		group("look", newBriefCmd(app)),
		group("look", newActionsCmd(app)),
		group("look", newCalCmd(app)),
		group("look", newDiffCmd(app)),
		group("change", newAddCmd(app)),
		group("change", newSetCmd(app)),
		group("change", newConfirmCmd(app)),
		group("change", newPostponeCmd(app)),
		group("change", newCancelCmd(app)),
		group("change", newRecordCmd(app)),
		group("change", newActionCmd(app)),
		group("change", newRemoveCmd(app)),
		group("change", newNewCmd(app)),
		group("publish", newICSCmd(app)),
		group("publish", newSiteCmd(app)),
		group("maintain", newValidateCmd(app)),
		group("maintain", newFmtCmd(app)),
		group("maintain", newMigrateCmd(app)),
		group("maintain", newSchemaCmd(app)),
		group("maintain", newVersionCmd(app)),
	)
	root.SetHelpCommand(group("maintain", newHelpCmd()))
	root.SetCompletionCommandGroupID("maintain")
	root.AddCommand(helpTopics()...)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &commandLineError{cmd: c.CommandPath(), err: suggestFlag(c, err)}
	})
	return root
}

// checkFlags runs before every command. It refuses a flag given with an
// empty or blank value (`-f ""`, `--month " "`, `-t ,`): an empty value
// is a mistake (an unset shell variable, a slip of the fingers), never a
// way to say "not given". It also runs cobra's checks of flag groups
// (--out or --feeds) here, so that what they refuse is typed as a
// command-line error.
//
// A flag that takes a value also takes the next flag as its value when
// the user left the value out (`--feeds --out public`, `--out --month
// june`, which would write a file named "--month"): a value that is one
// of the command's flags is refused, unless given as --flag=value.
func (app *App) checkFlags(cmd *cobra.Command, _ []string) error {
	if err := cmd.ValidateRequiredFlags(); err != nil {
		return &commandLineError{cmd: cmd.CommandPath(), err: err}
	}
	if err := cmd.ValidateFlagGroups(); err != nil {
		return &commandLineError{cmd: cmd.CommandPath(), err: flagGroupError(cmd, err)}
	}
	var blank *pflag.Flag
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if blank != nil {
			return
		}
		switch v := f.Value.(type) {
		case pflag.SliceValue:
			switch f.Value.Type() {
			case "stringSlice": // -t , is blank; -t a, is a
				if !slices.ContainsFunc(v.GetSlice(), func(s string) bool { return strings.TrimSpace(s) != "" }) {
					blank = f
				}
			case "stringArray": // each value given is one: --owner a --owner "" has a blank one
				if slices.ContainsFunc(v.GetSlice(), func(s string) bool { return strings.TrimSpace(s) == "" }) {
					blank = f
				}
			}
		default:
			if f.Value.Type() == "string" && strings.TrimSpace(f.Value.String()) == "" {
				blank = f
			}
		}
	})
	if blank != nil {
		return &commandLineError{cmd: cmd.CommandPath(), err: blankFlagError(blank)}
	}
	var took *pflag.Flag
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if took == nil && f.Value.Type() == "string" && isFlagOf(cmd, f.Value.String()) &&
			!slices.Contains(app.args, "--"+f.Name+"="+f.Value.String()) {
			took = f
		}
	})
	if took != nil {
		v := took.Value.String()
		return &commandLineError{cmd: cmd.CommandPath(),
			err: fmt.Errorf("--%s needs a value, and took the next flag, %s, as one\n  hint: give --%s its value, or write --%s=%s if that is the value",
				took.Name, v, took.Name, took.Name, v)}
	}
	return nil
}

// isFlagOf reports whether s names one of cmd's flags: --name or -x (its
// shorthand). A value such as --output=o is left to the flag's own check
// (a revision cannot start with '-').
func isFlagOf(cmd *cobra.Command, s string) bool {
	if name, ok := strings.CutPrefix(s, "--"); ok {
		return name != "" && cmd.Flags().Lookup(name) != nil
	}
	if sh, ok := strings.CutPrefix(s, "-"); ok && len(sh) == 1 {
		return cmd.Flags().ShorthandLookup(sh) != nil
	}
	return false
}

// onceString is a string flag that refuses two different values, where
// the last would otherwise silently win. The same value twice is
// harmless, and cobra's shell completion parses a command line twice.
type onceString struct {
	p   *string
	set bool
}

func (s *onceString) String() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

func (s *onceString) Set(v string) error {
	if s.set && v != *s.p {
		return fmt.Errorf("given twice (%q, then %q); give it once", *s.p, v)
	}
	*s.p, s.set = v, true
	return nil
}

func (s *onceString) Type() string { return "string" }

// maxSizeValue is the --max-size flag: a positive number of bytes. Zero
// and negative values are refused rather than taken as "the default".
type maxSizeValue int

func (v *maxSizeValue) String() string {
	if *v == 0 {
		return ""
	}
	return strconv.Itoa(int(*v))
}

func (v *maxSizeValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 0)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return errors.New("too large")
		}
		return errors.New("not a whole number of bytes")
	}
	if n <= 0 {
		return errors.New("must be a positive number of bytes (leave --max-size out for the default, 16 MiB)")
	}
	*v = maxSizeValue(n)
	return nil
}

func (v *maxSizeValue) Type() string { return "bytes" }
