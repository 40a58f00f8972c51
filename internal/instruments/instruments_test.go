package instruments

import (
	"maps"
	"slices"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
)

// Every probe, canary and stop-condition kind the game-day language knows
// has an implementation registered under its name.
func TestAllRegistersEveryKindTheLanguageKnows(t *testing.T) {
	in := All()
	if !in.Complete() {
		t.Fatal("a registry is missing")
	}
	language := config.DefaultRegistry()
	for _, c := range []struct {
		sort       string
		language   []string
		registered []string
	}{
		{"probe", language.Names(config.ClassProbe), slices.Sorted(maps.Keys(in.Probes))},
		{"canary", language.Names(config.ClassCanary), slices.Sorted(maps.Keys(in.Canaries))},
		{"stop condition", language.Names(config.ClassStop), slices.Sorted(maps.Keys(in.Stops))},
	} {
		if !slices.Equal(c.language, c.registered) {
			t.Errorf("%s kinds: the language knows %v, the registry has %v", c.sort, c.language, c.registered)
		}
	}
}
