// Package cli is bp's command line: the cobra command tree, one file per
// command, and the one table of exit codes. It is the only package that
// touches the environment, the file system's working directory and the
// clock; everything below it takes readers, writers and dates.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes, documented in `bp help` and README.
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

// App holds what every command shares: the streams, the environment, the
// clock and the global flags.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Now            func() time.Time
	Getenv         func(string) string
	Getwd          func() (string, error)

	// global flags
	file    string
	today   string
	maxSize int

	inputs []os.FileInfo // files read in this run; writeOut never writes over them (input.go)
}

// Main runs bp with args (without the program name) and returns the exit
// code. cmd/bp calls it with the real streams and clock; tests call it
// with buffers and a fixed clock.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	app := &App{Stdin: stdin, Stdout: stdout, Stderr: stderr, Now: now, Getenv: os.Getenv, Getwd: os.Getwd}
	return app.Run(args)
}

// Run executes one command line and returns its exit code.
func (app *App) Run(args []string) (code int) {
	defer func() {
		// A panic is a bug, but the user still gets one line, not a
		// stack trace, and a non-zero exit.
		if r := recover(); r != nil {
			fmt.Fprintf(app.Stderr, "bp: internal error: %v\nplease report this with the command you ran\n", r)
			code = ExitUsage
		}
	}()
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(app.Stderr, "bp: "+ee.err.Error())
		}
		return ee.code
	}
	// cobra's own errors: unknown command or flag, wrong arguments.
	msg := err.Error()
	fmt.Fprintln(app.Stderr, "bp: "+msg)
	if strings.Contains(msg, "unknown command") || strings.Contains(msg, "flag") || strings.Contains(msg, "arg") {
		fmt.Fprintln(app.Stderr, "run 'bp --help' for usage")
	}
	return ExitUsage
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "bp",
		Short: "Keep the Budapest Process workplan as YAML, and turn it into tables, calendars and reports",
		Long: `bp reads a workplan (a YAML file of meetings) and answers from it: what is on
in June, where the plan stands, a calendar file to import.

Which plan bp reads, first match wins:
  1. --file PATH
  2. the BP_FILE environment variable
  3. the plan built into bp (` + embeddedName() + `), so bp works from any directory.
Inside a checkout, edits to workplans/ are not seen until you pass -f or
rebuild; 'bp validate' with no argument checks ./workplans/ when it exists.

Exit codes:
  0  success (validate: no errors; diff: no differences)
  1  the workplan is invalid (diff: the plans differ)
  2  usage error, unreadable file, or another failure`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       versionString(),
		// No command given: show help, but keep the exit code honest.
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVarP(&app.file, "file", "f", "", "read the workplan from `path` (default $BP_FILE, else the built-in plan)")
	pf.StringVar(&app.today, "today", "", "take `date` (YYYY-MM-DD) as today instead of the clock")
	pf.Var((*maxSizeValue)(&app.maxSize), "max-size", "largest workplan file to read, in `bytes` (default 16 MiB)")
	_ = root.RegisterFlagCompletionFunc("file", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	})

	root.AddCommand(
		newListCmd(app),
		newShowCmd(app),
		newValidateCmd(app),
		newVersionCmd(app),
	)
	for _, add := range extraCommands {
		root.AddCommand(add(app))
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withCode(ExitUsage, fmt.Errorf("%w\nrun '%s --help' for usage", err, c.CommandPath()))
	})
	return root
}

// extraCommands lets each command file register itself, so that adding a
// command touches only its own file.
var extraCommands []func(*App) *cobra.Command

func registerCommand(f func(*App) *cobra.Command) { extraCommands = append(extraCommands, f) }
