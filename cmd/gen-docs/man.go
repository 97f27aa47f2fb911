package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	"github.com/spf13/cobra/doc"

	"github.com/icmpd/bp/pkg/cli"
	"github.com/icmpd/bp/pkg/manual"
	"github.com/icmpd/bp/pkg/workplan"
)

// ManPages writes bp's manual pages into dir: bp(1) and a page a command
// (bp-list(1) …), generated from the command tree, and a page a topic of
// the manual (bp-plans(7) …), from its Markdown. date is the pages' date
// (a release's commit date), so that the same tree gives the same bytes.
//
// The pages are written into a new directory beside dir, then renamed
// into its place: dir is new, or a directory of man pages bp wrote before
// (nothing but bp*.1 and bp-*.7 files), which is replaced whole.
func ManPages(dir string, date time.Time) error {
	if err := oldManPages(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dir)), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	root := cli.CommandTree()
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{Title: "BP", Section: "1", Date: &date, Source: "bp", Manual: "bp manual"}
	if err := doc.GenManTree(root, header, tmp); err != nil {
		return err
	}
	for _, t := range manual.Topics() {
		if err := os.WriteFile(filepath.Join(tmp, "bp-"+t.Name+".7"), topicMan(t, date), 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// oldManPages refuses dir unless it is missing or holds only man pages
// of bp's.
func oldManPages(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, "bp") || !(strings.HasSuffix(n, ".1") || strings.HasSuffix(n, ".7")) {
			return fmt.Errorf("%s holds %s, which is no man page of bp's; refused, nothing was written", dir, n)
		}
	}
	return nil
}

// topicLink is a link to another topic in a topic's Markdown.
var topicLink = regexp.MustCompile(`\[([^\]]+)\]\(([a-z-]+)\.md(#[^)]*)?\)`)

// topicMan is a topic as a man page of section 7: its title the NAME, its
// sections the page's, a link to another topic its page's name.
func topicMan(t manual.Topic, date time.Time) []byte {
	var md strings.Builder
	fmt.Fprintf(&md, "%% BP-%s 7 %q \"bp\" \"bp manual\"\n", strings.ToUpper(t.Name), workplan.MonthText(date))
	fmt.Fprintf(&md, "# NAME\nbp-%s - %s\n\n# DESCRIPTION\n", t.Name, strings.TrimSuffix(t.Summary, "."))
	// the title and the summary are the NAME line
	body := strings.TrimPrefix(t.Markdown, "# "+t.Title+"\n")
	body = strings.TrimLeft(body, "\n")
	if _, rest, ok := strings.Cut(body, "\n\n"); ok {
		body = rest
	}
	var table []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "|") {
			table = append(table, l)
			continue
		}
		if table != nil {
			md.WriteString(tableList(table))
			table = nil
		}
		switch {
		case strings.HasPrefix(l, "### "):
			l = "## " + l[4:]
		case strings.HasPrefix(l, "## "):
			l = "# " + strings.ToUpper(l[3:])
		}
		md.WriteString(topicLink.ReplaceAllString(l, "$1 (bp-$2(7))") + "\n")
	}
	if table != nil {
		md.WriteString(tableList(table))
	}
	md.WriteString("\n# SEE ALSO\n**bp**(1)")
	for _, o := range manual.Names() {
		if o != t.Name {
			fmt.Fprintf(&md, ", **bp-%s**(7)", o)
		}
	}
	md.WriteString("\n")
	return bytes.TrimLeft(md2man.Render([]byte(md.String())), "\n")
}

// tableList writes a Markdown table as a list, an item a row: its first
// cell in bold, then the others, named by their column when there are
// more than two. A man page's tables do not wrap their cells.
func tableList(rows []string) string {
	cells := func(r string) []string {
		r = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(r), "|"), "|")
		var out []string
		for _, c := range regexp.MustCompile(`(?:\\\||[^|])+|^$`).FindAllString(r, -1) {
			out = append(out, strings.TrimSpace(c))
		}
		return out
	}
	if len(rows) < 3 {
		return ""
	}
	head := cells(rows[0])
	var b strings.Builder
	b.WriteString("\n")
	for _, r := range rows[2:] {
		row := cells(r)
		if len(row) == 0 {
			continue
		}
		b.WriteString("- **" + strings.Trim(row[0], "`") + "**")
		for j := 1; j < len(row); j++ {
			switch {
			case row[j] == "":
			case len(head) > 2 && j < len(head):
				b.WriteString("; " + head[j] + ": " + row[j])
			default:
				b.WriteString(": " + row[j])
			}
		}
		b.WriteString("\n")
	}
	return b.String() + "\n"
}
