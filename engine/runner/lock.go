package runner

import (
	"context"
	"time"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// store is where the run's journal and lock live.
func (r *Runner) store() state.Store {
	if r.opts.State != nil {
		return r.opts.State
	}
	return state.NewDir(r.opts.StateDir)
}

// lock takes the game day's lock before anything is read or changed, so
// that two runners never run the same game day at once.
func (r *Runner) lock(ctx context.Context, st state.Store) (*state.Lock, error) {
	lk, err := state.AcquireLock(ctx, st, state.LockInfo{GameDay: r.gd.Name, RunID: r.opts.RunID},
		state.LockOptions{TTL: r.opts.LockTTL, Force: r.opts.ForceUnlock, Alive: journal.LocalLiveness, Logf: r.opts.Logf})
	if err != nil {
		return nil, refuse(err, "the game day's lock in %s could not be taken", st)
	}
	return lk, nil
}

// unlockTimeout bounds releasing the lock at the end of the run; a lock
// that could not be deleted expires with its lease anyway.
const unlockTimeout = 30 * time.Second

// unlock releases the lock even when ctx was cancelled (Ctrl-C).
func (r *Runner) unlock(ctx context.Context, lk *state.Lock) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), unlockTimeout)
	defer cancel()
	if err := lk.Release(ctx); err != nil {
		r.opts.Logf("%v (it expires with its lease)", err)
	}
}

// abortOnLostLock cancels the run, which then reverts what it injected,
// when its lease on the lock is lost: another runner may now be running
// the same game day.
func abortOnLostLock(ctx context.Context, lk *state.Lock) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		select {
		case <-lk.Lost():
			cancel(lk.Err())
		case <-done:
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}
