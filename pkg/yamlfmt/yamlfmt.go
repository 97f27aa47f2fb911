// Package yamlfmt writes a workplan file in one canonical layout, so that
// two people's edits differ only where the facts differ.
//
// # The layout
//
// Keys follow the order of [workplan.Schema] (keys it does not know keep
// their order, after the known ones); indentation is two spaces, lists
// indented under their key; a string is written plain when YAML reads it
// back as the same string, else in double quotes; times ("14:30") are
// always quoted; a list of short single values is written on one line
// ([a, b]); a text field too long for one line is folded (>-) at 80
// columns; a blank line separates the top-level sections and the events.
// Every comment is kept, and so are anchors and aliases.
//
// # Safety
//
// [Format] works on yaml.Node and checks its own output: the result must
// read back as the same data (same values, same tags, same keys) with the
// same comments, and format to itself, or Format returns an error and no
// output. A file that is
// not YAML is an error; formatting never needs the plan to be valid.
package yamlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// Width is the column folded text is wrapped at.
const Width = 80

// Format returns data in the canonical layout for the format described by
// schema (normally [workplan.Schema]).
func Format(data []byte, schema *workplan.Object) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, errors.New("the file is not UTF-8 text")
	}
	doc, err := parse(data)
	if err != nil {
		return nil, err
	}
	if err := supported(doc, 0); err != nil {
		return nil, err
	}
	// yaml.v3 attaches some comments (after the last line of a nested
	// block, at the end of a file without a final newline) to a different
	// node once they are moved, so print until the output reproduces
	// itself. Every round is checked to keep the data and the comments.
	// Each round's read-back (the check) is the next round's input, so a
	// file is parsed once per round; a file already in canonical form is
	// done after one round.
	out := data
	for range 4 {
		p := &printer{}
		p.document(doc, schema)
		next := p.buf.Bytes()
		back, err := same(doc, next)
		if err != nil {
			return nil, fmt.Errorf("cannot format this file without changing it (%v); please report it", err)
		}
		if bytes.Equal(next, out) {
			return next, nil
		}
		out, doc = next, back
	}
	return nil, errors.New("cannot format this file: the layout does not settle; please report it")
}

// parse reads exactly one YAML document.
func parse(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, errors.New("the file is empty")
		}
		return nil, fmt.Errorf("not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		return nil, errors.New("the file holds more than one YAML document (---); a workplan is one")
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, errors.New("the file is empty")
	}
	return &doc, nil
}

// supported refuses what the printer does not write: explicit tags,
// keys that are not single values, and absurd nesting.
func supported(n *yaml.Node, depth int) error {
	if depth > 200 {
		return errors.New("nesting deeper than 200 levels")
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return fmt.Errorf("line %d: explicit tags (%s) are not supported by bp fmt", n.Line, n.Tag)
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Anchor != "" || strings.ContainsAny(k.Value, "\n\r") {
				return fmt.Errorf("line %d: a key must be a single one-line value", k.Line)
			}
		}
	}
	for _, c := range n.Content {
		if err := supported(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

type printer struct {
	buf bytes.Buffer
}

func (p *printer) indent(n int) {
	for range n {
		p.buf.WriteByte(' ')
	}
}

// comment writes a comment block, each line at ind. Blank lines inside
// the block stay blank.
func (p *printer) comment(c string, ind int) {
	if c == "" {
		return
	}
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimSpace(line)
		if line != "" {
			p.indent(ind)
			p.buf.WriteString(line)
		}
		p.buf.WriteByte('\n')
	}
}

// lineComments appends comments to the current line.
func (p *printer) lineComments(cs ...string) {
	for _, c := range cs {
		if c = strings.TrimSpace(c); c != "" {
			p.buf.WriteString(" " + strings.Join(strings.Fields(c), " "))
		}
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
	switch root.Kind {
	case yaml.MappingNode:
		if len(root.Content) == 0 {
			p.buf.WriteString(anchor(root) + "{}")
			p.lineComments(root.LineComment)
			p.buf.WriteByte('\n')
		} else {
			if root.Anchor != "" {
				p.buf.WriteString("&" + root.Anchor + "\n")
			}
			p.mapping(root, schema, 0, true)
		}
	case yaml.SequenceNode:
		p.value(root, &workplan.Field{Kind: workplan.KindList}, 0, false)
	default:
		p.buf.WriteString(p.inline(root, nil, false))
		p.lineComments(root.LineComment)
		p.buf.WriteByte('\n')
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
	if !first {
		p.comment(k.HeadComment, ind)
		p.comment(v.HeadComment, ind)
		p.indent(ind)
	}
	p.buf.WriteString(p.key(k) + ":")
	if f == nil {
		f = &workplan.Field{Kind: workplan.KindString}
		switch v.Kind {
		case yaml.MappingNode:
			f = &workplan.Field{Kind: workplan.KindObject}
		case yaml.SequenceNode:
			f = &workplan.Field{Kind: workplan.KindList}
		}
	}
	spaced := top && k.Value == "events"
	p.value(v, f, ind, spaced, k.LineComment)
	p.comment(v.FootComment, ind)
	p.comment(k.FootComment, ind)
}

// key writes a mapping key: plain when it reads back as the same string.
func (p *printer) key(k *yaml.Node) string {
	if k.Tag != "!!str" || plainOK(k.Value, false) {
		if k.Tag != "!!str" || k.Value != "" {
			return k.Value
		}
	}
	return quote(k.Value)
}

// value writes what follows "key:" (or a list item's "-"), up to and
// including the end of its last line.
func (p *printer) value(v *yaml.Node, f *workplan.Field, ind int, spaced bool, comments ...string) {
	comments = append(comments, v.LineComment)
	switch v.Kind {
	case yaml.AliasNode:
		p.buf.WriteString(" *" + v.Value)
		p.lineComments(comments...)
		p.buf.WriteByte('\n')
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			p.buf.WriteString(" " + anchor(v) + "{}")
			p.lineComments(comments...)
			p.buf.WriteByte('\n')
			return
		}
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
		}
		p.lineComments(comments...)
		p.buf.WriteByte('\n')
		p.mapping(v, objectOf(f), ind+2, false)
	case yaml.SequenceNode:
		if flow, ok := p.flow(v); ok {
			p.buf.WriteString(" " + anchor(v) + flow)
			p.lineComments(comments...)
			p.buf.WriteByte('\n')
			return
		}
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
		}
		p.lineComments(comments...)
		p.buf.WriteByte('\n')
		p.sequence(v, elemOf(f), ind+2, spaced)
	default:
		p.scalar(v, f, ind, comments)
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
		if strings.ContainsAny(it.Value, "\n\r") {
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
			p.comment(it.Content[order[0]].HeadComment, ind)
			p.comment(it.Content[order[0]+1].HeadComment, ind)
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
			p.indent(ind)
			p.buf.WriteString("-")
			p.value(it, f, ind, false)
		}
		p.comment(it.FootComment, ind)
	}
}

// col returns the column the next byte goes to (0-based).
func (p *printer) col() int {
	b := p.buf.Bytes()
	return utf8.RuneCount(b[bytes.LastIndexByte(b, '\n')+1:])
}

// scalar writes " value" and the line's comments, or a block scalar.
func (p *printer) scalar(v *yaml.Node, f *workplan.Field, ind int, comments []string) {
	if v.Tag == "!!null" && v.Value == "" {
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
		}
		p.lineComments(comments...)
		p.buf.WriteByte('\n')
		return
	}
	prefix := " " + anchor(v)
	if v.Tag == "!!str" {
		if header, lines, ok := block(v.Value, f, p.col()+len(prefix), ind+2); ok {
			p.buf.WriteString(prefix + header)
			p.lineComments(comments...)
			p.buf.WriteByte('\n')
			for _, l := range lines {
				if l != "" {
					p.indent(ind + 2)
					p.buf.WriteString(l)
				}
				p.buf.WriteByte('\n')
			}
			return
		}
	}
	p.buf.WriteString(prefix + p.inline(v, f, false))
	p.lineComments(comments...)
	p.buf.WriteByte('\n')
}

// inline writes a scalar on one line: plain when it reads back as the
// same value, else double-quoted. Times are always quoted.
func (p *printer) inline(v *yaml.Node, f *workplan.Field, flow bool) string {
	if v.Tag != "!!str" {
		return v.Value // a number, date, bool or null: written plain, read plain
	}
	if f != nil && f.Kind == workplan.KindTime {
		return quote(v.Value)
	}
	if plainOK(v.Value, flow) {
		return v.Value
	}
	return quote(v.Value)
}

// block decides whether a string is written as a block scalar, and
// returns the header (">-", "|"…) and the lines. Text with line breaks is
// literal (|); a text field too long for its line is folded (>-).
func block(s string, f *workplan.Field, col, ind int) (string, []string, bool) {
	body, chomp := s, "-"
	if strings.HasSuffix(body, "\n") {
		body, chomp = body[:len(body)-1], ""
	}
	if body == "" || strings.HasSuffix(body, "\n") || !blockSafe(body) {
		return "", nil, false
	}
	text := f != nil && f.Kind == workplan.KindText
	if strings.Contains(body, "\n") {
		lines := strings.Split(body, "\n")
		for _, l := range lines {
			if l != strings.TrimRight(l, " ") {
				return "", nil, false
			}
		}
		if lines[0] == "" || lines[0][0] == ' ' {
			return "", nil, false
		}
		return "|" + chomp, lines, true
	}
	if !text && chomp == "-" {
		return "", nil, false
	}
	if chomp == "-" && col+utf8.RuneCountInString(body) <= Width {
		return "", nil, false // fits on its line
	}
	if body != strings.TrimSpace(body) {
		return "", nil, false
	}
	return ">" + chomp, wrap(body, Width-ind), true
}

// blockSafe reports whether text can stand in a block scalar: no control
// characters (a block has no escapes), no tabs, no BOM.
func blockSafe(s string) bool {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r == '\t' || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || r == '\u0085' || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// wrap breaks a folded text at single spaces between words, so that
// folding it back gives the same text. Lines are at most width runes
// unless a word is longer.
func wrap(s string, width int) []string {
	if width < 40 {
		width = 40
	}
	var lines []string
	for utf8.RuneCountInString(s) > width {
		cut, runes := -1, 0
		for i, r := range s {
			if runes > width && cut > 0 {
				break
			}
			if r == ' ' && i > 0 && s[i-1] != ' ' && i+1 < len(s) && s[i+1] != ' ' {
				cut = i
			}
			runes++
		}
		if cut < 0 {
			break
		}
		lines = append(lines, s[:cut])
		s = s[cut+1:]
	}
	return append(lines, s)
}

// plainOK reports whether s can be written without quotes and read back
// as the same string. It is strict: when in doubt, quote.
func plainOK(s string, flow bool) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`.", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}:#") {
		return false
	}
	if yaml11[s] || strings.ContainsAny(s, "0123456789") && strings.Trim(s, "0123456789:._+-eE") == "" {
		return false // YAML 1.1 readers (and some editors) take these as booleans or numbers
	}
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if !unicode.IsPrint(r) || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == utf8.RuneError {
			return false
		}
	}
	// A plain scalar that starts with a letter, and has none of the
	// sequences checked above, reads back as that string unless it is one
	// of YAML's words for true, false or null: no need to parse it. This
	// is the common case (titles, names), and the parse below costs a
	// whole yaml.v3 parser per value.
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLetter(r) && !yamlWords[s] {
		return true
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+s), &n); err != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return false
	}
	v := n.Content[0].Content[1]
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && v.Style == 0 &&
		v.LineComment == "" && v.FootComment == ""
}

// yamlWords are the plain scalars yaml.v3 reads as a bool or null.
var yamlWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"null": true, "Null": true, "NULL": true,
}

var yaml11 = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

// quote writes s as a YAML double-quoted string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// same checks that out reads back as doc: the same values and tags, the
// same keys (in any order), the same comments.
func same(doc *yaml.Node, out []byte) (*yaml.Node, error) {
	back, err := parse(out)
	if err != nil {
		return nil, fmt.Errorf("output does not read back: %v", err)
	}
	if a, b := canon(doc.Content[0]), canon(back.Content[0]); a != b {
		return nil, errors.New("output reads back as different data")
	}
	a, b := comments(doc, nil), comments(back, nil)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		return nil, errors.New("output does not keep every comment")
	}
	return back, nil
}

// canon writes a node as a string in which mapping order does not count.
func canon(n *yaml.Node) string {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + strconv.Quote(n.Value)
	case yaml.ScalarNode:
		return "&" + n.Anchor + "!" + n.ShortTag() + "=" + strconv.Quote(n.Value)
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = canon(c)
		}
		return "&" + n.Anchor + "[" + strings.Join(parts, ",") + "]"
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, canon(n.Content[i])+":"+canon(n.Content[i+1]))
		}
		slices.Sort(parts)
		return "&" + n.Anchor + "{" + strings.Join(parts, ",") + "}"
	}
	return "?"
}

// comments lists every comment line of the tree, trimmed.
func comments(n *yaml.Node, out []string) []string {
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, l := range strings.Split(c, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				out = append(out, l)
			}
		}
	}
	for _, c := range n.Content {
		out = comments(c, out)
	}
	return out
}
