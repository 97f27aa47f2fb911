package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// FuzzFormatInPlace runs `bp --max-size N fmt -w FILE` through App.Run on
// arbitrary bytes and an arbitrary limit. Whatever happens, the file is
// afterwards byte for byte what it was, or exactly the formatter's output
// for the whole of it (never a prefix, never anything else); its mode is
// kept and no temporary file is left in its directory. Unlike FuzzFormat
// (pkg/yamlfmt), it goes through the reading and writing of a real file,
// where issue 9's truncation happened.
func FuzzFormatInPlace(f *testing.F) {
	published, err := os.ReadFile(publishedPlan)
	if err != nil {
		f.Fatal(err)
	}
	messy, err := os.ReadFile("../../testdata/fmt/messy.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(published, len(published)-1) // just under the file: refused whole
	f.Add(published, len(published))
	f.Add(published, 3000) // issue 9: came back as 3,002 bytes
	f.Add(published, 0)
	f.Add(published, -1)
	f.Add(messy, len(messy)-1)
	f.Add(messy, 1<<20)
	for _, name := range []string{"bom-crlf.yaml", "crlf.yaml", "cr-only.yaml", "bom.yaml", "anchors-legit.yaml"} {
		if b, err := os.ReadFile(filepath.Join("../../testdata/hostile", name)); err == nil {
			f.Add(b, 1<<20)
		}
	}
	f.Add([]byte("formatVersion: 1\r\nplan: {id: p}\r\n# a comment\r\n"), 40)

	f.Fuzz(func(t *testing.T, data []byte, maxSize int) {
		if len(data) > 1<<20 {
			t.Skip("large inputs are slow and add nothing here")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "plan.yaml")
		if err := os.WriteFile(path, data, 0o640); err != nil {
			t.Fatal(err)
		}
		r := runBP(t, "", nil, "--max-size", strconv.Itoa(maxSize), "fmt", "-w", path)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}

		switch {
		case maxSize <= 0 || len(data) > maxSize:
			if r.code != ExitUsage {
				t.Errorf("limit %d, file of %d bytes: exit %d, want 2 (refused)", maxSize, len(data), r.code)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("limit %d, file of %d bytes: the refused file changed to %d bytes", maxSize, len(data), len(got))
			}
		default:
			want, ferr := yamlfmt.Format(data, workplan.Schema)
			if ferr != nil {
				if r.code != ExitUsage || !bytes.Equal(got, data) {
					t.Errorf("unformattable file (%v): exit %d, file changed: %v", ferr, r.code, !bytes.Equal(got, data))
				}
				break
			}
			if r.code != ExitOK {
				t.Errorf("exit %d, want 0\n%s", r.code, r.stderr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("file after fmt -w (%d bytes) is neither the original nor its formatted text (%d bytes)", len(got), len(want))
			}
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("mode changed: %v (%v)", st.Mode(), err)
		}
		if l := testtool.Leftovers(t, dir, "plan.yaml"); len(l) > 0 {
			t.Errorf("files left behind: %v", l)
		}
	})
}
