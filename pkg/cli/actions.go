package cli

// bp actions: the follow-up actions of every year's plan, filtered.

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

type actionsOptions struct {
	Owners   []string
	States   []string
	Month    string
	From, To string
	Events   []string
	Groups   []string
	Output   string
}

func newActionsCmd(app *App) *cobra.Command {
	opts := &actionsOptions{}
	cmd := &cobra.Command{
		Use:   "actions [flags]",
		Short: "List the follow-up actions the meetings set, filtered",
		Long: `List the follow-up actions of every year's plan, by due date. Filters
combine: an action must match all of them. --from, --to and --month select
by due date (an action due in a month is in every range that overlaps the
month); --owner matches an owner id or name, case-blind; --group takes
the actions set by that group's meetings or owned by it.`,
		Example: `  # who still owes what
  $ bp actions --state open

  # what falls due next month
  $ bp actions --month next

  # what the Secretariat owes by the end of June, as CSV
  $ bp actions --owner secretariat --to 2026-06-30 -o csv

  # what the March Reference Group set
  $ bp actions --event rg-2026-03`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActions(app, cmd.OutOrStdout(), opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Owners, "owner", nil, "only actions `owner` owes (a group id, secretariat, chair, co-chair, or a body's name)")
	f.StringSliceVar(&opts.States, "state", nil, "only actions in `state`: "+strings.Join(workplan.Words(workplan.ActionStates), ", "))
	f.StringVarP(&opts.Month, "month", "m", "", "only actions due in `month`: "+workplan.MonthForms+", or this, next, last; without a year, in this year")
	f.StringVar(&opts.From, "from", "", "only actions due on or after `date`: "+dayFormsHint)
	f.StringVar(&opts.To, "to", "", "only actions due on or before `date`: "+dayFormsHint)
	f.StringSliceVar(&opts.Events, "event", nil, "only actions set by the meeting `event-id`")
	f.StringSliceVarP(&opts.Groups, "group", "g", nil, "only actions of `group`: set by its meetings, or owned by it")
	actionsOutputs.output(cmd, &opts.Output)
	app.registerActionCompletions(cmd)
	_ = cmd.RegisterFlagCompletionFunc("owner", app.completeOwners)
	return cmd
}

// actionsOutputs are bp actions' output formats.
var actionsOutputs = outputs{present.Text, present.JSON, present.CSV, present.Markdown}

// writeActions writes the actions in the format: JSON and CSV by their
// own writers (the published contracts), text and Markdown as their
// view.
func writeActions(app *App, out io.Writer, format *present.Format, acts []render.PlanAction, today time.Time) error {
	switch {
	case format == present.JSON:
		return render.ActionsJSON(out, acts, today)
	case format == present.CSV:
		return render.ActionsCSV(out, acts, today)
	case format == present.Text && len(acts) == 0:
		_, err := io.WriteString(app.Stderr, "no actions match\n")
		return err
	}
	return present.WriteDocument(out, format, render.ActionsDoc(acts, today))
}

// actionFilter is what bp actions selects by.
type actionFilter struct {
	owners   []string // lower-cased
	states   []workplan.ActionState
	from, to time.Time
	events   []string
	groups   []string
}

func (o *actionsOptions) build(plans []*workplan.Plan, today time.Time) (actionFilter, error) {
	var f actionFilter
	if o.Month != "" {
		first, last, _, err := parseMonthValue("--month", o.Month, today, today.Year())
		if err != nil {
			return f, err
		}
		f.from, f.to = first, last
	}
	if o.From != "" {
		t, err := parseDay("--from", o.From, today)
		if err != nil {
			return f, err
		}
		if f.from.IsZero() || t.After(f.from) {
			f.from = t
		}
	}
	if o.To != "" {
		t, err := parseDay("--to", o.To, today)
		if err != nil {
			return f, err
		}
		if f.to.IsZero() || t.Before(f.to) {
			f.to = t
		}
	}
	if !f.from.IsZero() && !f.to.IsZero() && f.to.Before(f.from) && o.Month == "" {
		return f, usageErrorf("--to %s is before --from %s", o.To, o.From)
	}
	var err error
	if f.states, err = checkWords("--state", o.States, workplan.ActionStates); err != nil {
		return f, err
	}
	var groups, events []string
	for _, p := range plans {
		for _, g := range p.Groups {
			if !slices.Contains(groups, g.ID) {
				groups = append(groups, g.ID)
			}
		}
		for _, e := range p.Events {
			events = append(events, e.ID)
		}
	}
	if f.groups, err = checkWords("--group", o.Groups, groups); err != nil {
		return f, err
	}
	for _, e := range o.Events {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		if !slices.Contains(events, e) {
			msg := fmt.Sprintf("--event: no event %q in the plans", e)
			if s := workplan.Suggest(e, events); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return f, usageErrorf("%s", render.Clean(msg))
		}
		f.events = append(f.events, e)
	}
	for _, o := range o.Owners {
		if o = strings.ToLower(strings.TrimSpace(o)); o != "" {
			f.owners = append(f.owners, o)
		}
	}
	return f, nil
}

func (f actionFilter) matches(p *workplan.Plan, a *workplan.Action) bool {
	if len(f.states) > 0 && !slices.Contains(f.states, a.State) {
		return false
	}
	if len(f.events) > 0 && !slices.Contains(f.events, a.Event.ID) {
		return false
	}
	if len(f.owners) > 0 && !slices.ContainsFunc(a.Owners, func(o string) bool {
		return slices.Contains(f.owners, strings.ToLower(o)) || slices.Contains(f.owners, strings.ToLower(p.OwnerName(o)))
	}) {
		return false
	}
	if len(f.groups) > 0 && !slices.ContainsFunc(f.groups, func(g string) bool {
		return slices.Contains(a.Event.Groups, g) || slices.Contains(a.Owners, g)
	}) {
		return false
	}
	first, last := a.Due.Start, a.DueBy()
	if !a.Due.HasDay() {
		first = a.Due.Month
	}
	if !f.from.IsZero() && last.Before(f.from) {
		return false
	}
	if !f.to.IsZero() && first.After(f.to) {
		return false
	}
	return true
}

// selectActions returns the actions of the plans that match f, by due
// date (a month counts from its last day), then id.
func selectActions(plans []*workplan.Plan, f actionFilter) []render.PlanAction {
	var out []render.PlanAction
	for _, p := range plans {
		for _, a := range p.Actions() {
			if f.matches(p, a) {
				out = append(out, render.PlanAction{Plan: p, Action: a})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y render.PlanAction) int {
		return cmp.Or(x.Action.DueBy().Compare(y.Action.DueBy()), cmp.Compare(x.Action.ID, y.Action.ID))
	})
	return out
}

func runActions(app *App, out io.Writer, opts *actionsOptions) error {
	format, err := actionsOutputs.lookup("--output", opts.Output)
	if err != nil {
		return err
	}
	today, set, err := app.todayAndSet()
	if err != nil {
		return err
	}
	plans := set.Plans
	f, err := opts.build(plans, today)
	if err != nil {
		return err
	}
	if err := writeActions(app, out, format, selectActions(plans, f), today); err != nil {
		return withCode(ExitUsage, fmt.Errorf("actions: write: %w", err))
	}
	return nil
}

// followUpSince reads bp status --since: the first day whose done
// actions the follow-up counts; not after the report's date.
func followUpSince(s string, asOf time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := workplan.ParseDate(s)
	if err != nil {
		return t, usageErrorf("--since: %v", err)
	}
	if t.After(asOf) {
		return t, usageErrorf("--since %s is after the report's date %s", s, workplan.ISODay(asOf))
	}
	return t, nil
}
