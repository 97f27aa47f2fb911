package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

type showOptions struct {
	Output string
	Out    string
}

func newShowCmd(app *App) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show <id>",
		Short: "Show one event in full",
		Long: `Show one event in full: its dates and times, place, groups, what it
presents, its outcome, and the plan it belongs to. The id is looked for in
every plan year bp reads.`,
		Example: `  # everything about the November Senior Officials Meeting
  $ bp show som-2026

  # the same as JSON
  $ bp show som-2026 -o json`,
		Args: argCount(1, 1, "an event id", "event ids"),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, word string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return app.completeIDs(cmd, args, word)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	showFormats.output(cmd, &opts.Output)
	outFlag(cmd, &opts.Out, "the event")
	return cmd
}

// showFormats are bp show's output formats.
var showFormats = formats[func(io.Writer, *workplan.Plan, *workplan.Event) error]{
	{"table", render.EventText},
	{"markdown", render.EventMarkdown},
	{"json", func(out io.Writer, plan *workplan.Plan, e *workplan.Event) error {
		return render.WriteJSON(out, struct {
			Event render.EventJSON `json:"event"`
		}{render.NewEventJSON(plan, e)})
	}},
}

func runShow(app *App, out io.Writer, id string, opts *showOptions) error {
	write, err := showFormats.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	if strings.TrimSpace(id) == "" {
		return &commandLineError{cmd: "bp show", err: fmt.Errorf("empty id; name an event (bp list shows the ids)")}
	}
	set, err := app.loadSet()
	if err != nil {
		return err
	}
	e, err := findEvent(set, id)
	if err != nil {
		return err
	}
	err = app.emit(out, opts.Out, e.ID, func(w io.Writer) error { return write(w, e.Plan(), e) })
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("show: write: %w", unwrapExit(err)))
	}
	return nil
}

// findEvent returns the event with the id in any plan year; an unknown
// id is a usage error that suggests the ids it most likely meant
// (som2026 → som-2026), or says how to list them.
func findEvent(set *workplan.Set, id string) (*workplan.Event, error) {
	if e := set.Event(id); e != nil {
		return e, nil
	}
	where := "any plan (" + set.YearsText() + ")"
	if len(set.Plans) == 1 {
		where = render.Clean(set.Plans[0].Title)
	}
	return nil, usageErrorf("no event %q in %s%s", id, where, suggestID(set, id))
}

// suggestID names the ids that look like id, or says how to list them.
func suggestID(set *workplan.Set, id string) string {
	var all []string
	for _, plan := range set.Plans {
		for _, e := range plan.Events {
			all = append(all, e.ID)
		}
	}
	if near := closest(id, all, 3); len(near) > 0 {
		return didYouMean(near)
	}
	if len(set.Plans) > 1 {
		return "; run 'bp list --year all' for the ids"
	}
	return "; run 'bp list' for the ids"
}
