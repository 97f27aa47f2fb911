package manual

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/icmpd/bp/pkg/present"
)

// TestTopicsListed: every Markdown file here is a topic bp help lists,
// and every listed topic has its file, a title and a summary.
func TestTopicsListed(t *testing.T) {
	md, err := fs.Glob(files, "*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range md {
		if !slices.Contains(Names(), strings.TrimSuffix(f, ".md")) {
			t.Errorf("%s is not listed in order: bp help would not show it", f)
		}
	}
	for _, n := range Names() {
		tp, ok := Lookup(n)
		switch {
		case !ok:
			t.Errorf("topic %q has no file %s.md", n, n)
		case tp.Title == "" || tp.Summary == "":
			t.Errorf("%s.md: wants a # title and a first paragraph; got %q, %q", n, tp.Title, tp.Summary)
		case present.Width(tp.Summary) > 65:
			t.Errorf("%s.md: the summary is %d columns, over 65: bp help lists it after the name, on one line of 80", n, present.Width(tp.Summary))
		}
	}
}

// TestTopicsFitEightyColumns: every topic, as bp help shows it, fits 80
// columns, and no markup is left in it.
func TestTopicsFitEightyColumns(t *testing.T) {
	for _, tp := range Topics() {
		text := Text(tp.Markdown, 80)
		for i, l := range strings.Split(text, "\n") {
			if w := present.Width(l); w > 80 {
				t.Errorf("%s.md as text, line %d: %d columns:\n%s", tp.Name, i+1, w, l)
			}
		}
		if strings.Contains(text, "](") || regexp.MustCompile(`(?m)^\s*<!--`).MatchString(text) {
			t.Errorf("%s.md as text keeps markup:\n%s", tp.Name, text)
		}
	}
}

var (
	rawHTML = regexp.MustCompile(`<[a-zA-Z/][^>]*>`)
	mdLink  = regexp.MustCompile(`\]\(([^)]+)\)`)
)

// TestTopicsUseTheSubset: a topic uses only the Markdown Text writes
// (no HTML, no images), and a link to another topic names one there is.
func TestTopicsUseTheSubset(t *testing.T) {
	codeSpan := regexp.MustCompile("``.*?``|`[^`]*`")
	for _, tp := range Topics() {
		// the prose: fenced blocks blanked (lines kept, for the line
		// numbers), then code spans, which may run over a line break
		var prose []string
		inFence := false
		for _, l := range strings.Split(tp.Markdown, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "```") {
				inFence = !inFence
				l = ""
			}
			if inFence {
				l = ""
			}
			prose = append(prose, l)
		}
		text := codeSpan.ReplaceAllStringFunc(strings.Join(prose, "\n"), func(m string) string {
			return strings.Repeat("\n", strings.Count(m, "\n"))
		})
		for i, l := range strings.Split(text, "\n") {
			if rawHTML.MatchString(l) && !strings.HasPrefix(strings.TrimSpace(l), "<!--") {
				t.Errorf("%s.md:%d: HTML in a topic: %s", tp.Name, i+1, l)
			}
			if strings.Contains(l, "![") {
				t.Errorf("%s.md:%d: an image in a topic: a terminal cannot show it", tp.Name, i+1)
			}
			for _, m := range mdLink.FindAllStringSubmatch(l, -1) {
				target := m[1]
				if strings.HasPrefix(target, "http") || strings.HasPrefix(target, "#") {
					continue
				}
				file, _, _ := strings.Cut(target, "#")
				if strings.Contains(file, "/") {
					continue // a file of the repository, for GitHub
				}
				if _, ok := Lookup(strings.TrimSuffix(file, ".md")); !ok || !strings.HasSuffix(file, ".md") {
					t.Errorf("%s.md:%d: link to %q, which is no topic", tp.Name, i+1, target)
				}
			}
		}
	}
}

func TestText(t *testing.T) {
	md := "# Title here\n\nFirst paragraph with `code`, **strong** and a [link](plans.md).\n" +
		"It goes on [outside](https://example.org/x).\n\n" +
		"## A section\n\n- one item that is long enough to wrap at the narrow width we give it here\n" +
		"  and a continuation line\n- two\n  - nested\n\n1. first\n2. second\n\n" +
		"```\n$ bp list --month june\n```\n\n" +
		"| a | b |\n| --- | --- |\n| `x\\|y` | z |\n\n> quoted text\n\n<!-- hidden -->\nLast.\n"
	want := `Title here
==========

First paragraph with code, strong and a link (bp help
plans). It goes on outside <https://example.org/x>.

A section
---------

  - one item that is long enough to wrap at the narrow
    width we give it here and a continuation line
  - two
    - nested

  1. first
  2. second

    $ bp list --month june

  a    b
  ---  -
  x|y  z

    quoted text

Last.
`
	if got := Text(md, 56); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
}

// TestTextTableTooWide: a table wider than the terminal becomes a block
// a row, each value under its column's name.
func TestTextTableTooWide(t *testing.T) {
	md := "| code | meaning |\n| --- | --- |\n| 0 | " + strings.Repeat("word ", 16) + "|\n| 1 | short |\n"
	got := Text(md, 40)
	want := "  0  word word word word word word word\n     word word word word word word word\n     word word\n  1  short\n"
	if got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
	md = "| a | b | c |\n| --- | --- | --- |\n| x | " + strings.Repeat("word ", 10) + "| y |\n"
	got = Text(md, 30)
	want = "  x\n    b: word word word word\n      word word word word word\n      word\n    c: y\n"
	if got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
}

// TestTextFoldsCode: a code line wider than the terminal is folded at a
// space: a command with " \\" so that it still runs when copied, never
// inside double quotes; what a command printed, indented.
func TestTextFoldsCode(t *testing.T) {
	md := "```console\n$ bp action add rg-2026-03 \"Circulate the draft paper\" --owner secretariat --due 2026-12\n" +
		"workplans/2026.yaml:12:13: error: the plan changed since HEAD but revision is still 1 [revision]\n```\n"
	want := "    $ bp action add rg-2026-03 \\\n" +
		"        \"Circulate the draft paper\" --owner \\\n" +
		"        secretariat --due 2026-12\n" +
		"    workplans/2026.yaml:12:13: error: the plan\n" +
		"      changed since HEAD but revision is still 1\n" +
		"      [revision]\n"
	if got := Text(md, 50); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
}
