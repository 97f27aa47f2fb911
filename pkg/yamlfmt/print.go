package yamlfmt

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

type printer struct {
	buf bytes.Buffer
	// marks, when set, records where the events list and its items are
	// printed (see splice).
	marks *itemMarks
}

func (p *printer) indent(n int) {
	for range n {
		p.buf.WriteByte(' ')
	}
}

func (p *printer) blank() {
	b := p.buf.Bytes()
	if len(b) > 0 && !bytes.HasSuffix(b, []byte("\n\n")) {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) document(doc *yaml.Node, schema *workplan.Object) {
	if doc.HeadComment != "" {
		p.comment(doc.HeadComment, 0)
		p.buf.WriteByte('\n')
	}
	root := doc.Content[0]
	p.comment(root.HeadComment, 0)
	above, line := lineComment(root.LineComment)
	block := len(root.Content) > 0
	if root.Kind == yaml.SequenceNode && block {
		_, fits := p.flow(root)
		block = !fits
	}
	if !block {
		// a scalar, a short list, an empty mapping: written as a value,
		// without the space value() starts with
		p.commentsAbove(above, 0)
		start := p.buf.Len()
		p.value(root, nil, 0, false, line)
		if b := p.buf.Bytes(); b[start] == ' ' {
			copy(b[start:], b[start+1:])
			p.buf.Truncate(len(b) - 1)
		}
	} else {
		if root.Anchor == "" && line != "" {
			// no line of its own: the comment goes above the first item
			above, line = append(above, line), ""
		}
		p.commentsAbove(above, 0)
		if root.Anchor != "" {
			p.buf.WriteString("&" + root.Anchor)
			p.endLine(line)
		}
		if root.Kind == yaml.MappingNode {
			p.mapping(root, schema, 0, true)
		} else {
			p.sequence(root, elemOf(nil), 0, false)
		}
	}
	p.comment(root.FootComment, 0)
	if doc.FootComment != "" {
		p.blank()
		p.comment(doc.FootComment, 0)
	}
}

func anchor(n *yaml.Node) string {
	if n.Anchor == "" {
		return ""
	}
	return "&" + n.Anchor + " "
}

// ordered returns the mapping's key/value index pairs in schema order;
// unknown keys follow in file order.
func ordered(n *yaml.Node, o *workplan.Object) []int {
	idx := make([]int, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		idx = append(idx, i)
	}
	if o == nil {
		return idx
	}
	rank := func(i int) int {
		for r, f := range o.Fields {
			if f.Key == n.Content[i].Value {
				return r
			}
		}
		return len(o.Fields)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rank(a) - rank(b) })
	return idx
}

// mapping writes a block mapping's pairs at ind. top marks the file's
// top-level mapping, whose sections are separated by blank lines.
func (p *printer) mapping(n *yaml.Node, o *workplan.Object, ind int, top bool) {
	// The comment after the file's last key stays at the end of the
	// file when keys are reordered.
	var tail string
	if top && len(n.Content) >= 2 {
		last := n.Content[len(n.Content)-2]
		tail, last.FootComment = last.FootComment, ""
		defer func() { last.FootComment = tail }()
	}
	for j, i := range ordered(n, o) {
		if top && j > 0 {
			p.blank()
		}
		p.pair(n.Content[i], n.Content[i+1], o, ind, top, false)
	}
	if tail != "" {
		p.blank()
		p.comment(tail, ind)
	}
}

// pair writes "key: value". first marks the first pair of a mapping that
// is a list item: its line is already started with "- ".
func (p *printer) pair(k, v *yaml.Node, o *workplan.Object, ind int, top, first bool) {
	var f *workplan.Field
	if o != nil {
		f = o.Field(k.Value)
	}
	above, line := pairComment(k, v)
	if !first {
		p.comment(k.HeadComment, ind)
		p.comment(v.HeadComment, ind)
		p.commentsAbove(above, ind)
		p.indent(ind)
	}
	spaced := top && k.Value == eventsKey
	if spaced && p.marks != nil {
		p.marks.list(k, v)
	}
	key := p.key(k)
	if utf8.RuneCountInString(key) > 1000 {
		// yaml.v3 reads a key of over 1024 characters only after "? "
		p.buf.WriteString("? " + key + "\n")
		p.indent(ind)
		key = ""
	}
	p.buf.WriteString(key + ":")
	if f == nil {
		f = &workplan.Field{Kind: workplan.KindString}
		switch v.Kind {
		case yaml.MappingNode:
			f = &workplan.Field{Kind: workplan.KindObject}
		case yaml.SequenceNode:
			f = &workplan.Field{Kind: workplan.KindList}
		}
	}
	p.value(v, f, ind, spaced, line)
	p.comment(v.FootComment, ind)
	p.comment(k.FootComment, ind)
	if spaced && p.marks != nil {
		p.marks.end = p.buf.Len()
	}
}

// key writes a mapping key: plain when it reads back as the same string.
func (p *printer) key(k *yaml.Node) string {
	if k.Tag == "!!null" && k.Value == "" {
		return "~" // "? " alone: a null key needs a word
	}
	if k.Tag != "!!str" || plainOK(k.Value, false) {
		if k.Tag != "!!str" || k.Value != "" {
			return k.Value
		}
	}
	return quote(k.Value)
}

// value writes what follows "key:" (or a list item's "-"), up to and
// including the end of its last line; line is the comment for the first
// line.
func (p *printer) value(v *yaml.Node, f *workplan.Field, ind int, spaced bool, line string) {
	switch v.Kind {
	case yaml.AliasNode:
		p.buf.WriteString(" *" + v.Value)
		p.endLine(line)
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			p.buf.WriteString(" " + anchor(v) + "{}")
			p.endLine(line)
			return
		}
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
		}
		p.endLine(line)
		p.mapping(v, objectOf(f), ind+2, false)
	case yaml.SequenceNode:
		if flow, ok := p.flow(v); ok {
			p.buf.WriteString(" " + anchor(v) + flow)
			p.endLine(line)
			return
		}
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
		}
		p.endLine(line)
		p.sequence(v, elemOf(f), ind+2, spaced)
	default:
		p.scalar(v, f, ind, line)
	}
}

func objectOf(f *workplan.Field) *workplan.Object {
	if f == nil {
		return nil
	}
	return f.Object
}

func elemOf(f *workplan.Field) *workplan.Field {
	if f != nil && f.Elem != nil {
		return f.Elem
	}
	return &workplan.Field{Kind: workplan.KindString}
}

// flow writes a list of single values on one line, "[a, b]", when every
// item is a comment-free scalar and the line fits.
func (p *printer) flow(v *yaml.Node) (string, bool) {
	if len(v.Content) == 0 {
		return "[]", true
	}
	items := make([]string, 0, len(v.Content))
	width := p.col() + len(anchor(v)) + 2
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode || it.Anchor != "" || it.HeadComment != "" || it.LineComment != "" || it.FootComment != "" {
			return "", false
		}
		if it.Value == "" && it.Tag != "!!str" || strings.ContainsAny(it.Value, "\n\r") {
			// a null written as nothing has no place in [a, , b]
			return "", false
		}
		s := p.inline(it, nil, true)
		width += utf8.RuneCountInString(s) + 2
		items = append(items, s)
	}
	if width > Width {
		return "", false
	}
	return "[" + strings.Join(items, ", ") + "]", true
}

// sequence writes a block list's items at ind.
func (p *printer) sequence(v *yaml.Node, elem *workplan.Field, ind int, spaced bool) {
	marked := p.marks != nil && v == p.marks.seq
	for i, it := range v.Content {
		if spaced && i > 0 {
			p.blank()
		}
		p.comment(it.HeadComment, ind)
		if it.Kind == yaml.MappingNode && len(it.Content) > 0 && it.Anchor == "" && it.LineComment == "" {
			// The first pair shares the "- " line; its comments go
			// above the item.
			o := objectOf(elem)
			order := ordered(it, o)
			k, v := it.Content[order[0]], it.Content[order[0]+1]
			p.comment(k.HeadComment, ind)
			p.comment(v.HeadComment, ind)
			above, _ := pairComment(k, v)
			p.commentsAbove(above, ind)
			if marked {
				p.marks.starts = append(p.marks.starts, p.buf.Len())
			}
			p.indent(ind)
			p.buf.WriteString("- ")
			for j, k := range order {
				p.pair(it.Content[k], it.Content[k+1], o, ind+2, false, j == 0)
			}
		} else {
			f := elem
			switch it.Kind {
			case yaml.MappingNode:
				f = &workplan.Field{Kind: workplan.KindObject, Object: objectOf(elem)}
			case yaml.SequenceNode:
				f = &workplan.Field{Kind: workplan.KindList}
			}
			above, line := lineComment(it.LineComment)
			p.commentsAbove(above, ind)
			if marked {
				p.marks.starts = append(p.marks.starts, p.buf.Len())
			}
			p.indent(ind)
			p.buf.WriteString("-")
			p.value(it, f, ind, false, line)
		}
		p.comment(it.FootComment, ind)
	}
}

// col returns the column the next byte goes to (0-based).
func (p *printer) col() int {
	b := p.buf.Bytes()
	return utf8.RuneCount(b[bytes.LastIndexByte(b, '\n')+1:])
}
