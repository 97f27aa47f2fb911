// Package manual is bp's manual: a topic a file, written in Markdown so
// that GitHub renders it and README links to it, embedded in the binary
// so that `bp help TOPIC` shows it in a terminal, at 80 columns, with no
// network and nothing installed.
//
// # Topics
//
// Each topic is NAME.md in this directory. Its first line is "# Title",
// its first paragraph one sentence that says what the topic is for: `bp
// help` lists the topics with it. [Names] gives the order.
//
// # The Markdown a topic may use
//
// Headings (#, ##, ###), paragraphs, lists ("- " and "1. ", with
// continuation lines indented), fenced code blocks, tables, quotes ("> "),
// and inline `code`, **strong**, *emphasis* and [links](target.md).
// [Text] writes all of it for a terminal; anything else (HTML, images) is
// refused by the package's tests, so a topic never shows raw markup.
package manual

import (
	"embed"
	"strings"
)

//go:embed *.md
var files embed.FS

// order is the topics, as `bp help` lists them: how to read the plans,
// then how to change them, then publishing and CI, then reference.
var order = []string{
	"install",
	"plans",
	"lookup",
	"dates",
	"follow-up",
	"changing",
	"years",
	"calendars",
	"publishing",
	"audiences",
	"ci",
	"format",
	"output",
	"promises",
	"exit-codes",
	"performance",
}

// Topic is one page of the manual.
type Topic struct {
	Name     string // as `bp help NAME` takes it: "plans"
	Title    string // its first heading: "Which plans bp reads"
	Summary  string // its first paragraph, on one line
	Markdown string // the whole page
}

// Names returns the topics' names, in the order bp help lists them.
func Names() []string { return append([]string(nil), order...) }

// Lookup returns the topic called name.
func Lookup(name string) (Topic, bool) {
	data, err := files.ReadFile(name + ".md")
	if err != nil {
		return Topic{}, false
	}
	md := string(data)
	t := Topic{Name: name, Markdown: md}
	var para []string
	for _, l := range strings.Split(md, "\n") {
		switch {
		case t.Title == "" && strings.HasPrefix(l, "# "):
			t.Title = strings.TrimSpace(l[2:])
		case t.Title != "" && strings.TrimSpace(l) == "" && len(para) > 0:
			t.Summary = inline(strings.Join(para, " "))
			return t, true
		case t.Title != "" && strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "<!--"):
			para = append(para, strings.TrimSpace(l))
		}
	}
	t.Summary = inline(strings.Join(para, " "))
	return t, true
}

// Topics returns every topic, in order.
func Topics() []Topic {
	out := make([]Topic, 0, len(order))
	for _, n := range order {
		if t, ok := Lookup(n); ok {
			out = append(out, t)
		}
	}
	return out
}
