package probing

import (
	"context"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Check is one delivered check of a probe.
type Check struct {
	Name string
	// Scheduled is when the check was due; Started is when it began.
	// Started - Scheduled is the scheduler's start jitter.
	Scheduled time.Time
	Started   time.Time
	Result    engine.ProbeResult
}

// CheckObserver is implemented by observers that want the scheduled time
// as well. When the Scheduler's observer implements it, ObserveCheck is
// called instead of ObserveProbe.
type CheckObserver interface {
	ObserveCheck(c Check)
}

// slot is one probe's scheduling state. Checks of one probe can overlap
// (a timeout longer than the interval keeps one check running while the
// next starts, so that a hanging system is still sampled every interval);
// the slot numbers checks when they are dispatched and delivers results in
// that order, one at a time, so an observer sees each probe's checks in the
// order they started.
type slot struct {
	e     Entry
	index int       // heap position, owned by the dispatcher
	due   time.Time // next scheduled check, owned by the dispatcher

	mu      sync.Mutex // guards the fields below
	nextSeq uint64
	next    uint64 // the next sequence number to deliver
	pending map[uint64]*finished
}

type finished struct {
	c    Check
	keep bool
}

func newSlot(e Entry) *slot { return &slot{e: e} }

// begin numbers a new check.
func (s *slot) begin() uint64 {
	s.mu.Lock()
	n := s.nextSeq
	s.nextSeq++
	s.mu.Unlock()
	return n
}

// finish records check n and delivers every check that is now in order.
// keep is false for checks cut short by the scheduler stopping: they say
// nothing about the system and are not delivered.
func (s *slot) finish(n uint64, c Check, keep bool, deliver func(Check)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n != s.next {
		if s.pending == nil {
			s.pending = map[uint64]*finished{}
		}
		s.pending[n] = &finished{c: c, keep: keep}
		return
	}
	if keep {
		deliver(c)
	}
	s.next++
	for {
		f, ok := s.pending[s.next]
		if !ok {
			return
		}
		delete(s.pending, s.next)
		if f.keep {
			deliver(f.c)
		}
		s.next++
	}
}

// run makes check n with the probe's timeout under ctx and finishes it.
// kept is false when ctx ended during the check, which then is not
// delivered.
func (s *slot) run(ctx context.Context, n uint64, scheduled time.Time, deliver func(Check)) (r engine.ProbeResult, kept bool) {
	started := time.Now()
	cctx, cancel := context.WithTimeout(ctx, s.e.Timeout)
	r = s.e.Probe.Check(cctx)
	cancel()
	kept = ctx.Err() == nil
	s.finish(n, Check{Name: s.e.Name, Scheduled: scheduled, Started: started, Result: r}, kept, deliver)
	return r, kept
}
