package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
)

// outputs are the formats a command offers, taken from present's
// registry (present.Formats), the first being the default. This one list
// gives the flag's help, its shell completion and the check of the
// value; the registry gives each format its name and aliases (md is
// markdown, table is text), the same for every command.
type outputs []*present.Format

func (o outputs) names() []string {
	names := make([]string, len(o))
	for i, f := range o {
		names[i] = f.Name
	}
	return names
}

// flag registers the formats as the flag name (with shorthand short,
// if any) bound to target, defaulting to the first format. usage is the
// help line; "" gives "output `format`: a, b, c".
func (o outputs) flag(cmd *cobra.Command, target *string, name, short, usage string) {
	if usage == "" {
		usage = "output `format`: " + strings.Join(o.names(), ", ")
	}
	cmd.Flags().StringVarP(target, name, short, o[0].Name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return o.names(), cobra.ShellCompDirectiveNoFileComp
	})
}

// output registers -o/--output.
func (o outputs) output(cmd *cobra.Command, target *string) {
	o.flag(cmd, target, "output", "o", "")
}

// lookup returns the format value names, ignoring case and accepting
// the registry's aliases; an unknown one is a usage error that names
// flag and the formats there are. A value that looks like a file name
// (-o my.ics) gets a hint at --out, the flag for files everywhere.
func (o outputs) lookup(flag, value string) (*present.Format, error) {
	if f := present.Find(o, value); f != nil {
		return f, nil
	}
	if strings.ContainsAny(value, "./\\") {
		return nil, usageErrorf("%s: %q is not a format: -o is the format (%s); did you mean --out %s?",
			flag, value, strings.Join(o.names(), ", "), shellWord(value))
	}
	return nil, usageErrorf("%s: unknown format %q; use one of: %s", flag, value, strings.Join(o.names(), ", "))
}
