package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/icmpd/bp/pkg/workplan"
	"github.com/icmpd/bp/pkg/yamlfmt"
)

// editArgs makes an edit command line from the fuzzer's values.
func editArgs(op uint8, id, a, b string) []string {
	switch op % 12 {
	case 0:
		return []string{"add", id, "--title", a, "--type", "webinar", "--date", b}
	case 1:
		return []string{"set", id, "--title", a}
	case 2:
		return []string{"set", id, "--date", a}
	case 3:
		return []string{"set", id, "--time", a, "--tz", b}
	case 4:
		return []string{"set", id, "--place", a, "--notes", b}
	case 5:
		return []string{"set", id, "--unset", a}
	case 6:
		return []string{"confirm", id, "--date", a, "--choose", b}
	case 7:
		return []string{"postpone", id, "--to", a}
	case 8:
		return []string{"cancel", id, "--reason", a}
	case 9:
		return []string{"record", id, "--summary", a, "--link", b}
	case 10:
		return []string{"remove", id, "--force"}
	}
	return []string{"confirm", id}
}

// FuzzEditCommand runs an edit command, with arbitrary values, on an
// arbitrary valid plan file: it exits 0 and the file is valid and in bp
// fmt's layout (or left as it was), or it refuses and the file is byte
// for byte what it was. No panic reaches the user.
func FuzzEditCommand(f *testing.F) {
	for _, p := range []string{publishedFormat2, publishedPlan, filepath.Join(editDir, "commented.yaml")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for op := range uint8(12) {
			f.Add(data, op, "", "2026-07-08..2026-07-09", "Baghdad")
		}
		f.Add(data, uint8(3), "syria-thematic-meeting", "10:00-16:00", "Europe/Istanbul")
		f.Add(data, uint8(0), "new-webinar", "New webinar", "2026-10-20")
		f.Add(data, uint8(5), "", "dateTBC", "")
	}
	today := func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	f.Fuzz(func(t *testing.T, plan []byte, op uint8, id, a, b string) {
		if len(plan) > 64<<10 {
			return
		}
		p, diags := workplan.Check("f.yaml", plan, workplan.DefaultLimits, workplan.Options{Today: today()})
		if p == nil || workplan.HasErrors(diags) || len(p.Events) == 0 {
			return
		}
		if id == "" || op&0x80 == 0 {
			id = p.Events[int(op)%len(p.Events)].ID
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "workplans", "2026.yaml")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, plan, 0o644); err != nil {
			t.Fatal(err)
		}
		args := editArgs(op, id, a, b)
		r := runApp(dir, "", map[string]string{}, today, args...)
		if strings.Contains(r.stderr, "internal error") {
			t.Fatalf("bp %q: %s", args, r.stderr)
		}
		after, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if r.code != ExitOK {
			if !bytes.Equal(after, plan) {
				t.Fatalf("bp %q refused (exit %d) but changed the file:\n%s", args, r.code, r.stderr)
			}
			return
		}
		if bytes.Equal(after, plan) {
			return // nothing to change
		}
		if p2, d := workplan.Check("f.yaml", after, workplan.DefaultLimits, workplan.Options{Today: today()}); p2 == nil || workplan.HasErrors(d) {
			t.Fatalf("bp %q wrote an invalid plan: %v", args, d)
		}
		if f, err := yamlfmt.Format(after, workplan.Schema); err != nil || !bytes.Equal(f, after) {
			t.Fatalf("bp %q wrote a file not in bp fmt's layout (%v)", args, err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "workplans", ".*tmp-*")); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	})
}
