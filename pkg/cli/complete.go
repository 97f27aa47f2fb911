package cli

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/icmpd/bp/pkg/render"
)

// Shell completion of the words taken from the plans (ids, groups,
// years), and suggestions for a mistyped flag.

// completeIDs gives the shell one "id<TAB>description" line per event
// of every plan year, leaving out the ids already on the command line.
// The plans are read leniently (completion must not fail on a plan being
// edited), and the shell prints the description as it is, so it is
// completeOneID completes the one event id a command takes (bp show,
// bp brief), and nothing after it.
func (app *App) completeOneID(cmd *cobra.Command, args []string, word string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return app.completeIDs(cmd, args, word)
}

// cleaned.
func (app *App) completeIDs(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	var ids []string
	for _, plan := range app.completionPlans() {
		for _, e := range plan.Events {
			if !slices.Contains(args, e.ID) {
				ids = append(ids, render.Clean(e.ID)+"\t"+render.Clean(e.DateText()+" "+e.Title))
			}
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// completeGroups offers the group ids of every plan year, each with its
// name.
func (app *App) completeGroups(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	set, err := app.loadSet()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var words []string
	for _, g := range set.Groups() {
		words = append(words, render.Clean(g.ID)+"\t"+render.Clean(g.Name))
	}
	return words, cobra.ShellCompDirectiveNoFileComp
}

// completeYears offers the plan years, and "all" where the flag takes it.
func (app *App) completeYears(all bool) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var words []string
		if set, err := app.loadSet(); err == nil {
			for _, p := range set.Plans {
				words = append(words, strconv.Itoa(p.Year))
			}
		}
		if all {
			words = append(words, "all")
		}
		return words, cobra.ShellCompDirectiveNoFileComp
	}
}

// suggestFlag adds "did you mean --month?" to an unknown long flag, from
// the flags the command takes (its own and the global ones).
func suggestFlag(cmd *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) || ne.GetSpecifiedShortnames() != "" {
		return err
	}
	name, _, _ := strings.Cut(ne.GetSpecifiedName(), "=")
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
	})
	near := closest(name, names, 2)
	if len(near) == 0 {
		return err
	}
	for i, n := range near {
		near[i] = "--" + n
	}
	return errors.New(err.Error() + didYouMean(near))
}
