package yamlfmt

import "strings"

// comment writes a comment block, each line at ind. Blank lines inside
// the block stay blank.
func (p *printer) comment(c string, ind int) {
	if c == "" {
		return
	}
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimSpace(line)
		if line != "" {
			p.indent(ind)
			p.buf.WriteString(line)
		}
		p.buf.WriteByte('\n')
	}
}

// lineComments appends comments to the current line.
func (p *printer) lineComments(cs ...string) {
	for _, c := range cs {
		if c = strings.TrimSpace(c); c != "" {
			p.buf.WriteString(" " + strings.Join(strings.Fields(c), " "))
		}
	}
}
