package edit

// The tree layer: a plan file's yaml.Node tree, changed key by key, so
// that every node not changed keeps its comments, style and place.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// Tree is a plan file being changed: its document tree and the plan as
// it was read before any change. A [Change] works on it through [Tree.Event],
// [Tree.AddEvent] and [Tree.RemoveEvent], and the [Mapping] methods; the
// tree records which events changed, so that each carries the new
// revision.
type Tree struct {
	// Plan is the plan as read, before any change (valid: Apply refuses
	// an invalid one). Changes read facts from it and write the tree.
	Plan *workplan.Plan
	// Today is the day the change is made.
	Today time.Time
	// Others are the other plans of the set ([Input.Others]).
	Others []*workplan.Plan

	root    *yaml.Node
	events  *yaml.Node      // the events sequence
	touched map[string]bool // events whose data changed
	added   map[string]bool // events added by the changes
	removed map[string]bool
	// upgraded is set when the file was upgraded to the current format:
	// every event may have changed
	upgraded bool
	// recommented holds the events given comments of an event removed
	recommented map[*yaml.Node]bool
	// actions added by the changes, so that two in one change set
	// cannot take one id
	addedActions map[string]bool
	anchors      map[*yaml.Node]bool // anchored nodes some alias names; built on first need
	// imported are the events moved in from another plan ([Move]), as
	// they were read there; importedComments and exported are the
	// comments that came in with them, or left with the events moved out
	imported         map[string]*workplan.Event
	importedComments []string
	exported         []string
}

// Event is one event of the tree: its mapping, and the event as it was
// read (nil for an event added by the changes).
type Event struct {
	*Mapping
	Old *workplan.Event
}

// Mapping is a YAML mapping of the tree (an event, its location, its
// outcome), changed key by key. Every change that alters a value marks
// the event the mapping belongs to as changed.
type Mapping struct {
	t     *Tree
	n     *yaml.Node
	event string // the id of the event it belongs to; "" for the plan's own
}

// NotFoundError is a change naming an event the plan does not have.
type NotFoundError struct {
	ID    string
	Known []string // ids that look like it
}

func (e *NotFoundError) Error() string {
	s := fmt.Sprintf("no event %q in the plan", e.ID)
	if len(e.Known) > 0 {
		s += "; did you mean " + strings.Join(e.Known, " or ") + "?"
	} else {
		s += "; run 'bp list' for the ids"
	}
	return s
}

// Event returns the event with the given id.
func (t *Tree) Event(id string) (*Event, error) {
	old := t.Plan.Event(id)
	if old == nil {
		old = t.imported[id]
	}
	for _, item := range t.events.Content {
		if idOf(item) != id {
			continue
		}
		if item.Kind == yaml.AliasNode {
			return nil, fmt.Errorf("event %q is written as an alias (*%s) of another mapping; edit it by hand", id, item.Value)
		}
		if t.shared(item) {
			return nil, fmt.Errorf("event %q is anchored (&%s) and used elsewhere through an alias; edit it by hand", id, item.Anchor)
		}
		return &Event{Mapping: &Mapping{t: t, n: item, event: id}, Old: old}, nil
	}
	return nil, &NotFoundError{ID: id, Known: nearIDs(t.Plan, id)}
}

// nearIDs lists the event ids that look like id: the closest (a likely
// typo), and those that contain it or are contained in it.
func nearIDs(p *workplan.Plan, id string) []string {
	ids := make([]string, len(p.Events))
	for i, e := range p.Events {
		ids[i] = e.ID
	}
	var near []string
	if s := workplan.Suggest(id, ids); s != "" {
		near = append(near, strconv.Quote(s))
	}
	for _, e := range ids {
		if id != "" && (strings.Contains(e, id) || strings.Contains(id, e)) && !slices.Contains(near, strconv.Quote(e)) {
			near = append(near, strconv.Quote(e))
			if len(near) == 5 {
				break
			}
		}
	}
	return near
}

func idOf(item *yaml.Node) string {
	item = follow(item)
	if item == nil || item.Kind != yaml.MappingNode {
		return ""
	}
	if v := get(item, "id"); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// AddEvent adds an event: its keys in fields (keys of the event
// object, in any order; the printer writes them in the format's order)
// go into a new mapping, placed after the last event that starts on or
// before its first day, so that a file kept in date order stays so.
func (t *Tree) AddEvent(id string, first time.Time, fields []KeyValue) (*Event, error) {
	if t.Plan.Event(id) != nil || t.added[id] || t.removed[id] {
		return nil, fmt.Errorf("the plan already has an event %q; choose another id (ids are never reused: calendar UIDs derive from them)", id)
	}
	if err := checkText(Str(id)); err != nil {
		return nil, fmt.Errorf("new event: id: %w", err)
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	m.Content = append(m.Content, key("id"), Str(id))
	for _, kv := range fields {
		if err := checkText(kv.Value); err != nil {
			return nil, fmt.Errorf("new event: %s: %w", kv.Key, err)
		}
		m.Content = append(m.Content, key(kv.Key), kv.Value)
	}
	at := len(t.events.Content)
	for i := len(t.events.Content) - 1; i >= 0; i-- {
		e := t.Plan.Event(idOf(t.events.Content[i]))
		if e == nil {
			break // an event added by this change set, or unreadable: keep to the end
		}
		if f, _ := e.Span(); !f.After(first) {
			break
		}
		at = i
	}
	// The comment above the event that follows stays above it: it is
	// about that event.
	t.events.Content = slices.Insert(t.events.Content, at, m)
	t.added[id] = true
	t.touched[id] = true
	return &Event{Mapping: &Mapping{t: t, n: m, event: id}}, nil
}

// RemoveEvent takes the event out of the plan. Its comments are kept:
// they go above the event that follows, or below the one before.
func (t *Tree) RemoveEvent(id string) error {
	ev, err := t.Event(id)
	if err != nil {
		return err
	}
	i := slices.Index(t.events.Content, ev.n)
	if t.holdsNamedAnchor(ev.n) {
		return fmt.Errorf("event %q holds an anchor (&name) that another part of the file uses; edit it by hand", id)
	}
	cs := allComments(ev.n, nil)
	t.events.Content = slices.Delete(t.events.Content, i, i+1)
	t.removed[id] = true
	delete(t.touched, id)
	t.keep(cs, t.events, i)
	return nil
}

// KeyValue is a key and the value it gets.
type KeyValue struct {
	Key   string
	Value *yaml.Node
}

// Get returns the value of key (the mapping's own, not a merged one), or nil.
func (m *Mapping) Get(key string) *yaml.Node {
	return follow(get(m.n, key))
}

// Has reports whether the mapping has key (its own, with a value).
func (m *Mapping) Has(key string) bool {
	v := m.Get(key)
	return v != nil && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null")
}

// Set gives key the value v: the key's value is replaced (its comments
// pass to v), or the key is added. Setting a value equal to the one there
// changes nothing.
func (m *Mapping) Set(key string, v *yaml.Node) error {
	if err := checkText(v); err != nil {
		return fmt.Errorf("%s: %s: %w", m.where(), key, err)
	}
	i := index(m.n, key)
	if i < 0 {
		m.n.Content = append(m.n.Content, keyNode(key), v)
		m.touch()
		return nil
	}
	old := m.n.Content[i+1]
	if equal(follow(old), v) {
		return nil
	}
	if m.t.holdsNamedAnchor(old) {
		return fmt.Errorf("%s: the value of %q holds an anchor (&name) that another part of the file uses; edit it by hand", m.where(), key)
	}
	v.HeadComment, v.LineComment, v.FootComment = old.HeadComment, old.LineComment, old.FootComment
	if inner := innerComments(old); len(inner) > 0 {
		v.HeadComment = joinComments(strings.Join(inner, "\n"), v.HeadComment)
	}
	m.n.Content[i+1] = v
	m.touch()
	return nil
}

// SetString gives key a text value.
func (m *Mapping) SetString(key, s string) error { return m.Set(key, Str(s)) }

// Unset removes key; its comments stay in the file, above the key that
// follows (or below the one before). It reports whether the key was
// there. A key that only a merge (<<) gives cannot be removed here.
func (m *Mapping) Unset(key string) (bool, error) {
	i := index(m.n, key)
	if i < 0 {
		if index(m.n, "<<") >= 0 {
			return false, fmt.Errorf("%s: %q may come from a merge key (<<: *name); edit it by hand", m.where(), key)
		}
		return false, nil
	}
	k, v := m.n.Content[i], m.n.Content[i+1]
	if m.t.holdsNamedAnchor(v) {
		return false, fmt.Errorf("%s: the value of %q holds an anchor (&name) that another part of the file uses; edit it by hand", m.where(), key)
	}
	cs := allComments(k, nil)
	cs = allComments(v, cs)
	m.n.Content = slices.Delete(m.n.Content, i, i+2)
	m.t.keepInMapping(cs, m.n, i)
	m.touch()
	return true, nil
}

// Child returns the mapping under key, made when absent. A value shared
// with another part of the file (an alias, or an anchor an alias names)
// is first written out as this mapping's own copy, so that changing it
// changes nothing else.
func (m *Mapping) Child(key string) (*Mapping, error) {
	i := index(m.n, key)
	if i < 0 && index(m.n, "<<") >= 0 {
		return nil, fmt.Errorf("%s: %q may come from a merge key (<<: *name); edit it by hand", m.where(), key)
	}
	if i < 0 || isNull(m.n.Content[i+1]) {
		c := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if i < 0 {
			m.n.Content = append(m.n.Content, keyNode(key), c)
		} else {
			c.HeadComment, c.LineComment, c.FootComment = m.n.Content[i+1].HeadComment, m.n.Content[i+1].LineComment, m.n.Content[i+1].FootComment
			m.n.Content[i+1] = c
		}
		m.touch()
		return &Mapping{t: m.t, n: c, event: m.event}, nil
	}
	v := m.n.Content[i+1]
	if m.t.shared(v) {
		return nil, fmt.Errorf("%s: %q is anchored (&%s) and used elsewhere through an alias; edit it by hand", m.where(), key, v.Anchor)
	}
	if v.Kind == yaml.AliasNode {
		target := follow(v)
		if target == nil || target.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: %q is not a mapping", m.where(), key)
		}
		c := copyTree(target)
		c.HeadComment, c.LineComment, c.FootComment = v.HeadComment, v.LineComment, v.FootComment
		m.n.Content[i+1] = c
		return &Mapping{t: m.t, n: c, event: m.event}, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: %q is not a mapping", m.where(), key)
	}
	return &Mapping{t: m.t, n: v, event: m.event}, nil
}

func (m *Mapping) where() string {
	if m.event == "" {
		return "plan"
	}
	return "event " + strconv.Quote(m.event)
}

func (m *Mapping) touch() {
	if m.event != "" {
		m.t.touched[m.event] = true
	}
}

// keepInMapping puts comments cut from mapping n at pair index i (now
// gone) above the pair that follows, or below the one before, or, in an
// empty mapping, on the mapping itself.
func (t *Tree) keepInMapping(cs []string, n *yaml.Node, i int) {
	if len(cs) == 0 {
		return
	}
	text := strings.Join(cs, "\n")
	switch {
	case i < len(n.Content):
		k := n.Content[i]
		k.HeadComment = joinComments(text, k.HeadComment)
	case len(n.Content) >= 2:
		v := n.Content[len(n.Content)-1]
		v.FootComment = joinComments(v.FootComment, text)
	default:
		n.FootComment = joinComments(n.FootComment, text)
	}
}

// recomment records that item was given comments it did not have.
func (t *Tree) recomment(item *yaml.Node) {
	if t.recommented == nil {
		t.recommented = map[*yaml.Node]bool{}
	}
	t.recommented[item] = true
}

// unchanged reports whether item, an item of the events list, is as it
// was read: not upgraded, not changed, not added, not given comments.
func (t *Tree) unchanged(item *yaml.Node) bool {
	if t.upgraded || t.recommented[item] {
		return false
	}
	id := idOf(item)
	return id != "" && !t.touched[id] && !t.added[id]
}

// keep puts comments cut from sequence n at item i (now gone) above the
// item that follows, or below the one before.
func (t *Tree) keep(cs []string, n *yaml.Node, i int) {
	if len(cs) == 0 {
		return
	}
	text := strings.Join(cs, "\n")
	switch {
	case i < len(n.Content):
		n.Content[i].HeadComment = joinComments(text, n.Content[i].HeadComment)
		t.recomment(n.Content[i])
	case len(n.Content) > 0:
		last := n.Content[len(n.Content)-1]
		last.FootComment = joinComments(last.FootComment, text)
		t.recomment(last)
	default:
		n.FootComment = joinComments(n.FootComment, text)
	}
}

// shared reports whether n is anchored and an alias of the file names it.
func (t *Tree) shared(n *yaml.Node) bool {
	if n == nil || n.Anchor == "" {
		return false
	}
	t.indexAnchors()
	return t.anchors[n]
}

// holdsNamedAnchor reports whether n or a node under it is an anchor
// some alias outside n names: cutting n out would leave that alias
// without its value.
func (t *Tree) holdsNamedAnchor(n *yaml.Node) bool {
	t.indexAnchors()
	if len(t.anchors) == 0 {
		return false
	}
	inside := map[*yaml.Node]bool{}
	var named []*yaml.Node
	var walk func(x *yaml.Node)
	walk = func(x *yaml.Node) {
		if x == nil {
			return
		}
		inside[x] = true
		if t.anchors[x] {
			named = append(named, x)
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(n)
	if len(named) == 0 {
		return false
	}
	// Is any alias naming them outside n?
	found := false
	var scan func(x *yaml.Node)
	scan = func(x *yaml.Node) {
		if x == nil || found || inside[x] {
			return
		}
		if x.Kind == yaml.AliasNode && slices.Contains(named, x.Alias) {
			found = true
			return
		}
		for _, c := range x.Content {
			scan(c)
		}
	}
	scan(t.root)
	return found
}

func (t *Tree) indexAnchors() {
	if t.anchors != nil {
		return
	}
	t.anchors = map[*yaml.Node]bool{}
	var walk func(x *yaml.Node)
	walk = func(x *yaml.Node) {
		if x == nil {
			return
		}
		if x.Kind == yaml.AliasNode && x.Alias != nil {
			t.anchors[x.Alias] = true
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(t.root)
}

// danglingAlias returns an alias whose anchored value is no longer in
// the tree, or nil. A file seldom has an alias: the tree is walked once
// to find them, and again, only when there are some, to find what they
// name. (Keeping a set of every node took a fifth of an edit's own
// work on a plan of 10,000 events.) Nesting deeper than yamlfmt writes
// (200 levels), which its check refuses next, is not walked.
func danglingAlias(root *yaml.Node) *yaml.Node {
	var aliases []*yaml.Node
	var find func(x *yaml.Node, depth int)
	find = func(x *yaml.Node, depth int) {
		if x == nil || depth > 200 {
			return
		}
		if x.Kind == yaml.AliasNode {
			aliases = append(aliases, x)
		}
		for _, c := range x.Content {
			find(c, depth+1)
		}
	}
	find(root, 0)
	if len(aliases) == 0 {
		return nil
	}
	named := map[*yaml.Node]bool{}
	for _, a := range aliases {
		if a.Alias != nil {
			named[a.Alias] = false
		}
	}
	var mark func(x *yaml.Node, depth int)
	mark = func(x *yaml.Node, depth int) {
		if x == nil || depth > 200 {
			return
		}
		if _, ok := named[x]; ok {
			named[x] = true
		}
		for _, c := range x.Content {
			mark(c, depth+1)
		}
	}
	mark(root, 0)
	for _, a := range aliases {
		if a.Alias == nil || !named[a.Alias] {
			return a
		}
	}
	return nil
}

// Str, Int, Bool, Date, Month and Time make the value nodes of the
// format's kinds, tagged so that bp fmt's printer writes them as the
// format wants them (dates plain, months and times quoted).
func Str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// Int makes a number.
func Int(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

// Bool makes true or false.
func Bool(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

// Date makes a day, YYYY-MM-DD.
func Date(t time.Time) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: workplan.ISODay(t)}
}

// Month makes a month, YYYY-MM.
func Month(t time.Time) *yaml.Node { return Str(workplan.ISOMonth(t)) }

// List makes a list of texts.
func List(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range items {
		n.Content = append(n.Content, Str(s))
	}
	return n
}

// Map makes a mapping of the given keys and values. A key whose value
// is nil is left out (an optional field not given).
func Map(kvs ...KeyValue) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, kv := range kvs {
		if kv.Value != nil {
			n.Content = append(n.Content, keyNode(kv.Key), kv.Value)
		}
	}
	return n
}

func key(k string) *yaml.Node     { return keyNode(k) }
func keyNode(k string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k} }

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// follow resolves an alias to the node it names.
func follow(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func index(m *yaml.Node, key string) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return i
		}
	}
	return -1
}

func get(m *yaml.Node, key string) *yaml.Node {
	if i := index(m, key); i >= 0 {
		return m.Content[i+1]
	}
	return nil
}

// equal reports whether two trees hold the same data, with the same
// tags (a date stays a date).
func equal(a, b *yaml.Node) bool {
	a, b = follow(a), follow(b)
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode {
		return a.Value == b.Value && a.ShortTag() == b.ShortTag()
	}
	for i := range a.Content {
		if !equal(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// copyTree copies n and everything under it; aliases stay aliases of the
// same anchors, and anchors inside the copy are dropped (a second
// definition would shadow the first).
func copyTree(n *yaml.Node) *yaml.Node {
	c := *n
	c.Anchor = ""
	c.Content = nil
	if n.Kind != yaml.AliasNode {
		for _, x := range n.Content {
			c.Content = append(c.Content, copyTree(x))
		}
	}
	return &c
}

// allComments appends every comment of n's tree, head, line and foot,
// in tree order.
func allComments(n *yaml.Node, out []string) []string {
	if n == nil {
		return out
	}
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		if c != "" {
			out = append(out, c)
		}
	}
	if n.Kind != yaml.AliasNode {
		for _, x := range n.Content {
			out = allComments(x, out)
		}
	}
	return out
}

// innerComments is allComments without n's own.
func innerComments(n *yaml.Node) []string {
	var out []string
	if n.Kind != yaml.AliasNode {
		for _, x := range n.Content {
			out = allComments(x, out)
		}
	}
	return out
}

// commentLines lists the comment lines of a tree as bp fmt writes them,
// without blank lines and the blanks around each: what must survive an
// edit.
func commentLines(n *yaml.Node) []string {
	var out []string
	for _, c := range allComments(n, nil) {
		for l := range strings.SplitSeq(c, "\n") {
			if l = strings.Trim(l, " \t"); l != "" {
				out = append(out, l)
			}
		}
	}
	slices.Sort(out)
	return out
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

var errNoEvents = errors.New("the plan has no events list to change")

// checkText refuses a value that is not UTF-8 text: a plan file is, and
// the printer could not write it back as the same value.
func checkText(n *yaml.Node) error {
	if n == nil {
		return nil
	}
	if !utf8.ValidString(n.Value) {
		return fmt.Errorf("%q is not UTF-8 text", n.Value)
	}
	for _, c := range n.Content {
		if err := checkText(c); err != nil {
			return err
		}
	}
	return nil
}
