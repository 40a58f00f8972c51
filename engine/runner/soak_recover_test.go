package runner

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// soakRecover is `gameday recover` in calm weather (calm: clients without
// injected faults), from the journal alone: it must leave nothing. The run's
// journal j shows what the run itself left.
func soakRecover(t *testing.T, ctx context.Context, calm *awsapi.Clients, kinds engine.Kinds, dir string, res *Result, j *journal.Journal) {
	t.Helper()
	if len(res.Leftovers) == 0 {
		t.Error("exit 4 without a leftover listed")
	}
	if len(journal.Pending(j.Records)) == 0 {
		t.Error("the journal shows nothing pending after a run with leftovers")
	}
	rc := Recovery{Store: state.NewDir(dir), VerifyTimeout: 3 * time.Second}
	runs, err := rc.Runs(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	targets, _, err := SelectRuns(runs, []string{res.RunID}, false, false, dir)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := rc.Open(ctx, targets[0], calm)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	out := rr.Revert(ctx, kinds)
	if out.JournalErr != nil || !out.Clean() {
		t.Fatalf("recover left %+v (%v) after leftovers %+v", out.Left, out.JournalErr, res.Leftovers)
	}
}
