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
	// recent are the times of the current run of passes, newest last,
	// capped: the wait needs "K passes after the revert", not all of them.
	recent []time.Time
}

const maxRecent = 64

func (s *streaks) observe(name string, at time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]streak{}
	}
	st := s.m[name]
	if ok {
		st.passes++
		st.recent = append(st.recent, at)
		if len(st.recent) > maxRecent {
			st.recent = append(st.recent[:0], st.recent[len(st.recent)-maxRecent:]...)
		}
	} else {
		st.passes = 0
		st.recent = st.recent[:0]
	}
	st.last = at
	s.m[name] = st
}

// passesSince counts the current run of passes checked after t.
func (s *streaks) passesSince(name string, t time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, at := range s.m[name].recent {
		if at.After(t) {
			n++
		}
	}
	return n
}

// waitRecovery waits until the scenario's recovery probe (and its failback
// probe, when another) pass K checks in a row after the reverts, bounded by
// the recovery timeout: recovery and failback are measured from those
// checks. It returns an error only when that was not seen in time (the
// figures then say "more than" the bound).
func (r *Runner) waitRecovery(ctx context.Context, sc *config.Scenario) error {
	var names []string
	for _, ref := range []*config.Ref{r.recoveryProbe(sc), r.failbackProbe(sc)} {
		if ref != nil {
			names = append(names, ref.Kind+"."+ref.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	k := config.DefaultConsecutiveSuccesses
	if sc.Objectives != nil && sc.Objectives.ConsecutiveSuccesses > 0 {
		k = sc.Objectives.ConsecutiveSuccesses
	}
	timeout := r.recoveryTimeout(sc)
	since := time.Now()
	deadline := since.Add(timeout)
	for {
		pending := ""
		for _, name := range names {
			if r.streaks.passesSince(name, since) < k {
				pending = name
				break
			}
		}
		if pending == "" {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("probe %s did not pass %d checks in a row within %s after the revert", pending, k, timeout)
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
