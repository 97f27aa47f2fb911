package cli

import (
	"runtime/debug"
	"testing"
)

func buildInfo(mod string, settings ...string) *debug.BuildInfo {
	info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/icmpd/bp", Version: mod}}
	for i := 0; i+1 < len(settings); i += 2 {
		info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return info
}

// TestVersionFrom: what bp version says for each way bp can be built.
func TestVersionFrom(t *testing.T) {
	const rev = "84ce1d2c1a2b3c4d5e6f708192a3b4c5d6e7f809"
	clean := []string{"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-27T10:11:12Z", "vcs.modified", "false"}
	dirty := []string{"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-11-27T10:11:12Z", "vcs.modified", "true"}
	for _, tc := range []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"release: -ldflags -X wins", "v9.8.7", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b", clean...), "v9.8.7"},
		{"no build information", "", nil, "devel"},
		{"go run, go test, -buildvcs=false, a git worktree", "", buildInfo("(devel)"), "devel"},
		{"go build in a clone (Go before 1.24)", "", buildInfo("(devel)", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build in a clone, untagged commit", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build in a clone after a tag", "", buildInfo("v1.2.4-0.20261127101112-84ce1d2c1a2b", clean...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC"},
		{"go build with local changes", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b+dirty", dirty...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC with local changes"},
		{"go build at a clean tag", "", buildInfo("v1.2.3", clean...), "v1.2.3"},
		{"go build at a tag, with local changes", "", buildInfo("v1.2.3+dirty", dirty...), "devel 84ce1d2c1a2b of 2026-11-27 10:11 UTC with local changes"},
		{"go install @v1.2.3", "", buildInfo("v1.2.3"), "v1.2.3"},
		{"go install @commit", "", buildInfo("v0.0.0-20261127101112-84ce1d2c1a2b"), "v0.0.0-20261127101112-84ce1d2c1a2b"},
		{"commit time in another zone", "", buildInfo("(devel)", "vcs.revision", "abc123", "vcs.time", "2026-11-27T11:11:12+01:00"), "devel abc123 of 2026-11-27 10:11 UTC"},
		{"no commit time", "", buildInfo("(devel)", "vcs.revision", rev), "devel 84ce1d2c1a2b"},
	} {
		if got := versionFrom(tc.ldflags, tc.info); got != tc.want {
			t.Errorf("%s: version %q, want %q", tc.name, got, tc.want)
		}
	}
}
