package cli

// bp action add, done, drop: the follow-up actions a meeting set, changed
// with the edit commands' guarantees (edit.go).

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/icmpd/bp/pkg/edit"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
)

func newActionCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "action <command>",
		Short: "Add a meeting's follow-up action, change it, mark it done",
		Long: `The follow-up actions a meeting set are kept in its outcome: who owes what,
by when, and where it is to be reported. bp action add adds one to a meeting
whose outcome is recorded (bp record); bp action set changes it; bp action
done and bp action drop close it. bp actions lists them; bp status shows who
still owes what.`,
		Example: `  # the March Reference Group asked the Secretariat for a paper by April
  $ bp action add rg-2026-03 "Circulate the draft paper on return" \
      --owner secretariat --due 2026-04 --report-to rg-2026-07
  $ bp action set rg-2026-03-a1 --owner twg-return --due 2026-05
  $ bp action done rg-2026-03-a1 --on 2026-04-20`,
		Args: args(cobra.NoArgs),
	}
	cmd.AddCommand(newActionAddCmd(app), newActionSetCmd(app), newActionDoneCmd(app), newActionDropCmd(app))
	return cmd
}

type actionAddOptions struct {
	editFlags
	Owners   []string
	Due      string
	ReportTo []string
	ID       string
	Public   bool
}

func newActionAddCmd(app *App) *cobra.Command {
	opts := &actionAddOptions{}
	cmd := &cobra.Command{
		Use:   "add <event-id> <text> --owner <owner>... --due <date|month>",
		Short: "Add a follow-up action to a meeting's outcome",
		Long: `Add a follow-up action to the outcome of a meeting that took place (record
the outcome first with bp record). Its owners are group ids of the plan,
secretariat, chair, co-chair, or a body in plain words ("Türkiye", "IOM");
it is due on a day (2026-04-30) or in a month (2026-04), not before the
meeting; --report-to names the meetings where it is to be reported, in
this plan or another year's. Its id is the event's with -a1, -a2...
(rg-2026-03-a1), unless --id gives one. It is open from today. It stays
in the internal follow-up (bp status, bp actions, bp brief) unless
--public publishes it with the meeting's conclusions (its page on the
site, the calendars).
` + editHelp,
		Example: `  $ bp action add rg-2026-03 "Circulate the draft paper on return" \
      --owner secretariat --due 2026-04 --report-to rg-2026-07`,
		Args:              args(cobra.ExactArgs(2)),
		ValidArgsFunction: app.completeEventIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActionAdd(app, cmd.OutOrStdout(), args[0], args[1], opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Owners, "owner", nil, "who owes it: a group id, secretariat, chair, co-chair, or a body's name (repeat for more)")
	f.StringVar(&opts.Due, "due", "", "when it is due: a `date` (YYYY-MM-DD) or a month (YYYY-MM)")
	f.StringArrayVar(&opts.ReportTo, "report-to", nil, "the `event-id` of a meeting where it is to be reported (repeat for more)")
	f.StringVar(&opts.ID, "id", "", "the action's `id` (default: the event's id with -a and the next number)")
	f.BoolVar(&opts.Public, "public", false, "publish the action with the meeting's conclusions (default: internal)")
	_ = cmd.MarkFlagRequired("owner")
	_ = cmd.MarkFlagRequired("due")
	opts.editFlags.register(cmd)
	app.registerActionCompletions(cmd)
	return cmd
}

// parseDue reads a due date: a day or a month.
func parseDue(s string) (workplan.Dates, error) {
	if len(s) == 7 {
		return edit.ParseMonth(s)
	}
	t, err := workplan.ParseDate(s)
	if err != nil {
		return workplan.Dates{}, fmt.Errorf("%q is not a day (YYYY-MM-DD) or a month (YYYY-MM)", s)
	}
	return workplan.Dates{Start: t, End: t}, nil
}

func runActionAdd(app *App, out io.Writer, eventID, text string, opts *actionAddOptions) error {
	if strings.TrimSpace(text) == "" {
		return usageErrorf("action add: the action's text is empty")
	}
	due, err := parseDue(opts.Due)
	if err != nil {
		return usageErrorf("action add: --due: %v", err)
	}
	owners := cleanOwners(opts.Owners)
	file, err := app.fileWithEvent("action add", eventID)
	if err != nil {
		return err
	}
	// Without --id, the change chooses the next id from the file as it
	// reads it under the edit lock, so that edits taking turns each take
	// the next number.
	spec := edit.ActionSpec{ID: opts.ID, Text: strings.TrimSpace(text), Owners: owners, Due: due, ReportTo: opts.ReportTo, Public: opts.Public}
	return app.applyEdit(out, "action add", file, opts.editFlags, edit.AddAction(eventID, spec))
}

// cleanOwners is the owners given, trimmed, each once.
func cleanOwners(given []string) []string {
	var owners []string
	for _, o := range given {
		if o = strings.TrimSpace(o); o != "" && !slices.Contains(owners, o) {
			owners = append(owners, o)
		}
	}
	return owners
}

type actionSetOptions struct {
	editFlags
	Text, Due        string
	Owners, ReportTo []string
	ClearReportTo    bool
	Public, Internal bool
}

func newActionSetCmd(app *App) *cobra.Command {
	opts := &actionSetOptions{}
	cmd := &cobra.Command{
		Use:   "set <action-id> [--owner <owner>]... [--due <date|month>]",
		Short: "Change a follow-up action: its text, owners, due date…",
		Long: `Change an action: its text, its owners (--owner, repeated, replaces them
all; each is checked as bp action add checks it: a misspelt group id is
refused), when it is due, the meetings where it is to be reported
(--report-to, repeated, replaces them; --clear-report-to removes them),
and whether it is published with the meeting's conclusions (--public) or
kept internal (--internal). Its state is bp action done's and drop's.
` + editHelp,
		Example: `  # the working group shares the paper, a month later
  $ bp action set rg-2026-03-a1 --owner secretariat --owner twg-return \
      --due 2026-05 --report-to rg-2026-07`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeActionIDs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActionSet(app, cmd, args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Text, "text", "", "what is to be done, in new words")
	f.StringArrayVar(&opts.Owners, "owner", nil, "who owes it: a group id, secretariat, chair, co-chair, or a body's name (repeat for more; replaces the owners)")
	f.StringVar(&opts.Due, "due", "", "when it is due: a `date` (YYYY-MM-DD) or a month (YYYY-MM)")
	f.StringArrayVar(&opts.ReportTo, "report-to", nil, "the `event-id` of a meeting where it is to be reported (repeat for more; replaces them)")
	f.BoolVar(&opts.ClearReportTo, "clear-report-to", false, "it is to be reported nowhere in particular")
	f.BoolVar(&opts.Public, "public", false, "publish it with the meeting's conclusions")
	f.BoolVar(&opts.Internal, "internal", false, "keep it in the internal follow-up only")
	cmd.MarkFlagsMutuallyExclusive("public", "internal")
	cmd.MarkFlagsMutuallyExclusive("report-to", "clear-report-to")
	cmd.MarkFlagsOneRequired("text", "owner", "due", "report-to", "clear-report-to", "public", "internal")
	opts.editFlags.register(cmd)
	app.registerActionCompletions(cmd)
	return cmd
}

func runActionSet(app *App, cmd *cobra.Command, id string, opts *actionSetOptions) error {
	var f edit.ActionFields
	flags := cmd.Flags()
	if flags.Changed("text") {
		f.Text = &opts.Text
	}
	if flags.Changed("owner") {
		if f.Owners = cleanOwners(opts.Owners); len(f.Owners) == 0 {
			return usageErrorf("action set: --owner is empty; name who owes it")
		}
	}
	if flags.Changed("due") {
		due, err := parseDue(opts.Due)
		if err != nil {
			return usageErrorf("action set: --due: %v", err)
		}
		f.Due = &due
	}
	if flags.Changed("report-to") || opts.ClearReportTo {
		ids := cleanOwners(opts.ReportTo)
		f.ReportTo = &ids
	}
	if opts.Public || opts.Internal {
		f.Public = &opts.Public
	}
	file, err := app.fileWithAction("action set", id)
	if err != nil {
		return err
	}
	return app.applyEdit(cmd.OutOrStdout(), "action set", file, opts.editFlags, edit.SetAction(id, f))
}

type actionDoneOptions struct {
	editFlags
	On, Note string
}

func newActionDoneCmd(app *App) *cobra.Command {
	opts := &actionDoneOptions{}
	cmd := &cobra.Command{
		Use:   "done <action-id> [--on <date>] [--note <text>]",
		Short: "Mark a follow-up action done",
		Long: `Mark an open action done, on --on DATE (default today; not in the future),
with an optional note on how it was done.
` + editHelp,
		Example: `  $ bp action done rg-2026-03-a1 --on 2026-04-20 \
      --note "Sent to all delegations."`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeActionIDs(workplan.ActionOpen),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActionDone(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.On, "on", "", "the `date` it was done (default today)")
	cmd.Flags().StringVar(&opts.Note, "note", "", "how it was done, or what is left")
	opts.editFlags.register(cmd)
	return cmd
}

func runActionDone(app *App, out io.Writer, id string, opts *actionDoneOptions) error {
	var on workplan.Dates
	if opts.On != "" {
		t, err := workplan.ParseDate(opts.On)
		if err != nil {
			return usageErrorf("action done: --on %v", err)
		}
		on.Start = t
	}
	file, err := app.fileWithAction("action done", id)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "action done", file, opts.editFlags, edit.ActionDone(id, on.Start, opts.Note))
}

type actionDropOptions struct {
	editFlags
	Reason string
}

func newActionDropCmd(app *App) *cobra.Command {
	opts := &actionDropOptions{}
	cmd := &cobra.Command{
		Use:   "drop <action-id> --reason <text>",
		Short: "Drop a follow-up action, saying why",
		Long: `Drop an open action today, for the reason given: it stays in the plan, with
the reason, so that the next meeting sees why it was not done.
` + editHelp,
		Example:           `  $ bp action drop rg-2026-03-a3 --reason "The host offered Istanbul."`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: app.completeActionIDs(workplan.ActionOpen),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActionDrop(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.Reason, "reason", "", "why it is dropped")
	_ = cmd.MarkFlagRequired("reason")
	opts.editFlags.register(cmd)
	return cmd
}

func runActionDrop(app *App, out io.Writer, id string, opts *actionDropOptions) error {
	file, err := app.fileWithAction("action drop", id)
	if err != nil {
		return err
	}
	return app.applyEdit(out, "action drop", file, opts.editFlags, edit.ActionDrop(id, opts.Reason))
}

// completeActionIDs gives the shell the ids of the actions in the given
// states (all when none), with their text.
func (app *App) completeActionIDs(states ...workplan.ActionState) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, p := range app.completionPlans() {
			for _, a := range p.Actions() {
				if len(states) == 0 || slices.Contains(states, a.State) {
					out = append(out, render.Clean(a.ID)+"\t"+render.Clean(a.Text))
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeOwners gives the shell the owners an action may name: the
// offices, the groups, and the bodies the plans' actions name already.
func (app *App) completeOwners(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	seen := map[string]bool{}
	add := func(o, desc string) {
		if o = render.Clean(o); o != "" && !seen[o] {
			seen[o] = true
			out = append(out, o+"\t"+render.Clean(desc))
		}
	}
	plans := app.completionPlans()
	for _, r := range workplan.OwnerRoles {
		if len(plans) > 0 {
			add(r, plans[len(plans)-1].OwnerName(r))
		} else {
			add(r, r)
		}
	}
	for _, p := range plans {
		for _, g := range p.Groups {
			add(g.ID, g.Name)
		}
	}
	for _, p := range plans {
		for _, a := range p.Actions() {
			for _, o := range a.Owners {
				add(o, p.OwnerName(o))
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerActionCompletions completes the flags of the action commands.
func (app *App) registerActionCompletions(cmd *cobra.Command) {
	if cmd.Flags().Lookup("owner") != nil {
		_ = cmd.RegisterFlagCompletionFunc("owner", app.completeOwners)
	}
	if cmd.Flags().Lookup("report-to") != nil {
		_ = cmd.RegisterFlagCompletionFunc("report-to", func(c *cobra.Command, _ []string, s string) ([]string, cobra.ShellCompDirective) {
			return app.completeEventIDs(c, nil, s)
		})
	}
	if cmd.Flags().Lookup("event") != nil {
		_ = cmd.RegisterFlagCompletionFunc("event", func(c *cobra.Command, _ []string, s string) ([]string, cobra.ShellCompDirective) {
			return app.completeEventIDs(c, nil, s)
		})
	}
	if cmd.Flags().Lookup("state") != nil {
		_ = cmd.RegisterFlagCompletionFunc("state", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return workplan.Words(workplan.ActionStates), cobra.ShellCompDirectiveNoFileComp
		})
	}
}
