//go:build conformance

package state_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// The S3 store through the real SDK client against moto: conditional
// writes (If-None-Match "*", If-Match), pagination and errors as S3 sends
// them on the wire.
func TestConformanceS3StoreOnMoto(t *testing.T) {
	url := statetest.StartMoto(t)
	var n atomic.Int32
	statetest.StoreSuite(t, func(t *testing.T) state.Store {
		bucket := fmt.Sprintf("state-%d", n.Add(1))
		return state.NewS3(statetest.MotoS3(t, url, bucket), bucket, "team/gameday")
	})
}

// The lock on moto: a second runner is refused, an expired lease is taken
// over, and the old holder learns it lost the lock.
func TestConformanceS3LockOnMoto(t *testing.T) {
	url := statetest.StartMoto(t)
	ctx := context.Background()
	st := state.NewS3(statetest.MotoS3(t, url, "locks"), "locks", "p")
	first, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: "gd", RunID: "one", Host: "ci-1", PID: 7},
		state.LockOptions{TTL: 600 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = state.AcquireLock(ctx, st, state.LockInfo{GameDay: "gd", RunID: "two"}, state.LockOptions{})
	var le *state.LockedError
	if !errors.As(err, &le) || le.Holder.RunID != "one" {
		t.Fatalf("second runner: %v", err)
	}
	// The first holder renews while alive: its lease outlives the TTL.
	time.Sleep(900 * time.Millisecond)
	if _, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: "gd", RunID: "two"}, state.LockOptions{}); err == nil {
		t.Fatal("took a lock its live holder keeps renewing")
	}
	// Seen from later than its lease, the lock is taken over.
	later := func() time.Time { return time.Now().Add(time.Hour) }
	second, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: "gd", RunID: "two"}, state.LockOptions{Now: later})
	if err != nil {
		t.Fatalf("takeover: %v", err)
	}
	defer second.Release(ctx)
	select {
	case <-first.Lost():
	case <-time.After(3 * time.Second):
		t.Fatal("the first holder did not learn its lock was taken")
	}
	_ = first.Release(ctx)
	if li, held, err := state.ReadLock(ctx, st, "gd"); err != nil || !held || li.RunID != "two" {
		t.Fatalf("after the old holder's release: %+v %v %v", li, held, err)
	}
}
