package present

// The text writer: a document for a terminal, 80 columns wide.

import (
	"bufio"
	"io"
	"strings"

	"github.com/icmpd/bp/pkg/safetext"
)

const (
	textWidth  = 78 // a paragraph's lines
	labelWidth = 14 // a fact's label column, after two spaces
)

// WriteText writes the document for a terminal: the title and the lines
// under it, then each block after a blank line; a section's title
// underlined. Paragraphs wrap at 78 columns at spaces (a word longer
// than a line keeps a line of its own, never split into a stray short
// piece); tables fit their columns' widths. Every text is cleaned of
// control, bidi and zero-width characters.
func WriteText(w io.Writer, d *Doc) error {
	t := &textWriter{w: bufio.NewWriter(w)}
	t.para("", d.Title, 0)
	t.para("", d.Subtitle, 0)
	for _, m := range d.Meta {
		t.para("", m, 0)
	}
	if d.Summary != "" {
		t.blank()
		t.para("", d.Summary, 0)
	}
	t.blocks(d.Blocks, 2)
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

type textWriter struct {
	w       *bufio.Writer
	err     error
	started bool // a line was written: a blank line may separate the next
}

func (t *textWriter) line(s string) {
	t.w.WriteString(s + "\n")
	t.started = true
}

// blank writes a blank line between two parts; none before the first.
func (t *textWriter) blank() {
	if t.started {
		t.line("")
	}
}

// para writes text wrapped at 78 columns, indented.
func (t *textWriter) para(lead, text string, indent int) {
	text = Join(" ", lead, safetext.Terminal(text))
	if text == "" {
		return
	}
	pad := strings.Repeat(" ", indent)
	for _, l := range Wrap(text, textWidth-indent) {
		t.line(pad + l)
	}
}

// write writes lines made elsewhere (a table, hanging lines).
func (t *textWriter) write(s string) {
	if s != "" {
		t.w.WriteString(s)
		t.started = true
	}
}

// hang writes text after first, its further lines after as many spaces.
func (t *textWriter) hang(first, text string, indent int) {
	pad := strings.Repeat(" ", indent)
	t.write(Hang(pad+first, pad+strings.Repeat(" ", Width(first)), safetext.Terminal(text), textWidth))
}

func (t *textWriter) blocks(bs []Block, level int) {
	for _, b := range textBlocks(bs) {
		t.blank()
		t.block(b, level)
	}
}

// textBlocks leaves out the blocks only a page draws (a [Timeline]).
func textBlocks(bs []Block) []Block {
	var out []Block
	for _, b := range bs {
		if _, ok := b.(*Timeline); !ok {
			out = append(out, b)
		}
	}
	return out
}

func (t *textWriter) block(b Block, level int) {
	switch b := b.(type) {
	case *Section:
		t.section(b, level)
	case *Para:
		t.para(Join(" ", b.Lead, markText(b.Mark)), withLink(b.Text, b.Link), 0)
	case *Facts:
		t.facts(b.Items)
	case *Table:
		t.table(b)
	case *List:
		t.list(b)
	}
}

func (t *textWriter) section(s *Section, level int) {
	title := safetext.Terminal(s.Title)
	t.line(title)
	if level <= 2 {
		t.line(strings.Repeat("─", Width(title)))
	}
	for i, b := range textBlocks(s.Blocks) {
		if i > 0 {
			t.blank()
		}
		t.block(b, level+1)
	}
}

// facts writes "  Label         value", the value wrapped beside its
// label, a list value one item a line.
func (t *textWriter) facts(fs []Fact) {
	for _, f := range fs {
		label := "  " + safetext.Terminal(f.Label)
		label += strings.Repeat(" ", max(1, 2+labelWidth-Width(label)))
		pad := strings.Repeat(" ", Width(label))
		if f.Value != "" {
			t.write(Hang(label, pad, safetext.Terminal(f.Text()), textWidth))
			label = pad
		}
		for _, it := range f.Items {
			t.write(Hang(label+"- ", pad+"  ", safetext.Terminal(it), textWidth))
			label = pad
		}
	}
}

func (t *textWriter) table(tb *Table) {
	tt := termTable{}
	for _, c := range tb.Columns {
		tt.Header = append(tt.Header, c.Title)
		tt.Max = append(tt.Max, c.Width)
	}
	for _, r := range tb.Rows {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = Join("\n", append([]string{c.Text}, c.Sub...)...)
		}
		tt.Rows = append(tt.Rows, row)
	}
	if err := t.w.Flush(); err != nil && t.err == nil {
		t.err = err
	}
	if err := tt.Write(t.w); err != nil && t.err == nil {
		t.err = err
	}
	t.started = true
}

// list writes "- item", its lines under it indented.
func (t *textWriter) list(l *List) {
	for _, it := range l.Items {
		head := Join(", ", it.Head, it.Text)
		if m := markText(it.Mark); m != "" {
			head = Join(": ", head, m)
		}
		t.hang("- ", head, 0)
		for _, s := range it.Sub {
			t.para("", s, 2)
		}
		for _, f := range it.Facts {
			t.para(f.Label+":", Join(" ", f.Value, strings.Join(f.Items, "; ")), 2)
		}
	}
}

// markText is a mark in words: "Needs follow-up, ended 3 days ago".
func markText(m Mark) string {
	return Join(", ", m.Label, m.Detail)
}

// withLink is text and, when it is not the address itself, the address
// it leads to: "the report (https://…)".
func withLink(text, link string) string {
	if link == "" || link == text || strings.HasPrefix(link, "#") {
		return text
	}
	return text + " (" + link + ")"
}
