package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/manual"
)

// The groups of bp's commands, by what a person came to do; `bp --help`
// lists them in this order.
var commandGroups = []*cobra.Group{
	{ID: "look", Title: "Look up the plan:"},
	{ID: "change", Title: "Change the plan:"},
	{ID: "publish", Title: "Publish it:"},
	{ID: "maintain", Title: "Maintain plan files:"},
}

func init() {
	// bp --help lists each group's commands in the order of the root's
	// AddCommand, the order of a year's work, not the alphabet's.
	cobra.EnableCommandSorting = false
}

// group puts cmd in the group id and returns it.
func group(id string, cmd *cobra.Command) *cobra.Command {
	cmd.GroupID = id
	return cmd
}

// helpTopics are the manual's topics as cobra help topics: commands that
// run nothing, which `bp help NAME` shows and `bp --help` lists under
// "Additional help topics". Each prints its page at 80 columns.
func helpTopics() []*cobra.Command {
	var cmds []*cobra.Command
	for _, t := range manual.Topics() {
		page := manual.Text(t.Markdown, 80)
		cmd := &cobra.Command{
			Use:   t.Name,
			Short: t.Summary,
			Long:  page,
		}
		cmd.SetHelpFunc(func(c *cobra.Command, _ []string) {
			fmt.Fprint(c.OutOrStdout(), page)
		})
		cmds = append(cmds, cmd)
	}
	return cmds
}

// rootLong is what `bp --help` says before the commands: what bp is, and
// where the rest is told.
const rootLong = `bp keeps a yearly plan of meetings as YAML and answers from it: what is on
in June, where the plan stands, a calendar file to import, a website.

It reads the nearest workplans/ directory from here upward, else the plans
built into it (bp version names them); bp help plans says which plans, and
how to name others. Exit status: 0 ok, 1 an invalid plan, 2 a usage error
or another failure (bp help exit-codes).`

// rootUsage is cobra's usage template with the help topics listed by
// name and summary under their own heading, and flag help wrapped at 80
// columns.
func rootUsage(root *cobra.Command) string {
	u := strings.ReplaceAll(root.UsageTemplate(), "FlagUsages |", "FlagUsagesWrapped 80 |")
	return strings.Replace(u, "Additional help topics:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}\n  {{rpad .CommandPath .CommandPathPadding}}",
		"The manual, bp help TOPIC:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}\n  {{rpad .Name 13}}", 1)
}

// newHelpCmd is `bp help [command|topic]`: cobra's help command, but a
// name that is neither a command nor a topic is a usage error (exit 2)
// with the names it may have meant, not the root's help and exit 0.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command | topic]",
		Short: "Help about any command, and the manual's topics",
		Long: `Help about any command (bp help list), and the pages of the manual
(bp help plans); bp help alone lists both.`,
		Args: args(cobra.ArbitraryArgs),
		ValidArgsFunction: func(c *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
			return helpNames(c.Root()), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, a []string) error {
			target, rest, err := c.Root().Find(a)
			if len(a) > 0 && (err != nil || target == c.Root() || len(rest) > 0) {
				return &commandLineError{cmd: c.CommandPath(), err: fmt.Errorf("no command or topic %q%s",
					strings.Join(a, " "), didYouMean(closest(a[len(a)-1], helpNames(c.Root()), 2)))}
			}
			if target == nil {
				target = c.Root()
			}
			return target.Help()
		},
	}
}

// helpNames are the names bp help takes: the commands and the topics.
func helpNames(root *cobra.Command) []string {
	var names []string
	for _, sub := range root.Commands() {
		if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			names = append(names, sub.Name())
		}
	}
	return names
}

// CommandTree returns bp's command tree, for what documents it (the man
// pages cmd/gen-docs writes); running a command needs Main's App.
func CommandTree() *cobra.Command { return newRootCmd(&App{}) }
