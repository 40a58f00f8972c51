package canarying

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// DefaultWriteTimeout bounds one canary write when the Runner sets none. A
// write that takes longer is counted as not acknowledged: a store that slow
// is not serving.
const DefaultWriteTimeout = 2 * time.Second

// DefaultReadTimeout bounds the read-back when the caller's context has no
// deadline.
const DefaultReadTimeout = 30 * time.Second

// Runner writes one canary's records every Interval and records each write
// and the read-back on Timeline as typed events (engine.CanaryWrite,
// engine.CanaryReadBack), which engine/measure reads.
type Runner struct {
	// Name is the canary's name (the Source of its events).
	Name   string
	Canary engine.Canary
	// Run identifies this run's records in the store (a run id, or run id
	// and scenario when canaries restart per scenario).
	Run string
	// Scenario is set on every event.
	Scenario string
	// Interval between writes; it is the RPO's resolution.
	Interval time.Duration
	// WriteTimeout bounds each write; 0 means DefaultWriteTimeout.
	WriteTimeout time.Duration
	Timeline     *engine.Timeline

	mu    sync.Mutex
	next  int64
	acked int64
}

// Stats counts the writes so far.
type Stats struct {
	Written int64 `json:"written"`
	Acked   int64 `json:"acked"`
}

// Stats returns the counts so far.
func (r *Runner) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Stats{Written: r.next, Acked: r.acked}
}

// Write writes records 1, 2, 3 ... one every Interval, the first at once,
// until ctx ends, then waits for writes in flight. Each write runs on its
// own goroutine with its own timeout, so that a hanging store does not
// delay later writes: the time between writes, and so the RPO resolution,
// stays one interval. Calling Write again continues the numbering.
func (r *Runner) Write(ctx context.Context) error {
	if r.Interval <= 0 {
		return fmt.Errorf("canary %s not started: interval %s is not positive", r.Name, r.Interval)
	}
	if r.Timeline == nil || r.Canary == nil {
		return fmt.Errorf("canary %s not started: no canary or no timeline", r.Name)
	}
	timeout := r.WriteTimeout
	if timeout <= 0 {
		timeout = DefaultWriteTimeout
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	tick := time.NewTicker(r.Interval)
	defer tick.Stop()
	for ctx.Err() == nil {
		r.mu.Lock()
		r.next++
		seq := r.next
		r.mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.writeOne(ctx, seq, timeout)
		}()
		select {
		case <-ctx.Done():
		case <-tick.C:
		}
	}
	return nil
}

// writeOne writes seq and records it. The write gets its own timeout but
// not the caller's cancellation: a write issued just before the scenario
// ends still finishes (or times out) and is recorded truthfully.
func (r *Runner) writeOne(ctx context.Context, seq int64, timeout time.Duration) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	issued := time.Now()
	err := r.Canary.Write(wctx, r.Run, seq)
	latency := time.Since(issued)
	e := engine.Event{
		At: issued, Type: engine.EvCanaryWrite, Scenario: r.Scenario, Source: r.Name,
		Write: &engine.CanaryWrite{Seq: seq}, OK: err == nil,
	}
	if err == nil {
		e.Write.AckLatency = latency
		r.mu.Lock()
		r.acked++
		r.mu.Unlock()
	} else {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no acknowledgement within %s: %w", timeout, err)
		}
		e.Detail = err.Error()
	}
	r.Timeline.Add(e)
}

// Verify reads the records back and records what is present (or why the
// read-back failed) as an EvCanaryVerify event.
func (r *Runner) Verify(ctx context.Context) ([]int64, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultReadTimeout)
		defer cancel()
	}
	seqs, err := r.Canary.ReadBack(ctx, r.Run)
	e := engine.Event{Type: engine.EvCanaryVerify, Scenario: r.Scenario, Source: r.Name, OK: err == nil}
	if err != nil {
		err = fmt.Errorf("canary %s: reading back run %s: %w", r.Name, r.Run, err)
		e.Detail = err.Error()
	} else {
		e.ReadBack = &engine.CanaryReadBack{Present: engine.SeqsOf(seqs)}
	}
	r.Timeline.Add(e)
	return seqs, err
}
