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
	"os/exec"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/safetext"
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

// Hostile holds one of each kind of character that must not reach a
// terminal raw: an SGR escape, an OSC 8 hyperlink ended by BEL, C1
// controls, DEL, bidi controls and zero-width characters.
const Hostile = "\x1b[31mred\x1b]8;;http://evil\x07link\x1b]8;;\x07 \u009b31m \u0085 \x7f " +
	"\u202eevil\u202c \u2066iso\u2069 \u200bzw\u200c\u200d\u2060\ufeff \u200e\u200f\u061c end"

// AssertSafe fails the test when out holds an unsafe character
// (safetext.Unsafe) other than the line feeds that end its lines.
func AssertSafe(t testing.TB, what, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && safetext.Unsafe(r) {
			t.Errorf("%s: %U at byte %d reaches the output:\n%q", what, r, i, out)
			return
		}
	}
}

// Git runs git in dir for a test, with no user or system configuration
// and a fixed author, failing the test when it fails; a test that needs
// git and finds none is Missing.
func Git(t testing.TB, dir string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		Missing(t, "git is not installed")
	}
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org",
		"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
