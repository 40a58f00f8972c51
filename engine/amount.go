package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Amount says how many of the guarded candidates a fault takes: exactly one
// of Count, Percent or All; none set means one (the smallest blast radius).
type Amount struct {
	Count   int     `json:"count,omitempty"`
	Percent float64 `json:"percent,omitempty"`
	All     bool    `json:"all,omitempty"`
}

// Validate reports an amount that names more than one rule or is out of
// range.
func (a Amount) Validate() error {
	set := 0
	if a.Count != 0 {
		set++
	}
	if a.Percent != 0 {
		set++
	}
	if a.All {
		set++
	}
	switch {
	case set > 1:
		return fmt.Errorf("count, percent and all are exclusive")
	case a.Count < 0:
		return fmt.Errorf("count %d is negative", a.Count)
	case a.Percent < 0 || a.Percent > 100:
		return fmt.Errorf("percent %g is not within 0..100", a.Percent)
	}
	return nil
}

// Of returns how many of n candidates to take. A percentage rounds up so
// that a non-zero percentage of a non-empty set takes at least one.
func (a Amount) Of(n int) int {
	switch {
	case a.All:
		return n
	case a.Percent > 0:
		return min(n, int(math.Ceil(a.Percent*float64(n)/100-1e-9)))
	case a.Count > 0:
		return min(n, a.Count)
	default:
		return min(n, 1)
	}
}

// choose picks k of ids at random with seed. The ids are sorted first so that
// the same seed over the same candidates picks the same ones whatever order
// the API listed them in. The result is sorted too (stable batches).
func choose(ids []string, k int, seed int64) []string {
	s := append([]string(nil), ids...)
	sort.Strings(s)
	if k >= len(s) {
		return s
	}
	r := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	out := s[:k]
	sort.Strings(out)
	return out
}

// drawSeed returns the spec's seed, or a fresh non-zero one to be recorded.
func drawSeed(spec int64) int64 {
	if spec != 0 {
		return spec
	}
	for {
		if s := rand.Int64(); s != 0 {
			return s
		}
	}
}
