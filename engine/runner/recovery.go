package runner

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
)

// streaks follows, per probe, how many checks in a row passed, so that the
// recovery wait does not rescan the timeline.
type streaks struct {
	mu sync.Mutex
	m  map[string]streak
}

type streak struct {
	passes int
	last   time.Time
}

func (s *streaks) observe(name string, at time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]streak{}
	}
	st := s.m[name]
	if ok {
		st.passes++
	} else {
		st.passes = 0
	}
	st.last = at
	s.m[name] = st
}

func (s *streaks) get(name string) streak {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[name]
}

// waitRecovery waits until the scenario's recovery probe passes K checks in
// a row, the last of them after the reverts, bounded by the recovery
// timeout. It returns an error only when recovery was not seen in time (the
// measurement then reports RTO as "more than" the bound).
func (r *Runner) waitRecovery(ctx context.Context, sc *config.Scenario) error {
	ref := r.recoveryProbe(sc)
	if ref == nil {
		return nil
	}
	name := ref.Kind + "." + ref.Name
	k := config.DefaultConsecutiveSuccesses
	if sc.Objectives != nil && sc.Objectives.ConsecutiveSuccesses > 0 {
		k = sc.Objectives.ConsecutiveSuccesses
	}
	timeout := r.recoveryTimeout(sc)
	since := time.Now()
	deadline := since.Add(timeout)
	for {
		st := r.streaks.get(name)
		if st.passes >= k && st.last.After(since) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("probe %s did not pass %d checks in a row within %s after the revert", name, k, timeout)
		}
		if !sleepCtx(ctx, 50*time.Millisecond) {
			return nil
		}
	}
}

func (r *Runner) recoveryTimeout(sc *config.Scenario) time.Duration {
	if r.opts.RecoveryTimeout > 0 {
		return r.opts.RecoveryTimeout
	}
	if sc.Objectives != nil && sc.Objectives.RTO != nil {
		return max(2**sc.Objectives.RTO, 30*time.Second)
	}
	return DefaultRecoveryTimeout
}
