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

	// read is what the decoder does instead of Up on a tree that only it
	// holds and drops once the plan is read, where that is cheaper (nil:
	// Up). It may leave the tree as it is and have d read the values Up
	// would add; TestPrivateMigrationReadsAsUpgrade holds the two to the
	// same plan and diagnostics.
	read func(d *decoder, root *yaml.Node) error
}

// Migrations lists every change of the format, oldest first:
// Migrations[i] upgrades version i+1 to i+2. Whoever raises
// [FormatVersion] adds the migration from the version before (a test
// insists).
var Migrations = []Migration{
	{From: 1, Doc: "each event carries the plan revision in which it last changed (revision, revised), set to the plan's own; events may keep the dates they moved from (movedFrom)", Up: eventRevisions, read: readEventRevisions},
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
	events, keys := planRevisions(root)
	if events == nil {
		return nil
	}
	for _, ev := range events.Content {
		ev = follow(ev)
		if ev == nil || ev.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(keys); i += 2 {
			k, v := keys[i], keys[i+1]
			if mapValue(ev, k.Value) != nil {
				continue
			}
			ev.Content = append(ev.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: k.Tag, Value: k.Value, Line: ev.Line, Column: ev.Column},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: v.Tag, Value: v.Value, Line: ev.Line, Column: ev.Column})
		}
	}
	return nil
}

// readEventRevisions is eventRevisions for the decoder's own tree: the
// tree is left as it is, and the decoder reads the two keys into every
// event that does not set them, as if they were written after its own
// keys (see [decoder.object]). Editing the tree cost a pass over every
// event's keys, four nodes an event and its keys grown: 16% of the time
// and 20% of the memory a plan of 100,000 events took to read beyond
// the YAML itself.
func readEventRevisions(d *decoder, root *yaml.Node) error {
	if _, keys := planRevisions(root); len(keys) > 0 {
		d.defaults = append(d.defaults, defaults{eventObject, keys})
	}
	return nil
}

// planRevisions returns the events of a format 1 tree and the keys
// eventRevisions gives each of them, key and value nodes in turn, with
// no line (the nodes Up writes take the event's); nil when the tree has
// no plan mapping and events list to upgrade.
func planRevisions(root *yaml.Node) (events *yaml.Node, keys []*yaml.Node) {
	root = follow(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, nil
	}
	meta, events := follow(mapValue(root, "plan")), follow(mapValue(root, "events"))
	if meta == nil || meta.Kind != yaml.MappingNode || events == nil || events.Kind != yaml.SequenceNode {
		return nil, nil
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
	for _, kv := range []struct {
		key string
		v   *yaml.Node
	}{{"revision", rev}, {"revised", revised}} {
		if kv.v != nil {
			keys = append(keys, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv.key},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: kv.v.Tag, Value: kv.v.Value})
		}
	}
	return events, keys
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
	if err := upgrade(root, from, FormatVersion, Migrations, nil); err != nil {
		return from, err
	}
	v.Value, v.Tag, v.Style = strconv.Itoa(FormatVersion), "!!int", 0
	return from, nil
}

// upgrade brings a version-from tree up to version to, one migration at
// a time, so that every older version bp still reads is read as the
// newest.
// d is the decoder whose own tree root is (see Migration.read), or nil.
func upgrade(root *yaml.Node, from, to int, migrations []Migration, d *decoder) error {
	for v := from; v < to; v++ {
		i := v - 1
		if i < 0 || i >= len(migrations) || migrations[i].From != v {
			return fmt.Errorf("no migration from format version %d to %d", v, v+1)
		}
		up := migrations[i].Up
		if m := migrations[i]; d != nil && m.read != nil {
			up = func(root *yaml.Node) error { return m.read(d, root) }
		}
		if err := up(root); err != nil {
			return fmt.Errorf("format version %d to %d: %w", v, v+1, err)
		}
	}
	return nil
}

// migrate is the decoder's side of [upgrade]: a file of an older format
// is upgraded before it is read; a failure is reported on formatVersion.
func (d *decoder) migrate(root *yaml.Node, version int, at Pos) {
	own := d
	if !d.private {
		own = nil
	}
	if err := upgrade(root, version, FormatVersion, Migrations, own); err != nil {
		d.errorf(at, "format-version", "this bp cannot read the file's format; try the bp release of that format", "%v", err)
	}
}
