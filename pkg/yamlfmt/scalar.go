package yamlfmt

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// scalar writes " value" and the line's comments, or a block scalar.
func (p *printer) scalar(v *yaml.Node, f *workplan.Field, ind int, line string) {
	if v.Tag == "!!null" && v.Value == "" {
		if v.Anchor != "" {
			p.buf.WriteString(" &" + v.Anchor)
			if line != "" {
				// yaml.v3 reads the comment of "key: &x # c" as the
				// enclosing mapping's; "key: &x ~ # c" as the value's
				p.buf.WriteString(" ~")
			}
		}
		p.endLine(line)
		return
	}
	prefix := " " + anchor(v)
	if v.Tag == "!!str" {
		if header, lines, ok := block(v.Value, f, p.col()+len(prefix), ind+2); ok {
			p.buf.WriteString(prefix + header)
			p.endLine(line)
			for _, l := range lines {
				if l != "" {
					p.indent(ind + 2)
					p.buf.WriteString(l)
				}
				p.buf.WriteByte('\n')
			}
			return
		}
	}
	p.buf.WriteString(prefix + p.inline(v, f, false))
	p.endLine(line)
}

// inline writes a scalar on one line: plain when it reads back as the
// same value, else double-quoted. Times are always quoted.
func (p *printer) inline(v *yaml.Node, f *workplan.Field, flow bool) string {
	if v.Tag != "!!str" {
		return v.Value // a number, date, bool or null: written plain, read plain
	}
	if f != nil && f.Kind == workplan.KindTime {
		return quote(v.Value)
	}
	if plainOK(v.Value, flow) {
		return v.Value
	}
	return quote(v.Value)
}

// block decides whether a string is written as a block scalar, and
// returns the header (">-", "|"…) and the lines. Text with line breaks is
// literal (|); a text field too long for its line is folded (>-).
func block(s string, f *workplan.Field, col, ind int) (string, []string, bool) {
	body, chomp := s, "-"
	if strings.HasSuffix(body, "\n") {
		body, chomp = body[:len(body)-1], ""
	}
	if body == "" || strings.HasSuffix(body, "\n") || !blockSafe(body) {
		return "", nil, false
	}
	text := f != nil && f.Kind == workplan.KindText
	if strings.Contains(body, "\n") {
		lines := strings.Split(body, "\n")
		for _, l := range lines {
			if l != strings.TrimRight(l, " ") {
				return "", nil, false
			}
		}
		if lines[0] == "" || lines[0][0] == ' ' {
			return "", nil, false
		}
		return "|" + chomp, lines, true
	}
	if !text && chomp == "-" {
		return "", nil, false
	}
	if chomp == "-" && col+utf8.RuneCountInString(body) <= Width {
		return "", nil, false // fits on its line
	}
	if body != strings.TrimSpace(body) {
		return "", nil, false
	}
	return ">" + chomp, wrap(body, Width-ind), true
}

// blockSafe reports whether text can stand in a block scalar: no control
// characters (a block has no escapes), no tabs, no BOM.
func blockSafe(s string) bool {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r == '\t' || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || r == '\u0085' || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// wrap breaks a folded text at single spaces between words, so that
// folding it back gives the same text. Lines are at most width runes
// unless a word is longer.
func wrap(s string, width int) []string {
	if width < 40 {
		width = 40
	}
	var lines []string
	for utf8.RuneCountInString(s) > width {
		cut, runes := -1, 0
		for i, r := range s {
			if runes > width && cut > 0 {
				break
			}
			if r == ' ' && i > 0 && s[i-1] != ' ' && i+1 < len(s) && s[i+1] != ' ' {
				cut = i
			}
			runes++
		}
		if cut < 0 {
			break
		}
		lines = append(lines, s[:cut])
		s = s[cut+1:]
	}
	return append(lines, s)
}

// plainOK reports whether s can be written without quotes and read back
// as the same string. It is strict: when in doubt, quote.
func plainOK(s string, flow bool) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`.", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}:#?") { // yaml.v3 fails on "[a?]"
		return false
	}
	if yaml11[s] || strings.ContainsAny(s, "0123456789") && strings.Trim(s, "0123456789:._+-eE") == "" {
		return false // YAML 1.1 readers (and some editors) take these as booleans or numbers
	}
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if !unicode.IsPrint(r) || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == utf8.RuneError {
			return false
		}
	}
	// A plain scalar that starts with a letter, and has none of the
	// sequences checked above, reads back as that string unless it is one
	// of YAML's words for true, false or null: no need to parse it. This
	// is the common case (titles, names), and the parse below costs a
	// whole yaml.v3 parser per value.
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLetter(r) && !yamlWords[s] {
		return true
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+s), &n); err != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return false
	}
	v := n.Content[0].Content[1]
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && v.Style == 0 &&
		v.LineComment == "" && v.FootComment == ""
}

// yamlWords are the plain scalars yaml.v3 reads as a bool or null.
var yamlWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"null": true, "Null": true, "NULL": true,
}

var yaml11 = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

// quote writes s as a YAML double-quoted string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || !unicode.IsPrint(r) && r != ' ':
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08X`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
