package config

import "fmt"

// suggestName returns the candidate closest to given by edit distance, or ""
// when none is close enough to be a plausible typo. Ties go to the earlier
// candidate so that suggestions are stable.
func suggestName(given string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := levenshtein(given, c)
		// Three edits is the threshold HCL itself uses; short names get a
		// tighter bound so that "az" does not suggest "ids".
		limit := 3
		if len(c) <= 3 {
			limit = 2
		}
		if d < limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean formats a suggestion as the trailing sentence of a detail, or
// returns "" when there is nothing to suggest.
func DidYouMean(given string, candidates []string) string {
	if s := suggestName(given, candidates); s != "" {
		return fmt.Sprintf(" Did you mean %q?", s)
	}
	return ""
}

// levenshtein is the classic two-row edit distance over runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
