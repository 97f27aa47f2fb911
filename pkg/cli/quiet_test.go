package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every command that writes a file says so on stderr ("bp: wrote …"), and
// --quiet silences that line: the file is written all the same, and what
// is not about the file (events left out, actions still open) is said.
func TestQuietSilencesWrites(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		dir, plan := planDir(t, publishedFormat2)
		out := func(name string) string { return filepath.Join(dir, name) }
		env := editEnv()
		for _, c := range []struct {
			args  []string
			wrote string // the file the command writes
		}{
			{[]string{"list", "--out", out("june.txt"), "--month", "june"}, out("june.txt")},
			{[]string{"show", "rg-2026-03", "--out", out("rg.txt")}, out("rg.txt")},
			{[]string{"status", "--out", out("status.txt")}, out("status.txt")},
			{[]string{"ics", "--out", out("all.ics")}, out("all.ics")},
			{[]string{"ics", "--feeds", out("feeds")}, out("feeds/all.ics")},
			{[]string{"site", "--out", out("public")}, out("public/index.html")},
			{[]string{"record", "rg-2026-03", "--summary", "Held."}, plan},
			{[]string{"set", "rg-2026-03", "--notes", "Held in Antalya."}, plan},
			{[]string{"action", "add", "rg-2026-03", "Circulate the paper", "--owner", "rg", "--due", "2026-12"}, plan},
			{[]string{"brief", "rg-2026-03", "--out", out("brief.md"), "-o", "md"}, out("brief.md")},
			{[]string{"new", "2027"}, out("workplans/2027.yaml")},
		} {
			args := c.args
			if quiet {
				args = append([]string{"-q"}, args...)
			}
			before, _ := os.Stat(c.wrote)
			r := runBPIn(t, dir, "", env, args...)
			if r.code != ExitOK {
				t.Fatalf("bp %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
			}
			if st, err := os.Stat(c.wrote); err != nil || before != nil && st.ModTime().Equal(before.ModTime()) && st.Size() == before.Size() {
				t.Errorf("bp %s: %s not written (%v)", strings.Join(args, " "), c.wrote, err)
			}
			if said := strings.HasPrefix(r.stderr, "bp: wrote ") || strings.Contains(r.stderr, "\nbp: wrote "); said == quiet {
				t.Errorf("bp %s: stderr %q: said it wrote %v, want %v", strings.Join(args, " "), r.stderr, said, !quiet)
			}
		}
	}
}
