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
//
// # What is kept
//
// Every comment is kept, its text byte for byte from the '#' to the last
// character that is not a space or a tab (blanks at the end of a line are
// layout, and go). A comment stays before, on or after the line it
// belongs to; a comment on the line of a key whose value also has one
// moves above the key.
//
// Anchors and aliases are kept. When the canonical order would print an
// alias (*x) before its anchor (&x), the anchor moves to the first place
// the value is printed and the place it had gets the alias: the same
// data, and a second run leaves it there.
//
// The file keeps its line endings and its UTF-8 byte order mark: CRLF when
// most of its lines end in CRLF (on a tie, when the first line does), else
// LF; a stray line of the other kind takes the file's ending. A document
// start marker (---) is kept with the directives above it (%YAML …);
// comments above the marker move below it. The end marker (...) goes.
//
// # Safety
//
// [Format] works on yaml.Node and checks its own output: the result must
// read back as the same data (the same values, tags and keys, aliases
// read as the values they name) with the same comments, and format to
// itself, or Format returns an error and no output ([EditTree] reads
// back only the events a change made or moved in the text, where it can
// tell that the rest reads as it did). It also reads the
// comments from the text itself, so that a comment yaml.v3 drops while
// reading (one right after a flow collection's "{" or "[") is still kept.
// A file that is not YAML is an error; formatting never needs the plan to
// be valid.
//
// The check reads with yaml.v3, and so cannot see a change where yaml.v3
// misread the input in the first place. Text it reads otherwise than
// YAML 1.2 does (the YAML test suite shows where: "{ ?x: y }", "&an:chor",
// "! 12", "{ a:, b }") is refused, with its line and column (see
// misread.go); a block text that ends the file without a line break is
// read with one, as YAML reads it. TestFormatYAMLTestSuite holds Format
// to the suite's data.
package yamlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// Width is the column folded text is wrapped at.
const Width = 80

var bom = []byte("\xEF\xBB\xBF")

// Format returns data in the canonical layout for the format described by
// schema (normally [workplan.Schema]), with data's line endings and byte
// order mark.
func Format(data []byte, schema *workplan.Object) ([]byte, error) {
	return formatter{}.Format(data, schema)
}

// A formatter formats with checks beyond its own: the functions of the
// package use the zero formatter, which makes none; the package's tests
// make both on every input (same_test.go).
type formatter struct {
	// verifySameTree, when not nil, is called where sameTree lets
	// format skip the summary and the second print, to make both
	// anyway.
	verifySameTree func(printed, back *yaml.Node, out []byte, head string, schema *workplan.Object)
	// verifySplice, when not nil, is called where splice read the
	// output in parts, to read it whole and compare.
	verifySplice func(printed, back *yaml.Node, out []byte, schema *workplan.Object)
}

// Format is the package's Format, with f's checks.
func (f formatter) Format(data []byte, schema *workplan.Object) ([]byte, error) {
	out, _, err := f.layout(data, schema, nil, nil, false, false)
	return out, err
}

// Check reports whether data is already in the canonical layout: whether
// [Format] would return it as it is. It reads data and prints it once,
// which is all a file in canonical form costs Format too; a file that is
// not, Check does not go on to format (Format prints it again and reads
// its output back to check it: three times the work), so on such a file
// Format may still fail where Check said "not formatted". An error is
// one Format returns too (not YAML, not UTF-8, an explicit tag…).
func Check(data []byte, schema *workplan.Object) (formatted bool, err error) {
	return formatter{}.Check(data, schema)
}

// Check is the package's Check, with f's checks.
func (f formatter) Check(data []byte, schema *workplan.Object) (formatted bool, err error) {
	out, _, err := f.layout(data, schema, nil, nil, true, false)
	if err != nil {
		return false, err
	}
	return bytes.Equal(out, data), nil
}

// Edit is [Format] for a change made to the document: it reads data as
// Format does (every comment, even those yaml.v3 drops, is in the tree),
// calls change with the document's root node, and writes the tree change
// leaves in the canonical layout, with data's line endings and byte order
// mark. change may add, replace or remove nodes; a comment on a node it
// keeps stays with it. Format's check holds against the changed tree: the
// output reads back as its data, with its comments, and formats to itself.
// An error from change is returned as it is, and nothing is written.
func Edit(data []byte, schema *workplan.Object, change func(root *yaml.Node) error) ([]byte, error) {
	out, _, err := formatter{}.EditTree(data, schema, change, nil)
	return out, err
}

// EditTree is [Edit], which also returns the root node of the output as
// yaml.v3 reads it: the tree Edit's own check read back, so that a caller
// can decode the result without parsing it again (its positions are the
// output's lines and columns).
//
// kept, when not nil, is asked after change about items of the top-level
// events list: it reports whether change left the item exactly as it was
// read (not a value, key or comment of it changed). The check then reads
// back only the text of the output that is new, not the events that
// print as the very bytes they were read from (see splice): an edit of
// one event of a large plan costs about one parse, not two. A kept that
// says true of an item the change did alter can let a printer's mistake
// in that item go unseen; bp's edit commands record what they change.
func EditTree(data []byte, schema *workplan.Object, change func(root *yaml.Node) error, kept func(item *yaml.Node) bool) ([]byte, *yaml.Node, error) {
	return formatter{}.EditTree(data, schema, change, kept)
}

// EditTree is the package's EditTree, with f's checks.
func (f formatter) EditTree(data []byte, schema *workplan.Object, change func(root *yaml.Node) error, kept func(item *yaml.Node) bool) ([]byte, *yaml.Node, error) {
	out, back, err := f.layout(data, schema, change, kept, false, true)
	if err != nil {
		return nil, nil, err
	}
	return out, back.Content[0], nil
}

// layout formats data with its line endings and byte order mark, after
// change (if any) has edited its tree. once stops after the first print
// (see [Check]); tree asks for the output's document as read back (see
// [EditTree]), which costs a check that a file already in canonical form
// otherwise skips.
func (f formatter) layout(data []byte, schema *workplan.Object, change func(*yaml.Node) error, kept func(*yaml.Node) bool, once, tree bool) ([]byte, *yaml.Node, error) {
	hasBOM := bytes.HasPrefix(data, bom)
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		return nil, nil, errors.New("the file is not UTF-8 text")
	}
	crlf := mostlyCRLF(data)
	out, back, err := f.format(endLine(toLF(data)), schema, change, kept, once, tree)
	if err != nil {
		return nil, nil, err
	}
	// The printer writes no CR of its own (a CR in a value is escaped),
	// so every LF of out is a line break.
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if hasBOM {
		out = append(slices.Clip(bom), out...)
	}
	return out, back, nil
}

// mostlyCRLF reports whether most of data's lines end in CRLF, or, as
// many end in CRLF as in LF alone, the first one does.
func mostlyCRLF(data []byte) bool {
	crlf := bytes.Count(data, []byte("\r\n"))
	lf := bytes.Count(data, []byte("\n")) - crlf
	if crlf != lf {
		return crlf > lf
	}
	i := bytes.IndexByte(data, '\n')
	return i > 0 && data[i-1] == '\r'
}

// toLF turns every CRLF and lone CR of data into LF. YAML reads each of
// them as one line break, also inside a value, so the meaning stays.
func toLF(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i, c := range data {
		switch {
		case c != '\r':
			out = append(out, c)
		case i+1 < len(data) && data[i+1] == '\n':
			// the LF follows
		default:
			out = append(out, '\n')
		}
	}
	return out
}

// endLine ends LF text with a line break, as YAML reads the end of the
// text: a block scalar's last line gets one, where yaml.v3 gives none
// ("|" over "x" and a line of spaces is "x\n \n" to YAML, "x\n " to
// yaml.v3). The output ends with a line break: read without one, the
// text would lose it.
func endLine(src []byte) []byte {
	if len(src) == 0 || src[len(src)-1] == '\n' {
		return src
	}
	return append(slices.Clip(src), '\n')
}

// format formats LF text without a byte order mark, after change (if
// any) has edited its tree. It returns the output and, when tree is set,
// its document as read back; once returns the first print, unchecked.
// kept is EditTree's.
func (f formatter) format(src []byte, schema *workplan.Object, change func(*yaml.Node) error, kept func(*yaml.Node) bool, once, tree bool) ([]byte, *yaml.Node, error) {
	doc, err := parse(src)
	if err != nil {
		return nil, nil, err
	}
	var anchored bool
	if err := supported(doc, 0, nil, &anchored); err != nil {
		return nil, nil, err
	}
	lines := newLines(src)
	if err := misread(lines, doc); err != nil {
		return nil, nil, err
	}
	head, directives := documentStart(lines, doc)
	if err := keepComments(lines, doc, directives); err != nil {
		return nil, nil, err
	}
	var items *itemsIndex
	if change != nil {
		if kept != nil && head == "" && !anchored {
			items = indexItems(lines, doc)
		}
		if err := change(doc.Content[0]); err != nil {
			return nil, nil, err
		}
		if len(doc.Content) != 1 || doc.Content[0] == nil {
			return nil, nil, errors.New("the change left no document")
		}
		anchored = false
		if err := supported(doc, 0, nil, &anchored); err != nil {
			return nil, nil, fmt.Errorf("the change cannot be written: %v", err)
		}
		if anchored {
			items = nil
		}
	}
	// yaml.v3 attaches some comments (after the last line of a nested
	// block, at the end of a file without a final newline) to a different
	// node once they are moved, so print until the output reproduces
	// itself. Every round's output is read back and checked against the
	// input's data and comments (after change), and its read-back is the
	// next round's input. Some checks are known before they are made, and
	// skipped: a first round that prints the input itself, unchanged (a
	// file in canonical form: one parse and one print, what bp fmt --check
	// meets in CI), unless the caller wants the tree read back; a later
	// round that prints what the round before printed and checked; and a
	// read-back that is the printed tree over again (see sameTree), which
	// holds its data and comments and prints as it did. After a change,
	// the first round reads back only the output's text the input did not
	// already hold, when it can (see splice): the rest of the tree read
	// back is the input's, event for event.
	var (
		want   summary
		summed bool
		out    = src
		last   *yaml.Node
	)
	for round := range 4 {
		if err := hoistAnchors(doc, schema); err != nil {
			return nil, nil, err
		}
		p := &printer{}
		if round == 0 && items != nil {
			p.marks = &itemMarks{}
		}
		p.buf.WriteString(head)
		p.document(doc, schema)
		next := p.buf.Bytes()
		if once {
			return next, nil, nil
		}
		if bytes.Equal(next, out) {
			if round > 0 {
				// out passed the check last round: it is what it read
				// back from that reproduces it, so reading it again
				// proves nothing
				return next, last, nil
			}
			if change == nil && !tree {
				return next, nil, nil
			}
		}
		if p.marks != nil {
			if back, ok := splice(items, doc, next, p.marks, schema, kept); ok {
				if f.verifySplice != nil {
					f.verifySplice(doc, back, next, schema)
				}
				return next, back, nil
			}
		}
		back, err := parse(next)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot format this file without changing it (output does not read back: %v); please report it", err)
		}
		if sameTree(doc, back, schema) {
			if f.verifySameTree != nil {
				f.verifySameTree(doc, back, next, head, schema)
			}
			return next, back, nil
		}
		// Not the printed tree over again: read the output as any file is
		// read before comparing (see restoreComments).
		if err := restoreComments(next, back); err != nil {
			return nil, nil, fmt.Errorf("cannot format this file without changing it (output does not read back: %v); please report it", err)
		}
		if !summed {
			// Printing moves comments and anchors, never data or the
			// comments' text: the summary is the (changed) input's.
			want, summed = summarize(doc), true
		}
		if err := want.check(back); err != nil {
			return nil, nil, fmt.Errorf("cannot format this file without changing it (%v); please report it", err)
		}
		if bytes.Equal(next, out) {
			return next, back, nil
		}
		out, doc, last = next, back, back
	}
	return nil, nil, errors.New("cannot format this file: the layout does not settle; please report it")
}

// restoreComments puts into back, an output as yaml.v3 read it, the
// comments yaml.v3 leaves out (one above a sequence item that holds
// nothing, for one), from the text, as the input was read: the check
// then compares like with like. A read-back that is the printed tree over
// again (sameTree) has every comment already.
func restoreComments(out []byte, back *yaml.Node) error {
	lines := newLines(out)
	_, directives := documentStart(lines, back)
	return keepComments(lines, back, directives)
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
	if root := doc.Content[0]; root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Value == "" {
		return nil, errors.New("the file is empty") // a tag or an anchor, and nothing else
	}
	return &doc, nil
}

// supported refuses what the printer does not write: explicit tags,
// keys that are not single values, an alias inside the value it names
// (a structure without end), and absurd nesting. open holds n's
// ancestors; anchored is set when n or a node under it has an anchor or
// is an alias.
func supported(n *yaml.Node, depth int, open []*yaml.Node, anchored *bool) error {
	if depth > 200 {
		return errors.New("nesting deeper than 200 levels")
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return posErrorf("explicit tags (%s) are not supported by bp fmt", n.Line, n.Column, n.Tag)
	}
	switch n.Kind {
	case yaml.AliasNode:
		*anchored = true
		if slices.Contains(open, n.Alias) {
			return posErrorf("alias *%s is inside the value it names", n.Line, n.Column, n.Value)
		}
	case yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Anchor != "" || strings.ContainsAny(k.Value, "\n\r") {
				return posErrorf("a key must be a single one-line value", k.Line, k.Column)
			}
		}
	}
	if n.Anchor != "" {
		*anchored = true
		open = append(open, n)
	}
	for _, c := range n.Content {
		if err := supported(c, depth+1, open, anchored); err != nil {
			return err
		}
	}
	return nil
}
