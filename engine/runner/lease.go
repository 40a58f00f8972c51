package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// leasePoll is how often recover re-reads a lock while waiting for its
// lease to expire or be renewed.
const leasePoll = 250 * time.Millisecond

// settleLeases refines the status of runs the journal shows as crashed
// (no run_end, and no live process on this host): a run on another
// machine cannot be checked by pid, but its game day's lock, while leased
// to it, says it may be alive. With wait, recover watches such a lease
// until it expires (the run is dead: recoverable) or is renewed (the run
// is alive: running); without wait (listing), a run holding a live lease
// is shown running.
func settleLeases(ctx context.Context, st state.Store, runs []journal.RunInfo, wait bool, logf func(string, ...any)) {
	for i, ri := range runs {
		if ri.Status != journal.StatusCrashed || ri.GameDay == "" {
			continue
		}
		li, held, err := state.ReadLock(ctx, st, ri.GameDay)
		if err != nil || !held || li.RunID != ri.ID || !time.Now().Before(li.Expires) {
			continue
		}
		// On this host the journal's pid check already proved the run
		// dead: its lease proves nothing more.
		if h, _ := os.Hostname(); h != "" && li.Host == h {
			continue
		}
		if !wait {
			runs[i].Status = journal.StatusRunning
			continue
		}
		logf("run %s: its lock is leased until %s (host %s, pid %d); waiting to see whether the run renews it",
			ri.ID, li.Expires.Local().Format(time.TimeOnly), li.Host, li.PID)
		if leaseRenewed(ctx, st, li) {
			logf("run %s: its lease was renewed: the run is alive on host %s", ri.ID, li.Host)
			runs[i].Status = journal.StatusRunning
		}
	}
}

// leaseRenewed watches lock li until its lease expires (false) or its
// holder renews it (true). A lock released or taken by another run means
// li's run is gone (false).
func leaseRenewed(ctx context.Context, st state.Store, li state.LockInfo) bool {
	for time.Now().Before(li.Expires.Add(leasePoll)) {
		select {
		case <-ctx.Done():
			return true // not proven dead: do not touch it
		case <-time.After(leasePoll):
		}
		cur, held, err := state.ReadLock(ctx, st, li.GameDay)
		switch {
		case err != nil:
			continue
		case !held || cur.RunID != li.RunID:
			return false
		case cur.Expires.After(li.Expires):
			return true
		}
	}
	return false
}

// releaseDeadLock deletes the game day lock a recovered, dead run still
// holds, so that the next run need not wait for the lease. A lock held by
// another run, or gone, is left alone.
func releaseDeadLock(ctx context.Context, st state.Store, ri journal.RunInfo) error {
	key := state.LockKey(ri.GameDay)
	b, err := st.Get(ctx, key)
	if err != nil {
		return nil
	}
	var li state.LockInfo
	if json.Unmarshal(b, &li) != nil || li.RunID != ri.ID {
		return nil
	}
	if err := st.DeleteIf(ctx, key, b); err != nil {
		return fmt.Errorf("recovered, but its lock %s could not be released: %w", st.Location(key), err)
	}
	return nil
}
