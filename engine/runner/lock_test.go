package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
	"github.com/gameday-dev/gameday/internal/instruments"
)

func storeRunner(t *testing.T, w *fakeWorld, st state.Store, ttl time.Duration, hold time.Duration) *Runner {
	t.Helper()
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1, BatchSize: 1}, hold)
	clients := &awsapi.Clients{Region: "us-east-1", STS: fakeSTS{"123456789012"}, CloudWatch: newFakeCW("svc-5xx")}
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: fakeKinds(w), State: st, LockTTL: ttl,
		Baseline: 60 * time.Millisecond, SteadyWarmup: 2 * time.Second, RecoveryTimeout: 3 * time.Second,
		VerifyTimeout: 300 * time.Millisecond, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// With an S3 store the journal is in the bucket and the lock is released
// at the end of the run.
func TestRunJournalsToS3AndReleasesTheLock(t *testing.T) {
	ctx := context.Background()
	st := state.NewS3(statetest.NewS3(), "b", "gd")
	w := newFakeWorld()
	r := storeRunner(t, w, st, 0, 100*time.Millisecond)
	res, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Journal, "s3://b/gd/runs/") {
		t.Errorf("journal at %s", res.Journal)
	}
	j, err := journal.ReadRunIn(ctx, st, r.RunID())
	if err != nil || len(journal.Pending(j.Records)) != 0 || j.Records[len(j.Records)-1].Type != journal.TypeRunEnd {
		t.Fatalf("journal in S3: %+v %v", j, err)
	}
	if _, held, _ := state.ReadLock(ctx, st, "test"); held {
		t.Error("the lock is still held after the run")
	}
}

// A second runner of a game day whose lock is held is refused before
// anything is touched.
func TestRunRefusedWhileLocked(t *testing.T) {
	ctx := context.Background()
	st := state.NewS3(statetest.NewS3(), "b", "")
	other, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: "test", RunID: "other", Host: "elsewhere", PID: 1}, state.LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Release(ctx)
	w := newFakeWorld()
	_, err = storeRunner(t, w, st, 0, 100*time.Millisecond).Run(ctx)
	var le *state.LockedError
	if !IsRefused(err) || !errors.As(err, &le) || le.Holder.RunID != "other" {
		t.Fatalf("Run while locked: %v", err)
	}
	if w.injectCalls.Load() != 0 {
		t.Error("a refused run injected")
	}
	if runs, _ := journal.ListIn(ctx, st, nil); len(runs) != 0 {
		t.Errorf("a refused run left a journal: %+v", runs)
	}
}

// A run that loses its lock (forced away by another runner) aborts and
// reverts what it injected.
func TestRunAbortsWhenItsLockIsTaken(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(t.TempDir())
	w := newFakeWorld()
	taken := make(chan struct{})
	w.onInject = func() {
		go func() {
			defer close(taken)
			l, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: "test", RunID: "intruder"}, state.LockOptions{Force: true})
			if err != nil {
				t.Error(err)
				return
			}
			t.Cleanup(func() { l.Release(ctx) })
		}()
	}
	res, err := storeRunner(t, w, st, 90*time.Millisecond, 5*time.Second).Run(ctx)
	<-taken
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != engine.ExitAborted || !strings.Contains(res.Aborted, "taken by another run") {
		t.Fatalf("exit %d, aborted %q; want an abort for the lost lock", res.ExitCode(), res.Aborted)
	}
	if w.anyBroken() {
		t.Error("targets left broken after the abort")
	}
}
