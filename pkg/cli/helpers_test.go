package cli

import (
	"os"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
)

// Helpers that tests for every system call (data_test.go, move_test.go,
// width_test.go, …), kept out of the files built only on Unix so that
// `GOOS=windows go vet ./...` compiles the package's tests.

// gitIn runs git in dir with a fixed identity and no user configuration.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	testtool.Git(t, dir, args...)
}

// readBytes reads the file at path, or ends the test.
func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
