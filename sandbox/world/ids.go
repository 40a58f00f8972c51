package world

import (
	"fmt"
	"math/rand/v2"
)

// ids mints AWS-looking identifiers from a seeded generator, so that two
// worlds built with the same seed and driven the same way have the same ids.
// Callers hold the world lock.
type ids struct {
	rng  *rand.Rand
	seen map[string]bool
}

func newIDs(seed uint64) *ids {
	return &ids{rng: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)), seen: map[string]bool{}}
}

// next returns prefix + "-" + 17 lowercase hex digits, never repeating. The
// leading digit is 0, as in the ids AWS has minted since 2016.
func (g *ids) next(prefix string) string {
	for {
		id := fmt.Sprintf("%s-0%016x", prefix, g.rng.Uint64())
		if !g.seen[id] {
			g.seen[id] = true
			return id
		}
	}
}

// float draws in [0,1), for capacity-error percentages.
func (g *ids) float() float64 { return g.rng.Float64() }
