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
}

func newShowCmd(app *App) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show <id>",
		Short: "Show one event in full",
		Example: `  # everything about the November Senior Officials Meeting
  $ bp show som-2026

  # the same as JSON
  $ bp show som-2026 -o json`,
		Args: args(cobra.ExactArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			plan, err := app.loadPlan()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			return completeIDs(plan), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	showFormats.output(cmd, &opts.Output)
	return cmd
}

// completeIDs gives the shell one "id<TAB>description" line per event.
// The shell prints the description as it is, so it is cleaned.
func completeIDs(plan *workplan.Plan) []string {
	ids := make([]string, 0, len(plan.Events))
	for _, e := range plan.Events {
		ids = append(ids, render.Clean(e.ID)+"\t"+render.Clean(e.DateText()+" "+e.Title))
	}
	return ids
}

// showFormats are bp show's output formats.
var showFormats = formats[func(io.Writer, *workplan.Plan, *workplan.Event) error]{
	{"text", render.EventText},
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
	plan, err := app.loadPlan()
	if err != nil {
		return err
	}
	e := plan.Event(id)
	if e == nil {
		return usageErrorf("no event %q in %s%s", id, render.Clean(plan.Title), suggestID(plan, id))
	}
	if err := write(out, plan, e); err != nil {
		return withCode(ExitUsage, fmt.Errorf("show: write: %w", err))
	}
	return nil
}

// suggestID names the ids that look like id, or all of them in a small
// plan, so the user need not list the plan to find the right one.
func suggestID(plan *workplan.Plan, id string) string {
	var near []string
	for _, e := range plan.Events {
		if strings.Contains(e.ID, id) || strings.Contains(id, e.ID) {
			near = append(near, e.ID)
		}
	}
	if len(near) == 0 && len(plan.Events) <= 20 {
		for _, e := range plan.Events {
			near = append(near, e.ID)
		}
	}
	if len(near) == 0 {
		return "; run 'bp list' for the ids"
	}
	return "; known ids: " + strings.Join(near, ", ")
}
