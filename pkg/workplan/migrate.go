package workplan

import (
	"fmt"

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
// Migrations[i] upgrades version i+1 to i+2. Format 1 is the first, so
// the list is empty; whoever raises [FormatVersion] adds the migration
// from the version before (a test insists).
var Migrations = []Migration{}

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
