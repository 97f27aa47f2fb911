package yamlfmt

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// comment writes a comment block, each line at ind. Blank lines inside
// the block stay blank.
func (p *printer) comment(c string, ind int) {
	if c == "" {
		return
	}
	for _, line := range strings.Split(c, "\n") {
		if line = trimBlanks(line); line != "" {
			p.indent(ind)
			p.buf.WriteString(line)
		}
		p.buf.WriteByte('\n')
	}
}

// endLine ends the current line with its comment, if any.
func (p *printer) endLine(c string) {
	if c != "" {
		p.buf.WriteString(" " + c)
	}
	p.buf.WriteByte('\n')
}

// lineComment splits the end-of-line comments yaml.v3 gives for one
// printed line (a key's and its value's, each possibly of several lines)
// into the one that stays on the line, the last, and those that go on
// lines of their own above it.
func lineComment(cs ...string) (above []string, line string) {
	var all []string
	for _, c := range cs {
		for _, l := range strings.Split(c, "\n") {
			if l = trimBlanks(l); l != "" {
				all = append(all, l)
			}
		}
	}
	if len(all) == 0 {
		return nil, ""
	}
	return all[:len(all)-1], all[len(all)-1]
}

// commentsAbove writes the lines lineComment moved above a line, at ind.
func (p *printer) commentsAbove(above []string, ind int) {
	for _, l := range above {
		p.indent(ind)
		p.buf.WriteString(l + "\n")
	}
}

// pairComment is lineComment for a "key: value" line.
func pairComment(k, v *yaml.Node) (above []string, line string) {
	return lineComment(k.LineComment, v.LineComment)
}
