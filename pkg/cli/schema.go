package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/workplan"
)

func newSchemaCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the workplan format, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of the workplan YAML format. It is
generated from the same definitions bp's reader uses, so it cannot drift from
what bp accepts. Editors with a YAML language server (VS Code's YAML
extension, Neovim's yamlls) use it to complete keys, show each key's meaning
and underline mistakes while you type, when the file's first line is

  # yaml-language-server: $schema=./workplan.schema.json

The schema checks keys, types, allowed words and the form of dates, times
and ids; bp validate checks everything else (dates that exist, references,
overlaps).`,
		Example: `  # refresh the copy kept beside the plans
  $ bp schema > workplans/workplan.schema.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchema(cmd.OutOrStdout())
		},
	}
}

func runSchema(out io.Writer) error {
	if _, err := out.Write(workplan.JSONSchema()); err != nil {
		return withCode(ExitUsage, fmt.Errorf("schema: %w", err))
	}
	return nil
}
