package render

import (
	"strings"
	"unicode"
)

// Clean makes text from a workplan safe for a terminal: it drops control
// characters (ESC and every other C0/C1 code, DEL, bidirectional
// overrides) so that no escape sequence reaches the terminal, and turns
// line breaks and tabs into spaces.
func Clean(s string) string {
	clean := true
	for _, r := range s {
		if isUnsafe(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case isUnsafe(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isUnsafe(r rune) bool {
	if r == unicode.ReplacementChar {
		return false
	}
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
