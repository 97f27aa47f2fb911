package workplan

// Text search: the fold that makes Türkiye, turkiye and TURKIYE the same
// word, the table of exonyms, and the fields a search looks in.

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SearchFields names the texts of an event that [Filter.Text] looks in,
// for help and README. The event's type, format, status and group ids are
// not searched: they have filters of their own (--type, --status,
// --group) and words like "online" would otherwise match most events.
const SearchFields = "id, title, purpose, notes, outcome, place (venue, city, country; " +
	"each alternative too), partners, group names or product title"

// Exonym pairs a country's name as a plan may write it with the English
// name staff may type for it instead. A search for either finds both.
type Exonym struct {
	Name   string // the name the plan uses
	Exonym string // the English exonym
}

// Exonyms are the countries of the Budapest Process plans whose name in
// the plan is not the one English speakers may type. Only real pairs go
// here: Iraq, Pakistan, Hungary and Syria, which the published plan also
// names, are written the English way. The United Nations has used
// "Türkiye" since 2022.
var Exonyms = []Exonym{
	{Name: "Türkiye", Exonym: "Turkey"},
}

// Fold returns s in the form text search compares: decomposed
// (compatibility decomposition, NFKD, so that "ﬁ" is "fi" and a
// full-width "Ａ" is "a"), without combining marks (ü is u, ș is s,
// İ is i), case-folded (ß is ss), with the Latin letters that have no
// decomposition spelt in ASCII (ı is i, ł is l, ø is o, æ is ae), and
// with typographic quotes and dashes made ASCII (’ is ', – is -).
// Every letter of Latin-1 and Latin Extended-A, and the Romanian and
// Vietnamese letters, folds to ASCII. Folding twice changes nothing.
func Fold(s string) string {
	if isASCII(s) {
		return lowerASCII(s)
	}
	if b, ok := appendFoldLatin(make([]byte, 0, len(s)), s); ok {
		return string(b)
	}
	return foldSlow(s)
}

// foldSlow is the fold by its definition, for any text.
func foldSlow(s string) string {
	for range 4 {
		t := foldOnce(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

// latinFolds holds the fold of each rune below U+0300, where the
// combining marks start: built once, the first time text other than
// ASCII is searched.
var latinFolds = sync.OnceValue(func() *[0x300]string {
	var t [0x300]string
	for r := range rune(len(t)) {
		t[r] = foldSlow(string(r))
	}
	return &t
})

// appendFoldLatin appends the fold of s to dst when every rune of s is
// below U+0300 (ASCII, Latin-1, Latin Extended-A and -B, IPA: the plans'
// text), rune by rune from latinFolds. Without combining marks in the
// text, decomposition and case folding go rune by rune, so this is the
// fold of the whole. It reports false for other text.
func appendFoldLatin(dst []byte, s string) ([]byte, bool) {
	var tab *[0x300]string
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, lowerByte(byte(r)))
		case r < 0x300:
			if tab == nil {
				tab = latinFolds()
			}
			dst = append(dst, tab[r]...)
		default:
			return dst, false
		}
	}
	return dst, true
}

// foldOnce is one round of the fold. One round is almost always a fixed
// point; Fold repeats it for the rare letter whose case-folded form
// decomposes again.
func foldOnce(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = strings.Map(foldCase, b.String())
	if isASCII(s) {
		return s
	}
	b.Reset()
	for _, r := range s {
		if t, ok := foldLetter(r); ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldCase folds a rune's case: to the lower case of its upper case, so
// that the letters with more than one lower case (σ and ς, s and ſ, and
// the rest of unicode.SimpleFold's orbits) fold alike, and Turkish
// dotless ı folds as its capital I, to i. Full case folding
// (golang.org/x/text/cases) would also spell ß as ss, which foldLetter
// does, and would link x/text/language's tables into bp for nothing
// else.
func foldCase(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }

// foldLetter spells in ASCII the case-folded letters and marks that NFKD
// leaves alone.
func foldLetter(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'ø':
		return "o", true
	case 'ð', 'đ':
		return "d", true
	case 'þ':
		return "th", true
	case 'ħ':
		return "h", true
	case 'ĸ':
		return "k", true
	case 'ł':
		return "l", true
	case 'ŋ':
		return "ng", true
	case 'ŧ':
		return "t", true
	case '·': // ŀ decomposes to l·: Catalan l·l is typed ll
		return "", true
	case '‘', '’', 'ʻ', 'ʼ':
		return "'", true
	case '“', '”', '„':
		return `"`, true
	case '‐', '‒', '–', '—', '―', '−':
		return "-", true
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases an ASCII string, without copying one that is
// lower-case already.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// textQuery is a search text prepared once for a whole Select: the folded
// query and its variants with each exonym swapped for its name, and back.
type textQuery struct {
	needles [][]byte
	buf     []byte // the folded field, reused from one field to the next
}

func newTextQuery(s string) textQuery {
	q := Fold(strings.Join(strings.Fields(s), " "))
	if q == "" {
		return textQuery{}
	}
	needles := []string{q}
	for _, x := range Exonyms {
		a, b := Fold(x.Name), Fold(x.Exonym)
		for _, n := range needles {
			for _, swap := range [][2]string{{a, b}, {b, a}} {
				if strings.Contains(n, swap[0]) {
					if v := strings.ReplaceAll(n, swap[0], swap[1]); !contains(needles, v) {
						needles = append(needles, v)
					}
				}
			}
		}
	}
	q2 := textQuery{}
	for _, n := range needles {
		q2.needles = append(q2.needles, []byte(n))
	}
	return q2
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (q *textQuery) inPlace(pl Place) bool {
	return q.in(pl.Venue) || q.in(pl.City) || q.in(pl.Country)
}

func (q *textQuery) empty() bool { return len(q.needles) == 0 }

// in reports whether the text s, folded, contains one of the needles.
func (q *textQuery) in(s string) bool {
	if s == "" {
		return false
	}
	f, ok := appendFoldLatin(q.buf[:0], s)
	if ok {
		q.buf = f
	} else {
		f = []byte(foldSlow(s))
	}
	for _, n := range q.needles {
		if bytes.Contains(f, n) {
			return true
		}
	}
	return false
}

// hasText reports whether one of the texts [SearchFields] names contains
// the query.
func (p *Plan) hasText(e *Event, q *textQuery) bool {
	if q.in(e.ID) || q.in(e.Title) || q.in(e.Purpose) || q.in(e.Notes) {
		return true
	}
	if e.Outcome != nil && q.in(e.Outcome.Summary) {
		return true
	}
	if l := e.Location; l != nil {
		if q.inPlace(l.Place) {
			return true
		}
		for _, pl := range l.Alternatives {
			if q.inPlace(pl) {
				return true
			}
		}
	}
	for _, s := range e.Partners {
		if q.in(s) {
			return true
		}
	}
	for _, id := range e.Groups {
		if g := p.Group(id); g != nil && q.in(g.Name) {
			return true
		}
	}
	if pr := p.Product(e.Product); pr != nil && q.in(pr.Title) {
		return true
	}
	return false
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
