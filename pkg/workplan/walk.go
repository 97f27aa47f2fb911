package workplan

// The schema walker: a mapping against its Object, key by key.

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ctx names the object a diagnostic is about: `event "rg-2026-03"`, or
// `event #3` before its id is known, and the part of it read, if any:
// `event "rg-2026-03": location: alternative #2`. The name is written
// only when a diagnostic is, not for each object read.
type ctx struct {
	kind  string
	id    string
	index int // 1-based position in its list; 0 when not in a list

	part      string // "location", "location: alternative", "movedFrom", "outcome"
	partIndex int    // the part's position in its list, as index
}

// in returns the context of a part of c's object.
func (c ctx) in(part string) ctx {
	c.part, c.partIndex = part, 0
	return c
}

func (c ctx) String() string {
	s := c.kind
	switch {
	case c.id != "":
		s += " " + strconv.Quote(c.id)
	case c.index > 0:
		s += " #" + strconv.Itoa(c.index)
	}
	if c.part != "" {
		s += ": " + c.part
		if c.partIndex > 0 {
			s += " #" + strconv.Itoa(c.partIndex)
		}
	}
	return s
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "true/false"
		}
		return "a string"
	}
	return "an alias"
}

// object walks a mapping against its schema. It reports keys the schema
// does not know, duplicated keys, values of the wrong shape and missing
// required keys, records where each key starts, and calls set for every
// key whose value has the right shape. A null value counts as absent.
//
// YAML merge keys ("<<: *defaults") are honoured: the merged mapping's
// keys count as the object's own unless the object sets them itself, as
// the YAML merge-key spec says; a position then points into the anchor.
func (d *decoder) object(n *yaml.Node, o *Object, c ctx, pos *fieldPositions, set func(f *Field, k, v *yaml.Node)) bool {
	if n = d.deref(n); n == nil {
		return false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(posOf(n), "type", "write the "+o.Name+"'s keys, one key: value per line: "+strings.Join(o.Keys()[:min(3, len(o.Fields))], ": ..., ")+": ...",
			"%s must be a mapping of keys, got %s", c, kindName(n))
		return false
	}
	var seen, present uint64
	var defaults []*yaml.Node // what a migration gives o (see decoder.defaults)
	for _, df := range d.defaults {
		if df.o == o {
			defaults = df.kv
		}
	}
	if pos != nil && *pos == nil {
		*pos = make(fieldPositions, 0, (len(n.Content)+len(defaults))/2)
	}
	// field handles one key; merged keys never count as duplicates: the
	// object's own value, or an earlier merge, wins.
	field := func(m *yaml.Node, k, v *yaml.Node, merged bool) {
		fi := o.index(k.Value)
		if fi < 0 || k.Kind != yaml.ScalarNode {
			d.unknownKey(k, o, c)
			return
		}
		f := &o.Fields[fi]
		if seen&(1<<fi) != 0 {
			if !merged {
				d.errorf(posOf(k), "duplicate-key", "delete one of the two: YAML keeps only one value per key",
					"%s: key %q appears twice (first at line %d)", c, k.Value, firstKeyLine(m, k))
			}
			return
		}
		seen |= 1 << fi
		if isNull(v) {
			return
		}
		present |= 1 << fi
		if pos != nil {
			at := posOf(v)
			if at.Line == 0 {
				at = posOf(n) // a default's: see readEventRevisions
			}
			*pos = append(*pos, newFieldPos(f, at))
		}
		if !d.shape(f, v, c) {
			return
		}
		set(f, k, v)
	}
	var merges []*yaml.Node // rare: allocated only when a file merges
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := d.deref(n.Content[i])
		v := d.deref(n.Content[i+1])
		if k == nil || v == nil {
			return false
		}
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		field(n, k, v, false)
	}
	for i := 0; i+1 < len(defaults); i += 2 {
		if j := o.index(defaults[i].Value); j >= 0 && seen&(1<<j) != 0 {
			continue // the mapping's own
		}
		k, v := d.deref(defaults[i]), d.deref(defaults[i+1])
		if k == nil || v == nil {
			return false
		}
		field(n, k, v, true)
	}
	for _, m := range merges {
		if !d.merge(m, c, field, 0) {
			return false
		}
	}
	for j := range o.Fields {
		f := &o.Fields[j]
		switch {
		case !f.Required || present&(1<<j) != 0:
		case f.Since > d.version:
			// an older file: its migration adds the key from values that
			// are reported where they are, if they are wrong
		case o == Schema && f.Key == "formatVersion":
			// formatVersion() has reported it, as format-version
		case seen&(1<<j) != 0:
			d.errorf(posOf(n), "required", requiredHint(f), "%s: %q is empty", c, f.Key)
		default:
			d.errorf(posOf(n), "required", requiredHint(f), "%s: missing required key %q", c, f.Key)
		}
	}
	return true
}

// merge feeds the keys of a "<<" value (a mapping, or a list of them,
// earlier ones winning) to field. Merges nest only as deep as anchors do;
// the depth bound is a guard, not a limit a real file meets.
func (d *decoder) merge(v *yaml.Node, c ctx, field func(m, k, v *yaml.Node, merged bool), depth int) bool {
	if depth > 32 {
		d.errorf(posOf(v), "limit", "", "%s: merge keys (<<) nested more than 32 deep", c)
		return false
	}
	switch v.Kind {
	case yaml.MappingNode:
		var nested []*yaml.Node
		for i := 0; i+1 < len(v.Content); i += 2 {
			k := d.deref(v.Content[i])
			val := d.deref(v.Content[i+1])
			if k == nil || val == nil {
				return false
			}
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				nested = append(nested, val)
				continue
			}
			field(v, k, val, true)
		}
		for _, m := range nested {
			if !d.merge(m, c, field, depth+1) {
				return false
			}
		}
	case yaml.SequenceNode:
		for _, m := range v.Content {
			if m = d.deref(m); m == nil {
				return false
			}
			if m.Kind != yaml.MappingNode {
				d.errorf(posOf(m), "type", "write <<: *name, where &name marks a mapping", "%s: each item merged with << must be a mapping, got %s", c, kindName(m))
				continue
			}
			if !d.merge(m, c, field, depth+1) {
				return false
			}
		}
	default:
		d.errorf(posOf(v), "type", "write <<: *name, where &name marks a mapping", "%s: << must merge a mapping, got %s", c, kindName(v))
	}
	return true
}

// firstKeyLine finds where a duplicated key first appears in mapping m.
func firstKeyLine(m, dup *yaml.Node) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Value == dup.Value {
			return k.Line
		}
	}
	return dup.Line
}

func requiredHint(f *Field) string {
	switch f.Kind {
	case KindEnum:
		return "add " + f.Key + ": " + f.Enum[0] + " (one of " + strings.Join(f.Enum, ", ") + ")"
	case KindDate:
		return "add " + f.Key + ": YYYY-MM-DD"
	case KindDue:
		return "add " + f.Key + ": YYYY-MM-DD, or YYYY-MM for a month"
	case KindList:
		return "add " + f.Key + ": with one \"- \" item per line"
	}
	if f.Doc == "" {
		return ""
	}
	return "write " + f.Key + ": ... (" + strings.TrimSuffix(f.Doc, ".") + ")"
}

func (d *decoder) unknownKey(k *yaml.Node, o *Object, c ctx) {
	if k.Kind != yaml.ScalarNode {
		d.errorf(posOf(k), "unknown-key", "known keys: "+strings.Join(o.Keys(), ", "),
			"%s: a key must be a plain word, got %s", c, kindName(k))
		return
	}
	hint := "known keys: " + strings.Join(o.Keys(), ", ")
	if s := suggest(k.Value, o.Keys()); s != "" {
		hint = "did you mean " + strconv.Quote(s) + "? " + hint
	}
	d.errorf(posOf(k), "unknown-key", hint, "%s: unknown key %q", c, k.Value)
}

// shape checks that a value is a scalar, list or mapping as its field wants.
func (d *decoder) shape(f *Field, v *yaml.Node, c ctx) bool {
	want := yaml.ScalarNode
	switch f.Kind {
	case KindList:
		want = yaml.SequenceNode
	case KindObject:
		want = yaml.MappingNode
	}
	if v.Kind == want {
		return true
	}
	var what, hint string
	switch want {
	case yaml.ScalarNode:
		what = "a single value"
		hint = "write one value on the line of the key: " + f.Key + ": ..."
	case yaml.SequenceNode:
		what = "a list"
		hint = "write one \"- \" item per line under " + f.Key + ":, or " + f.Key + ": [a, b]"
		if v.Kind == yaml.ScalarNode && v.Value != "" && !strings.ContainsAny(v.Value, "\r\n") {
			hint = "write " + f.Key + ": [" + v.Value + "]"
		}
	default:
		what = "a mapping"
		hint = "indent its keys under " + f.Key + ":, one key: value per line"
	}
	d.errorf(posOf(v), "type", hint, "%s: %q must be %s, got %s", c, f.Key, what, kindName(v))
	return false
}

// idOf finds a mapping's id before its other keys are read, so that every
// diagnostic about it can name it.
func (d *decoder) idOf(n *yaml.Node) string {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			v := n.Content[i+1]
			if v.Kind == yaml.ScalarNode && isID(v.Value) {
				return v.Value
			}
			return ""
		}
	}
	return ""
}
