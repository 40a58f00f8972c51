package probing

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// DefaultMaxConcurrency bounds the checks in flight when Options leaves it
// at zero: enough for a thousand probes a second whose checks each take a
// quarter of a second, small enough that a fleet of hanging targets cannot
// exhaust the machine (file descriptors, memory).
const DefaultMaxConcurrency = 256

// Options configure a Scheduler.
type Options struct {
	// Observer receives every check (nil: results are only returned by
	// RunOnce and SteadyState). It is called from many goroutines, but
	// never concurrently for one probe, and each probe's checks arrive in
	// the order they started. It must be quick: it delays that probe's
	// later results.
	Observer engine.ProbeObserver
	// MaxConcurrency bounds the scheduled checks in flight, and separately
	// the checks SteadyState runs; DefaultMaxConcurrency when zero.
	MaxConcurrency int
}

// Stats count what the Scheduler did.
type Stats struct {
	// Checks delivered to the observer (scheduled, steady-state and
	// one-off).
	Checks int64
	// Skipped counts due checks that were not started because the
	// scheduler fell more than one interval behind (an overloaded
	// machine); a gap in a probe's timeline shows where.
	Skipped int64
	// Dropped counts checks cut short by Stop and not delivered.
	Dropped int64
}

// Scheduler runs many probes, each on its own interval with its own
// timeout. One dispatcher goroutine keeps a queue ordered by due time and
// hands due checks to a fixed pool of workers, so the number of goroutines
// does not grow with the number of probes or of ticks. First checks are
// spread over each probe's interval so that a thousand probes do not fire
// in the same millisecond.
type Scheduler struct {
	slots   []*slot
	byName  map[string]*slot
	obs     engine.ProbeObserver
	checkOb CheckObserver
	workers int

	duringFaults atomic.Bool
	checks       atomic.Int64
	skipped      atomic.Int64
	dropped      atomic.Int64

	mu      sync.Mutex // guards the lifecycle fields below
	started bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// job is one dispatched check.
type job struct {
	s         *slot
	n         uint64
	scheduled time.Time
}

// NewScheduler validates the entries (names must be unique) and returns a
// stopped Scheduler.
func NewScheduler(entries []Entry, o Options) (*Scheduler, error) {
	s := &Scheduler{byName: map[string]*slot{}, obs: o.Observer, workers: o.MaxConcurrency}
	if s.workers <= 0 {
		s.workers = DefaultMaxConcurrency
	}
	if co, ok := o.Observer.(CheckObserver); ok {
		s.checkOb = co
	}
	for _, e := range entries {
		if err := e.validate(); err != nil {
			return nil, fmt.Errorf("not scheduling probes: %w", err)
		}
		if _, dup := s.byName[e.Name]; dup {
			return nil, fmt.Errorf("not scheduling probes: two probes are named %s", e.Name)
		}
		sl := newSlot(e)
		s.slots = append(s.slots, sl)
		s.byName[e.Name] = sl
	}
	return s, nil
}

// SetDuringFaults enables (true) or disables the during_faults probes;
// the runner turns them on at the first injection and off after the last
// revert. Checks already running finish and are delivered.
func (s *Scheduler) SetDuringFaults(on bool) { s.duringFaults.Store(on) }

// Stats returns the counters so far.
func (s *Scheduler) Stats() Stats {
	return Stats{Checks: s.checks.Load(), Skipped: s.skipped.Load(), Dropped: s.dropped.Load()}
}

// Start begins running the continuous and during_faults probes until
// Stop or until ctx ends. A Scheduler starts once.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		return errors.New("not starting the probe scheduler: it was already started")
	}
	s.started = true
	ctx, s.cancel = context.WithCancel(ctx)

	q := make(dueQueue, 0, len(s.slots))
	now := time.Now()
	var periodic []*slot
	for _, sl := range s.slots {
		if sl.e.Mode != SteadyStateOnly {
			periodic = append(periodic, sl)
		}
	}
	for i, sl := range periodic {
		// Evenly spread phases: probe i of n starts i/n of its interval in.
		sl.due = now.Add(time.Duration(int64(sl.e.Interval) * int64(i) / int64(len(periodic))))
		heap.Push(&q, sl)
	}
	jobs := make(chan job, s.workers)
	s.wg.Add(1 + s.workers)
	go s.dispatch(ctx, q, jobs)
	for range s.workers {
		go s.work(ctx, jobs)
	}
	return nil
}

// Stop ends scheduled checks and waits for the running ones to return;
// their results are dropped. Stop is safe to call more than once, and
// without Start.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.wg.Wait()
}

// dispatch hands due checks to the workers until ctx ends.
func (s *Scheduler) dispatch(ctx context.Context, q dueQueue, jobs chan job) {
	defer s.wg.Done()
	defer func() {
		// Workers are gone or going: account for what they never took,
		// so later one-off checks of those probes are still delivered.
		for {
			select {
			case j := <-jobs:
				s.abandon(j)
			default:
				return
			}
		}
	}()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for len(q) > 0 {
		now := time.Now()
		for q[0].due.Compare(now) <= 0 {
			sl := q[0]
			scheduled := sl.due
			iv := sl.e.Interval
			if late := now.Sub(scheduled); late >= iv {
				// Fell behind by whole intervals: skip to the latest due
				// time instead of firing a burst of stale checks.
				missed := late / iv
				scheduled = scheduled.Add(missed * iv)
				s.skipped.Add(int64(missed))
			}
			sl.due = scheduled.Add(iv)
			heap.Fix(&q, 0)
			if sl.e.Mode == DuringFaults && !s.duringFaults.Load() {
				continue
			}
			j := job{s: sl, n: sl.begin(), scheduled: scheduled}
			select {
			case jobs <- j:
			case <-ctx.Done():
				s.abandon(j)
				return
			}
			now = time.Now()
		}
		timer.Reset(q[0].due.Sub(now))
		select {
		case <-timer.C:
		case <-ctx.Done():
			return
		}
	}
	<-ctx.Done()
}

// abandon finishes a check that never ran.
func (s *Scheduler) abandon(j job) {
	s.dropped.Add(1)
	j.s.finish(j.n, Check{}, false, s.deliver)
}

// work runs dispatched checks until ctx ends.
func (s *Scheduler) work(ctx context.Context, jobs chan job) {
	defer s.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			if _, kept := j.s.run(ctx, j.n, j.scheduled, s.deliver); !kept {
				s.dropped.Add(1)
			}
		}
	}
}

// deliver hands one check to the observer; called under the probe's slot
// lock, so one probe's checks are never delivered concurrently.
func (s *Scheduler) deliver(c Check) {
	s.checks.Add(1)
	switch {
	case s.checkOb != nil:
		s.checkOb.ObserveCheck(c)
	case s.obs != nil:
		s.obs.ObserveProbe(c.Name, c.Started, c.Result)
	}
}
