package manual

import (
	"path"
	"strings"

	"github.com/icmpd/bp/pkg/present"
)

// Text returns the Markdown md as a terminal shows it: paragraphs and
// list items wrapped at width display cells, headings underlined, code
// blocks indented and kept as written, tables as aligned columns (or, when
// they do not fit, a block a row), inline markup taken off, and a link to
// another topic written as the command that shows it.
func Text(md string, width int) string {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	blank := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteByte('\n')
		}
	}
	for i := 0; i < len(lines); {
		l := lines[i]
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			i++
		case strings.HasPrefix(t, "<!--"):
			for i < len(lines) && !strings.Contains(lines[i], "-->") {
				i++
			}
			i++
		case strings.HasPrefix(t, "```"):
			blank()
			for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
				for _, l := range foldCode(lines[i], width-4) {
					b.WriteString(strings.TrimRight("    "+l, " ") + "\n")
				}
			}
			i++
			blank()
		case strings.HasPrefix(l, "#"):
			level := len(l) - len(strings.TrimLeft(l, "#"))
			text := inline(strings.TrimSpace(l[level:]))
			blank()
			b.WriteString(text + "\n")
			switch level {
			case 1:
				b.WriteString(strings.Repeat("=", min(present.Width(text), width)) + "\n")
			case 2:
				b.WriteString(strings.Repeat("-", min(present.Width(text), width)) + "\n")
			}
			b.WriteByte('\n')
			i++
		case strings.HasPrefix(t, "|"):
			var rows []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				rows = append(rows, strings.TrimSpace(lines[i]))
			}
			blank()
			b.WriteString(table(rows, width))
			blank()
		case strings.HasPrefix(t, "> "):
			var para []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">"); i++ {
				para = append(para, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")))
			}
			b.WriteString(present.Hang("    ", "    ", inline(strings.Join(para, " ")), width))
			blank()
		case listMarker(l) != "":
			i = list(&b, lines, i, width)
			blank()
		default:
			var para []string
			for ; i < len(lines) && isParagraphLine(lines[i]); i++ {
				para = append(para, strings.TrimSpace(lines[i]))
			}
			b.WriteString(present.Hang("", "", inline(strings.Join(para, " ")), width))
			blank()
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// isParagraphLine reports whether l goes on a paragraph: not blank and
// not the start of another block.
func isParagraphLine(l string) bool {
	t := strings.TrimSpace(l)
	return t != "" && !strings.HasPrefix(t, "```") && !strings.HasPrefix(l, "#") &&
		!strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "> ") && listMarker(l) == "" &&
		!strings.HasPrefix(t, "<!--")
}

// listMarker returns the marker that starts a list item ("- ", "12. "),
// after its indentation, or "".
func listMarker(l string) string {
	t := strings.TrimLeft(l, " ")
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
		return t[:2]
	}
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n < 4 && strings.HasPrefix(t[n:], ". ") {
		return t[:n+2]
	}
	return ""
}

// ordered reports whether a list marker numbers its item.
func ordered(marker string) bool { return marker[0] >= '0' && marker[0] <= '9' }

// list writes the list that starts at lines[i], nested by indentation,
// and returns the index of the first line after it.
func list(b *strings.Builder, lines []string, i, width int) int {
	for i < len(lines) {
		l := lines[i]
		m := listMarker(l)
		if m == "" {
			return i
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		item := []string{strings.TrimSpace(strings.TrimLeft(l, " ")[len(m):])}
		// continuation lines: indented deeper than the marker, not a
		// new item
		for i++; i < len(lines); i++ {
			c := lines[i]
			ci := len(c) - len(strings.TrimLeft(c, " "))
			if strings.TrimSpace(c) == "" || listMarker(c) != "" || ci <= indent {
				break
			}
			item = append(item, strings.TrimSpace(c))
		}
		mark := strings.TrimSpace(m)
		if mark == "*" {
			mark = "-"
		}
		lead := strings.Repeat(" ", 2+indent) + mark + " "
		b.WriteString(present.Hang(lead, strings.Repeat(" ", present.Width(lead)), inline(strings.Join(item, " ")), width))
		if i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			// a blank line ends the list unless another item follows
			j := i + 1
			if j < len(lines) && listMarker(lines[j]) != "" && ordered(listMarker(lines[j])) == ordered(m) {
				i = j
				continue
			}
			return i
		}
	}
	return i
}

// table writes a Markdown table's rows (header, the |---| line, body) as
// columns two spaces apart when they fit width; else, for two columns, as
// terms with their meaning wrapped beside them, and for more, each body
// row as a block: its first cell, then each other cell under its
// header's name.
func table(rows []string, width int) string {
	var cells [][]string
	for i, r := range rows {
		if i == 1 && strings.Trim(r, "|-: ") == "" {
			continue
		}
		r = strings.TrimSuffix(strings.TrimPrefix(r, "|"), "|")
		var row []string
		for _, c := range splitCells(r) {
			row = append(row, inline(strings.TrimSpace(c)))
		}
		cells = append(cells, row)
	}
	if len(cells) == 0 {
		return ""
	}
	n := len(cells[0])
	widths := make([]int, n)
	for _, row := range cells {
		for j := 0; j < n && j < len(row); j++ {
			widths[j] = max(widths[j], present.Width(row[j]))
		}
	}
	total := 2 * n
	for _, w := range widths {
		total += w
	}
	var b strings.Builder
	if total <= width {
		for r, row := range cells {
			line := "  "
			for j := 0; j < n; j++ {
				c := ""
				if j < len(row) {
					c = row[j]
				}
				if j < n-1 {
					c += strings.Repeat(" ", widths[j]-present.Width(c)+2)
				}
				line += c
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			if r == 0 {
				rule := "  "
				for j, w := range widths {
					rule += strings.Repeat("-", w)
					if j < n-1 {
						rule += "  "
					}
				}
				b.WriteString(rule + "\n")
			}
		}
		return b.String()
	}
	term := 0
	for _, row := range cells[1:] {
		term = max(term, present.Width(row[0]))
	}
	if n == 2 && term <= 16 {
		// a term and what it means: the meaning hangs beside the term
		for _, row := range cells[1:] {
			lead := "  " + row[0] + strings.Repeat(" ", term-present.Width(row[0])+2)
			b.WriteString(present.Hang(lead, strings.Repeat(" ", term+4), row[len(row)-1], width))
		}
		return b.String()
	}
	head := cells[0]
	for r, row := range cells[1:] {
		if r > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(present.Hang("  ", "  ", row[0], width))
		for j := 1; j < n && j < len(row); j++ {
			if row[j] == "" {
				continue
			}
			lead := "    " + head[j] + ": "
			b.WriteString(present.Hang(lead, "      ", row[j], width))
		}
	}
	return b.String()
}

// splitCells splits a table row at the pipes that are not inside `code`
// and not escaped (\|).
func splitCells(r string) []string {
	var out []string
	var cur strings.Builder
	inCode := false
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == '\\' && i+1 < len(r) && r[i+1] == '|':
			cur.WriteByte('|')
			i++
		case c == '`':
			inCode = !inCode
			cur.WriteByte(c)
		case c == '|' && !inCode:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// inline takes the inline markup off s: `code` keeps its text, **strong**
// and *emphasis* lose their stars, and a link becomes its text, followed
// by the command that shows the topic it leads to, or the address of a
// page outside the manual.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case strings.HasPrefix(s[i:], "``"):
			end := strings.Index(s[i+2:], "``")
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(strings.TrimSpace(s[i+2 : i+2+end]))
			i += end + 4
		case c == '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(s[i+1 : i+1+end])
			i += end + 2
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]()#|<>", s[i+1]) >= 0:
			b.WriteByte(s[i+1])
			i += 2
		case c == '*':
			for i < len(s) && s[i] == '*' {
				i++
			}
		case c == '[':
			text, target, n, ok := link(s[i:])
			if !ok {
				b.WriteByte(c)
				i++
				continue
			}
			b.WriteString(linkText(inline(text), target))
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// link reads "[text](target)" at the start of s and its length.
func link(s string) (text, target string, n int, ok bool) {
	depth := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if j+1 >= len(s) || s[j+1] != '(' {
					return "", "", 0, false
				}
				end := strings.IndexByte(s[j+2:], ')')
				if end < 0 {
					return "", "", 0, false
				}
				return s[1:j], s[j+2 : j+2+end], j + 3 + end, true
			}
		}
	}
	return "", "", 0, false
}

// linkText is a link as a terminal shows it.
func linkText(text, target string) string {
	switch {
	case strings.HasPrefix(target, "http://"), strings.HasPrefix(target, "https://"):
		if text == target {
			return target
		}
		return text + " <" + target + ">"
	case strings.HasPrefix(target, "#"):
		return text
	}
	file, _, _ := strings.Cut(target, "#")
	if path.Dir(file) == "." && strings.HasSuffix(file, ".md") {
		name := strings.TrimSuffix(file, ".md")
		if _, ok := Lookup(name); ok && !strings.Contains(text, "bp help") {
			return text + " (bp help " + name + ")"
		}
	}
	return text
}

// foldCode breaks a line of a code block that is wider than width at
// spaces, as a terminal would show it anyway, but where a reader can see
// it: a command ("$ bp …") is continued with " \" and an indent, so
// that it still runs when copied into a shell; any other line (what a
// command printed) goes on indented by two more spaces. A word wider
// than the room left stays whole, and so does text in double quotes.
func foldCode(l string, width int) []string {
	if present.Width(l) <= width {
		return []string{l}
	}
	cmd := strings.HasPrefix(l, "$ ")
	indent, mark := "  ", ""
	if cmd {
		indent, mark = "    ", " \\"
	}
	var out []string
	cur := ""
	for _, w := range shellWords(l) {
		room := width - present.Width(mark)
		switch {
		case cur == "" || cur == indent:
			cur += w
		case present.Width(cur)+1+present.Width(w) > room:
			out = append(out, cur+mark)
			cur = indent + w
		default:
			cur += " " + w
		}
	}
	return append(out, cur)
}

// shellWords splits l at the spaces outside double quotes.
func shellWords(l string) []string {
	var words []string
	start, quoted := 0, false
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '"':
			quoted = !quoted
		case ' ':
			if !quoted {
				words = append(words, l[start:i])
				start = i + 1
			}
		}
	}
	return append(words, l[start:])
}
