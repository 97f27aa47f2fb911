package yamlfmt

import (
	"bytes"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// This file reads an edit's output back without parsing all of it.
//
// An edit changes a few events of a plan that is, as a rule, already in
// bp fmt's layout: all but those events print as the very text they were
// read from. The check that the output reads back as the tree printed
// (see format) then needs to read only the text that is new. The output
// is read in three parts:
//
//   - the text before the first event (the file's head, every other
//     top-level section and the "events:" line), parsed as it stands: it
//     is the start of the file;
//   - each event the change left alone ([EditTree]'s kept says which)
//     whose text is the same bytes as in the input, at the start of an
//     item of the same list, reads back as it read then: its node of the
//     input, its lines moved by as many as the text before it grew;
//   - the other events, parsed under an "events:" line of their own,
//     each checked against the tree printed (same) and moved to its line.
//
// A block list's item is read from its own lines alone: from its "- " to
// the next item's, what comes before and after does not change how they
// read. Comments are where this could fail (yaml.v3 gives a comment
// between two items to one or the other), so an event parsed apart, and
// each event next to one, must have none. Anchors and aliases tie parts
// together, so a file with any is read whole. Whatever the splice cannot
// tell, it leaves to the full parse: the result is the same either way,
// and the package's tests compare the two on every input that takes
// this path (formatter.verifySplice).

// eventsKey is the top-level key of the list the printer spaces and the
// splice reads item by item.
const eventsKey = "events"

// itemsIndex is where each item of the input's events list lies in the
// input text, from its line to the next item's.
type itemsIndex struct {
	src   *lines
	spans map[*yaml.Node]span
}

// indexItems indexes the events list of doc, read from l, before the
// change: nil when the document has no such list in block style.
func indexItems(l *lines, doc *yaml.Node) *itemsIndex {
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil
	}
	var idx *itemsIndex
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value != eventsKey {
			continue
		}
		if idx != nil || v.Kind != yaml.SequenceNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 {
			return nil // a second events key, or not a block list
		}
		start := func(n *yaml.Node) int {
			if n.Line < 1 || n.Line > l.count() {
				return -1
			}
			return l.starts[n.Line-1]
		}
		end := len(l.src)
		if i+2 < len(root.Content) {
			if end = start(root.Content[i+2]); end < 0 {
				return nil
			}
		}
		idx = &itemsIndex{src: l, spans: make(map[*yaml.Node]span, len(v.Content))}
		for j, it := range v.Content {
			from, to := start(it), end
			if j+1 < len(v.Content) {
				to = start(v.Content[j+1])
			}
			if from < 0 || to <= from {
				return nil
			}
			idx.spans[it] = span{from, to}
		}
	}
	return idx
}

// itemMarks records where the printer wrote the events list: the offset
// of each item's first line, and the end of the list's text.
type itemMarks struct {
	key, seq *yaml.Node
	twice    bool  // the key came twice
	starts   []int // where each item's "- " line starts
	end      int   // the end of the list's text
}

func (m *itemMarks) list(k, v *yaml.Node) {
	if m.key != nil {
		m.twice = true
	}
	m.key, m.seq = k, v
}

// splice returns out, the printer's output for doc, as yaml.v3 reads it,
// having parsed only the text the input did not already hold (see the
// top of this file); ok is false when it cannot tell, and the caller
// parses out whole. kept reports the events the change left alone.
// Nothing is changed unless ok: then doc's kept events are moved to
// their lines in out and become part of the tree returned.
func splice(idx *itemsIndex, doc *yaml.Node, out []byte, m *itemMarks, schema *workplan.Object, kept func(*yaml.Node) bool) (*yaml.Node, bool) {
	seq := m.seq
	if seq == nil || m.twice || m.end != len(out) || len(seq.Content) == 0 || len(m.starts) != len(seq.Content) ||
		seq.HeadComment != "" || seq.LineComment != "" || seq.FootComment != "" {
		return nil, false
	}
	// The start of the file, to the "events:" line: read as it stands.
	pre, err := parse(out[:m.starts[0]])
	if err != nil || !samePrefix(doc, pre, m, schema) {
		return nil, false
	}
	ol := newLines(out)
	n := len(seq.Content)
	end := func(j int) int {
		if j+1 < n {
			return m.starts[j+1]
		}
		return len(out)
	}
	items := make([]*yaml.Node, n)
	shift := make([]int, n)
	parsed := 0
	for j, it := range seq.Content {
		from, to := m.starts[j], end(j)
		if s, ok := idx.spans[it]; ok && kept(it) && bytes.Equal(idx.src.src[s.from:s.to], out[from:to]) {
			items[j], shift[j] = it, ol.lineOf(from)-idx.src.lineOf(s.from)
			continue
		}
		if parsed++; parsed > max(16, n/8) {
			return nil, false // most of the list: reading it whole costs less
		}
	}
	var elem *workplan.Field
	if f := schema.Field(eventsKey); f != nil {
		elem = elemOf(f)
	}
	for j := 0; j < n; {
		if items[j] != nil {
			j++
			continue
		}
		a := j
		for j < n && items[j] == nil {
			j++
		}
		// items a to j-1, read under a list of their own
		if a > 0 && hasComments(seq.Content[a-1]) || j < n && hasComments(seq.Content[j]) {
			return nil, false
		}
		text := append([]byte(eventsKey+":\n"), out[m.starts[a]:end(j-1)]...)
		d, err := parse(text)
		if err != nil {
			return nil, false
		}
		r := d.Content[0]
		if d.HeadComment != "" || d.FootComment != "" || r.Kind != yaml.MappingNode || len(r.Content) != 2 ||
			hasOwnComments(r) || hasOwnComments(r.Content[0]) || hasOwnComments(r.Content[1]) ||
			r.Content[1].Kind != yaml.SequenceNode || len(r.Content[1].Content) != j-a {
			return nil, false
		}
		// the first item is on line 2 of the text read, and on its own
		// line of out
		delta := ol.lineOf(m.starts[a]) + 1 - 2
		for i, got := range r.Content[1].Content {
			if !same(seq.Content[a+i], got, elem, false) {
				return nil, false
			}
			items[a+i], shift[a+i] = got, delta
		}
	}
	for j, it := range items {
		if shift[j] != 0 {
			moveLines(it, shift[j])
		}
	}
	first := m.starts[0]
	col := 1
	for first+col-1 < len(out) && out[first+col-1] == ' ' {
		col++
	}
	pr := pre.Content[0]
	pr.Content[len(pr.Content)-1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq",
		Line: ol.lineOf(first) + 1, Column: col, Content: items}
	return pre, true
}

// samePrefix reports whether pre, the text before the first event as
// read, is doc as printed up to there: the same document and top-level
// nodes, and every section but the events (last, read as nothing) the
// same tree.
func samePrefix(doc, pre *yaml.Node, m *itemMarks, schema *workplan.Object) bool {
	if !sameNode(doc, pre) || len(doc.Content) != 1 {
		return false
	}
	root, pr := doc.Content[0], pre.Content[0]
	if root.Kind != yaml.MappingNode || !sameNode(root, pr) {
		return false
	}
	order := ordered(root, schema)
	for j, i := range order {
		k, v := root.Content[i], root.Content[i+1]
		bk, bv := pr.Content[2*j], pr.Content[2*j+1]
		if !sameNode(k, bk) {
			return false
		}
		if j == len(order)-1 {
			// the events, read apart: here the key and nothing
			if k != m.key || v != m.seq || bv.Kind != yaml.ScalarNode || bv.Tag != "!!null" || bv.Value != "" || hasOwnComments(bv) {
				return false
			}
			continue
		}
		var f *workplan.Field
		if schema != nil {
			f = schema.Field(k.Value)
		}
		if !same(v, bv, f, false) {
			return false
		}
	}
	return true
}

func hasOwnComments(n *yaml.Node) bool {
	return n.HeadComment != "" || n.LineComment != "" || n.FootComment != ""
}

// hasComments reports whether n or a node under it has a comment.
func hasComments(n *yaml.Node) bool {
	if hasOwnComments(n) {
		return true
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

// moveLines moves n and every node under it by d lines.
func moveLines(n *yaml.Node, d int) {
	n.Line += d
	for _, c := range n.Content {
		moveLines(c, d)
	}
}
