package runner

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
)

// soakRecover is `gameday recover` in calm weather (calm: clients without
// injected faults), from the journal alone: it must leave nothing.
func soakRecover(t *testing.T, ctx context.Context, calm *awsapi.Clients, kinds engine.Kinds, state string, res *Result, j *journal.Journal) {
	t.Helper()
	if len(res.Leftovers) == 0 {
		t.Error("exit 4 without a leftover listed")
	}
	w, _, err := journal.Open(state, res.RunID)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	lookup := func(kind string) (engine.Reverter, error) {
		k, err := kinds.Get(kind)
		if err != nil {
			return nil, err
		}
		return Patient(k.Reverter(engine.Env{Clients: calm, RunID: res.RunID, Logf: engine.NopLogf}), 3*time.Second), nil
	}
	sum, err := journal.Recover(ctx, j.Records, lookup, w)
	if err != nil || !sum.Clean() {
		t.Fatalf("recover left %+v (%v) after leftovers %+v", sum.Left, err, res.Leftovers)
	}
}
