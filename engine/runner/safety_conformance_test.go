//go:build conformance

package runner

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// TestConformanceSafetyMatrix runs the safety matrix through the real SDK
// clients against moto (detected as an emulator by its endpoint): plan
// never lists a protected resource as a target and excludes it (or
// refuses, naming it); a run never names a protected resource in a
// mutating call, leaves every protected resource as moto shows it, and is
// refused without one mutating call when everything is protected. moto
// has no FIS experiments: the FIS blackout with unprotected targets is
// only planned, and the cases needing templates gameday can read back are
// the sandbox's.
func TestConformanceSafetyMatrix(t *testing.T) {
	start := time.Now()
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cases, runs := 0, 0
	for _, c := range safetyCases(safetyIDs{region: "us-east-1"}) {
		if c.sandboxOnly {
			continue
		}
		cases++
		if !c.planOnlyOnEmulator {
			runs++
		}
		t.Run(c.name, func(t *testing.T) {
			w := buildMotoSafetyWorld(t, ctx, m)
			runSafetyCaseMoto(t, ctx, m, w, safetyCaseNamed(t, w, c.name))
		})
	}
	t.Logf("safety matrix on moto: %d cases (%d also run), %s", cases, runs, time.Since(start).Round(time.Millisecond))
}

func runSafetyCaseMoto(t *testing.T, ctx context.Context, m *motoserver.Server, w safetyIDs, c safetyCase) {
	protected := w.protected()
	gd := loadSafetyGameDay(t, w, c)
	before := motoProtectedState(t, ctx, m, w)

	base := awsapi.FromConfig(m.Config(), false)
	if !base.Emulator {
		t.Fatalf("moto at %s was not detected as an emulator", m.URL)
	}
	clients, spy := spyOn(base)
	recorded, rec := awsapi.NewRecorder(clients)
	p, err := safetyRunner(t, gd, recorded, false).Plan(ctx, false)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	checkSafetyPlan(t, c, p, protected)
	if calls := rec.Mutations(); len(calls) != 0 {
		t.Errorf("plan made mutating calls (DryRun included: moto may perform them): %v", calls)
	}
	if calls := spy.sent(); len(calls) != 0 {
		t.Errorf("plan sent mutating calls: %v", calls)
	}
	if c.planOnlyOnEmulator {
		return
	}

	rec.Reset()
	res, err := safetyRunner(t, gd, recorded, false).Run(ctx)
	if c.refused() {
		checkRefusedRun(t, c, res, err, rec, spy)
	} else {
		checkGuardedRun(t, res, err, spy, protected)
	}
	if d := spy.dryRuns(); len(d) != 0 {
		t.Errorf("DryRun calls reached moto, which may perform them: %v", d)
	}
	if after := motoProtectedState(t, ctx, m, w); !maps.Equal(before, after) {
		t.Errorf("protected resources changed in moto:\nbefore %v\nafter  %v", before, after)
	}
}
