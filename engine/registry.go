package engine

import (
	"fmt"
	"maps"
	"slices"
)

// Instruments are the registries of what watches a game day: probe kinds,
// canary kinds and stop-condition kinds. Like fault kinds (Kinds) they are
// handed to the runner, which builds every block of a game day from them
// and names no kind itself.
type Instruments struct {
	Probes   ProbeKinds
	Canaries CanaryKinds
	Stops    StopKinds
}

// Complete reports whether every registry is given (an empty one is a
// choice; a missing one is a mistake).
func (in Instruments) Complete() bool {
	return in.Probes != nil && in.Canaries != nil && in.Stops != nil
}

// lookup returns the kind registered as name, or an error naming the known
// kinds of that sort ("probe", "canary", "stop condition").
func lookup[K any](registry map[string]K, sort, name string) (K, error) {
	k, ok := registry[name]
	if !ok {
		var zero K
		return zero, fmt.Errorf("unknown %s kind %q (known: %v)", sort, name, slices.Sorted(maps.Keys(registry)))
	}
	return k, nil
}
