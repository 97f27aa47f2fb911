package present

// The Markdown writer: a document for a wiki page, an issue or an
// e-mail, as GitHub-flavoured Markdown.

import (
	"bufio"
	"io"
	"strings"

	"github.com/icmpd/bp/pkg/safetext"
)

// WriteMarkdown writes the document as GitHub-flavoured Markdown: the
// title as a heading, the lines under it, then each block after a blank
// line; sections as headings (## and ###), facts as a list of bold
// labels, tables as pipe tables (numbers aligned right), states in bold.
// Every text from a plan goes through [MarkdownCell], in tables and out
// of them, so that it can neither break a table nor add markup, links
// or HTML; a link is shown as its address, escaped, never made a link.
func WriteMarkdown(w io.Writer, d *Doc) error {
	m := &mdWriter{w: bufio.NewWriter(w)}
	if d.Title != "" {
		m.line("# " + MarkdownCell(d.Title))
	}
	var meta []string
	for _, s := range append([]string{d.Subtitle}, d.Meta...) {
		if s != "" {
			meta = append(meta, mdLine(s))
		}
	}
	if len(meta) > 0 {
		m.blank()
		m.line(strings.Join(meta, "  \n"))
	}
	if d.Summary != "" {
		m.blank()
		m.line(mdLine(d.Summary))
	}
	m.blocks(d.Blocks, 2)
	return m.w.Flush()
}

type mdWriter struct {
	w       *bufio.Writer
	started bool
}

func (m *mdWriter) line(s string) {
	m.w.WriteString(s + "\n")
	m.started = true
}

// blank writes a blank line between two parts; none before the first.
func (m *mdWriter) blank() {
	if m.started {
		m.line("")
	}
}

func (m *mdWriter) blocks(bs []Block, level int) {
	for _, b := range textBlocks(bs) {
		m.blank()
		switch b := b.(type) {
		case *Section:
			m.line(strings.Repeat("#", min(level, 6)) + " " + MarkdownCell(b.Title))
			m.blocks(b.Blocks, level+1)
		case *Para:
			m.para(b)
		case *Facts:
			m.facts(b.Items)
		case *Table:
			m.table(b)
		case *List:
			m.list(b)
		}
	}
}

func (m *mdWriter) para(p *Para) {
	s := mdLine(withLink(p.Text, p.Link))
	if p.Mark.Label != "" {
		m := "**" + MarkdownCell(p.Mark.Label) + "**"
		if p.Mark.Detail != "" {
			m += ", " + MarkdownCell(p.Mark.Detail)
		}
		s = Join(" ", m, s)
	}
	if p.Lead != "" {
		s = "**" + MarkdownCell(p.Lead) + "** " + s
	}
	m.line(s)
}

func (m *mdWriter) facts(fs []Fact) {
	for _, f := range fs {
		s := "- **" + MarkdownCell(f.Label) + ":**"
		if f.Value != "" {
			s += " " + MarkdownCell(f.Text())
		}
		m.line(s)
		for _, it := range f.Items {
			m.line("  - " + MarkdownCell(it))
		}
	}
}

func (m *mdWriter) table(t *Table) {
	head, seps := make([]string, len(t.Columns)), make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i], seps[i] = MarkdownCell(c.Title), "---"
		if c.Num {
			seps[i] = "--:"
		}
	}
	m.line("| " + strings.Join(head, " | ") + " |")
	m.line("| " + strings.Join(seps, " | ") + " |")
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = mdCell(c)
		}
		m.line("| " + strings.Join(cells, " | ") + " |")
	}
}

// mdCell is a cell's text, bold when it is a state or a heading of rows,
// its further lines after <br>.
func mdCell(c Cell) string {
	s := MarkdownCell(c.Text)
	if s != "" && (c.Tone != NoTone || c.Strong) {
		s = "**" + s + "**"
	}
	for _, sub := range c.Sub {
		if sub = MarkdownCell(sub); sub != "" {
			s = Join("<br>", s, sub)
		}
	}
	return s
}

func (m *mdWriter) list(l *List) {
	for _, it := range l.Items {
		s := MarkdownCell(Join(", ", it.Head, withLink(it.Text, it.Link)))
		if it.Mark.Label != "" {
			s += ": **" + MarkdownCell(it.Mark.Label) + "**"
			if it.Mark.Detail != "" {
				s += ", " + MarkdownCell(it.Mark.Detail)
			}
		}
		for _, sub := range it.Sub {
			s += "  \n  " + mdLine(sub)
		}
		for _, f := range it.Facts {
			s += "  \n  **" + MarkdownCell(f.Label) + ":** " + MarkdownCell(Join(" ", f.Value, strings.Join(f.Items, "; ")))
		}
		m.line("- " + s)
	}
}

// mdLine is [MarkdownCell] for text that starts a line: a first
// character that would start a heading, a list, a quote or a rule there
// is escaped too.
func mdLine(s string) string {
	s = MarkdownCell(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case s == "":
	case strings.ContainsRune("#-+=", rune(s[0])):
		return `\` + s
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
		return s[:i] + `\` + s[i:]
	}
	return s
}

// MarkdownCell makes text safe inside Markdown, a table cell included:
// pipes and backslashes are escaped, line breaks become spaces, and the
// characters that start HTML or links are written as entities or
// escaped, so a title cannot add markup or script to a rendered page.
func MarkdownCell(s string) string {
	s = safetext.Terminal(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '|':
			b.WriteString(`\|`)
		case '\\':
			b.WriteString(`\\`)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '[', ']', '`', '*', '_', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
