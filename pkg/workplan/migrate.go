package workplan

import (
	"errors"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Migration upgrades a file of format version From to From+1. It edits
// the yaml.Node tree in place (renaming a key, splitting a value…), so
// that lines, columns and comments survive: diagnostics still point into
// the file as written, and a future `bp migrate` can write the upgraded
// tree back with bp fmt's printer.
type Migration struct {
	From int
	Doc  string // what changed, in a sentence, for `bp migrate` and the README
	Up   func(root *yaml.Node) error
}

// Migrations lists every change of the format, oldest first:
// Migrations[i] upgrades version i+1 to i+2. Whoever raises
// [FormatVersion] adds the migration from the version before (a test
// insists).
var Migrations = []Migration{
	{From: 1, Doc: "each event carries the plan revision in which it last changed (revision, revised), set to the plan's own; events may keep the dates they moved from (movedFrom)", Up: eventRevisions},
	{From: 2, Doc: "an event's outcome may hold the meeting's conclusions and the follow-up actions it set (conclusions, actions); nothing a format 2 file says changes", Up: followUp},
}

// followUp upgrades format 2 to 3. Format 3 only adds keys (an outcome's
// conclusions and actions), so a format 2 file says the same in format 3
// and nothing in its tree changes; the version goes up so that a bp that
// knows no actions refuses a file that may hold them, rather than call
// them unknown keys.
func followUp(*yaml.Node) error { return nil }

// eventRevisions upgrades format 1 to 2: every event gets the plan's
// revision and revised date as its own. In format 1 a calendar gave every
// event the plan's revision as its SEQUENCE, so this keeps each SEQUENCE
// where subscribers have it. A plan value that is not a valid revision
// or date is not copied: it is reported where it is, once.
func eventRevisions(root *yaml.Node) error {
	root = follow(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	meta, events := follow(mapValue(root, "plan")), follow(mapValue(root, "events"))
	if meta == nil || meta.Kind != yaml.MappingNode || events == nil || events.Kind != yaml.SequenceNode {
		return nil
	}
	rev, revised := follow(mapValue(meta, "revision")), follow(mapValue(meta, "revised"))
	if rev != nil && (rev.Kind != yaml.ScalarNode || rev.Tag != "!!int" || !positive(rev.Value)) {
		rev = nil
	}
	if revised != nil {
		if _, err := ParseDate(revised.Value); revised.Kind != yaml.ScalarNode || err != nil || len(revised.Value) != 10 {
			revised = nil
		}
	}
	for _, ev := range events.Content {
		ev = follow(ev)
		if ev == nil || ev.Kind != yaml.MappingNode {
			continue
		}
		for _, kv := range []struct {
			key string
			v   *yaml.Node
		}{{"revision", rev}, {"revised", revised}} {
			if kv.v == nil || mapValue(ev, kv.key) != nil {
				continue
			}
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv.key, Line: ev.Line, Column: ev.Column}
			v := &yaml.Node{Kind: yaml.ScalarNode, Tag: kv.v.Tag, Value: kv.v.Value, Line: ev.Line, Column: ev.Column}
			ev.Content = append(ev.Content, k, v)
		}
	}
	return nil
}

func positive(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1
}

// follow resolves an alias to the node it names.
func follow(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// mapValue returns the value of key in mapping m (its own keys, not
// merged ones), or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Upgrade brings the document tree of a workplan file (its root mapping,
// as yaml.v3 reads it, comments and all) to [FormatVersion]: it runs the
// migrations from the version the file declares and sets its
// formatVersion. It returns the version the file had; a file already at
// the newest version is left alone. `bp migrate` and the edit commands
// write the upgraded tree back with bp fmt's printer.
func Upgrade(root *yaml.Node) (from int, err error) {
	root = follow(root)
	v := mapValue(root, "formatVersion")
	if v == nil || v.Kind != yaml.ScalarNode {
		return 0, errors.New("the file has no formatVersion")
	}
	from, err = strconv.Atoi(v.Value)
	switch {
	case err != nil || from < 1:
		return 0, fmt.Errorf("formatVersion %q is not a version", v.Value)
	case from > FormatVersion:
		return from, fmt.Errorf("the file is written for format version %d, newer than the version %d this bp reads", from, FormatVersion)
	case from == FormatVersion:
		return from, nil
	}
	if err := upgrade(root, from, FormatVersion, Migrations); err != nil {
		return from, err
	}
	v.Value, v.Tag, v.Style = strconv.Itoa(FormatVersion), "!!int", 0
	return from, nil
}

// upgrade brings a version-from tree up to version to, one migration at
// a time, so that every older version bp still reads is read as the
// newest.
func upgrade(root *yaml.Node, from, to int, migrations []Migration) error {
	for v := from; v < to; v++ {
		i := v - 1
		if i < 0 || i >= len(migrations) || migrations[i].From != v {
			return fmt.Errorf("no migration from format version %d to %d", v, v+1)
		}
		if err := migrations[i].Up(root); err != nil {
			return fmt.Errorf("format version %d to %d: %w", v, v+1, err)
		}
	}
	return nil
}

// migrate is the decoder's side of [upgrade]: a file of an older format
// is upgraded before it is read; a failure is reported on formatVersion.
func (d *decoder) migrate(root *yaml.Node, version int, at Pos) {
	if err := upgrade(root, version, FormatVersion, Migrations); err != nil {
		d.errorf(at, "format-version", "this bp cannot read the file's format; try the bp release of that format", "%v", err)
	}
}
