package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
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
		Long: `Show one event in full: its dates and times, where it stands today (a
past meeting is marked so: held, or needs follow-up), place, groups, what
it presents, and once it took place its outcome, conclusions and every
action it set (those marked public too), and the plan it belongs to. The
id is looked for in every plan year bp reads. Today is --today, BP_TODAY
or the clock.`,
		Example: `  # everything about the November Senior Officials Meeting
  $ bp show som-2026

  # the same as JSON
  $ bp show som-2026 -o json`,
		Args:              argCount(1, 1, "an event id", "event ids"),
		ValidArgsFunction: app.completeOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	showOutputs.output(cmd, &opts.Output)
	outFlag(cmd, &opts.Out, "the event")
	return cmd
}

// showOutputs are bp show's output formats.
var showOutputs = outputs{present.Text, present.Markdown, present.JSON}

// showDocument is an event as bp show writes it, for the Secretariat:
// its facts as of today (its state, its outcome, conclusions and every
// action), and as JSON the event with those facts.
func showDocument(e *workplan.Event, today time.Time) present.Document {
	return present.Document{
		Doc: func() *present.Doc { return render.EventDoc(e.Plan(), e, present.Internal, today) },
		JSON: func() any {
			return struct {
				Event render.EventJSON   `json:"event"`
				Facts []present.FactJSON `json:"facts"`
			}{render.EventJSONFor(e.Plan(), e, present.Internal), present.FactsJSON(present.EventFacts(e.Plan(), e, present.Internal, today))}
		},
	}
}

func runShow(app *App, out io.Writer, id string, opts *showOptions) error {
	format, err := showOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	e, _, today, err := app.eventArg("bp show", id)
	if err != nil {
		return err
	}
	err = app.emit(out, opts.Out, e.ID, func(w io.Writer) error { return showDocument(e, today).Write(w, format) })
	if err != nil {
		return withCode(ExitUsage, fmt.Errorf("show: write: %w", unwrapExit(err)))
	}
	return nil
}

// eventArg finds the event an id argument names (bp show, bp brief) in
// the plans, and reads today.
func (app *App) eventArg(cmd, id string) (*workplan.Event, *workplan.Set, time.Time, error) {
	if strings.TrimSpace(id) == "" {
		return nil, nil, time.Time{}, &commandLineError{cmd: cmd, err: fmt.Errorf("empty id; name an event (bp list shows the ids)")}
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return nil, nil, today, err
	}
	e, err := findEvent(set, id)
	return e, set, today, err
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
