package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

type migrateOptions struct {
	editFlags
}

func newMigrateCmd(app *App) *cobra.Command {
	opts := &migrateOptions{}
	cmd := &cobra.Command{
		Use:   "migrate [<file>|<dir>]...",
		Short: "Upgrade plan files to the newest format version",
		Long: fmt.Sprintf(`Upgrade plan files written for an older version of the format to version %d,
the one this bp writes, and write them back in bp fmt's layout, every
comment kept. bp reads older files as they are (it upgrades them as it
reads them); migrating writes the upgrade down, so that the edit commands
and editors with the schema see the newest format. Nothing else changes:
not the revision, not a calendar entry.

With no argument, migrate upgrades the plan files bp reads (see 'bp --help').
A directory means every *.yaml and *.yml file in it.

The changes, one per version:
%s
Files are written atomically, and not when they changed on disk since bp
read them.`, workplan.FormatVersion, migrationDocs()),
		Example: `  $ bp migrate workplans/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMigrate(app, cmd.OutOrStdout(), args, opts)
		},
	}
	opts.editFlags.register(cmd)
	return cmd
}

func migrationDocs() string {
	s := ""
	for _, m := range workplan.Migrations {
		head := fmt.Sprintf("  %d → %d: ", m.From, m.From+1)
		for i, l := range render.Wrap(m.Doc, 78-len([]rune(head))) {
			if i > 0 {
				head = strings.Repeat(" ", len([]rune(head)))
			}
			s += head + l + "\n"
		}
	}
	return s
}

func runMigrate(app *App, out io.Writer, args []string, opts *migrateOptions) error {
	files, err := app.fmtFiles(args)
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("migrate: %w", unwrapExit(err)))
	}
	if len(files) == 1 {
		return app.migrateFile(out, files[0], opts.editFlags)
	}
	code := ExitOK
	for _, file := range files {
		if err := app.migrateFile(out, file, opts.editFlags); err != nil {
			app.printError(unwrapExit(err))
			c := ExitUsage
			if ee, ok := err.(*exitError); ok {
				c = ee.code
			}
			code = max(code, c)
		}
	}
	if code != ExitOK {
		return withCode(code, nil)
	}
	return nil
}

// migrateFile upgrades one file, as applyEdit changes one.
func (app *App) migrateFile(out io.Writer, file string, flags editFlags) error {
	if file == "-" {
		return usageErrorf("migrate: standard input cannot be changed in place; name the file")
	}
	if !flags.DryRun {
		unlock, err := app.store.LockEdit(file)
		if err != nil {
			return withCode(ExitUsage, fmt.Errorf("migrate: %w", err))
		}
		defer unlock()
	}
	data, err := app.readFile(file)
	if err != nil {
		return err
	}
	in := edit.Input{File: file, Data: data, Limits: app.limits()}
	app.publishedAt(&in)
	res, err := edit.Migrate(in)
	if err != nil {
		return app.editError("migrate", file, err)
	}
	if res.Upgraded == 0 {
		fmt.Fprintf(app.Stderr, "bp: %s is at format version %d already\n", shown(file), workplan.FormatVersion)
		return nil
	}
	fmt.Fprintf(out, "%s: format version %d → %d\n", shown(file), res.Upgraded, workplan.FormatVersion)
	for _, m := range workplan.Migrations[res.Upgraded-1:] {
		fmt.Fprintf(out, "  %s\n", m.Doc)
	}
	return app.finishEdit(io.Discard, "migrate", file, data, flags, res)
}
