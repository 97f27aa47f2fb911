// Package testtool decides what a test does when an outside tool it
// drives (khal, chromium, node, git, python3-icalendar) is missing: skip
// with the message on a developer's machine, fail in CI, where .ci/run
// installs every tool and sets BP_REQUIRE_TOOLS=1, so that a broken
// install step cannot turn into a quietly skipped test.
package testtool

import (
	"fmt"
	"os"
	"testing"
)

// Missing skips the test with the message, or fails it when
// BP_REQUIRE_TOOLS is set.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("BP_REQUIRE_TOOLS") != "" {
		t.Fatalf("BP_REQUIRE_TOOLS is set, but a tool is missing: %s", msg)
	}
	t.Skip(msg)
}
