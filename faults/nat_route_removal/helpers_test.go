package natroute

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind's tests drive it the way the runner does (faulttest); these
// bind the helpers to this kind with test timings.

func newFault(t *testing.T, _ string, spec any, env engine.Env) engine.Fault {
	t.Helper()
	return faulttest.NewFault(t, Kind(faulttest.FastOptions()), spec, env)
}

func reverter(_ *testing.T, _ string, env engine.Env) engine.Reverter {
	return Kind(faulttest.FastOptions()).Reverter(env)
}

func inject(t *testing.T, f engine.Fault, g engine.Guarded) []faulttest.Injected {
	t.Helper()
	return faulttest.Inject(t, f, g)
}

func pick(ctx context.Context, f engine.Fault) (faulttest.Picked, error) {
	return faulttest.Pick(ctx, f)
}

func only(t *testing.T, p faulttest.Picked, ids ...string) engine.Guarded {
	t.Helper()
	return faulttest.Only(t, p, ids...)
}
