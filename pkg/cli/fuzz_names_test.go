//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// FuzzHostileNames drives a command (cmd picks one of hostileCommands:
// list, show, brief, status, cal, actions, validate in each format, fmt,
// fmt -w, fmt --check, migrate, ics, site, the edit commands, new, diff,
// version) with a plan whose file name is the fuzzer's: as a regular file (a valid
// plan, or invalid YAML), a dangling symlink (to a name as hostile), a
// directory of plans, a FIFO, or a missing file; named by -f, by
// BP_FILE, as an argument, or listed in the workplans/ directory bp finds
// (in a git repository, or under a working directory of that name). No
// control, bidi or zero-width character may reach stdout or stderr, no
// line may be one a CI runner takes for a workflow command (but
// validate --format github's whole annotations), and nothing may panic:
// checkShownNames (names_test.go).
//
//	go test ./pkg/cli -run '^$' -fuzz FuzzHostileNames -fuzztime 5m -parallel 1
func FuzzHostileNames(f *testing.F) {
	// kind packs how the name is met: what (bits 0-2, mod 6: a valid
	// plan, invalid YAML, a dangling link, a directory of plans, a FIFO,
	// missing), where (bits 3-4: -f, BP_FILE, an argument, found in
	// workplans/), 0x20 ".yaml" appended, 0x40 in a git repository (when
	// found), 0x80 under a working directory named like the file.
	k := func(what, where, flags uint8) uint8 { return what | where<<3 | flags }
	seedKinds := []uint8{
		k(0, 0, 0), k(1, 0, 0), k(2, 0, 0), k(3, 0, 0x20), k(4, 0, 0), k(5, 0, 0), // -f: each kind
		k(2, 1, 0), k(5, 1, 0), k(1, 2, 0), k(4, 2, 0), // BP_FILE; an argument
		k(0, 3, 0x20), k(2, 3, 0x20), k(3, 3, 0), k(4, 3, 0x20), k(1, 3, 0x20), // found
		k(0, 3, 0x60), k(1, 3, 0x60), // found in git
		k(2, 3, 0xa0), k(1, 0, 0x80), // under a hostile working directory
	}
	for i, name := range []string{
		forgingName,
		"y\n::error title=forged::x.yaml",
		"::error file=a,line=1::b.yaml",
		"\r::warning::x.yml",
		"a\x1b]8;;http:evil\x07link\x1b]8;;\x07.yaml",
		"\x1b[2J\x1b[H\x07.YAML",
		"\u202egnp.yaml",
		"\u2066x\u2069\u200b\u200d\ufeff.yaml",
		"c1\u0085\u009b31m\u009d0;t\u009c.yaml",
		"bad\xff\xfe.yaml",
		"%0A::error::x.yaml",
		".#2026.yaml",
		"2026.yaml~",
		"-f.yaml",
		"plain.yaml",
	} {
		// Each name in a few of the ways, with a few commands: the kinds
		// and the commands in turn, so that every kind, every place and
		// every command meets several names.
		for j := range 3 {
			f.Add(name, seedKinds[(i+5*j)%len(seedKinds)], uint8(3*i+j))
		}
	}
	pub, err := os.ReadFile(publishedPlan)
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, name string, kind, cmd uint8) {
		// a name a file system takes: no separator, no NUL, not too long
		name = strings.NewReplacer("/", "_", "\x00", "_").Replace(name)
		if len(name) > 200 {
			name = name[:200]
		}
		if name == "" || name == "." || name == ".." {
			name = "x" + name
		}
		if kind&0x20 != 0 {
			name += ".yaml"
		}
		what, where := kind&7%6, []string{"flag", "env", "arg", "found"}[kind>>3&3]
		// git does not take a FIFO
		inGit, hostileWD := kind&0x40 != 0 && where == "found" && what != 4, kind&0x80 != 0

		dir := t.TempDir()
		if hostileWD {
			dir = filepath.Join(dir, name+".d")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Skip(err) // a name the file system refuses
			}
		}
		at := dir
		if where == "found" {
			at = filepath.Join(dir, "workplans")
			if err := os.Mkdir(at, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(at, "2026.yaml"), pub, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		plan := filepath.Join(at, name)
		var err error
		switch what {
		case 0:
			err = os.WriteFile(plan, pub, 0o644)
		case 1:
			err = os.WriteFile(plan, []byte("formatVersion: 2\nplan: [\n"), 0o644)
		case 2:
			err = os.Symlink(name+"\n::error::gone\x1b[31m", plan)
		case 3:
			if err = os.Mkdir(plan, 0o755); err == nil {
				err = os.WriteFile(filepath.Join(plan, name+".yaml"), []byte("formatVersion: 2\nplan: [\n"), 0o644)
			}
		case 4:
			err = syscall.Mkfifo(plan, 0o644)
		}
		if err != nil {
			t.Skip(err) // a name the file system refuses (too long, …)
		}
		if inGit {
			gitIn(t, dir, "init", "-q")
			gitIn(t, dir, "add", "-A")
			gitIn(t, dir, "commit", "-q", "--allow-empty", "-m", "plans")
		}
		runHostile(t, dir, where, plan, [][]string{hostileCommands[int(cmd)%len(hostileCommands)]})
	})
}
