package store

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/internal/testtool"
	"github.com/icmpd/bp/pkg/workplan"
)

// TestPublishedRevisions: a plan file's published revisions, oldest
// first: the last commit of each revision (a commit that fixed revision
// 2 without a new number is revision 2 as published), a commit where
// the file cannot be read as a plan and one where it was deleted left
// out, and a revision whose events did not change (only the plan's own
// keys) left out; of each revision after the first only the events that
// changed (z never does); the file as it is last, in the place of a
// committed revision not older; from any working directory, the file
// named by a path from there.
func TestPublishedRevisions(t *testing.T) {
	repo := t.TempDir()
	testtool.Git(t, repo, "init", "-q")
	plan := filepath.Join(repo, "plans", "2026.yaml")
	commit := func(text string) {
		if text == "" {
			testtool.Git(t, repo, "rm", "-q", plan)
		} else {
			testtool.MustWrite(t, plan, text)
			testtool.Git(t, repo, "add", ".")
		}
		testtool.Git(t, repo, "commit", "-q", "-m", "x")
	}
	version := func(rev int, title, chair string) string {
		r := strconv.Itoa(rev)
		return "formatVersion: 3\nplan:\n  id: p\n  title: P\n  year: 2026\n  revision: " + r + "\n  revised: 2026-01-1" + r +
			"\n  chair: " + chair + "\nevents:\n  - {id: a, title: " + title + ", type: webinar, start: 2026-03-04, status: planned, revision: " + r +
			", revised: 2026-01-1" + r + "}\n" +
			"  - {id: z, title: Z, type: webinar, start: 2026-05-04, status: planned, revision: 1, revised: 2026-01-11}\n"
	}
	commit(version(1, "A", "X"))
	commit(version(2, "Typo", "X"))
	commit(version(2, "B", "X"))
	commit("formatVersion: 3\nplan: [not a plan\n")
	commit(version(3, "C", "X"))
	commit(strings.Replace(strings.Replace(version(3, "C", "Y"), "revision: 3\n", "revision: 4\n", 1), "revised: 2026-01-13\n  chair", "revised: 2026-01-14\n  chair", 1))
	commit("")
	commit(version(5, "E", "Y"))

	s := &Session{Getwd: func() (string, error) { return filepath.Join(repo, "plans"), nil }}
	read := func(working bool) []string {
		var got []string
		err := s.PublishedRevisions("2026.yaml", working, func(r Revision) error {
			switch {
			case r.Plan != nil:
				got = append(got, strconv.Itoa(r.Plan.Revision)+" whole "+r.Plan.Events[0].Title)
			default:
				g := strconv.Itoa(r.New.Revision) + " changed"
				for _, p := range []*workplan.Plan{r.Old, r.New} {
					for _, e := range p.Events {
						g += " " + e.Title
					}
				}
				got = append(got, g)
			}
			if working && r.Commit == "" {
				return nil
			}
			if len(r.Commit) != 40 || r.Time.IsZero() {
				t.Errorf("commit %q at %v", r.Commit, r.Time)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := read(false), []string{"1 whole A", "2 changed A B", "3 changed B C", "5 changed C E"}; !slices.Equal(got, want) {
		t.Errorf("revisions %q, want %q", got, want)
	}
	// The file as it is takes the place of revision 5, committed.
	testtool.MustWrite(t, plan, version(5, "F", "Y"))
	if got, want := read(true), []string{"1 whole A", "2 changed A B", "3 changed B C", "5 changed C F"}; !slices.Equal(got, want) {
		t.Errorf("with the working file: revisions %q, want %q", got, want)
	}
	// Outside a repository, git cannot tell.
	out := &Session{Getwd: func() (string, error) { return t.TempDir(), nil }}
	if err := out.PublishedRevisions(filepath.Join(t.TempDir(), "2026.yaml"), false, func(Revision) error { return nil }); err == nil {
		t.Error("no error outside a git repository")
	}
}
