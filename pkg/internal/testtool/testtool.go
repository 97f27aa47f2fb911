// Package testtool decides what a test does when an outside tool it
// drives (khal, chromium, node, java, git, python3-icalendar) is missing:
// skip with the message on a developer's machine, fail in CI, where
// .ci/install installs every tool and .ci/run sets BP_REQUIRE_TOOLS=1, so
// that a broken install step cannot turn into a quietly skipped test.
//
// Most such tests build only with -tags integration (see .ci/run).
//
// It also holds the helpers that look at what a test wrote or left in a
// directory (files.go), shared by the tests of pkg/store and pkg/cli,
// and a test of how every package's tests are written: none sets a
// package variable (TestNoPackageVariableSetByTests).
package testtool

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Missing skips the test, or fails it when BP_REQUIRE_TOOLS is set. The
// message's first line says why, and is the skip's one line; more lines
// (a compiler's output) are logged before it.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("BP_REQUIRE_TOOLS") != "" {
		t.Fatalf("BP_REQUIRE_TOOLS is set, but a tool is missing: %s", msg)
	}
	why, more, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	if more != "" {
		t.Log(more)
	}
	t.Skip(why)
}
