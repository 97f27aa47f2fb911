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
	"strings"
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
