// Package workplans carries the published workplans inside the bp binary,
// so that bp answers from any directory with nothing to set up.
package workplans

import (
	"embed"
	"path"
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

// Default returns the name and bytes of the current plan: the last file in
// name order, which is the newest year.
func Default() (name string, data []byte) {
	names := Names()
	if len(names) == 0 {
		return "", nil
	}
	name = names[len(names)-1]
	data, _ = files.ReadFile(name)
	return path.Join("workplans", name), data
}
