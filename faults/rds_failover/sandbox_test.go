package rdsfailover

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faulttest"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

func newSandbox(t *testing.T) *sandbox.Sandbox {
	t.Helper()
	s, err := sandbox.New(context.Background(), sandbox.Options{World: world.Options{Instances: 3, Tick: 10 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A failover with failback against the sandbox's cluster: the writer moves,
// the effect is seen by re-reading, the failback puts the original writer
// back and Verify confirms it against the world's own primary.
func TestSandboxFailoverAndFailback(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	env := faulttest.Env(s.Clients())
	before := s.World().DBPrimary()
	k := Kind(faulttest.FastOptions())
	f := faulttest.NewFault(t, k, &Config{ClusterID: world.DBClusterID, Failback: true}, env)
	p, err := faulttest.Pick(ctx, f)
	if err != nil || len(p.Targets) != 1 {
		t.Fatalf("select: %v %+v", err, p.Targets)
	}
	done := faulttest.Inject(t, f, p.Guarded)
	if got := s.World().DBPrimary(); got == before {
		t.Fatalf("writer still %s after the failover", got)
	}
	b := p.Batches(1)[0]
	obs, err := f.VerifyEffect(ctx, b, done[0].Snapshot, done[0].Result)
	if err != nil || !obs.Took() {
		t.Fatalf("effect not seen: %+v %v", obs, err)
	}
	rev := k.Reverter(env)
	if _, err := rev.Revert(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(ctx, done[0].Batch, done[0].Snapshot, done[0].Result); err != nil {
		t.Fatal(err)
	}
	if got := s.World().DBPrimary(); got != before {
		t.Fatalf("writer %s after failback, want %s", got, before)
	}
	if n := len(s.World().Truth().EventsOf("db-failover")); n != 2 {
		t.Errorf("%d failovers in the ground truth, want 2 (failover, failback)", n)
	}
}

// Without failback the fault says it is irreversible and its revert
// changes nothing.
func TestNoFailbackIsIrreversible(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	env := faulttest.Env(s.Clients())
	k := Kind(faulttest.FastOptions())
	f := faulttest.NewFault(t, k, &Config{ClusterID: world.DBClusterID}, env)
	if f.Effect().Reversible {
		t.Fatal("a failover without failback claims to be reversible")
	}
	p, err := faulttest.Pick(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	done := faulttest.Inject(t, f, p.Guarded)
	moved := s.World().DBPrimary()
	out, err := k.Reverter(env).Revert(ctx, done[0].Batch, done[0].Snapshot, done[0].Result)
	if err != nil || !out.Irreversible || s.World().DBPrimary() != moved {
		t.Fatalf("revert without failback: %+v %v, writer %s (was %s)", out, err, s.World().DBPrimary(), moved)
	}
}

// The guard sees the cluster's tags: protecting its Environment refuses
// the failover before anything is called.
func TestGuardSeesClusterTags(t *testing.T) {
	s := newSandbox(t)
	f := faulttest.NewFault(t, Kind(faulttest.FastOptions()), &Config{ClusterID: world.DBClusterID}, faulttest.Env(s.Clients()))
	sel, err := f.Select(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Candidates) != 1 || len(sel.Candidates[0].Touches) != 3 {
		t.Fatalf("candidates %+v: want the cluster and its two instances", sel.Candidates)
	}
	_, err = engine.Guard(sel, engine.GuardPolicy{Protected: map[string]string{"Environment": "staging"}, MaxTargets: 5})
	if err == nil {
		t.Fatal("the guard let a protected cluster through")
	}
}

// A cluster that does not exist, or a target that is already the writer,
// is refused at select with the reason.
func TestSelectRefusals(t *testing.T) {
	s := newSandbox(t)
	env := faulttest.Env(s.Clients())
	k := Kind(faulttest.FastOptions())
	for _, c := range []*Config{{ClusterID: "no-such-db"}, {ClusterID: world.DBClusterID, TargetInstanceID: s.World().DBPrimary()}} {
		if _, err := faulttest.NewFault(t, k, c, env).Select(context.Background()); err == nil {
			t.Errorf("%+v selected", c)
		}
	}
}

// A run that died after the failover leaves the cluster tagged: the scan
// finds it with what to fail back to, and reverting the leftover puts the
// writer back and removes the tags, after which the scan finds nothing.
func TestScanFindsUnfinishedFailback(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	env := faulttest.Env(s.Clients())
	before := s.World().DBPrimary()
	k := Kind(faulttest.FastOptions())
	f := faulttest.NewFault(t, k, &Config{ClusterID: world.DBClusterID, Failback: true}, env)
	p, err := faulttest.Pick(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	faulttest.Inject(t, f, p.Guarded)
	left, err := k.Scanner(env).Scan(ctx)
	if err != nil || len(left) != 1 || left[0].Run != env.RunID || left[0].Targets[0].ID != world.DBClusterID {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := k.Reverter(env)
	if err := rev.Verify(ctx, left[0].Targets, left[0].Snapshot, nil); err == nil {
		t.Fatal("Verify passed while the writer is still the promoted one")
	}
	if _, err := rev.Revert(ctx, left[0].Targets, left[0].Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(ctx, left[0].Targets, left[0].Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if got := s.World().DBPrimary(); got != before {
		t.Fatalf("writer %s after the scan's revert, want %s", got, before)
	}
	if again, err := k.Scanner(env).Scan(ctx); err != nil || len(again) != 0 {
		t.Fatalf("scan after revert: %+v %v", again, err)
	}
}
