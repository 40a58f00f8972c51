package runner

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox"
)

// TestSafetyMatrixSandbox runs every case of the safety matrix on a fresh
// sandbox world holding production resources beside staging ones, with
// protected_tags = { Environment = "production" }: plan never lists a
// protected resource as a target and lists it as excluded (or refuses,
// naming it, when everything is protected); a real run never changes a
// protected resource (world state and ground truth before and after,
// mutating calls as sent) and is refused without one mutating call when
// everything selected is protected.
func TestSafetyMatrixSandbox(t *testing.T) {
	start := time.Now()
	cases := 0
	// Every case gets a world of its own and is looked up in that
	// world's matrix (the names do not depend on the ids).
	for _, c := range safetyCases(safetyIDs{region: "us-east-1"}) {
		if c.needsSecondDB {
			continue // the sandbox has one DB cluster, protected in this world
		}
		cases++
		t.Run(c.name, func(t *testing.T) {
			sb, ids := newSafetySandbox(t)
			runSafetyCaseSandbox(t, sb, ids, safetyCaseNamed(t, ids, c.name))
		})
	}
	t.Logf("safety matrix on the sandbox: %d cases (5 fault kinds x their selector forms), %s", cases, time.Since(start).Round(time.Millisecond))
}

func runSafetyCaseSandbox(t *testing.T, sb *sandbox.Sandbox, ids safetyIDs, c safetyCase) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	protected := ids.protected()
	gd := loadSafetyGameDay(t, ids, c)

	before := sandboxProtectedState(t, sb, ids)
	clients, spy := spyOn(sb.Clients())
	recorded, rec := awsapi.NewRecorder(clients)
	p, err := safetyRunner(t, gd, recorded, true).Plan(ctx, false)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	checkSafetyPlan(t, c, p, protected)
	if m := rec.Mutations(); len(m) != 0 {
		t.Errorf("plan made mutating calls: %v", m)
	}
	if m := spy.sent(); len(m) != 0 {
		t.Errorf("plan sent mutating calls: %v", m)
	}

	sb.Gate().ResetCalls()
	rec.Reset()
	from := time.Now()
	res, err := safetyRunner(t, gd, recorded, true).Run(ctx)
	if c.refused() {
		checkRefusedRun(t, c, res, err, rec, spy)
		for _, call := range sb.Gate().Calls() {
			if !readOnly(call.Action, call.DryRun) {
				t.Errorf("the sandbox received %s (DryRun=%v) from a refused run", call.Action, call.DryRun)
			}
		}
	} else {
		checkGuardedRun(t, res, err, spy, protected)
	}
	for _, e := range worldEventsOnProtected(sb, ids, from) {
		t.Errorf("the world changed a protected resource: %s", e)
	}
	if after := sandboxProtectedState(t, sb, ids); !maps.Equal(before, after) {
		t.Errorf("protected resources changed:\nbefore %v\nafter  %v", before, after)
	}
}
