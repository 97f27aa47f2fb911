package cli

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/icmpd/bp/pkg/workplan"
)

// filterOptions are the event filters every command that selects events
// shares (list, ics, …): one query path, registered once.
type filterOptions struct {
	Year        string
	Month       string
	From, To    string
	Week        string
	Upcoming    string
	Types       []string
	Groups      []string
	Statuses    []string
	Unconfirmed bool
	Search      string

	// everyYear makes every plan year the default scope (bp ics: feeds
	// live for years); otherwise it is the current plan year (bp list).
	everyYear bool
}

// yearsHelp says which plan years a command looks at, for its long help.
const yearsHelp = `A month without a year (--month june) is that month in the current plan
year: the year of today (--today, BP_TODAY or the clock) if a plan covers
it, else the nearest plan year ahead, else the latest. --month 2027-06 and
--year 2027 name the year; --year all spans every plan.`

func (o *filterOptions) register(app *App, cmd *cobra.Command) {
	fs := cmd.Flags()
	scope := "the current plan year; with --from or --to, or a month with its year, the years they name"
	if o.everyYear {
		scope = "every plan year; with a month without a year, the current plan year"
	}
	fs.StringVar(&o.Year, "year", "", "only the plan of `year` (YYYY), or all: every plan year (default "+scope+")")
	fs.StringVarP(&o.Month, "month", "m", "", "only events in `month`: "+workplan.MonthForms+", or this, next, last; without a year, in the current plan year")
	fs.StringVar(&o.From, "from", "", "only events on or after `date` (YYYY-MM-DD, or today)")
	fs.StringVar(&o.To, "to", "", "only events on or before `date` (YYYY-MM-DD, or today)")
	fs.StringVar(&o.Week, "week", "", "only events in the `week` (Monday to Sunday): this, next or last; --week alone is this week")
	fs.Lookup("week").NoOptDefVal = "this"
	fs.StringVar(&o.Upcoming, "upcoming", "", "only events from today to the end of `length`: 30d, 2w or a number of days; --upcoming alone is 30d")
	fs.Lookup("upcoming").NoOptDefVal = "30d"
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
	_ = cmd.RegisterFlagCompletionFunc("month", complete(append(slices.Clone(relativeWords), monthNames...)))
	_ = cmd.RegisterFlagCompletionFunc("week", complete(relativeWords))
	_ = cmd.RegisterFlagCompletionFunc("upcoming", complete([]string{"7d", "14d", "30d", "2w", "90d"}))
	_ = cmd.RegisterFlagCompletionFunc("from", complete([]string{"today"}))
	_ = cmd.RegisterFlagCompletionFunc("to", complete([]string{"today"}))
	_ = cmd.RegisterFlagCompletionFunc("year", app.completeYears(true))
	_ = cmd.RegisterFlagCompletionFunc("group", app.completeGroups)
}

// selection is what the filters select from a set of plans: the plans in
// scope, and the filter applied in each (a month without a year is that
// month of each plan's year).
type selection struct {
	set    *workplan.Set
	plans  []*workplan.Plan // in scope, in year order
	filter workplan.Filter  // everything but the dates
	month  time.Month       // a month without a year; 0 when none
	from   time.Time        // explicit bounds (--from, --to, --month YYYY-MM); zero: open
	to     time.Time
	dated  bool // --from or --to given
	asked  int  // the one year asked for (--year, --month YYYY-MM); 0: none
	all    bool // --year all
	opts   *filterOptions
	missed []int // years asked for that no plan covers
}

// parseYear reads a plan year: four digits.
func parseYear(flag, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || n < 1000 {
		return 0, usageErrorf("%s: %q is not a year: use YYYY, such as 2027", flag, s)
	}
	return n, nil
}

// monthWithYear reports whether a --month value names its year (YYYY-MM).
func monthWithYear(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) == 7 && s[4] == '-'
}

// build turns the flags into a selection from set, checking every word
// against what the plans know. today decides the current plan year.
func (o *filterOptions) build(set *workplan.Set, today time.Time) (*selection, error) {
	sel := &selection{set: set, opts: o}
	switch y := strings.ToLower(strings.TrimSpace(o.Year)); y {
	case "":
	case "all":
		sel.all = true
	default:
		n, err := parseYear("--year", y)
		if err != nil {
			return nil, usageErrorf("%v, or all for every plan year", unwrapExit(err))
		}
		sel.asked = n
	}
	if o.Month != "" {
		// A month without a year is taken in each plan's year below.
		first, last, withYear, err := parseMonthValue("--month", o.Month, today, today.Year())
		if err != nil {
			return nil, err
		}
		if withYear {
			if sel.asked != 0 && first.Year() != sel.asked {
				return nil, usageErrorf("--month %s is not in --year %d; give one of them", strings.TrimSpace(o.Month), sel.asked)
			}
			sel.asked = first.Year()
			sel.from, sel.to = first, last
		} else {
			sel.month = first.Month()
		}
	}
	// Every other bound narrows the range: the filters combine with AND.
	narrow := func(from, to time.Time) {
		if !from.IsZero() && (sel.from.IsZero() || from.After(sel.from)) {
			sel.from = from
		}
		if !to.IsZero() && (sel.to.IsZero() || to.Before(sel.to)) {
			sel.to = to
		}
		sel.dated = true
	}
	var from, to time.Time
	var err error
	if o.From != "" {
		if from, err = parseDay("--from", o.From, today); err != nil {
			return nil, err
		}
		narrow(from, time.Time{})
	}
	if o.To != "" {
		if to, err = parseDay("--to", o.To, today); err != nil {
			return nil, err
		}
		narrow(time.Time{}, to)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return nil, usageErrorf("--to %s is before --from %s", o.To, o.From)
	}
	if o.Week != "" {
		monday, sunday, err := weekRange(o.Week, today)
		if err != nil {
			return nil, err
		}
		narrow(monday, sunday)
	}
	if o.Upcoming != "" {
		n, err := parseDuration(o.Upcoming)
		if err != nil {
			return nil, err
		}
		narrow(upcomingRange(n, today))
	}
	var groups []string
	for _, g := range set.Groups() {
		groups = append(groups, g.ID)
	}
	f := &sel.filter
	if f.Types, err = checkWords("--type", o.Types, workplan.EventTypes); err != nil {
		return nil, err
	}
	if f.Statuses, err = checkWords("--status", o.Statuses, workplan.Statuses); err != nil {
		return nil, err
	}
	if f.Groups, err = checkWords("--group", o.Groups, groups); err != nil {
		return nil, err
	}
	f.Unconfirmed = o.Unconfirmed
	f.Text = o.Search

	// The plans in scope.
	switch {
	case sel.asked != 0:
		if p := set.Plan(sel.asked); p != nil {
			sel.plans = []*workplan.Plan{p}
		} else {
			sel.missed = []int{sel.asked}
		}
	case sel.all:
		sel.plans = set.Plans
	case sel.month != 0:
		sel.plans = []*workplan.Plan{set.Current(today)}
	case sel.dated || o.everyYear:
		sel.plans = set.Plans
	default:
		sel.plans = []*workplan.Plan{set.Current(today)}
	}
	return sel, nil
}

// filterFor returns the filter of the selection in plan p, and false when
// nothing of p can match (a month outside --from/--to).
func (s *selection) filterFor(p *workplan.Plan) (workplan.Filter, bool) {
	f := s.filter
	f.From, f.To = s.from, s.to
	if s.month != 0 {
		first := time.Date(p.Year, s.month, 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if f.From.IsZero() || first.After(f.From) {
			f.From = first
		}
		if f.To.IsZero() || last.Before(f.To) {
			f.To = last
		}
	}
	return f, f.From.IsZero() || f.To.IsZero() || !f.To.Before(f.From)
}

// events returns the selected events of every plan in scope, in date
// order.
func (s *selection) events() []*workplan.Event {
	return s.eventsIn(s.plans)
}

func (s *selection) eventsIn(plans []*workplan.Plan) []*workplan.Event {
	in := make([]*workplan.Plan, 0, len(plans))
	for _, p := range plans {
		if _, ok := s.filterFor(p); ok {
			in = append(in, p)
		}
	}
	return workplan.SelectFrom(in, func(p *workplan.Plan) workplan.Filter {
		f, _ := s.filterFor(p)
		return f
	})
}

// primary is the plan that stands for the selection where one is needed
// (a calendar's time zone when it is empty): the current plan when it is
// in scope, else the latest plan in scope, else the current plan.
func (s *selection) primary(today time.Time) *workplan.Plan {
	cur := s.set.Current(today)
	if len(s.plans) == 0 || slices.Contains(s.plans, cur) {
		return cur
	}
	return s.plans[len(s.plans)-1]
}

// emptyNote says more than "no events match" when the selection is empty
// and another plan year can help: head names what was empty ("no events
// in June 2026", "no plan covers 2025 (plans: 2026, 2027)") and others
// lists the other plan years where the same query matches, each with the
// command that shows them ("June 2027 has 1: bp list --month 2027-06").
// Both are "" when there is nothing to add.
func (s *selection) emptyNote(cmd string) (head, others string) {
	if len(s.missed) > 0 {
		return s.uncovered(s.missed[0], s.missed[0])
	}
	if s.dated && !s.from.IsZero() && !s.to.IsZero() {
		var uncovered []int
		for y := s.from.Year(); y <= s.to.Year() && y-s.from.Year() < 100; y++ {
			if s.set.Plan(y) == nil {
				uncovered = append(uncovered, y)
			}
		}
		if len(uncovered) == s.to.Year()-s.from.Year()+1 {
			return s.uncovered(uncovered[0], uncovered[len(uncovered)-1])
		}
	}
	if len(s.plans) != 1 || s.dated {
		return "", ""
	}
	alts := s.otherYears(cmd, false)
	if len(alts) == 0 {
		return "", ""
	}
	what := "no events in "
	if s.opts.otherFlags() != "" {
		what = "no matching events in "
	}
	return what + s.label(s.plans[0].Year), strings.Join(alts, "; ")
}

// uncovered says, as emptyNote does, that no plan covers the years from
// first to last, naming the plans there are; of the year after the last
// plan (--month next in December), with the command that starts its
// plan.
func (s *selection) uncovered(first, last int) (head, hint string) {
	years := strconv.Itoa(first)
	if last > first {
		years += "–" + strconv.Itoa(last)
	}
	head = fmt.Sprintf("no plan covers %s (plans: %s)", years, s.set.YearsText())
	if n := len(s.set.Plans); n > 0 && first == s.set.Plans[n-1].Year+1 {
		hint = fmt.Sprintf("start it with: bp new %d", first)
	}
	return head, hint
}

// alsoNote is the line bp list adds when a month without a year (march)
// found events in the current plan year, and a later plan year has
// events in that month too (in December, March is the past March while
// next year's plan has one ahead): "also March 2027 has 1: bp list
// --month 2027-03". "" when none has.
func (s *selection) alsoNote(cmd string) string {
	if s.month == 0 || len(s.plans) != 1 || s.dated {
		return ""
	}
	if alts := s.otherYears(cmd, true); len(alts) > 0 {
		return "also " + strings.Join(alts, "; ")
	}
	return ""
}

// queryMonth is the month of the query, when it names one: a month
// without a year, or --month YYYY-MM.
func (s *selection) queryMonth() time.Month {
	if s.month == 0 && !s.from.IsZero() && !s.dated {
		return s.from.Month() // --month YYYY-MM
	}
	return s.month
}

// label is the query's scope in a year: "June 2027", or "2027".
func (s *selection) label(year int) string {
	if m := s.queryMonth(); m != 0 {
		return m.String() + " " + strconv.Itoa(year)
	}
	return strconv.Itoa(year)
}

// otherYears is the same query in the plan years other than the one in
// scope (only the later ones when ahead), each that has matches with how
// many and the command that shows them: "June 2027 has 1: bp list
// --month 2027-06".
func (s *selection) otherYears(cmd string, ahead bool) []string {
	month := s.queryMonth()
	var alts []string
	for _, p := range s.set.Plans {
		if p == s.plans[0] || p.Year == s.plans[0].Year || ahead && p.Year < s.plans[0].Year {
			continue
		}
		other := *s
		other.month, other.from, other.to = month, time.Time{}, time.Time{}
		n := len(other.eventsIn([]*workplan.Plan{p}))
		if n == 0 {
			continue
		}
		var scope string
		if month != 0 {
			scope = fmt.Sprintf("--month %d-%02d", p.Year, int(month))
		} else {
			scope = fmt.Sprintf("--year %d", p.Year)
		}
		alts = append(alts, fmt.Sprintf("%s has %d: %s %s%s", s.label(p.Year), n, cmd, scope, s.opts.otherFlags()))
	}
	return alts
}

// otherFlags gives back the filters other than dates and years as they
// would be typed: " --type webinar --search 'Türkiye 2'".
func (o *filterOptions) otherFlags() string {
	var b strings.Builder
	list := func(flag string, words []string) {
		var ws []string
		for _, w := range words {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			b.WriteString(" " + flag + " " + shellWord(strings.Join(ws, ",")))
		}
	}
	list("--type", o.Types)
	list("--group", o.Groups)
	list("--status", o.Statuses)
	if o.Unconfirmed {
		b.WriteString(" --unconfirmed")
	}
	if o.Search != "" {
		b.WriteString(" --search " + shellWord(o.Search))
	}
	return b.String()
}

// plainWord is compiled on first use, not at start-up (issue 14).
var plainWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\p{L}\p{N}_./:,@%+=-]+$`) })

// shellWord quotes s for a POSIX shell when it needs it.
func shellWord(s string) string {
	if plainWord().MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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

// monthArg takes bp list's word as --month: bp list june = bp list
// --month june. A word that is not a month is a command-line error that
// says which flag the word may have been meant for.
func (o *filterOptions) monthArg(cmd *cobra.Command, word string) error {
	fail := func(format string, args ...any) error {
		return &commandLineError{cmd: cmd.CommandPath(), err: fmt.Errorf(format, args...)}
	}
	if o.Month != "" {
		return fail("give the month once: %s or --month %s", shellWord(word), shellWord(o.Month))
	}
	if _, _, err := workplan.ParseMonth(relativeMonth(word, time.Time{}), 2000); err != nil {
		w := strings.ToLower(strings.TrimSpace(word))
		flag := "--search"
		switch {
		case slices.Contains(workplan.EventTypes, workplan.EventType(w)):
			flag = "--type"
		case slices.Contains(workplan.Statuses, workplan.Status(w)):
			flag = "--status"
		}
		var suggestion string
		if flag == "--search" {
			suggestion = didYouMean(closestWithin(word, append(slices.Clone(relativeWords), monthNames...), 2, 1))
		}
		return fail("%q is not a month%s (%s MONTH is %s --month MONTH)\n"+
			"  hint: to filter on something else, use its flag: %s %s",
			word, suggestion, cmd.CommandPath(), cmd.CommandPath(), flag, shellWord(word))
	}
	o.Month = word
	return nil
}

// changed names the filter flags given on the command line, in the
// order of the flag set: "--month, --type".
func (o *filterOptions) changed(cmd *cobra.Command) []string {
	var names []string
	for _, n := range []string{"year", "month", "from", "to", "week", "upcoming", "type", "group", "status", "unconfirmed", "search"} {
		if cmd.Flags().Changed(n) {
			names = append(names, "--"+n)
		}
	}
	return names
}
