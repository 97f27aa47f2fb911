package workplan

// The decoder reads a file in steps, each in its own file:
//
//	input.go    input hygiene and limits: size, encoding, one document,
//	            the node and text budgets aliases spend
//	syntax.go   where a YAML syntax error really is, and how to fix it
//	walk.go     the schema walker: keys, shapes, merges, required keys
//	scalar.go   scalar values by their kind in the Schema
//	objects.go  the model's objects, each a list of key bindings
//	suggest.go  "did you mean" for misspelt words

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// ParseTree is [Parse] for a file whose YAML is read already: root is the
// root node of its one document, as yaml.v3 reads data (bp fmt's reader
// gives it too). The edit commands use it to read the plan before and
// after a change without parsing the YAML again. It checks data as Parse
// does (size, encoding); a format 1 tree is upgraded in place, as Parse
// upgrades its own (see [Migrations]).
func ParseTree(file string, data []byte, root *yaml.Node, lim Limits) (*Plan, []Diagnostic) {
	d := &decoder{file: file, lim: lim}
	var plan *Plan
	if _, ok := d.input(data); ok {
		plan = d.tree(root)
	}
	return plan, d.diags
}

// Parse reads a workplan from data. file is the name diagnostics use. It
// returns the plan (nil when the file is too broken to read any of it)
// and every problem found while reading; call [Validate] for the rules
// that need the whole plan.
func Parse(file string, data []byte, lim Limits) (*Plan, []Diagnostic) {
	d := &decoder{file: file, lim: lim, private: true}
	plan := d.parse(data)
	return plan, d.diags
}

type decoder struct {
	file    string
	lim     Limits
	version int // the formatVersion the file declares; 0 until read
	// private is set when the tree is the decoder's own (Parse), not the
	// caller's (ParseTree): read once, then dropped, never printed.
	private  bool
	defaults []defaults // keys a migration gives objects (Migration.read)
	diags    []Diagnostic
	zones    map[string]error // time zone names already checked (CheckZone)

	// The budgets of input.go.
	nodes     int        // YAML nodes visited, aliases expanded
	text      int        // bytes of the scalars read, aliases expanded
	size      int        // the file's size in bytes
	maxText   int        // the bound on text; 0: none
	textOver  bool       // text passed maxText, and it was reported
	lastAlias *yaml.Node // the alias followed last: where text is blamed
}

// defaults are keys every mapping of an object gets unless it sets them
// itself: key and value nodes in turn, read after the mapping's own keys
// and before the ones it merges (<<), as if written after its own. One
// set an object.
type defaults struct {
	o  *Object
	kv []*yaml.Node
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

func (d *decoder) parse(data []byte) *Plan {
	data, ok := d.input(data)
	if !ok {
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
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return d.tree(nil)
	}
	return d.tree(doc.Content[0])
}

// tree decodes a document's root node, once the file's bytes passed
// input().
func (d *decoder) tree(root *yaml.Node) *Plan {
	if root == nil || isNull(root) && root.Value == "" {
		d.errorf(Pos{1, 1}, "required", "start from workplans/2026.yaml, or see bp help format",
			"file is empty")
		return nil
	}
	if !d.formatVersion(root) {
		return nil
	}
	plan := d.plan(root)
	plan.index()
	d.references(plan)
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
		d.version = n
		if n < FormatVersion {
			d.migrate(root, n, posOf(v))
		}
		return true
	}
	d.errorf(posOf(root), "format-version", "add formatVersion: "+strconv.Itoa(FormatVersion)+" as the first line",
		"missing formatVersion")
	return true // decode the rest to report more
}
