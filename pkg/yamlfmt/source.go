package yamlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file reads what yaml.Node does not carry from the text itself:
// the document start marker, the directives, and the comments yaml.v3
// drops while reading.

// lines indexes the lines of LF text as yaml.v3 counts them: a line
// ends at LF, CR, NEL, LS or PS.
type lines struct {
	src    []byte
	starts []int // byte offset of each line
}

func newLines(src []byte) *lines {
	l := &lines{src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		switch {
		case src[i] == '\n' || src[i] == '\r':
			l.starts = append(l.starts, i+1)
		case src[i] == 0xC2 && i+1 < len(src) && src[i+1] == 0x85:
			l.starts = append(l.starts, i+2)
			i++
		case src[i] == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			l.starts = append(l.starts, i+3)
			i += 2
		}
	}
	return l
}

func (l *lines) count() int { return len(l.starts) }

// end returns the offset of the break that ends line i (0-based).
func (l *lines) end(i int) int {
	if i+1 >= len(l.starts) {
		return len(l.src)
	}
	next := l.starts[i+1]
	switch l.src[next-1] {
	case 0x85:
		return next - 2
	case 0xA8, 0xA9:
		return next - 3
	}
	return next - 1
}

func (l *lines) text(i int) []byte { return l.src[l.starts[i]:l.end(i)] }

// lineOf returns the line (0-based) that holds offset off.
func (l *lines) lineOf(off int) int { return sort.SearchInts(l.starts, off+1) - 1 }

// col returns the column (0-based, in characters) of offset off.
func (l *lines) col(off int) int { return utf8.RuneCount(l.src[l.starts[l.lineOf(off)]:off]) }

// offset returns the byte offset of a yaml.v3 position (1-based line,
// 1-based column in characters).
func (l *lines) offset(line, col int) (int, error) {
	if line < 1 || line > len(l.starts) {
		return 0, fmt.Errorf("line %d is outside the file", line)
	}
	off, end := l.starts[line-1], l.end(line-1)
	for range col - 1 {
		if off >= end {
			return 0, fmt.Errorf("line %d has no column %d", line, col)
		}
		_, n := utf8.DecodeRune(l.src[off:end])
		off += n
	}
	return off, nil
}

// blank reports whether line i holds only spaces, and how many spaces
// start it.
func (l *lines) indent(i int) (n int, blank bool) {
	t := l.text(i)
	for n < len(t) && t[n] == ' ' {
		n++
	}
	return n, n == len(t)
}

// isMarker reports whether a line is a document start marker.
func isMarker(t []byte) bool {
	return bytes.HasPrefix(t, []byte("---")) && (len(t) == 3 || t[3] == ' ' || t[3] == '\t')
}

// documentStart returns what goes before the document: the directives
// and the start marker (---) when the file has them, "" when its
// document starts without a marker. skip holds the directive lines,
// which are copied as they are.
func documentStart(l *lines, doc *yaml.Node) (head string, skip []span) {
	// yaml.v3 places an explicit document at its marker or first
	// directive, an implicit one at its first node.
	i := doc.Line - 1
	if i < 0 || i >= l.count() {
		return "", nil
	}
	if t := l.text(i); !isMarker(t) && !bytes.HasPrefix(t, []byte("%")) {
		return "", nil
	}
	var b strings.Builder
	for j := 0; j < l.count() && !isMarker(l.text(j)); j++ {
		if t := l.text(j); bytes.HasPrefix(t, []byte("%")) {
			b.WriteString(strings.TrimRight(string(t), " \t") + "\n")
			skip = append(skip, span{l.starts[j], l.end(j)})
		}
	}
	return b.String() + "---\n", skip
}

// span is a range of bytes [from, to) of the text.
type span struct{ from, to int }

// sourceComment is a comment as the text has it.
type sourceComment struct {
	off, end  int // the '#' and the end of the text, trailing blanks left out
	line, col int // yaml.v3's position: 1-based, the column in characters
}

// census finds the comments of a text, given its parsed document: a
// comment starts at a '#' at the start of a line or after a space or a
// tab that is not inside a quoted or block scalar, and runs to the end of
// its line. The scalars' positions come from the nodes; a plain scalar
// cannot hold " #", so it needs no span.
type census struct {
	l     *lines
	spans []span
}

// sourceComments lists the comments of the text doc was read from, in
// text order. skip holds ranges that are not read (directives).
func sourceComments(l *lines, doc *yaml.Node, skip []span) ([]sourceComment, error) {
	c := &census{l: l, spans: slices.Clone(skip)}
	if err := c.node(doc, -1); err != nil {
		return nil, err
	}
	slices.SortFunc(c.spans, func(a, b span) int { return a.from - b.from })
	// A line's comment starts at its first '#' after a blank (or at the
	// start of the line) unless an earlier '#' of the line, right after a
	// token, starts one: yaml.v3 reads "[a]#c" and "'a'#c" as comments,
	// where a plain value ("a]#c") holds the '#'. Such a '#' counts when
	// yaml.v3 has a comment of its text that no other line accounts for.
	type candidates struct {
		tight []sourceComment
		blank *sourceComment
	}
	var found []candidates
	src, k, last := l.src, 0, -1
	for off := 0; off < len(src); {
		i := bytes.IndexByte(src[off:], '#')
		if i < 0 {
			break
		}
		pos := off + i
		for k < len(c.spans) && c.spans[k].to <= pos {
			k++
		}
		if k < len(c.spans) && c.spans[k].from <= pos {
			off = c.spans[k].to
			continue
		}
		line := l.lineOf(pos)
		if line != last {
			found = append(found, candidates{})
			last = line
		}
		end := l.end(line)
		text := bytes.TrimRight(src[pos:end], " \t")
		sc := sourceComment{off: pos, end: pos + len(text), line: line + 1, col: l.col(pos) + 1}
		if pos > l.starts[line] && src[pos-1] != ' ' && src[pos-1] != '\t' {
			found[len(found)-1].tight = append(found[len(found)-1].tight, sc)
			off = pos + 1
			continue
		}
		found[len(found)-1].blank = &sc
		off = end
	}
	count := map[string]int{}
	for _, t := range treeComments(doc, nil) {
		count[t]++
	}
	text := func(sc sourceComment) string { return string(src[sc.off:sc.end]) }
	for _, f := range found {
		if len(f.tight) == 0 {
			count[text(*f.blank)]--
		}
	}
	var out []sourceComment
	for _, f := range found {
		if len(f.tight) == 0 {
			out = append(out, *f.blank)
			continue
		}
		i := slices.IndexFunc(f.tight, func(sc sourceComment) bool { return count[text(sc)] > 0 })
		switch {
		case i >= 0:
			count[text(f.tight[i])]--
			out = append(out, f.tight[i])
		case f.blank != nil:
			count[text(*f.blank)]--
			out = append(out, *f.blank)
		}
	}
	return out, nil
}

// node records the spans of n's quoted and block scalars. indent is the
// indentation of the block collection n is in (-1 at the top).
func (c *census) node(n *yaml.Node, indent int) error {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, ch := range n.Content {
			if err := c.node(ch, -1); err != nil {
				return err
			}
		}
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 {
			off, err := c.token(n)
			if err != nil {
				return err
			}
			indent = c.l.col(off)
		}
		for _, ch := range n.Content {
			if err := c.node(ch, indent); err != nil {
				return err
			}
		}
	case yaml.ScalarNode:
		switch {
		case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			return c.quoted(n)
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return c.block(n, indent)
		}
	}
	return nil
}

// token returns the offset at which n's own text starts: after its
// properties (an anchor, the tag "!") and any blanks, line breaks and
// comments around them.
func (c *census) token(n *yaml.Node) (int, error) {
	src := c.l.src
	off, err := c.l.offset(n.Line, n.Column)
	if err != nil {
		return 0, err
	}
	for off < len(src) {
		switch {
		case src[off] == ' ' || src[off] == '\t' || src[off] == '\n' || src[off] == '\r':
			off++
		case src[off] == '#':
			line := c.l.lineOf(off)
			if line+1 >= c.l.count() {
				return len(src), nil
			}
			off = c.l.starts[line+1]
		case src[off] == '&' || src[off] == '!':
			for off < len(src) && !isBlank(src[off]) {
				off++
			}
		default:
			return off, nil
		}
	}
	return off, nil
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// quoted records a quoted scalar's span, quotes included.
func (c *census) quoted(n *yaml.Node) error {
	src := c.l.src
	from, err := c.token(n)
	if err != nil {
		return err
	}
	q := byte('"')
	if n.Style&yaml.SingleQuotedStyle != 0 {
		q = '\''
	}
	if from >= len(src) || src[from] != q {
		return fmt.Errorf("no quoted value at line %d", n.Line)
	}
	i := from + 1
	for ; i < len(src); i++ {
		if q == '"' && src[i] == '\\' {
			i++
			continue
		}
		if src[i] == q {
			if q == '\'' && i+1 < len(src) && src[i+1] == '\'' {
				i++
				continue
			}
			break
		}
	}
	if i >= len(src) {
		return fmt.Errorf("the quoted value at line %d does not end", n.Line)
	}
	c.spans = append(c.spans, span{from, i + 1})
	return nil
}

// block records a block scalar's span: its header's indicators and its
// content lines, found as YAML finds them (the indentation indicator
// counts from indent; else the first line that is not blank sets it).
func (c *census) block(n *yaml.Node, indent int) error {
	src := c.l.src
	from, err := c.token(n)
	if err != nil {
		return err
	}
	if from >= len(src) || src[from] != '|' && src[from] != '>' {
		return fmt.Errorf("no block text at line %d", n.Line)
	}
	i, step := from+1, 0
	for ; i < len(src) && strings.IndexByte("+-123456789", src[i]) >= 0; i++ {
		if src[i] >= '1' && src[i] <= '9' {
			step = int(src[i] - '0')
		}
	}
	c.spans = append(c.spans, span{from, i})
	first := c.l.lineOf(from) + 1
	if first >= c.l.count() {
		return nil
	}
	want := max(indent+1, 1)
	if step > 0 {
		want = max(indent, 0) + step
	} else {
		for j := first; j < c.l.count(); j++ {
			n, blank := c.l.indent(j)
			want = max(want, n)
			if !blank {
				break
			}
		}
	}
	last := first
	for ; last < c.l.count(); last++ {
		if n, blank := c.l.indent(last); !blank && n < want {
			break
		}
	}
	if last > first {
		c.spans = append(c.spans, span{c.l.starts[first], c.l.end(last - 1)})
	}
	return nil
}

// keepComments makes sure doc holds every comment of its text: yaml.v3
// drops a few while reading (right after a flow collection's "{" or "[",
// above a document marker). A dropped comment goes above the first value
// after it, or to the end of the file.
func keepComments(l *lines, doc *yaml.Node, skip []span) error {
	found, err := sourceComments(l, doc, skip)
	if err != nil {
		return fmt.Errorf("cannot read the comments of this file (%v); please report it", err)
	}
	count := map[string]int{}
	for _, c := range treeComments(doc, nil) {
		count[c]++
	}
	var missing []sourceComment
	for _, c := range found {
		text := string(l.src[c.off:c.end])
		if count[text] > 0 {
			count[text]--
		} else {
			missing = append(missing, c)
		}
	}
	for text, n := range count {
		if n > 0 {
			return fmt.Errorf("cannot find the comment %q in the text; please report it", text)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := confirmComments(l, doc, found); err != nil {
		return fmt.Errorf("cannot read the comments of this file (%v); please report it", err)
	}
	var leaves []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		// yaml.v3 drops a comment above a null written as nothing ("-")
		switch {
		case n.Kind == yaml.ScalarNode && (n.Tag != "!!null" || n.Value != ""), n.Kind == yaml.AliasNode:
			leaves = append(leaves, n)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	slices.SortStableFunc(leaves, func(a, b *yaml.Node) int { return cmpPos(a.Line, a.Column, b.Line, b.Column) })
	// Comments found before the same value keep their order above it.
	for i := len(missing) - 1; i >= 0; i-- {
		c := missing[i]
		text := string(l.src[c.off:c.end])
		j := sort.Search(len(leaves), func(j int) bool { return cmpPos(leaves[j].Line, leaves[j].Column, c.line, c.col) > 0 })
		if j == len(leaves) {
			doc.FootComment = joinComments(text, doc.FootComment)
			continue
		}
		leaves[j].HeadComment = joinComments(text, leaves[j].HeadComment)
	}
	return nil
}

// confirmComments checks the census against yaml.v3: with the text of
// every comment found taken out (the '#' stays, so that no line becomes
// blank), the file must read as the same data, with no comment left but
// the bare '#'s.
func confirmComments(l *lines, doc *yaml.Node, found []sourceComment) error {
	var b bytes.Buffer
	at := 0
	for _, c := range found {
		b.Write(l.src[at : c.off+1])
		at = c.end
	}
	b.Write(l.src[at:])
	bare, err := parse(b.Bytes())
	if err != nil {
		return err
	}
	if digest(bare.Content[0]) != digest(doc.Content[0]) {
		return errors.New("a comment found is part of a value")
	}
	for _, c := range treeComments(bare, nil) {
		if c != "#" {
			return fmt.Errorf("comment %q not found", c)
		}
	}
	return nil
}

func cmpPos(l1, c1, l2, c2 int) int {
	if l1 != l2 {
		return l1 - l2
	}
	return c1 - c2
}

func joinComments(a, b string) string {
	if b == "" {
		return a
	}
	return a + "\n" + b
}
