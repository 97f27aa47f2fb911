package workplan

// Suggestions: the likely word behind a typo, and an id for a name.

import (
	"strings"
)

// slug suggests an id for a string: "TWG LEC 2026" → "twg-lec-2026".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "my-id"
	}
	if b.Len() > 64 {
		return b.String()[:64]
	}
	return b.String()
}

// suggest returns the known word closest to s, if close enough to be a
// likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, k := range known {
		if strings.ToLower(k) == ls {
			return k
		}
		if d := EditDistance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(s) > 6) {
		return best
	}
	return ""
}

// EditDistance is the edit distance of a and b in runes: insertions,
// deletions, substitutions and swaps of two neighbours (juen → june: 1).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1) // two letters swapped
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Suggest returns the word of known closest to s when it is close enough
// to be a likely typo of it, else "".
func Suggest(s string, known []string) string { return suggest(s, known) }
