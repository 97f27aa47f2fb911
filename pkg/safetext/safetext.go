// Package safetext decides which characters may reach a terminal, a shell
// completion or a CI log. It is a leaf: render (tables, CSV, diagnostics,
// JSON) and calendar (.ics text) both ask it, so that one predicate, not
// several lists that drift apart, says what is unsafe.
//
// # What is unsafe
//
// A character is unsafe when it can change what a reader sees without
// being seen itself:
//
//   - C0 controls U+0000–U+001F (ESC starts escape sequences, BEL ends
//     OSC 8 hyperlinks, CR rewrites a line), DEL U+007F, and C1 controls
//     U+0080–U+009F (U+009B is a one-byte CSI on some terminals, U+0085
//     a line break);
//   - bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E and
//     U+2066–U+2069, which reorder the text around them ("Trojan Source");
//   - zero-width characters U+200B, U+200C, U+200D, U+2060 and U+FEFF,
//     which hide text or make two different strings look the same.
package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r is a control, bidirectional or zero-width
// character (see the package comment). Line breaks and tabs are unsafe
// too: a caller that keeps them, as an .ics writer does, checks for them
// first.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r < 0x061c:
		return false
	}
	switch r {
	case 0x061c, // arabic letter mark
		0x200b, 0x200c, 0x200d, // zero width space, non-joiner, joiner
		0x200e, 0x200f, // left-to-right and right-to-left marks
		0x2060, // word joiner
		0xfeff: // zero width no-break space (byte order mark)
		return true
	}
	return (r >= 0x202a && r <= 0x202e) || // embeddings and overrides
		(r >= 0x2066 && r <= 0x2069) // isolates
}

// Terminal makes s safe for a terminal, a shell completion or a CI log:
// line breaks (LF, CR, U+0085) and tabs become spaces, every other unsafe
// character is dropped, and invalid UTF-8 becomes U+FFFD, so that no
// escape sequence, no reordering and no hidden text reaches the reader.
// A string that is already safe is returned as is, without allocating.
func Terminal(s string) string {
	if Safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == 0x85:
			b.WriteByte(' ')
		case Unsafe(r):
		default:
			b.WriteRune(r) // U+FFFD for a byte of invalid UTF-8
		}
	}
	return b.String()
}

// Safe reports whether s is valid UTF-8 without an unsafe character: what
// Terminal returns unchanged.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// Name makes a file name fit to print, in a message, a list or a
// diagnostic, without losing any of it. A name that is [Safe] and does
// not start with "::" is returned as it is; any other is written as Go
// quotes a string, between double quotes and with every unsafe character
// escaped ("y\n::error.yaml", "\x1b[31m.yaml", "\u202egnp.yaml"), so
// that the reader sees each character and none acts. Unlike [Terminal],
// which drops what it must not show, Name keeps two different names
// apart, and a line break in a name cannot start a line of its own.
//
// A name that starts with "::" is quoted too: at the start of a line, a
// CI runner (GitHub Actions) reads it as a workflow command, and a
// listing such as `bp fmt --check` starts its lines with names.
//
// Name is idempotent: a quoted name is safe and starts with a quote.
func Name(s string) string {
	if Safe(s) && !strings.HasPrefix(s, "::") {
		return s
	}
	return strconv.Quote(s)
}
