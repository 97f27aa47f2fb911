package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/icmpd/bp/pkg/workplan"
)

// filterOptions are the event filters every command that selects events
// shares (list, ics, …): one query path, registered once.
type filterOptions struct {
	Month       string
	From, To    string
	Types       []string
	Groups      []string
	Statuses    []string
	Unconfirmed bool
	Search      string
}

func (o *filterOptions) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVarP(&o.Month, "month", "m", "", "only events in `month`: "+workplan.MonthForms)
	fs.StringVar(&o.From, "from", "", "only events on or after `date` (YYYY-MM-DD)")
	fs.StringVar(&o.To, "to", "", "only events on or before `date` (YYYY-MM-DD)")
	fs.StringSliceVarP(&o.Types, "type", "t", nil, "only events of `type`: "+strings.Join(workplan.Words(workplan.EventTypes), ", ")+" (repeat or comma-separate)")
	fs.StringSliceVarP(&o.Groups, "group", "g", nil, "only events of `group` (an id of the plan's groups: rg, som, twg-…)")
	fs.StringSliceVar(&o.Statuses, "status", nil, "only events with `status`: "+strings.Join(workplan.Words(workplan.Statuses), ", "))
	fs.BoolVar(&o.Unconfirmed, "unconfirmed", false, "only events whose date or place is still to be confirmed")
	fs.StringVarP(&o.Search, "search", "s", "", "only events with `text` in their "+workplan.SearchFields+"; case and accents are ignored, and Turkey finds Türkiye")
	fs.SetNormalizeFunc(func(f *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "tbc" {
			name = "unconfirmed"
		}
		return pflag.NormalizedName(name)
	})

	complete := func(words []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return words, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = cmd.RegisterFlagCompletionFunc("type", complete(workplan.Words(workplan.EventTypes)))
	_ = cmd.RegisterFlagCompletionFunc("status", complete(workplan.Words(workplan.Statuses)))
	_ = cmd.RegisterFlagCompletionFunc("month", complete([]string{
		"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december"}))
}

// build turns the flags into a workplan.Filter for plan, checking every
// word against what the plan knows.
func (o *filterOptions) build(plan *workplan.Plan) (workplan.Filter, error) {
	var f workplan.Filter
	if o.Month != "" {
		first, last, err := workplan.ParseMonth(o.Month, plan.Year)
		if err != nil {
			return f, usageErrorf("--month: %v", err)
		}
		f.From, f.To = first, last
	}
	if o.From != "" {
		t, err := workplan.ParseDate(o.From)
		if err != nil {
			return f, usageErrorf("--from: %v", err)
		}
		if f.From.IsZero() || t.After(f.From) {
			f.From = t
		}
	}
	if o.To != "" {
		t, err := workplan.ParseDate(o.To)
		if err != nil {
			return f, usageErrorf("--to: %v", err)
		}
		if f.To.IsZero() || t.Before(f.To) {
			f.To = t
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) && o.Month == "" {
		return f, usageErrorf("--to %s is before --from %s", o.To, o.From)
	}
	groups := make([]string, 0, len(plan.Groups))
	for _, g := range plan.Groups {
		groups = append(groups, g.ID)
	}
	var err error
	if f.Types, err = checkWords("--type", o.Types, workplan.EventTypes); err != nil {
		return f, err
	}
	if f.Statuses, err = checkWords("--status", o.Statuses, workplan.Statuses); err != nil {
		return f, err
	}
	if f.Groups, err = checkWords("--group", o.Groups, groups); err != nil {
		return f, err
	}
	f.Unconfirmed = o.Unconfirmed
	f.Text = o.Search
	return f, nil
}

// checkWords lower-cases words and refuses one that is not known. It
// takes the known words in their own string type (workplan.EventType, …)
// and returns the words in it.
func checkWords[T ~string](flag string, words []string, known []T) ([]T, error) {
	out := make([]T, 0, len(words))
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		if !slices.Contains(known, T(w)) {
			return nil, usageErrorf("%s: unknown value %q; use one of: %s", flag, w, joinWords(known))
		}
		out = append(out, T(w))
	}
	return out, nil
}

// joinWords joins words of any string type with ", ".
func joinWords[T ~string](words []T) string {
	return strings.Join(workplan.Words(words), ", ")
}
