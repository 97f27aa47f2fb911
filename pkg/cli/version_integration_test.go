//go:build integration

package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionLdflags builds bp the way a release does and checks that the
// -X value wins.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "bp")
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/icmpd/bp/pkg/cli.version=v9.8.7", "github.com/icmpd/bp/cmd/bp")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "bp v9.8.7 (") {
		t.Errorf("bp version = %q, want it to start with bp v9.8.7", out)
	}
}
