package canarying

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Member is one configured canary of a Group.
type Member struct {
	Name   string
	Canary engine.Canary
	// Interval between writes (the RPO resolution of this canary).
	Interval time.Duration
	// WriteTimeout bounds each write; 0 means DefaultWriteTimeout.
	WriteTimeout time.Duration
}

// Group holds a game day's canaries: prepared once, started per scenario
// (each scenario writes its own records, numbered from 1), verified after
// recovery, closed at the end.
type Group struct {
	Members  []Member
	Timeline *engine.Timeline
}

// Prepare prepares every canary (creates tables, checks them); it runs in
// preflight and stops at the first canary that is not ready.
func (g *Group) Prepare(ctx context.Context) error {
	for _, m := range g.Members {
		if err := m.Canary.Prepare(ctx); err != nil {
			return fmt.Errorf("canary %s: %w", m.Name, err)
		}
	}
	return nil
}

// Intervals maps each canary to its interval, for measure.Params.
func (g *Group) Intervals() map[string]time.Duration {
	out := make(map[string]time.Duration, len(g.Members))
	for _, m := range g.Members {
		out[m.Name] = m.Interval
	}
	return out
}

// Session is a scenario's canaries writing.
type Session struct {
	runners []*Runner
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	mu      sync.Mutex
	errs    []error
}

// Start starts every canary writing records of run (use a value unique to
// the run and scenario, such as "<run id>/<scenario>") until Stop or until
// ctx ends.
func (g *Group) Start(ctx context.Context, run, scenario string) *Session {
	ctx, cancel := context.WithCancel(ctx)
	s := &Session{cancel: cancel}
	for _, m := range g.Members {
		r := &Runner{Name: m.Name, Canary: m.Canary, Run: run, Scenario: scenario,
			Interval: m.Interval, WriteTimeout: m.WriteTimeout, Timeline: g.Timeline}
		s.runners = append(s.runners, r)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := r.Write(ctx); err != nil {
				s.mu.Lock()
				s.errs = append(s.errs, err)
				s.mu.Unlock()
			}
		}()
	}
	return s
}

// Stop stops writing and waits for the writes in flight; it returns the
// errors of canaries that could not start.
func (s *Session) Stop() error {
	s.cancel()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.errs...)
}

// Verify reads every canary back (recording EvCanaryVerify events) and
// returns the read-backs that failed.
func (s *Session) Verify(ctx context.Context) error {
	var errs []error
	for _, r := range s.runners {
		if _, err := r.Verify(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Close releases canaries that hold connections.
func (g *Group) Close() error {
	var errs []error
	for _, m := range g.Members {
		if c, ok := m.Canary.(io.Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, fmt.Errorf("canary %s: %w", m.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}
