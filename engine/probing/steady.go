package probing

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// RunOnce runs the named probe once now, with its timeout, delivers the
// check to the observer and returns its result. It works whether or not
// the Scheduler is started, and for probes of every mode.
func (s *Scheduler) RunOnce(ctx context.Context, name string) (engine.ProbeResult, error) {
	sl, ok := s.byName[name]
	if !ok {
		return engine.ProbeResult{}, fmt.Errorf("not running probe %s: no probe has that name", name)
	}
	r, kept := sl.run(ctx, sl.begin(), time.Now(), s.deliver)
	if !kept {
		return r, fmt.Errorf("probe %s: check cut short: %w", name, ctx.Err())
	}
	return r, nil
}

// SteadyProbe is how one probe fared in SteadyState.
type SteadyProbe struct {
	Name string
	// Steady is true when the probe reached the required streak.
	Steady bool
	// Streak is the number of consecutive passes at the end.
	Streak int
	// Checks is how many checks were made.
	Checks int
	// Last is the last check's result (why it is not steady, when not).
	Last engine.ProbeResult
}

// SteadyResult says whether steady state holds.
type SteadyResult struct {
	// OK is true when every probe reached the required streak.
	OK     bool
	Probes []SteadyProbe
}

// NotSteady lists the probes that did not reach the streak, with the last
// result's detail, for an error message.
func (r SteadyResult) NotSteady() []string {
	var out []string
	for _, p := range r.Probes {
		if !p.Steady {
			out = append(out, fmt.Sprintf("%s (%d passes in a row; last: %s %s)", p.Name, p.Streak, p.Last.Observed, p.Last.Detail))
		}
	}
	return out
}

// SteadyState checks that every steady_state and continuous probe passes n
// times in a row (inconclusive checks break a streak: they do not show the
// system is healthy), each at its own interval, allowing at most warmup for
// all of them to get there. It returns as soon as all have, or when warmup
// is spent; a check in flight at that moment is allowed to finish, so the
// call can last up to one probe timeout longer than warmup. during_faults
// probes are not part of steady state. The error is non-nil only when ctx
// ends first.
//
// The runner calls it before Start and after the last revert; while the
// Scheduler runs, the continuous probes are checked by both meanwhile.
func (s *Scheduler) SteadyState(ctx context.Context, warmup time.Duration, n int) (SteadyResult, error) {
	if n < 1 {
		n = 1
	}
	var selected []*slot
	for _, sl := range s.slots {
		if sl.e.Mode == SteadyStateOnly || sl.e.Mode == Continuous {
			selected = append(selected, sl)
		}
	}
	deadline := time.Now().Add(warmup)
	sem := make(chan struct{}, s.workers)
	res := SteadyResult{Probes: make([]SteadyProbe, len(selected))}
	var wg sync.WaitGroup
	for i, sl := range selected {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.Probes[i] = s.steadyProbe(ctx, sl, deadline, n, sem)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("steady state not established: %w", err)
	}
	res.OK = true
	for i := range res.Probes {
		res.Probes[i].Steady = res.Probes[i].Streak >= n
		res.OK = res.OK && res.Probes[i].Steady
	}
	return res, nil
}

// steadyProbe checks one probe on its interval until it passes n times in
// a row or the deadline passes.
func (s *Scheduler) steadyProbe(ctx context.Context, sl *slot, deadline time.Time, n int, sem chan struct{}) SteadyProbe {
	p := SteadyProbe{Name: sl.e.Name}
	next := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return p
		}
		r, kept := sl.run(ctx, sl.begin(), next, s.deliver)
		<-sem
		if !kept {
			return p
		}
		p.Checks++
		p.Last = r
		if r.OK {
			p.Streak++
		} else {
			p.Streak = 0
		}
		if p.Streak >= n {
			return p
		}
		next = next.Add(sl.e.Interval)
		if late := time.Since(next); late > 0 {
			// A check (or the machine) overran the interval: keep to the
			// probe's grid, as the scheduler does, rather than running
			// two checks back to back.
			next = next.Add((late/sl.e.Interval + 1) * sl.e.Interval)
		}
		if next.After(deadline) {
			return p
		}
		timer.Reset(time.Until(next))
		select {
		case <-timer.C:
		case <-ctx.Done():
			return p
		}
	}
}
