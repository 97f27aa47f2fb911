package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Where output goes: standard output, or with --out a file written
// atomically (app.writeOut, store.Session.WriteOut), and then one line
// on stderr that says what was written, unless --quiet.

// wrote says on stderr that bp wrote name, with what it holds ("12
// events"), unless --quiet.
func (app *App) wrote(name, what string) {
	if app.quiet {
		return
	}
	if what != "" {
		what = " (" + what + ")"
	}
	fmt.Fprintf(app.Stderr, "bp: wrote %s%s\n", shown(name), what)
}

// outFlag registers --out, the file a command writes instead of standard
// output.
func outFlag(cmd *cobra.Command, target *string, what string) {
	cmd.Flags().StringVar(target, "out", "", "write "+what+" to `file` (atomically) instead of standard output")
}

// emit writes with write to stdout, or to the file path when one is
// given, saying so (what: "12 events").
func (app *App) emit(stdout io.Writer, path, what string, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	if err := app.writeOut(path, write); err != nil {
		return err
	}
	app.wrote(path, what)
	return nil
}

// writeOut writes the file the user named (--out, --feeds), atomically
// (store.Session.WriteOut). It refuses, with exit 2, an empty name (bp
// never takes "" for standard output) and a file this run read as input,
// under any name.
func (app *App) writeOut(name string, write func(io.Writer) error) error {
	if err := app.store.WriteOut(name, write); err != nil {
		return withCode(ExitUsage, err)
	}
	return nil
}

// checkOut tells whether writeOut would refuse name, before anything is
// written; a command that writes several files checks them all first.
func (app *App) checkOut(name string) error {
	if err := app.store.CheckOut(name); err != nil {
		return withCode(ExitUsage, err)
	}
	return nil
}
