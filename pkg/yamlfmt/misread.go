package yamlfmt

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// This file refuses text that yaml.v3 reads otherwise than YAML 1.2 does
// (the YAML test suite, testdata/yaml-test-suite, shows where). bp fmt
// would write the misreading back, and its own check, which reads the
// output with the same library, could not see the change: the error
// names the place, and what to write instead.

// misread returns an error at the first place of doc's text, l, that
// yaml.v3 reads otherwise than YAML 1.2: a '?' stuck to a value in a
// flow collection ("[?x]"), a ':' that ends a value there ("{a:, b}"),
// an anchor or alias name that yaml.v3 cuts short ("&an:chor"), and the
// tag it drops without a word where that matters ("! 12", a string read
// as a number).
func misread(l *lines, doc *yaml.Node) error {
	// Most files have none of the characters misreadAt looks for, and
	// many no flow collection: no need to look.
	at := bytes.ContainsAny(l.src, "?&*!")
	if !at && !bytes.ContainsAny(l.src, "[{") {
		return nil
	}
	return misreadNode(l, doc, false, at)
}

// misreadNode checks n and the nodes under it; flow is set inside a
// flow collection ([ ] or { }), at when the text around each node is
// to be read (see misreadAt).
func misreadNode(l *lines, n *yaml.Node, flow, at bool) error {
	if at && n.Kind != yaml.DocumentNode && n.Line > 0 {
		if err := misreadAt(l, n); err != nil {
			return err
		}
	}
	if flow && n.Kind == yaml.ScalarNode && n.Style&^yaml.TaggedStyle == 0 && flowColon(n.Value) {
		// YAML ends a plain value in a flow collection at a ':' that a
		// blank or a flow indicator follows ({ a:, b: 1 } is a: null);
		// yaml.v3 reads "a:" as the value.
		return posErrorf("YAML ends the value %q inside [ ] or { } at its ':', "+
			"bp's YAML reader keeps the ':' in it; quote the value, or put a space after the ':'",
			n.Line, n.Column, n.Value)
	}
	flow = flow || n.Style&yaml.FlowStyle != 0
	for _, c := range n.Content {
		if err := misreadNode(l, c, flow, at); err != nil {
			return err
		}
	}
	return nil
}

// flowColon reports whether a plain value read inside a flow collection
// holds a ':' that YAML reads as an indicator: at its end, or before a
// blank or a flow indicator.
func flowColon(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		if i+1 == len(s) || strings.IndexByte(" \t\n,[]{}", s[i+1]) >= 0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// misreadAt checks the text where yaml.v3 says n starts: at its
// properties (anchor, tag), else at its value.
func misreadAt(l *lines, n *yaml.Node) error {
	src := l.src
	off, err := l.offset(n.Line, n.Column)
	if err != nil {
		return err
	}
	if off > 0 && src[off-1] == '?' && off < len(src) && !isBlank(src[off]) {
		// YAML 1.2 reads "?x" as one plain value wherever '?' is not
		// followed by a blank; yaml.v3 reads the '?' of "[?x]" or
		// "{ ?x: y }" as the explicit key indicator, and the value as x.
		return posErrorf("YAML reads ?%s as one value, bp's YAML reader "+
			"as a key without its '?'; quote it (\"?%s\") or put a space after the '?'",
			n.Line, n.Column-1, key(src[off:]), key(src[off:]))
	}
	if n.Kind == yaml.AliasNode {
		return misreadName(l, off, '*', n.Value)
	}
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0 &&
		n.Content[0].Line == n.Line && n.Content[0].Column == n.Column {
		// The properties at this place are the first key's ("&k key: v"),
		// checked with it.
		return nil
	}
	for off < len(src) {
		switch c := src[off]; {
		case c == ' ' || c == '\t' || c == '\n':
			off++
		case c == '#':
			// a comment between the properties and the value
			if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
				off += i
			} else {
				off = len(src)
			}
		case c == '&':
			if err := misreadName(l, off, '&', n.Anchor); err != nil {
				return err
			}
			off += 1 + len(word(src[off+1:]))
		case c == '!':
			line, col := l.lineOf(off)+1, l.col(off)+1
			t := word(src[off:])
			if t != "!" {
				// yaml.v3 marks every other tag, and supported refuses
				// them; it drops "!<!>" without a word
				return posErrorf("explicit tags (%s) are not supported by bp fmt",
					line, col, t)
			}
			// The non-specific tag "!" makes a scalar a string, a
			// collection what it is: the tag can go, unless yaml.v3,
			// which drops it, reads the scalar as something else
			// ("! 12", the string "12", as the number 12).
			if n.Kind == yaml.ScalarNode && n.Tag != "!!str" {
				what, ok := tagWords[n.ShortTag()]
				if !ok {
					what = n.ShortTag()
				}
				return posErrorf("the tag '!' makes %q a string, but bp's YAML "+
					"reader drops the tag and reads %s; quote the value instead", line, col, n.Value, what)
			}
			off++
		default:
			return nil
		}
	}
	return nil
}

// misreadName checks the anchor (sigil '&') or alias ('*') name at off:
// YAML 1.2 ends it at a blank or a flow indicator, yaml.v3 also at other
// characters (':', '?'), reading the rest as the value.
func misreadName(l *lines, off int, sigil byte, name string) error {
	full := ""
	if off < len(l.src) && l.src[off] == sigil {
		full = word(l.src[off+1:])
	}
	if full == name {
		return nil
	}
	what := "anchor"
	if sigil == '*' {
		what = "alias"
	}
	line, col := l.lineOf(off)+1, l.col(off)+1
	if name == "" || !strings.HasPrefix(full, name) {
		// not where yaml.v3 said: the check cannot tell, so refuse
		return posErrorf("bp fmt cannot tell which value the %s %c%s is read with",
			line, col, what, sigil, full)
	}
	return posErrorf("%s name %c%s is read by bp's YAML reader as %c%s "+
		"followed by %q; use only letters, digits, '-' and '_' in %s names",
		line, col, what, sigil, full, sigil, name, full[len(name):], what)
}

// word returns the text of b up to a blank, a line break or a flow
// indicator: a name, a tag, or the start of a value.
func word(b []byte) string {
	i := 0
	for i < len(b) && !isBlank(b[i]) && strings.IndexByte(",[]{}", b[i]) < 0 {
		i++
	}
	return string(b[:i])
}

// key returns the text of b up to what ends a word or a flow key (": ").
func key(b []byte) string { return strings.TrimSuffix(word(b), ":") }

// tagWords names what yaml.v3 reads a plain scalar as.
var tagWords = map[string]string{
	"!!int": "a number", "!!float": "a number", "!!bool": "a boolean",
	"!!null": "null", "!!timestamp": "a date", "!!merge": "a merge key",
}

// PosError is a refusal of the input at a place in it: Error gives
// "line L, column C: MSG"; a caller that knows the file's name gives
// FILE:L:C: MSG, as bp validate does.
type PosError struct {
	Line, Column int
	Msg          string
}

func (e *PosError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// posErrorf is the PosError at line and col, its message format with
// args.
func posErrorf(format string, line, col int, args ...any) error {
	return &PosError{Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}
