package state_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

func forStores(t *testing.T, f func(t *testing.T, st state.Store)) {
	t.Run("dir", func(t *testing.T) { f(t, state.NewDir(filepath.Join(t.TempDir(), "state"))) })
	t.Run("s3", func(t *testing.T) { f(t, state.NewS3(statetest.NewS3(), "bucket", "gd")) })
}

func owner(run string) state.LockInfo {
	return state.LockInfo{GameDay: "staging resilience", RunID: run}
}

func release(t *testing.T, l *state.Lock) {
	t.Cleanup(func() { _ = l.Release(context.Background()) })
}

func TestSecondRunnerIsRefused(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		first, err := state.AcquireLock(ctx, st, owner("run-1"), state.LockOptions{})
		if err != nil {
			t.Fatal(err)
		}
		release(t, first)
		_, err = state.AcquireLock(ctx, st, owner("run-2"), state.LockOptions{})
		var le *state.LockedError
		if !errors.As(err, &le) || le.Holder.RunID != "run-1" {
			t.Fatalf("second runner: %v, want a LockedError naming run-1", err)
		}
		li, ok, err := state.ReadLock(ctx, st, "staging resilience")
		if err != nil || !ok || li.RunID != "run-1" {
			t.Fatalf("ReadLock = %+v %v %v", li, ok, err)
		}
		// Released, the lock is free for the next run.
		if err := first.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := state.ReadLock(ctx, st, "staging resilience"); ok {
			t.Fatal("the lock is still there after Release")
		}
		next, err := state.AcquireLock(ctx, st, owner("run-2"), state.LockOptions{})
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		release(t, next)
	})
}

// A runner that died without releasing leaves a lock whose lease expires;
// the next runner takes it over, and the dead one's lock cannot be
// renewed any more (had it only been paused, it learns it lost the lock).
func TestExpiredLeaseIsTakenOver(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		now := time.Now()
		clock := func() time.Time { return now }
		stale, err := state.AcquireLock(ctx, st, owner("dead"), state.LockOptions{TTL: 60 * time.Millisecond, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		// Still within the lease: refused.
		if _, err := state.AcquireLock(ctx, st, owner("next"), state.LockOptions{Now: clock}); err == nil {
			t.Fatal("took a lock whose lease has not expired")
		}
		later := func() time.Time { return now.Add(time.Second) }
		var logged string
		next, err := state.AcquireLock(ctx, st, owner("next"), state.LockOptions{Now: later,
			Logf: func(f string, a ...any) { logged = f }})
		if err != nil {
			t.Fatalf("taking over an expired lease: %v", err)
		}
		release(t, next)
		if logged == "" {
			t.Error("the takeover was not reported")
		}
		select {
		case <-stale.Lost():
			if stale.Err() == nil {
				t.Error("lost without a reason")
			}
		case <-time.After(2 * time.Second):
			t.Fatal("the old holder did not notice its lock was taken")
		}
		// Releasing the lost lock leaves the new holder's alone.
		if err := stale.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if li, ok, _ := state.ReadLock(ctx, st, "staging resilience"); !ok || li.RunID != "next" {
			t.Fatalf("lock after the old holder's release: %+v %v", li, ok)
		}
	})
}

// The holder renews its lease, so a live runner's lock never expires.
func TestLeaseIsRenewed(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		l, err := state.AcquireLock(ctx, st, owner("live"), state.LockOptions{TTL: 90 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		release(t, l)
		first := l.Info().Expires
		time.Sleep(250 * time.Millisecond)
		li, _, _ := state.ReadLock(ctx, st, "staging resilience")
		if !li.Expires.After(first) {
			t.Fatalf("lease not renewed: expires %v, first %v", li.Expires, first)
		}
		if _, err := state.AcquireLock(ctx, st, owner("other"), state.LockOptions{}); err == nil {
			t.Fatal("took a renewed lock")
		}
		select {
		case <-l.Lost():
			t.Fatalf("lease lost: %v", l.Err())
		default:
		}
	})
}

func TestDeadLocalHolderAndForce(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		a, err := state.AcquireLock(ctx, st, owner("a"), state.LockOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Release(ctx)
		// A holder on this host whose process is gone is taken over at once.
		dead := func(string, int) bool { return false }
		b, err := state.AcquireLock(ctx, st, owner("b"), state.LockOptions{Alive: dead})
		if err != nil {
			t.Fatalf("holder known dead: %v", err)
		}
		defer b.Release(ctx)
		// A holder on another host cannot be checked: refused.
		other := state.NewDir(t.TempDir())
		if _, ok := st.(*state.Dir); ok {
			st2 := other
			elsewhere := owner("far")
			elsewhere.Host = "another-host"
			far, err := state.AcquireLock(ctx, st2, elsewhere, state.LockOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer far.Release(ctx)
			if _, err := state.AcquireLock(ctx, st2, owner("c"), state.LockOptions{Alive: dead}); err == nil {
				t.Error("took over a lock held on another host within its lease")
			}
		}
		// --force-unlock takes it whatever.
		c, err := state.AcquireLock(ctx, st, owner("c"), state.LockOptions{Force: true})
		if err != nil {
			t.Fatalf("forced: %v", err)
		}
		defer c.Release(ctx)
		if li, _, _ := state.ReadLock(ctx, st, "staging resilience"); li.RunID != "c" {
			t.Fatalf("holder after force: %+v", li)
		}
	})
}

func TestConcurrentAcquireHasOneWinner(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		const n = 6
		var wg sync.WaitGroup
		locks := make([]*state.Lock, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				locks[i], errs[i] = state.AcquireLock(ctx, st, owner("r"), state.LockOptions{})
			}()
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			var le *state.LockedError
			switch {
			case err == nil:
				won++
				defer locks[i].Release(ctx)
			case !errors.As(err, &le):
				t.Errorf("acquire: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d runners got the lock, want 1", won)
		}
	})
}

func TestLockKey(t *testing.T) {
	for name, want := range map[string]string{
		"staging-resilience": "locks/staging-resilience.json",
		"a b/c":              "locks/a_b_c.json",
		".hidden":            "locks/_hidden.json",
		"":                   "locks/_.json",
	} {
		if got := state.LockKey(name); got != want {
			t.Errorf("LockKey(%q) = %s, want %s", name, got, want)
		}
		if err := state.CheckKey(state.LockKey(name)); err != nil {
			t.Errorf("LockKey(%q) is not a valid key: %v", name, err)
		}
	}
}
