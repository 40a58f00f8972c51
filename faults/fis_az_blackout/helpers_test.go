package fisaz

import (
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind bound with test timings, for its tests (which drive it the way
// the runner does through faulttest).

func newFault(t *testing.T, _ string, spec any, env engine.Env) engine.Fault {
	t.Helper()
	return faulttest.NewFault(t, Kind(faulttest.FastOptions()), spec, env)
}

func reverter(_ *testing.T, _ string, env engine.Env) engine.Reverter {
	return Kind(faulttest.FastOptions()).Reverter(env)
}
