package present

// Wrapping text to a width of terminal cells.

import (
	"strings"

	"github.com/clipperhouse/displaywidth"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Width is the display width of s in terminal cells, measured as [Wrap]
// measures it.
func Width(s string) int {
	c := newCells()
	w := 0
	for _, r := range s {
		w += c.rune(r)
	}
	return w
}

// Hang returns text after first, wrapped at spaces to fit width display
// cells, each further line after indent; every line ends in a newline.
// It is how bp writes a line of its own words that may run long ("~ id
// Title", a change) in 80 columns. The text is wrapped once, each line to
// the room it has: a word too wide for its line is cut there and goes on
// on the next, never split again into a stray piece (a word cut for the
// first line and cut anew for the narrower lines after it left a line of
// a few columns between the pieces, and a space inside the word).
func Hang(first, indent, text string, width int) string {
	var b strings.Builder
	for i, l := range wrap(text, width-Width(first), width-Width(indent)) {
		if i == 0 {
			b.WriteString(first + l + "\n")
		} else {
			b.WriteString(indent + l + "\n")
		}
	}
	return b.String()
}

// Wrap breaks text into lines of at most width display cells, at spaces;
// a word wider than width is cut. A cut never splits a character's UTF-8
// bytes, a wide (CJK) character, or a combining mark from the character
// it belongs to (a zero-width rune stays with the one before it). A
// single character wider than width gets a line of its own.
//
// Wrap measures each character once, as tablewriter does (so the table
// it pads agrees): its time is linear in the length of s, whatever the
// length of its words.
func Wrap(s string, width int) []string { return wrap(s, width, width) }

// wrap is Wrap with the first line first cells wide and the others rest.
func wrap(s string, first, rest int) []string {
	c := newCells()
	var (
		lines []string
		cur   strings.Builder // the line being filled
		curW  int             // its display width
	)
	width := func() int {
		if len(lines) == 0 {
			return first
		}
		return rest
	}
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for word := range strings.FieldsSeq(s) {
		ww := 0
		for _, r := range word {
			ww += c.rune(r)
		}
		if ww > width() {
			// Cut the word into pieces as wide as their lines; the last
			// piece stays open for the words that follow.
			if cur.Len() > 0 {
				flush()
			}
			start, pw := 0, 0
			for i, r := range word {
				rw := c.rune(r)
				if pw+rw > width() && rw > 0 && i > start {
					lines = append(lines, word[start:i])
					start, pw = i, 0
				}
				pw += rw
			}
			word, ww = word[start:], pw
		}
		switch {
		case cur.Len() == 0:
		case curW+1+ww > width():
			flush()
		default:
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(word)
		curW += ww
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cells measures display widths by the rules tablewriter pads cells with
// (East Asian ambiguous characters count as wide when its locale
// detection says so), so that a wrapped line is as wide as the table
// thinks it is.
type cells displaywidth.Options

func newCells() cells { return cells{EastAsianWidth: twwidth.IsEastAsian()} }

// rune returns the display width of r: 0, 1 or 2.
func (c cells) rune(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	return displaywidth.Options(c).Rune(r)
}
