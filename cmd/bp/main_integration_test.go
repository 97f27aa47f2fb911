//go:build integration

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// missing skips, or fails in CI (BP_REQUIRE_TOOLS=1), as
// pkg/internal/testtool.Missing does; cmd/ cannot import pkg/internal.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("BP_REQUIRE_TOOLS") != "" {
		t.Fatalf("BP_REQUIRE_TOOLS is set, but: "+format, args...)
	}
	t.Skipf(format, args...)
}

// zoneDirs are the places Go's time package looks for the host's zone
// files on Linux (time/zoneinfo_unix.go).
var zoneDirs = []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"}

// TestCalendarWithoutHostZoneFiles: the binary's time zones do not depend
// on the host. bp is built (a plain go build, which the build cache
// serves; -trimpath would rebuild every dependency) and run in a private
// mount namespace where every zone directory is an empty one, with
// ZONEINFO and GOROOT pointing at an empty directory too, so that there is
// no $GOROOT/lib/time/zoneinfo.zip to fall back on either. Its calendar,
// VTIMEZONEs included, must equal the golden file made on a host with zone
// files. Without the time/tzdata import in main.go the plan's zones are
// unknown; with zone data that ends in a rule (Go's embedded data) rather
// than a list of transitions (most hosts'), a VTIMEZONE that followed the
// data's shape would differ.
func TestCalendarWithoutHostZoneFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("hides the zone files with a Linux mount namespace")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		missing(t, "unshare (util-linux) is not installed")
	}
	if out, err := exec.Command(unshare, "--mount", "--map-root-user", "true").CombinedOutput(); err != nil {
		missing(t, "cannot create a mount namespace: %v: %s", err, bytes.TrimSpace(out))
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bp")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	// Bind the empty directory over every zone directory there is, then
	// prove that Europe/Vienna cannot be read before running bp.
	script := `for d in ` + strings.Join(zoneDirs, " ") + `; do
  if [ -d "$d" ]; then mount --bind "$EMPTY" "$d" || exit 97; fi
done
for d in ` + strings.Join(zoneDirs, " ") + `; do
  if [ -e "$d/Europe/Vienna" ]; then echo "zone files still visible in $d" >&2; exit 98; fi
done
if [ -e "$GOROOT/lib/time/zoneinfo.zip" ]; then echo "GOROOT holds zone data" >&2; exit 98; fi
exec "$@"`
	const plan = "../../testdata/ics/times.yaml"
	cmd := exec.Command(unshare, "--mount", "--map-root-user", "sh", "-c", script, "sh", bin, "-f", plan, "ics")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "EMPTY=" + empty, "ZONEINFO=" + empty, "GOROOT=" + empty, "TZ=UTC"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("bp ics without zone files: %v\n%s", err, stderr.String())
	}
	want, err := os.ReadFile("../../testdata/ics/times.ics")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("bp ics without the host's zone files differs from testdata/ics/times.ics:\n%s", lineDiff(want, stdout.Bytes()))
	}
}

// lineDiff lists the lines of got that are not where want has them,
// enough to see which VTIMEZONE went wrong.
func lineDiff(want, got []byte) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)) && b.Len() < 2000; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + strings.TrimRight(wl, "\r") + "\n  got  " + strings.TrimRight(gl, "\r") + "\n")
		}
	}
	return b.String()
}
