package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Argument counts. A command that gets too few or too many arguments
// says so in its own words and shows its usage line:
//
//	bp show: needs an event id
//	Usage: bp show <id> [flags]
//
// rather than cobra's "accepts 1 arg(s), received 0".

// argCount accepts between min and max arguments (max < 0: no limit);
// what names one argument ("an event id") and whats several ("event
// ids").
func argCount(min, max int, what, whats string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		var msg string
		switch {
		case len(a) < min && min == 1:
			msg = "needs " + what
		case len(a) < min:
			msg = fmt.Sprintf("needs %d %s, got %d", min, whats, len(a))
		case max >= 0 && len(a) > max && max == 0:
			msg = fmt.Sprintf("takes no arguments, got %s", quoteArgs(a))
		case max >= 0 && len(a) > max && max == 1:
			atMost := " at most"
			if min == 1 {
				atMost = ""
			}
			msg = fmt.Sprintf("takes one %s%s, got %d: %s", strings.TrimPrefix(strings.TrimPrefix(what, "an "), "a "), atMost, len(a), quoteArgs(a))
		case max >= 0 && len(a) > max:
			msg = fmt.Sprintf("takes %d %s at most, got %d: %s", max, whats, len(a), quoteArgs(a))
		default:
			return nil
		}
		return &commandLineError{cmd: cmd.CommandPath(), err: fmt.Errorf("%s", msg), usage: cmd.UseLine()}
	}
}

// noArgs refuses any argument; an unknown word is most likely a
// mistyped command.
func noArgs(cmd *cobra.Command, a []string) error {
	if len(a) == 0 {
		return nil
	}
	return argCount(0, 0, "", "")(cmd, a)
}

func quoteArgs(a []string) string {
	q := make([]string, len(a))
	for i, s := range a {
		q[i] = shellWord(s)
	}
	return strings.Join(q, " ")
}
