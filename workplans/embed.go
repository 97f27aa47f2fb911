// Package workplans carries the published workplans inside the bp binary,
// so that bp answers from any directory with nothing to set up.
package workplans

import (
	"embed"
	"sort"
	"strings"
)

//go:embed *.yaml
var files embed.FS

// Names returns the embedded file names in order (2025.yaml, 2026.yaml…).
func Names() []string {
	entries, _ := files.ReadDir(".")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// ReadFile returns the bytes of the built-in plan name (as Names gives
// it: "2026.yaml").
func ReadFile(name string) ([]byte, error) { return files.ReadFile(name) }
