package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// format is one output format of a command: its name and its writer.
type format[W any] struct {
	name  string
	write W
}

// formats is a command's output formats, the first being the default.
// This one table gives the flag's help, its shell completion, the check
// of the value and the writer to call, so that a format is named once.
type formats[W any] []format[W]

func (fs formats[W]) names() []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return names
}

// flag registers the formats as the flag name (with shorthand short,
// if any) bound to target, defaulting to the first format. usage is the
// help line; "" gives "output `format`: a, b, c".
func (fs formats[W]) flag(cmd *cobra.Command, target *string, name, short, usage string) {
	if usage == "" {
		usage = "output `format`: " + strings.Join(fs.names(), ", ")
	}
	cmd.Flags().StringVarP(target, name, short, fs[0].name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return fs.names(), cobra.ShellCompDirectiveNoFileComp
	})
}

// output registers -o/--output.
func (fs formats[W]) output(cmd *cobra.Command, target *string) {
	fs.flag(cmd, target, "output", "o", "")
}

// formatAliases are other names of formats, the same for every command:
// md is markdown, and table and text are one (the plain text for a
// terminal, whichever a command calls it).
var formatAliases = map[string][]string{
	"md":    {"markdown"},
	"table": {"text"},
	"text":  {"table"},
}

// lookup returns the writer of the format value, ignoring case and
// accepting [formatAliases]; an unknown one is a usage error that names
// flag and the formats there are. A value that looks like a file name
// (-o my.ics) gets a hint at --out, the flag for files everywhere.
func (fs formats[W]) lookup(flag, value string) (W, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	for _, name := range append([]string{v}, formatAliases[v]...) {
		for _, f := range fs {
			if f.name == name {
				return f.write, nil
			}
		}
	}
	var zero W
	if strings.ContainsAny(value, "./\\") {
		return zero, usageErrorf("%s: %q is not a format: -o is the format (%s); did you mean --out %s?",
			flag, value, strings.Join(fs.names(), ", "), shellWord(value))
	}
	return zero, usageErrorf("%s: unknown format %q; use one of: %s", flag, value, strings.Join(fs.names(), ", "))
}
