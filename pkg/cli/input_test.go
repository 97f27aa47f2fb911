//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/store"
)

// Tests of how bp reads a plan file (issue 9): whole or not at all, and
// never from a special file.

// copyPlan copies the published plan into dir as name and returns its
// path and bytes.
func copyPlan(t *testing.T, dir, name string) (string, []byte) {
	t.Helper()
	data := readBytes(t, publishedPlan)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// messyPlan writes a valid plan that fmt changes, and returns its path and
// bytes.
func messyPlan(t *testing.T, dir, name string) (string, []byte) {
	t.Helper()
	data := readBytes(t, "../../testdata/fmt/messy.yaml")
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

func wantFile(t *testing.T, path string, want []byte) {
	t.Helper()
	if got := readBytes(t, path); !bytes.Equal(got, want) {
		t.Errorf("%s changed: %d bytes, want the %d bytes it had", filepath.Base(path), len(got), len(want))
	}
}

// Item 1: a file over --max-size was formatted from its first limit+1
// bytes and written back cut in half, exit 0.
func TestOverLimitRefusedEverywhere(t *testing.T) {
	dir := t.TempDir()
	path, orig := copyPlan(t, dir, "t.yaml")
	size := store.Thousands(int64(len(orig)))
	for _, args := range [][]string{
		{"fmt", "-w", path},
		{"fmt", "--check", path},
		{"fmt", path},
		{"validate", path},
		{"list", "-f", path},
		{"ics", "-f", path, "--out", filepath.Join(dir, "out.ics")},
		{"diff", path, path},
	} {
		t.Run(args[0]+" "+args[1], func(t *testing.T) {
			r := runBP(t, "", nil, append([]string{"--max-size", "3000"}, args...)...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, ExitUsage, r.stderr)
			}
			// The real size and the limit, and how to raise it (item 14).
			for _, want := range []string{path, "is " + size + " bytes", "limit of 3,000 (--max-size)", "--max-size BYTES"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			wantFile(t, path, orig)
			testtool.WantNoLeftovers(t, dir, "t.yaml")
		})
	}
}

// A plan just over the default 16 MiB came back with its last events cut
// off by a plain fmt -w.
func TestFmtWriteOverDefaultLimitUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 16 MiB")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	b.Write(readBytes(t, publishedPlan))
	for b.Len() <= 16<<20 {
		b.WriteString("# padding padding padding padding padding padding padding padding padding\n")
	}
	orig := b.Bytes()
	path := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBP(t, "", nil, "fmt", "-w", path)
	if r.code != ExitUsage {
		t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	if want := "the file is " + store.Thousands(int64(len(orig))) + " bytes, more than the limit of 16,777,216 (--max-size)"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	wantFile(t, path, orig)
	testtool.WantNoLeftovers(t, dir, "big.yaml")
}

// A stream has no size to give: "more than the limit".
func TestStdinOverLimit(t *testing.T) {
	data := string(readBytes(t, publishedPlan))
	for _, args := range [][]string{
		{"--max-size", "3000", "list", "-f", "-"},
		{"--max-size", "3000", "fmt", "-"},
		{"--max-size", "3000", "validate", "-"},
	} {
		r := runBP(t, data, nil, args...)
		if r.code != ExitUsage || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want 2 and nothing", args, r.code, r.stdout)
		}
		if want := "standard input: more than the limit of 3,000 bytes (--max-size)"; !strings.Contains(r.stderr, want) {
			t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.stderr)
		}
	}
	// At the limit exactly, the file is read.
	r := runBP(t, data, nil, "--max-size", strconv.Itoa(len(data)), "validate", "-")
	if r.code != ExitOK {
		t.Errorf("a file of exactly --max-size bytes: exit %d\n%s", r.code, r.stderr)
	}
}

// Item 14 and 12: --max-size 0 and -1 meant "the default".
func TestMaxSizeMustBePositive(t *testing.T) {
	for _, v := range []string{"0", "-1", "", "1x", "99999999999999999999999"} {
		r := runBP(t, "", nil, "--max-size", v, "list")
		if r.code != ExitUsage {
			t.Errorf("--max-size %q: exit %d, want 2", v, r.code)
		}
		if !strings.Contains(r.stderr, "--max-size") || r.stdout != "" {
			t.Errorf("--max-size %q: stdout %q, stderr %q", v, r.stdout, r.stderr)
		}
	}
}

// runWithin runs bp and fails the test, instead of hanging it, when bp
// does not return within a few seconds.
func runWithin(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- runBP(t, "", env, args...) }()
	select {
	case r := <-done:
		return r
	case <-time.After(5 * time.Second):
		t.Fatalf("bp %s did not return within 5s (blocked on a special file?)", strings.Join(args, " "))
		return result{}
	}
}

// Item 8: a FIFO with no writer hung list, validate and fmt; /dev/zero
// was read up to the limit.
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "plan.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	type tc struct {
		name string
		env  map[string]string
		args []string
		want string
	}
	cases := []tc{
		{"list -f fifo", nil, []string{"list", "-f", fifo}, "named pipe (FIFO)"},
		{"BP_FILE fifo", map[string]string{EnvFile: fifo}, []string{"list"}, "named pipe (FIFO)"},
		{"validate fifo", nil, []string{"validate", fifo}, "named pipe (FIFO)"},
		{"validate dir with fifo", nil, []string{"validate", dir}, "named pipe (FIFO)"},
		{"fmt fifo", nil, []string{"fmt", fifo}, "named pipe (FIFO)"},
		{"fmt -w symlink to fifo", nil, []string{"fmt", "-w", link}, "named pipe (FIFO)"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases,
			tc{"validate /dev/zero", nil, []string{"--max-size", "100", "validate", "/dev/zero"}, "/dev/zero: it is a character device"},
			tc{"list /dev/null", nil, []string{"list", "-f", "/dev/null"}, "character device"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runWithin(t, c.env, c.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "not a regular file") {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
			// /dev/zero was reported as "file is 101 bytes".
			if strings.Contains(r.stderr, "101 bytes") {
				t.Errorf("stderr gives a size read from a device:\n%s", r.stderr)
			}
		})
	}
}
