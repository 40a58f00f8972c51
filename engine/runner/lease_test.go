package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// A run on another machine cannot be checked by pid: while its game day's
// lock is leased to it, recover watches the lease. Renewed: the run is
// alive and left alone. Expired: the run is dead and recovered.
func TestSettleLeases(t *testing.T) {
	ctx := context.Background()
	for _, renew := range []bool{true, false} {
		st := state.NewS3(statetest.NewS3(), "b", "")
		w, err := journal.CreateIn(ctx, st, journal.Start{RunID: "far", GameDay: "gd"})
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		owner := state.LockInfo{GameDay: "gd", RunID: "far", Host: "another-host", PID: 1}
		release := func() {}
		if renew {
			lk, err := state.AcquireLock(ctx, st, owner, state.LockOptions{TTL: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			release = func() { _ = lk.Release(ctx) }
		} else {
			// The holder died: its lock stays, no longer renewed.
			deadLock(t, st, owner, 300*time.Millisecond)
		}
		// The journal was written by this process: judge it as from
		// another machine, where the pid says nothing.
		runs, _ := journal.ListIn(ctx, st, func(string, int) bool { return false })
		if runs[0].Status != journal.StatusCrashed {
			t.Fatalf("journal status %s, want crashed (other host)", runs[0].Status)
		}
		listed := append([]journal.RunInfo(nil), runs...)
		var out strings.Builder
		logf := func(format string, args ...any) { fmt.Fprintf(&out, format+"\n", args...) }
		settleLeases(ctx, st, listed, false, logf)
		if listed[0].Status != journal.StatusRunning {
			t.Errorf("listing: a run holding a live lease shows %s, want running", listed[0].Status)
		}
		settleLeases(ctx, st, runs, true, logf)
		want := journal.StatusCrashed
		if renew {
			want = journal.StatusRunning
		}
		if runs[0].Status != want {
			t.Errorf("renew=%v: status %s after watching the lease, want %s\n%s", renew, runs[0].Status, want, out.String())
		}
		release()
	}
}

// deadLock writes the lock a holder that died left behind.
func deadLock(t *testing.T, st state.Store, li state.LockInfo, lease time.Duration) {
	t.Helper()
	li.Acquired, li.Expires = time.Now(), time.Now().Add(lease)
	b, _ := json.Marshal(li)
	if err := st.Create(context.Background(), state.LockKey(li.GameDay), b); err != nil {
		t.Fatal(err)
	}
}

func TestReleaseDeadLock(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(filepath.Join(t.TempDir(), "s"))
	deadLock(t, st, state.LockInfo{GameDay: "gd", RunID: "dead"}, time.Minute)
	if err := releaseDeadLock(ctx, st, journal.RunInfo{ID: "other", GameDay: "gd"}); err != nil {
		t.Fatal(err)
	}
	if _, held, _ := state.ReadLock(ctx, st, "gd"); !held {
		t.Fatal("released the lock of another run")
	}
	if err := releaseDeadLock(ctx, st, journal.RunInfo{ID: "dead", GameDay: "gd"}); err != nil {
		t.Fatal(err)
	}
	if _, held, _ := state.ReadLock(ctx, st, "gd"); held {
		t.Fatal("the recovered run's lock is still there")
	}
}
