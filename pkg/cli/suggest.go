package cli

import (
	"strings"
	"unicode"

	"github.com/icmpd/bp/pkg/workplan"
)

// Suggestions for what a person mistyped: an id, a flag, a month. One
// rule for all: a known word whose normalised form (case, accents and
// punctuation aside: som2026 = SOM-2026) is the same, else the known
// words within a small edit distance of it.

// normalWord is s folded (case and accents) with everything but letters
// and digits removed.
func normalWord(s string) string {
	var b strings.Builder
	for _, r := range workplan.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// closest returns the known words that s most likely meant, best first:
// those equal to it once normalised, else those at the smallest edit
// distance within reach (2, or 3 for longer words), else those that
// contain it or that it contains (at least 3 letters). At most max.
func closest(s string, known []string, max int) []string {
	reach := 2
	if len([]rune(normalWord(s))) > 6 {
		reach = 3
	}
	return closestWithin(s, known, max, reach)
}

// closestWithin is closest with the edit distance allowed.
func closestWithin(s string, known []string, max, reach int) []string {
	ns := normalWord(s)
	if ns == "" {
		return nil
	}
	var same []string
	for _, k := range known {
		if normalWord(k) == ns {
			same = append(same, k)
		}
	}
	if len(same) > 0 {
		return limit(same, max)
	}
	best, bestD := []string(nil), reach+1
	for _, k := range known {
		d := workplan.EditDistance(ns, normalWord(k))
		switch {
		case d > reach:
		case d < bestD:
			best, bestD = []string{k}, d
		case d == bestD:
			best = append(best, k)
		}
	}
	if len(best) > 0 {
		return limit(best, max)
	}
	if len([]rune(ns)) < 3 {
		return nil
	}
	var near []string
	for _, k := range known {
		if nk := normalWord(k); strings.Contains(nk, ns) || (len(nk) >= 3 && strings.Contains(ns, nk)) {
			near = append(near, k)
		}
	}
	return limit(near, max)
}

func limit(words []string, max int) []string {
	if len(words) > max {
		return words[:max]
	}
	return words
}

// didYouMean is "; did you mean a?" or "; did you mean a or b?", or ""
// when there is nothing to suggest.
func didYouMean(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(words, " or ") + "?"
}
