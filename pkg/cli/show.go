package cli

import (
	"bufio"
	"io"
	"strconv"
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
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			plan, err := app.loadPlan()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			ids := make([]string, 0, len(plan.Events))
			for _, e := range plan.Events {
				ids = append(ids, e.ID+"\t"+e.DateText()+" "+e.Title)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	outputFlag(cmd, &opts.Output, "text", "json")
	return cmd
}

func runShow(app *App, out io.Writer, id string, opts *showOptions) error {
	if err := checkOutput(opts.Output, "text", "json"); err != nil {
		return err
	}
	plan, err := app.loadPlan()
	if err != nil {
		return err
	}
	e := plan.Event(id)
	if e == nil {
		return usageErrorf("no event %q in %s%s", id, plan.Title, suggestID(plan, id))
	}
	if opts.Output == "json" {
		return render.WriteJSON(out, struct {
			Event render.EventJSON `json:"event"`
		}{render.NewEventJSON(plan, e)})
	}
	return writeEventText(out, plan, e)
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

func writeEventText(w io.Writer, plan *workplan.Plan, e *workplan.Event) error {
	bw := bufio.NewWriter(w)
	c := render.Clean
	bw.WriteString(c(e.Title) + "\n\n")
	row := func(k, v string) {
		if v == "" {
			return
		}
		lines := wrap(c(v), 58)
		bw.WriteString("  " + k + strings.Repeat(" ", 14-len(k)) + lines[0] + "\n")
		for _, l := range lines[1:] {
			bw.WriteString(strings.Repeat(" ", 16) + l + "\n")
		}
	}
	row("id", e.ID)
	row("date", e.DateText())
	row("time", e.TimeText(plan))
	row("type", e.Type.Label())
	row("status", e.Status.Label())
	row("format", e.Format.Label())
	row("location", e.Location.String())
	var groups []string
	for _, g := range e.Groups {
		if gr := plan.Group(g); gr != nil {
			groups = append(groups, gr.Name+" ("+g+")")
		}
	}
	row("groups", strings.Join(groups, "; "))
	row("partners", strings.Join(e.Partners, ", "))
	if p := plan.Product(e.Product); p != nil {
		row("presents", p.Title+" ("+p.ID+")")
	}
	if o := plan.Event(e.BackToBack); o != nil {
		row("back-to-back", o.Title+", "+o.DateText()+" ("+o.ID+")")
	}
	row("purpose", e.Purpose)
	row("notes", e.Notes)
	if o := e.Outcome; o != nil {
		row("outcome", o.Summary)
		row("recorded", o.Recorded.Format("2 Jan 2006"))
		row("report", o.Link)
	}
	row("plan", plan.Title+", revision "+strconv.Itoa(plan.Revision))
	return bw.Flush()
}

// wrap breaks text into lines of at most width runes, at spaces.
func wrap(s string, width int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	return append(lines, cur)
}
