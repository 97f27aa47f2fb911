package workplan

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits bound what Parse accepts, so that hostile input fails fast.
type Limits struct {
	MaxBytes int // largest file accepted
	MaxNodes int // most YAML nodes visited, counting alias expansions
}

// DefaultLimits are generous for hand-written plans (a plan of 10,000
// events is about 3 MiB).
var DefaultLimits = Limits{MaxBytes: 16 << 20, MaxNodes: 4_000_000}

// Parse reads a workplan from data. file is the name diagnostics use. It
// returns the plan (nil when the file is too broken to read any of it)
// and every problem found while reading; call [Validate] for the rules
// that need the whole plan.
func Parse(file string, data []byte, lim Limits) (*Plan, []Diagnostic) {
	d := &decoder{file: file, lim: lim}
	plan := d.parse(data)
	return plan, d.diags
}

type decoder struct {
	file  string
	lim   Limits
	diags []Diagnostic
	nodes int
	zones map[string]bool
	src   []byte
}

func (d *decoder) add(sev Severity, p Pos, rule, hint, format string, args ...any) {
	if len(d.diags) >= MaxDiagnostics {
		if len(d.diags) == MaxDiagnostics {
			d.diags = append(d.diags, tooMany(d.file))
		}
		return
	}
	d.diags = append(d.diags, Diagnostic{
		File: d.file, Line: p.Line, Col: p.Col, Severity: sev, Rule: rule,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

func (d *decoder) errorf(p Pos, rule, hint, format string, args ...any) {
	d.add(SeverityError, p, rule, hint, format, args...)
}

func posOf(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func (d *decoder) parse(data []byte) *Plan {
	if d.lim.MaxBytes > 0 && len(data) > d.lim.MaxBytes {
		d.errorf(Pos{1, 1}, "limit", "raise the limit with --max-size if the file is genuine",
			"file is %d bytes, more than the limit of %d", len(data), d.lim.MaxBytes)
		return nil
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		d.errorf(Pos{1, 1}, "encoding", "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
			"file is UTF-16 text; bp reads UTF-8")
		return nil
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	d.src = data
	if i := bytes.IndexByte(data, 0); i >= 0 {
		d.errorf(offsetPos(data, i), "encoding", "a workplan is UTF-8 text; is this the right file?",
			"file contains a NUL byte: it is binary, not YAML")
		return nil
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		d.errorf(offsetPos(data, i), "encoding", "save the file as UTF-8",
			"invalid UTF-8 byte 0x%02X", data[i])
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		d.syntaxError(data, err)
		return nil
	}
	if !d.oneDocument(data) {
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isNull(doc.Content[0]) && doc.Content[0].Value == "" {
		d.errorf(Pos{1, 1}, "required", "start from workplans/2026.yaml, or see README's format section",
			"file is empty")
		return nil
	}
	root := doc.Content[0]
	if !d.formatVersion(root) {
		return nil
	}
	plan := &Plan{File: d.file, pos: posOf(root)}
	d.object(root, Schema, ctx{kind: "workplan"}, &plan.fields, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "formatVersion":
			plan.FormatVersion, _ = d.intValue(ctx{kind: "workplan"}, f, v)
		case "plan":
			d.planMeta(plan, v)
		case "groups":
			d.list(v, f, func(i int, n *yaml.Node) {
				if g := d.group(i, n); g != nil {
					plan.Groups = append(plan.Groups, g)
				}
			})
		case "products":
			d.list(v, f, func(i int, n *yaml.Node) {
				if p := d.product(i, n); p != nil {
					plan.Products = append(plan.Products, p)
				}
			})
		case "milestones":
			d.list(v, f, func(i int, n *yaml.Node) {
				if m := d.milestone(i, n); m != nil {
					plan.Milestones = append(plan.Milestones, m)
				}
			})
		case "events":
			if v.Kind == yaml.SequenceNode {
				plan.Events = make([]*Event, 0, len(v.Content))
			}
			d.list(v, f, func(i int, n *yaml.Node) {
				if e := d.event(i, n); e != nil {
					plan.Events = append(plan.Events, e)
				}
			})
		}
	})
	plan.index()
	return plan
}

// formatVersion reads the version first, before anything else is
// decoded: a file for a newer format is refused as a whole rather than
// reported as a list of unknown keys.
func (d *decoder) formatVersion(root *yaml.Node) bool {
	root = d.deref(root)
	if root == nil {
		return false
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(posOf(root), "type", "a workplan starts with formatVersion: 1, then plan: and events:",
			"the file must be a mapping of keys, got %s", kindName(root))
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "formatVersion" {
			continue
		}
		v := d.deref(root.Content[i+1])
		if v == nil {
			return false
		}
		n, err := strconv.Atoi(v.Value)
		if v.Kind != yaml.ScalarNode || err != nil || n < 1 {
			got := strconv.Quote(v.Value)
			if v.Kind != yaml.ScalarNode || isNull(v) {
				got = kindName(v)
			}
			d.errorf(posOf(v), "format-version", "write formatVersion: "+strconv.Itoa(FormatVersion),
				"formatVersion must be a whole number from 1, got %s", got)
			return false
		}
		if n > FormatVersion {
			d.errorf(posOf(v), "format-version",
				"upgrade bp (go install github.com/icmpd/bp/cmd/bp@latest); this bp reads format "+strconv.Itoa(FormatVersion),
				"file is written for format version %d, newer than the version %d this bp reads", n, FormatVersion)
			return false
		}
		if n < FormatVersion {
			d.migrate(root, n, posOf(v))
		}
		return true
	}
	d.errorf(posOf(root), "format-version", "add formatVersion: "+strconv.Itoa(FormatVersion)+" as the first line",
		"missing formatVersion")
	return true // decode the rest to report more
}

// oneDocument refuses a file of several YAML documents: yaml.Unmarshal
// reads the first and silently drops the rest, and a plan whose second
// half is ignored is worse than an error. A document marker must start a
// line, so most files are cleared by one scan; an empty last document (a
// trailing "---") is harmless and allowed.
func (d *decoder) oneDocument(data []byte) bool {
	if !bytes.Contains(data, []byte("\n---")) && !bytes.Contains(data, []byte("\n...")) {
		return true
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, next yaml.Node
	if err := dec.Decode(&first); err != nil {
		return true // reported by Unmarshal already
	}
	err := dec.Decode(&next)
	switch {
	case err == io.EOF:
		return true
	case err != nil:
		d.syntaxError(data, err)
		return false
	case len(next.Content) == 0 || isNull(next.Content[0]) && next.Content[0].Value == "":
		return true
	}
	d.errorf(posOf(&next), "yaml-syntax", "a workplan is one YAML document: delete this \"---\" line to join the two, or move the rest to its own file",
		"a second YAML document starts here; bp would ignore it")
	return false
}

func (d *decoder) syntaxError(data []byte, err error) {
	line, msg := splitYAMLError(err)
	if strings.Contains(msg, "exceeded max depth") || strings.Contains(msg, "excessive aliasing") {
		d.errorf(Pos{max(line, 1), 1}, "limit", "a workplan nests a few levels deep; check the file is the right one",
			"the YAML nests too deep (%s)", msg)
		return
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name, _, _ = strings.Cut(name, "'")
		d.errorf(aliasPos(data, name), "yaml-syntax", "mark the value to reuse with &"+name+" before this *"+name+", or fix the spelling",
			"alias *%s refers to no anchor &%s", name, name)
		return
	}
	line = problemLine(data, line, msg)
	text := lineText(data, line)
	col := 1 + len(text) - len(strings.TrimLeft(text, " "))
	hint := ""
	switch {
	case strings.Contains(text, "\t") && strings.Contains(msg, "tab"),
		strings.HasPrefix(strings.TrimLeft(text, " "), "\t"):
		col = strings.IndexByte(text, '\t') + 1
		hint = "YAML indents with spaces, not tabs"
	case strings.Contains(msg, "mapping values are not allowed"):
		if i := strings.Index(text, ": "); i >= 0 {
			if j := strings.Index(text[i+2:], ":"); j >= 0 {
				col = utf8.RuneCountInString(text[:i+2+j]) + 1
			}
		}
		hint = "quote a value that contains \": \" (title: \"A: B\"), or check the indentation of the line above"
	case strings.Contains(msg, "expected ',' or ']'"), strings.Contains(msg, "expected ',' or '}'"):
		if i := strings.LastIndexAny(text, "[{"); i >= 0 {
			col = utf8.RuneCountInString(text[:i]) + 1
		}
		hint = "close the list with ] (or the mapping with }) on the same line, and separate items with commas"
	case strings.Contains(msg, "end of stream") && strings.ContainsAny(text, "\"'"):
		i := strings.IndexAny(text, "\"'")
		col = utf8.RuneCountInString(text[:i]) + 1
		hint = "close the quote that opens here, or leave the value unquoted"
	case strings.Contains(msg, "control characters are not allowed"):
		for i, r := range text {
			if r != '\t' && (r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0) {
				col = utf8.RuneCountInString(text[:i]) + 1
				break
			}
		}
		hint = "delete the invisible control character (pasted from a terminal or a word processor?)"
	case strings.Contains(msg, "did not find expected"):
		hint = "check the indentation: keys of one mapping line up, and every \"- \" item lines up with its siblings"
	}
	d.errorf(Pos{line, col}, "yaml-syntax", hint, "%s", msg)
}

// splitYAMLError splits "yaml: line 12: message" into 12 and "message"
// (line 0 when the error names none).
func splitYAMLError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, rest[i+2:]
			}
		}
	}
	return 0, msg
}

// problemLine finds the line of a syntax error. yaml.v3 names the line
// where the construct in trouble began (a list 300 lines up, and one line
// early for parser errors), not the line of the mistake. The first prefix
// of the file, cut at a line end, that fails with the same message ends
// on the line of the mistake: a binary search finds it in O(log lines)
// parses, paid only when the file is already broken.
func problemLine(data []byte, reported int, msg string) int {
	ends := make([]int, 0, 64)
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(line int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:ends[line-1]], &n)
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := max(reported-1, 1), len(ends)
	if lo > hi || !fails(hi) {
		return max(reported, 1)
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// aliasPos finds the first "*name" alias in the source.
func aliasPos(data []byte, name string) Pos {
	needle := []byte("*" + name)
	for off := 0; ; {
		i := bytes.Index(data[off:], needle)
		if i < 0 {
			return Pos{1, 1}
		}
		end := off + i + len(needle)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,]}"), data[end]) >= 0 {
			return offsetPos(data, off+i)
		}
		off = end
	}
}

func lineText(data []byte, line int) string {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimRight(string(data), "\r")
}

func offsetPos(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{line, 1 + utf8.RuneCount(data[start:off])}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// ctx names the object a diagnostic is about: `event "rg-2026-03"`, or
// `event #3` before its id is known.
type ctx struct {
	kind  string
	id    string
	index int // 1-based position in its list; 0 when not in a list
}

func (c ctx) String() string {
	switch {
	case c.id != "":
		return c.kind + " " + strconv.Quote(c.id)
	case c.index > 0:
		return c.kind + " #" + strconv.Itoa(c.index)
	}
	return c.kind
}

// deref follows aliases, counting every node visited against the limit.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.nodes++
	if d.lim.MaxNodes > 0 && d.nodes > d.lim.MaxNodes {
		if d.nodes == d.lim.MaxNodes+1 {
			d.errorf(Pos{1, 1}, "limit", "a workplan has no need of so many aliases",
				"more than %d YAML nodes after alias expansion", d.lim.MaxNodes)
		}
		return nil
	}
	return n
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
	if pos != nil && *pos == nil {
		*pos = make(fieldPositions, 0, len(n.Content)/2)
	}
	// field handles one key; merged keys never count as duplicates: the
	// object's own value, or an earlier merge, wins.
	field := func(m *yaml.Node, k, v *yaml.Node, merged bool) {
		fi := -1
		for j := range o.Fields {
			if o.Fields[j].Key == k.Value {
				fi = j
				break
			}
		}
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
			*pos = append(*pos, fieldPos{f.Key, posOf(v)})
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
	for _, m := range merges {
		if !d.merge(m, c, field, 0) {
			return false
		}
	}
	for j := range o.Fields {
		f := &o.Fields[j]
		switch {
		case !f.Required || present&(1<<j) != 0:
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

func (d *decoder) list(v *yaml.Node, f *Field, each func(i int, n *yaml.Node)) {
	for i, n := range v.Content {
		each(i, n)
	}
}

// stringList reads a list of scalars (partners, groups).
func (d *decoder) stringList(c ctx, f *Field, v *yaml.Node, ref bool) []string {
	out := make([]string, 0, len(v.Content))
	for _, n := range v.Content {
		if n = d.deref(n); n == nil {
			return out
		}
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.errorf(posOf(n), "type", "write "+f.Key+": [a, b], each item a plain word or quoted text",
				"%s: each item of %q must be a single value, got %s", c, f.Key, kindName(n))
			continue
		}
		if ref && !d.checkID(c, f, n) {
			continue
		}
		out = append(out, n.Value)
	}
	return out
}

// line reads one-line text; a line break in a title breaks calendars.
func (d *decoder) line(c ctx, f *Field, n *yaml.Node) string {
	s := strings.TrimSpace(n.Value)
	if strings.ContainsAny(s, "\r\n") {
		d.errorf(posOf(n), "type", "use purpose or notes for longer text", "%s: %q must be one line", c, f.Key)
		s = strings.Join(strings.Fields(s), " ")
	}
	if s == "" {
		if f.Required {
			d.errorf(posOf(n), "required", requiredHint(f), "%s: %q is empty", c, f.Key)
		}
	}
	return s
}

func (d *decoder) intValue(c ctx, f *Field, n *yaml.Node) (int, bool) {
	i, err := strconv.Atoi(n.Value)
	if n.Tag != "!!int" || err != nil {
		d.errorf(posOf(n), "type", "write the number in digits, without quotes",
			"%s: %q must be a whole number, got %q", c, f.Key, n.Value)
		return 0, false
	}
	if i < f.Min {
		d.errorf(posOf(n), "type", "", "%s: %q must be at least %d, got %d", c, f.Key, f.Min, i)
		return 0, false
	}
	return i, true
}

func (d *decoder) boolValue(c ctx, f *Field, n *yaml.Node) bool {
	if n.Tag != "!!bool" {
		d.errorf(posOf(n), "type", "write true or false", "%s: %q must be true or false, got %q", c, f.Key, n.Value)
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

// dateValue reads YYYY-MM-DD, rejecting days a month does not have.
func (d *decoder) dateValue(c ctx, f *Field, n *yaml.Node) (time.Time, bool) {
	s := n.Value
	y, m, day, ok := splitDate(s)
	if !ok {
		d.errorf(posOf(n), "date", "write dates as YYYY-MM-DD, such as 2026-06-25",
			"%s: %q is not a date: %q", c, f.Key, s)
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || day < 1 || t.Day() != day {
		why := "there is no month " + strconv.Itoa(m)
		if m >= 1 && m <= 12 {
			last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			why = time.Month(m).String() + " " + strconv.Itoa(y) + " has " + strconv.Itoa(last) + " days"
		}
		d.errorf(posOf(n), "date", "check the day and month: dates are YYYY-MM-DD",
			"%s: %q is an impossible date %s: %s", c, f.Key, s, why)
		return time.Time{}, false
	}
	return t, true
}

func splitDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	return y, m, d, ok1 && ok2 && ok3
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

func (d *decoder) monthValue(c ctx, f *Field, n *yaml.Node) (time.Time, bool) {
	s := n.Value
	var y, m int
	ok := len(s) == 7 && s[4] == '-'
	if ok {
		var ok1, ok2 bool
		y, ok1 = atoi(s[:4])
		m, ok2 = atoi(s[5:])
		ok = ok1 && ok2 && m >= 1 && m <= 12
	}
	if !ok {
		d.errorf(posOf(n), "date", "write the month as YYYY-MM, such as 2026-05",
			"%s: %q is not a month: %q", c, f.Key, s)
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
}

func (d *decoder) timeValue(c ctx, f *Field, n *yaml.Node) (string, bool) {
	s := n.Value
	ok := len(s) == 5 && s[2] == ':'
	if ok {
		h, ok1 := atoi(s[:2])
		m, ok2 := atoi(s[3:])
		ok = ok1 && ok2 && h < 24 && m < 60
	}
	if !ok {
		d.errorf(posOf(n), "date", "write times as HH:MM on a 24-hour clock, in quotes: \"14:30\"",
			"%s: %q is not a time: %q", c, f.Key, s)
		return "", false
	}
	return s, true
}

func isID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' && i > 0) {
			return false
		}
	}
	return true
}

func (d *decoder) checkID(c ctx, f *Field, n *yaml.Node) bool {
	if isID(n.Value) {
		return true
	}
	key := f.Key
	if key == "" {
		key = "id"
	}
	d.errorf(posOf(n), "id-format", "use lowercase letters, digits and dashes (at most 64), such as "+strconv.Quote(slug(n.Value)),
		"%s: %s: %q is not a valid id", c, key, n.Value)
	return false
}

// slug suggests an id for a string: "TWG LEC 2026" → "twg-lec-2026".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "my-id"
	}
	if b.Len() > 64 {
		return b.String()[:64]
	}
	return b.String()
}

func (d *decoder) enumValue(c ctx, f *Field, n *yaml.Node) (string, bool) {
	for _, w := range f.Enum {
		if n.Value == w {
			return w, true
		}
	}
	hint := "one of: " + strings.Join(f.Enum, ", ")
	if s := suggest(n.Value, f.Enum); s != "" {
		hint = "did you mean " + strconv.Quote(s) + "? " + hint
	}
	d.errorf(posOf(n), "enum", hint, "%s: unknown %s %q", c, f.Key, n.Value)
	return "", false
}

func (d *decoder) zone(c ctx, f *Field, n *yaml.Node) (string, bool) {
	name := n.Value
	if d.zones == nil {
		d.zones = map[string]bool{}
	}
	ok, cached := d.zones[name]
	if !cached {
		_, err := time.LoadLocation(name)
		ok = err == nil && name != "" && name != "Local"
		d.zones[name] = ok
	}
	if !ok {
		d.errorf(posOf(n), "timezone", "use an IANA name such as Europe/Vienna, Europe/Istanbul or UTC",
			"%s: unknown time zone %q", c, name)
	}
	return name, ok
}

func (d *decoder) urlValue(c ctx, f *Field, n *yaml.Node) string {
	u, err := url.Parse(n.Value)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		d.errorf(posOf(n), "type", "write a full address, such as https://www.budapestprocess.org/...",
			"%s: %q must be an http(s) URL, got %q", c, f.Key, n.Value)
		return ""
	}
	return n.Value
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

func (d *decoder) planMeta(p *Plan, n *yaml.Node) {
	c := ctx{kind: "plan"}
	d.object(n, planObject, c, &p.fields, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "id":
			if d.checkID(c, f, v) {
				p.ID = v.Value
			}
		case "title":
			p.Title = d.line(c, f, v)
		case "year":
			p.Year, _ = d.intValue(c, f, v)
		case "revision":
			p.Revision, _ = d.intValue(c, f, v)
		case "revised":
			p.Revised, _ = d.dateValue(c, f, v)
		case "timezone":
			p.TimeZone, _ = d.zone(c, f, v)
		case "framework":
			fw := &Framework{}
			fc := ctx{kind: "framework"}
			d.object(v, frameworkObject, fc, nil, func(f *Field, k, v *yaml.Node) {
				switch f.Key {
				case "name":
					fw.Name = d.line(fc, f, v)
				case "start":
					fw.Start, _ = d.intValue(fc, f, v)
				case "end":
					fw.End, _ = d.intValue(fc, f, v)
				case "year":
					fw.Year, _ = d.intValue(fc, f, v)
				}
			})
			p.Framework = fw
		case "chair":
			p.Chair = d.line(c, f, v)
		case "coChair":
			p.CoChair = d.line(c, f, v)
		case "secretariat":
			p.Secretariat = d.line(c, f, v)
		case "summary":
			p.Summary = strings.TrimSpace(v.Value)
		}
	})
}

func (d *decoder) group(i int, n *yaml.Node) *Group {
	g := &Group{pos: posOf(n)}
	c := ctx{kind: "group", id: d.idOf(n), index: i + 1}
	ok := d.object(n, groupObject, c, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "id":
			if d.checkID(c, f, v) {
				g.ID = v.Value
			}
		case "name":
			g.Name = d.line(c, f, v)
		case "kind":
			kind, _ := d.enumValue(c, f, v)
			g.Kind = GroupKind(kind)
		case "topic":
			g.Topic = d.line(c, f, v)
		}
	})
	if !ok {
		return nil
	}
	return g
}

func (d *decoder) product(i int, n *yaml.Node) *Product {
	p := &Product{pos: posOf(n)}
	c := ctx{kind: "product", id: d.idOf(n), index: i + 1}
	ok := d.object(n, productObject, c, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "id":
			if d.checkID(c, f, v) {
				p.ID = v.Value
			}
		case "title":
			p.Title = d.line(c, f, v)
		case "topic":
			p.Topic = d.line(c, f, v)
		}
	})
	if !ok {
		return nil
	}
	return p
}

func (d *decoder) milestone(i int, n *yaml.Node) *Milestone {
	m := &Milestone{pos: posOf(n)}
	c := ctx{kind: "milestone", id: d.idOf(n), index: i + 1}
	ok := d.object(n, milestoneObject, c, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "id":
			if d.checkID(c, f, v) {
				m.ID = v.Value
			}
		case "title":
			m.Title = d.line(c, f, v)
		case "date":
			m.Date, _ = d.dateValue(c, f, v)
		case "notes":
			m.Notes = strings.TrimSpace(v.Value)
		}
	})
	if !ok {
		return nil
	}
	return m
}

func (d *decoder) event(i int, n *yaml.Node) *Event {
	e := &Event{pos: posOf(n)}
	c := ctx{kind: "event", id: d.idOf(n), index: i + 1}
	var endSet bool
	ok := d.object(n, eventObject, c, &e.fields, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "id":
			if d.checkID(c, f, v) {
				e.ID = v.Value
			}
		case "title":
			e.Title = d.line(c, f, v)
		case "type":
			t, _ := d.enumValue(c, f, v)
			e.Type = EventType(t)
		case "groups":
			e.Groups = d.stringList(c, f, v, true)
		case "start":
			e.Start, _ = d.dateValue(c, f, v)
		case "end":
			e.End, endSet = d.dateValue(c, f, v)
		case "month":
			e.Month, _ = d.monthValue(c, f, v)
		case "dateTBC":
			e.DateTBC = d.boolValue(c, f, v)
		case "startTime":
			e.StartTime, _ = d.timeValue(c, f, v)
		case "endTime":
			e.EndTime, _ = d.timeValue(c, f, v)
		case "timezone":
			e.TimeZone, _ = d.zone(c, f, v)
		case "format":
			format, _ := d.enumValue(c, f, v)
			e.Format = Format(format)
		case "location":
			e.Location = d.location(c, v)
		case "status":
			status, _ := d.enumValue(c, f, v)
			e.Status = Status(status)
		case "partners":
			e.Partners = d.stringList(c, f, v, false)
		case "product", "backToBack":
			if d.checkID(c, f, v) {
				if f.Key == "product" {
					e.Product = v.Value
				} else {
					e.BackToBack = v.Value
				}
			}
		case "purpose":
			e.Purpose = strings.TrimSpace(v.Value)
		case "notes":
			e.Notes = strings.TrimSpace(v.Value)
		case "outcome":
			e.Outcome = d.outcome(c, v)
		}
	})
	if !ok {
		return nil
	}
	d.eventDates(c, e, endSet)
	return e
}

// eventDates settles the date fields: start/end, or month alone.
func (d *decoder) eventDates(c ctx, e *Event, endSet bool) {
	_, hasStart := e.fields.get("start")
	_, hasMonth := e.fields.get("month")
	switch {
	case hasStart && hasMonth:
		d.errorf(e.FieldPos("month"), "date-fields", "keep start (the day is known) or month (it is not), not both",
			"%s: both start and month are given", c)
		e.Month = time.Time{}
	case !hasStart && !hasMonth:
		d.errorf(e.pos, "required", "add start: YYYY-MM-DD, or month: YYYY-MM while the day is not known",
			"%s: missing start (or month)", c)
	case hasMonth:
		if endSet {
			d.errorf(e.FieldPos("end"), "date-fields", "give start and end once the days are known",
				"%s: end is given without start", c)
		}
		e.End = time.Time{}
		e.DateTBC = true // the day is not known
	}
	if !e.Start.IsZero() {
		if e.End.IsZero() {
			e.End = e.Start
		}
		e.Month = time.Date(e.Start.Year(), e.Start.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
}

func (d *decoder) place(c ctx, n *yaml.Node) (Place, bool) {
	var p Place
	ok := d.object(n, placeObject, c, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "venue":
			p.Venue = d.line(c, f, v)
		case "city":
			p.City = d.line(c, f, v)
		case "country":
			p.Country = d.line(c, f, v)
		}
	})
	return p, ok
}

func (d *decoder) location(c ctx, n *yaml.Node) *Location {
	l := &Location{}
	lc := ctx{kind: c.String() + ": location"}
	d.object(n, locationObject, lc, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "venue":
			l.Venue = d.line(lc, f, v)
		case "city":
			l.City = d.line(lc, f, v)
		case "country":
			l.Country = d.line(lc, f, v)
		case "tbc":
			l.TBC = d.boolValue(lc, f, v)
		case "alternatives":
			if len(v.Content) < f.Min {
				d.errorf(posOf(v), "location", "with one place left, write its city and country (and tbc: true) instead of alternatives",
					"%s: alternatives needs at least %d places, got %d", lc, f.Min, len(v.Content))
			}
			ac := ctx{kind: lc.kind + ": alternative"}
			d.list(v, f, func(i int, n *yaml.Node) {
				ac.index = i + 1
				if p, ok := d.place(ac, n); ok {
					l.Alternatives = append(l.Alternatives, p)
				}
			})
		}
	})
	switch {
	case len(l.Alternatives) > 0 && (l.City != "" || l.Venue != ""):
		d.errorf(posOf(n), "location", "keep the chosen city and drop alternatives, or the other way round",
			"%s: both a city and alternatives", lc)
	case len(l.Alternatives) == 0 && l.City == "" && l.Country == "":
		d.errorf(posOf(n), "location", "give city and country, or alternatives while the place is not chosen",
			"%s: no city, country or alternatives", lc)
	}
	return l
}

func (d *decoder) outcome(c ctx, n *yaml.Node) *Outcome {
	o := &Outcome{}
	oc := ctx{kind: c.String() + ": outcome"}
	d.object(n, outcomeObject, oc, nil, func(f *Field, k, v *yaml.Node) {
		switch f.Key {
		case "summary":
			o.Summary = strings.TrimSpace(v.Value)
		case "link":
			o.Link = d.urlValue(oc, f, v)
		case "recorded":
			o.Recorded, _ = d.dateValue(oc, f, v)
		}
	})
	return o
}

// index builds the id lookups. Duplicates keep the first; Validate
// reports them.
func (p *Plan) index() {
	p.byID = make(map[string]*Event, len(p.Events))
	for _, e := range p.Events {
		if _, dup := p.byID[e.ID]; !dup && e.ID != "" {
			p.byID[e.ID] = e
		}
	}
	p.groupBy = make(map[string]*Group, len(p.Groups))
	for _, g := range p.Groups {
		if _, dup := p.groupBy[g.ID]; !dup && g.ID != "" {
			p.groupBy[g.ID] = g
		}
	}
	p.prodBy = make(map[string]*Product, len(p.Products))
	for _, pr := range p.Products {
		if _, dup := p.prodBy[pr.ID]; !dup && pr.ID != "" {
			p.prodBy[pr.ID] = pr
		}
	}
}

// suggest returns the known word closest to s, if close enough to be a
// likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, k := range known {
		if strings.ToLower(k) == ls {
			return k
		}
		if d := editDistance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(s) > 6) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
