// Package edit changes a workplan file as a maintainer would by hand, and
// safely: through the file's YAML tree, so that every comment (above an
// event, at the end of a line, at the end of the file) and bp fmt's layout
// are kept; validated, so that no change leaves an invalid plan; with the
// plan's revision raised once per change set, and every event changed
// carrying that revision, so that calendar feeds announce again only the
// events that changed.
//
// # Changes
//
// A [Change] is a function that works on a [Tree]: it finds an event
// ([Tree.Event]), adds or removes one, and sets or unsets keys of its
// mappings ([Mapping.Set], [Mapping.Unset], [Mapping.Child]). The bp
// commands are changes built by [Add], [Set], [Confirm], [Postpone],
// [Cancel], [Record] and [Remove]; a new command is a new function of
// the same kind. [Apply] runs changes on a file's bytes and returns the
// new bytes, the plan before and after, and what changed, in the words
// of bp diff ([plandiff]).
//
// # What Apply guarantees
//
//   - the plan as read must be valid, and so must the result, or Apply
//     returns an [*InvalidError] with the diagnostics (bp validate's);
//   - every comment of the file is in the result (the comments of a key
//     that is removed move to the key after it), and the result is in bp
//     fmt's layout, with the file's line endings and byte order mark;
//   - a file of an older format version is upgraded ([workplan.Upgrade]);
//   - the plan's revision goes up by one and its revised date becomes
//     today, unless the file's revision is already above the published
//     one ([Input.Published]: a change set not yet published), or the
//     file was never published ([Input.Unpublished]); each event whose
//     calendar entry changed (plandiff's ChangedEntries: what a calendar
//     shows of it, a back-to-back partner's title or date included) gets
//     the plan's revision and revised date as its own, and every other
//     event keeps its own, also one a change touched in a way no
//     calendar shows (an internal action done), so that its entry stays
//     the same to the byte;
//   - a change that changes nothing returns the file as it was
//     ([Result.Changed] is false).
//
// # Two files, and hand edits
//
// [Move] takes events out of one year's plan file and puts them into
// another's (a date that lies in the next year), each file changed as
// Apply changes one. [Restamp] writes the revision values bp validate
// --against prescribes into a file edited by hand, and nothing else: not
// through the tree, so that the file's own layout stays.
//
// Writing the file (atomically, refusing when it changed on disk since it
// was read) is the command line's job: this package reads no file and no
// clock.
package edit

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/plandiff"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/render"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// A Change is one edit of a plan's tree, such as moving an event to
// other days. It returns an error to refuse, and the file is left as it
// was.
type Change func(t *Tree) error

// Input is a plan file to change, and what the change needs from outside.
type Input struct {
	File   string // the name diagnostics give it
	Data   []byte // the file as read
	Today  time.Time
	Limits workplan.Limits
	// Published is the plan's revision as last published, at git HEAD;
	// 0 when there is none: then every change raises the revision
	// (outside git), unless Unpublished says the file is new.
	Published int
	// Unpublished says that the file is in a git repository but not at
	// HEAD: nothing of it was published, so the whole file is one change
	// set in the making, and its revision stays (a plan started with bp
	// new keeps revision 1 through every event added before the first
	// commit).
	Unpublished bool
	// PublishedPlan reads the plan as last published (nil when it cannot).
	// It is called only to upgrade a format 1 file whose revision was
	// raised since (a change set made by hand): its events that did not
	// change since then keep the revision they were published with,
	// rather than take the plan's new one.
	PublishedPlan func() *workplan.Plan
	// Others are the other plans of the set (other years), read as they
	// are: the rules that span plans (an action reported to a meeting of
	// another year, action ids unique across the years) check the plan
	// with them.
	Others []*workplan.Plan

	// setChecked says that the caller checks the rules that span plans
	// on the result ([Move] does, with both files changed).
	setChecked bool
	// minRevision is the least revision the change set may carry: an
	// event moved in from another plan must go above the one it had.
	minRevision int
}

// Result is what a change did.
type Result struct {
	Data     []byte         // the file to write; Input.Data when nothing changed
	Old, New *workplan.Plan // the plan before and after
	Diff     *plandiff.Diff // what changed, in bp diff's words
	// Warnings are the warnings of the result that the plan did not have
	// before (bp validate's); they do not stop the change.
	Warnings []workplan.Diagnostic
	Upgraded int  // the format version the file was upgraded from; 0 when it was the newest
	Raised   bool // whether the plan's revision went up

	passes int // how many times the file was printed (tests: one, but for a partner)
}

// Changed reports whether the change changed anything the plan says.
func (r *Result) Changed() bool { return r.Diff != nil && (r.Diff.ContentChanged() || r.Upgraded > 0) }

// InvalidError is a change refused because the plan would not be valid
// (or was not valid before it: Before).
type InvalidError struct {
	Diagnostics []workplan.Diagnostic // the errors, as bp validate gives them
	Before      bool
}

func (e *InvalidError) Error() string {
	n := len(e.Diagnostics)
	what := fmt.Sprintf("%d errors", n)
	if n == 1 {
		what = "1 error"
	}
	if e.Before {
		return "the plan is not valid (" + what + "); fix it first (bp validate)"
	}
	return "the change would make the plan invalid (" + what + "); nothing was written"
}

// errNoChange stops a pass that changed nothing.
var errNoChange = errors.New("nothing to change")

// Apply runs the changes on the file, in order, and returns the result;
// see the package documentation for what it guarantees.
func Apply(in Input, changes ...Change) (*Result, error) {
	opt := workplan.Options{Today: in.Today}
	var (
		old      *workplan.Plan
		oldDiags []workplan.Diagnostic
		rev      int
		revised  time.Time
		extra    []string
		skip     map[string]bool
	)
	res := &Result{Data: in.Data}
	for pass := 0; ; pass++ {
		var tree *Tree
		// One parse of the file serves the plan as read (decoded from the
		// tree before the change) and the edit; the output's read-back,
		// which bp fmt's printer checks anyway, serves the plan after.
		var ok bool
		out, back, err := yamlfmt.EditTree(in.Data, workplan.Schema, func(root *yaml.Node) error {
			if old == nil {
				old, oldDiags = workplan.CheckTree(in.File, in.Data, root, in.Limits, opt)
				if old != nil {
					oldDiags = append(oldDiags, setRules(in, old)...)
				}
				if old == nil || workplan.HasErrors(oldDiags) {
					return &InvalidError{Diagnostics: workplan.Errors(oldDiags), Before: true}
				}
				var err error
				if rev, revised, res.Raised, err = nextRevision(old, in); err != nil {
					return err
				}
				res.Old, res.New = old, old
			}
			var err error
			tree, err = run(root, old, in, changes, extra, skip, rev, revised, res)
			return err
		}, func(item *yaml.Node) bool {
			// asked only after the change, which made tree
			return tree != nil && tree.unchanged(item)
		})
		if errors.Is(err, errNoChange) {
			return unchanged(res, in), nil
		}
		var inv *InvalidError
		if err != nil && old == nil && !errors.As(err, &inv) {
			// The file is not one bp fmt's reader takes (not YAML, say):
			// the decoder says where and why.
			if _, diags := workplan.Check(in.File, in.Data, in.Limits, opt); workplan.HasErrors(diags) {
				return nil, &InvalidError{Diagnostics: workplan.Errors(diags), Before: true}
			}
		}
		if err != nil {
			return nil, err
		}
		// The file's tree is done with (what the changes did is in
		// tree's sets): the collector may have it while the result is
		// decoded and checked.
		tree.root, tree.events, tree.anchors = nil, nil, nil
		plan, diags := workplan.CheckTree(in.File, out, back, in.Limits, opt)
		if plan != nil && !in.setChecked {
			diags = append(diags, setRules(in, plan)...)
			workplan.SortDiagnostics(diags)
		}
		if plan == nil || workplan.HasErrors(diags) {
			return nil, &InvalidError{Diagnostics: workplan.Errors(diags)}
		}
		d := plandiff.Compare(in.File, old, in.File, plan)
		entries := d.ChangedEntries(old, plan)
		missing := unstamped(entries, tree)
		if len(missing) > 0 {
			if pass > 0 {
				return nil, fmt.Errorf("events %s changed but do not carry the new revision; please report it", strings.Join(missing, ", "))
			}
			extra = missing
			continue
		}
		if !d.ContentChanged() {
			return unchanged(res, in), nil
		}
		if out, ok = keepEntries(out, old, plan, tree, entries); !ok {
			if pass > 1 {
				return nil, errors.New("an event's revision could not be kept where its calendar entry did not change; please report it")
			}
			skip = unshown(old, plan, tree, entries)
			continue
		}
		res.Data, res.New, res.Diff = out, plan, d
		res.Warnings = newWarnings(oldDiags, diags)
		res.passes = pass + 1
		return res, nil
	}
}

// setRules checks the rules that span the plans of the set with the plan
// as it is or would be, and returns what they find in the plan's file.
func setRules(in Input, p *workplan.Plan) []workplan.Diagnostic {
	var out []workplan.Diagnostic
	for _, d := range workplan.CheckActions(append(append([]*workplan.Plan{}, in.Others...), p)...) {
		if d.File == in.File {
			out = append(out, d)
		}
	}
	return out
}

// unchanged is the result of changes that changed nothing: the file as
// it was, not even upgraded.
func unchanged(res *Result, in Input) *Result {
	res.Data, res.New, res.Upgraded, res.Raised = in.Data, res.Old, 0, false
	res.Diff = plandiff.Compare(in.File, res.Old, in.File, res.Old)
	return res
}

// Migrate upgrades the file to the newest format version, changing
// nothing else: the revision stays (a migration changes no fact, and
// each event's calendar entry stays the same).
func Migrate(in Input) (*Result, error) {
	opt := workplan.Options{Today: in.Today}
	old, oldDiags := workplan.Check(in.File, in.Data, in.Limits, opt)
	if old == nil || workplan.HasErrors(oldDiags) {
		return nil, &InvalidError{Diagnostics: workplan.Errors(oldDiags), Before: true}
	}
	res := &Result{Old: old, New: old, Data: in.Data}
	if old.FormatVersion == workplan.FormatVersion {
		res.Diff = plandiff.Compare(in.File, old, in.File, old)
		return res, nil
	}
	out, err := yamlfmt.Edit(in.Data, workplan.Schema, func(root *yaml.Node) error {
		before := commentLines(root)
		from, err := workplan.Upgrade(root)
		if err != nil {
			return err
		}
		res.Upgraded = from
		if ev := get(follow(root), "events"); ev != nil && ev.Kind == yaml.SequenceNode {
			keepPublished(&Tree{root: follow(root), events: ev}, old, in)
		}
		if !slices.Equal(before, commentLines(root)) {
			return errors.New("the upgrade would lose a comment; please report it")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	plan, diags := workplan.Check(in.File, out, in.Limits, opt)
	if plan == nil || workplan.HasErrors(diags) {
		return nil, &InvalidError{Diagnostics: workplan.Errors(diags)}
	}
	res.Data, res.New = out, plan
	res.Diff = plandiff.Compare(in.File, old, in.File, plan)
	res.Warnings = newWarnings(oldDiags, diags)
	return res, nil
}

// nextRevision is the revision the changed plan and its changed events
// carry: one more than the file's, dated today, unless the file's is
// already above the published one.
func nextRevision(old *workplan.Plan, in Input) (rev int, revised time.Time, raised bool, err error) {
	if (in.Unpublished || in.Published > 0 && old.Revision > in.Published) && old.Revision >= in.minRevision {
		return old.Revision, old.Revised, false, nil
	}
	if in.Today.IsZero() {
		return 0, time.Time{}, false, errors.New("no date for the new revision")
	}
	if in.Today.Before(old.Revised) {
		return 0, time.Time{}, false, fmt.Errorf("today, %s, is before the plan's revised date %s: a new revision cannot be dated earlier than the last (check --today or BP_TODAY)",
			workplan.ISODay(in.Today), workplan.ISODay(old.Revised))
	}
	return max(old.Revision+1, in.Published+1, in.minRevision), in.Today, true, nil
}

// run is one pass of Apply on the document tree: upgrade, the changes,
// then the revision stamps.
func run(root *yaml.Node, old *workplan.Plan, in Input, changes []Change, extra []string, skip map[string]bool, rev int, revised time.Time, res *Result) (*Tree, error) {
	before := commentLines(root)
	from, err := workplan.Upgrade(root)
	if err != nil {
		return nil, err
	}
	t := &Tree{Plan: old, Today: in.Today, Others: in.Others, root: follow(root), upgraded: from < workplan.FormatVersion,
		touched: map[string]bool{}, added: map[string]bool{}, removed: map[string]bool{}}
	ev := get(t.root, "events")
	if ev == nil || ev.Kind != yaml.SequenceNode {
		return nil, errNoEvents
	}
	t.events = ev
	if from < workplan.FormatVersion {
		res.Upgraded = from
		keepPublished(t, old, in)
	}
	for _, c := range changes {
		if err := c(t); err != nil {
			return nil, err
		}
	}
	for _, id := range extra {
		if !t.removed[id] {
			t.touched[id] = true
		}
	}
	if len(t.touched) == 0 && len(t.removed) == 0 {
		return t, errNoChange
	}
	// Stamp in file order, so that a pass is deterministic.
	for _, item := range t.events.Content {
		id := idOf(item)
		if !t.touched[id] || skip[id] || item.Kind != yaml.MappingNode {
			continue
		}
		m := &Mapping{t: t, n: item}
		if err := m.Set("revision", Int(rev)); err != nil {
			return nil, err
		}
		if err := m.Set("revised", Date(revised)); err != nil {
			return nil, err
		}
	}
	meta := get(t.root, "plan")
	if meta == nil || meta.Kind != yaml.MappingNode {
		return nil, errors.New("the plan's metadata (plan:) is written as an alias or is not a mapping; edit it by hand")
	}
	pm := &Mapping{t: t, n: meta}
	if err := pm.Set("revision", Int(rev)); err != nil {
		return nil, err
	}
	if err := pm.Set("revised", Date(revised)); err != nil {
		return nil, err
	}
	if a := danglingAlias(root); a != nil {
		return nil, fmt.Errorf("the change would leave the alias *%s (line %d) without its anchor; edit the file by hand", a.Value, a.Line)
	}
	if len(t.exported)+len(t.importedComments) > 0 {
		before = moveComments(before, t.exported, t.importedComments)
	}
	if !slices.Equal(before, commentLines(root)) {
		return nil, errors.New("the change would lose a comment; please report it")
	}
	return t, nil
}

// moveComments is the comment lines a file holds once the comments out
// have left it with the events moved out, and the comments in have come
// with the events moved in (lines as commentLines gives them, sorted).
func moveComments(lines, out, in []string) []string {
	lines = slices.Clone(lines)
	for _, l := range commentLines(&yaml.Node{HeadComment: strings.Join(out, "\n")}) {
		if i := slices.Index(lines, l); i >= 0 {
			lines = slices.Delete(lines, i, i+1)
		}
	}
	lines = append(lines, commentLines(&yaml.Node{HeadComment: strings.Join(in, "\n")})...)
	slices.Sort(lines)
	return lines
}

// keepPublished fixes what the upgrade of a format 1 file gave its
// events when the file's revision was raised by hand since it was
// published: the upgrade gives every event the plan's revision (as
// format 1 did in its calendar), but an event that did not change since
// it was published keeps the revision and date it was published with, so
// that subscribers are not sent it again.
func keepPublished(t *Tree, old *workplan.Plan, in Input) {
	if in.Published == 0 || old.Revision <= in.Published || in.PublishedPlan == nil {
		return
	}
	base := in.PublishedPlan()
	if base == nil {
		return
	}
	changed := plandiff.Compare("", base, "", old).ChangedEntries(base, old)
	for _, item := range t.events.Content {
		id := idOf(item)
		e, was := old.Event(id), base.Event(id)
		if item.Kind != yaml.MappingNode || e == nil || was == nil || changed[id] != 0 {
			continue
		}
		rev, date := was.Revision, was.Revised
		if rev == 0 {
			rev, date = base.Revision, base.Revised
		}
		// The upgrade's own nodes: written as they are, not as a change.
		if v := get(item, "revision"); v != nil && v.Kind == yaml.ScalarNode {
			v.Value, v.Tag, v.Style = strconv.Itoa(rev), "!!int", 0
		}
		if v := get(item, "revised"); v != nil && v.Kind == yaml.ScalarNode && !date.IsZero() {
			v.Value, v.Tag, v.Style = workplan.ISODay(date), "!!timestamp", 0
		}
	}
}

// unstamped lists the events whose calendar entry changed (entries,
// plandiff's ChangedEntries: what they say that a calendar shows, or
// their back-to-back partner's title or date) but were not stamped with
// the new revision: the partners, and, as a safety net, any event the
// diff shows changed that no change marked (the changes refuse to edit a
// value another part of the file uses through an alias or a merge key).
func unstamped(entries map[string]plandiff.EntryChange, t *Tree) []string {
	var out []string
	for id := range entries {
		if !t.touched[id] && !t.removed[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// unshown lists the events a change touched whose calendar entry did not
// change (an internal action done, a status held where it was
// confirmed): they keep the revision they had, so that calendars do not
// announce them again.
func unshown(old, plan *workplan.Plan, t *Tree, entries map[string]plandiff.EntryChange) map[string]bool {
	out := map[string]bool{}
	for _, e := range plan.Events {
		if t.touched[e.ID] && entries[e.ID] == 0 && old.Event(e.ID) != nil {
			out[e.ID] = true
		}
	}
	return out
}

// keepEntries writes back into out, the file a pass printed, the
// revision and date each [unshown] event had (the calendar's SEQUENCE,
// DTSTAMP and LAST-MODIFIED it was published with: its own, or its
// plan's when it had none), in place of the new ones the pass stamped,
// and into plan (decoded from out) alike: a value replaced where it
// stands, on its line, so that no second pass is needed. It reports
// false, changing nothing, when a value is not where the plan says it
// is; the caller then makes the pass again, not stamping them.
func keepEntries(out []byte, old, plan *workplan.Plan, t *Tree, entries map[string]plandiff.EntryChange) ([]byte, bool) {
	keep := unshown(old, plan, t, entries)
	if len(keep) == 0 {
		return out, true
	}
	txt := newText(out)
	type fix struct {
		e       *workplan.Event
		rev     int
		revised time.Time
	}
	var fixes []fix
	for _, e := range plan.Events {
		if !keep[e.ID] {
			continue
		}
		o := old.Event(e.ID)
		rev, revised := o.Revision, o.Revised
		if rev == 0 {
			rev, revised = old.Revision, old.Revised
		}
		if e.Revision == rev && e.Revised.Equal(revised) {
			continue
		}
		for _, kv := range []struct {
			key, now, was string
		}{{"revision", strconv.Itoa(e.Revision), strconv.Itoa(rev)}, {"revised", workplan.ISODay(e.Revised), workplan.ISODay(revised)}} {
			p := e.FieldPos(kv.key)
			from := txt.offset(p.Line, p.Col)
			if from < 0 || string(out[from:txt.token(from)]) != kv.now {
				return out, false
			}
			txt.edits = append(txt.edits, textEdit{from: from, to: txt.token(from), with: kv.was})
		}
		fixes = append(fixes, fix{e, rev, revised})
	}
	for _, f := range fixes {
		f.e.Revision, f.e.Revised = f.rev, f.revised
	}
	return txt.apply(), true
}

// newWarnings returns the warnings of after that before did not have
// (by rule and message: lines move).
func newWarnings(before, after []workplan.Diagnostic) []workplan.Diagnostic {
	had := map[string]int{}
	for _, d := range before {
		if d.Severity == workplan.SeverityWarning {
			had[d.Rule+"\x00"+d.Message]++
		}
	}
	var out []workplan.Diagnostic
	for _, d := range after {
		if d.Severity != workplan.SeverityWarning {
			continue
		}
		if k := d.Rule + "\x00" + d.Message; had[k] > 0 {
			had[k]--
			continue
		}
		out = append(out, d)
	}
	return out
}

// WriteChanges writes what the change did, in the words of bp diff: each
// event changed with how, then the plan's revision, in 80 columns. Text
// from the plan is cleaned for the terminal.
func (r *Result) WriteChanges(w io.Writer) error {
	var b strings.Builder
	if r.Diff != nil {
		for _, e := range r.Diff.Events {
			mark := map[string]string{plandiff.KindAdded: "+", plandiff.KindRemoved: "-"}[e.Kind]
			if mark == "" {
				mark = "~"
			}
			b.WriteString(present.Hang(mark+" "+render.Clean(e.ID)+"  ", "  ", render.Clean(e.Title), 80))
			for _, c := range e.Changes {
				b.WriteString(present.Hang("    ", "      ", render.Clean(c.Text), 80))
			}
		}
		var plan []string
		for _, c := range r.Diff.Plan {
			plan = append(plan, render.Clean(c.Text))
		}
		if len(plan) > 0 {
			b.WriteString(present.Hang("plan: ", "  ", strings.Join(plan, "; "), 80))
		}
	}
	if r.Upgraded > 0 {
		fmt.Fprintf(&b, "format version %d → %d (bp migrate)\n", r.Upgraded, workplan.FormatVersion)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
