// Package instruments gathers gameday's probe, canary and stop-condition
// kinds into the registries the runner takes (engine.Instruments), so that
// every caller that builds a runner names none of them, and the engine
// imports no kind.
package instruments

import (
	"github.com/gameday-dev/gameday/canaries"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/stop"
	"github.com/gameday-dev/gameday/probes"
)

// All returns every probe, canary and stop-condition kind. The probes of
// one registry share connection pools: take one per run.
func All() engine.Instruments {
	return engine.Instruments{Probes: probes.Kinds(), Canaries: canaries.Kinds(), Stops: stop.Kinds()}
}
