package schedule

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/runner"
)

// Runner runs one game day until it ends, reverting what it injected when
// ctx is cancelled. The command passes the same path as `gameday run`;
// tests pass fakes.
type Runner func(ctx context.Context, gd *config.GameDay) (*runner.Result, error)

// Options configure a Scheduler.
type Options struct {
	Run Runner
	// Clock defaults to the wall clock.
	Clock Clock
	// MaxConcurrent is the number of game days allowed to run at once
	// across the scheduler (default 1: game days against one staging
	// account would blur each other's measurements).
	MaxConcurrent int
	// Seed fixes every game day's jitter.
	Seed uint64
	// Logf reports triggers, skips and results (nil: silent).
	Logf func(format string, args ...any)
}

// Scheduler fires game days on their schedules. Its methods are safe for
// concurrent use.
type Scheduler struct {
	opts Options
	mu   sync.Mutex
	// entries by game-day name; replaced on reload, runs keep theirs.
	entries map[string]*entry
	active  int
	wake    chan struct{}
	runs    sync.WaitGroup
}

// entry is one scheduled game day and what happened to it.
type entry struct {
	gd        *config.GameDay
	plan      *Plan
	next      time.Time // zero: never
	running   int
	lastStart time.Time
	last      *LastResult
	runs      map[string]int // by status
	skipped   map[string]int // by reason
}

// New returns a scheduler with nothing scheduled; call Set.
func New(o Options) *Scheduler {
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = 1
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return &Scheduler{opts: o, entries: map[string]*entry{}, wake: make(chan struct{}, 1)}
}

// Set replaces the scheduled game days (the initial load and every
// reload). Game days are known by name: one that stays keeps its history,
// its running runs and its minimum interval; one that goes is no longer
// triggered, though a run already started finishes. Game days without a
// schedule block are refused, as are two with the same name.
func (s *Scheduler) Set(gds []*config.GameDay) error {
	seen := map[string]string{}
	for _, gd := range gds {
		if gd.Schedule == nil {
			return fmt.Errorf("not scheduling %s (%s): it has no schedule block", gd.Name, gd.Filename)
		}
		if f, dup := seen[gd.Name]; dup {
			return fmt.Errorf("not scheduling: the game day %q is defined in both %s and %s; names must be unique", gd.Name, f, gd.Filename)
		}
		seen[gd.Name] = gd.Filename
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Clock.Now()
	next := make(map[string]*entry, len(gds))
	for _, gd := range gds {
		e := s.entries[gd.Name]
		if e == nil {
			e = &entry{runs: map[string]int{}, skipped: map[string]int{}}
		}
		e.gd, e.plan = gd, NewPlan(gd.Name, gd.Schedule, s.opts.Seed)
		e.next, _ = e.plan.Next(now, e.lastStart)
		if e.next.IsZero() {
			s.opts.Logf("%s: its schedule allows no run within a year", gd.Name)
		}
		next[gd.Name] = e
	}
	s.entries = next
	s.poke()
	return nil
}

// poke wakes the loop to recompute its timer.
func (s *Scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run fires game days until ctx is done, then waits for the running ones:
// they see ctx cancelled and revert. It never gives up waiting: a game day
// abandoned mid-fault is worse than a late exit.
func (s *Scheduler) Run(ctx context.Context) {
	for {
		s.mu.Lock()
		now := s.opts.Clock.Now()
		s.fireDue(ctx, now)
		wakeAt := s.earliest()
		s.mu.Unlock()

		var timer Timer
		var fire <-chan time.Time
		if !wakeAt.IsZero() {
			timer = s.opts.Clock.NewTimer(wakeAt.Sub(now))
			fire = timer.C()
		}
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			s.runs.Wait()
			return
		case <-fire:
		case <-s.wake:
			if timer != nil {
				timer.Stop()
			}
		}
	}
}

// earliest returns the next trigger time of any game day; s.mu is held.
func (s *Scheduler) earliest() time.Time {
	var t time.Time
	for _, e := range s.entries {
		if !e.next.IsZero() && (t.IsZero() || e.next.Before(t)) {
			t = e.next
		}
	}
	return t
}

// fireDue starts (or skips) every game day whose time has come, in name
// order so that the global limit favours the same game day every time;
// s.mu is held. A trigger is never queued: when it cannot run now it is
// skipped and counted, and the game day waits for its next time.
func (s *Scheduler) fireDue(ctx context.Context, now time.Time) {
	if ctx.Err() != nil {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(s.entries)) {
		e := s.entries[name]
		if e.next.IsZero() || e.next.After(now) {
			continue
		}
		due := e.next
		switch {
		case e.running > 0 && e.gd.Schedule.Concurrency != config.ConcurrencyAllow:
			e.skipped[SkipOverlap]++
			s.opts.Logf("%s: not starting the run due at %s: its previous run is still active (concurrency = %q)", name, due.Format(time.RFC3339), e.gd.Schedule.Concurrency)
		case s.active >= s.opts.MaxConcurrent:
			e.skipped[SkipGlobal]++
			s.opts.Logf("%s: not starting the run due at %s: %d game day(s) already running, the limit", name, due.Format(time.RFC3339), s.active)
		default:
			s.start(ctx, e, now)
		}
		e.next, _ = e.plan.Next(now, e.lastStart)
	}
}

// start launches one run; s.mu is held.
func (s *Scheduler) start(ctx context.Context, e *entry, now time.Time) {
	e.running++
	s.active++
	e.lastStart = now
	gd := e.gd
	s.opts.Logf("%s: starting (%s)", gd.Name, gd.Filename)
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		res, err := s.opts.Run(ctx, gd)
		s.mu.Lock()
		lr := lastResult(res, err, now, s.opts.Clock.Now())
		e.running--
		s.active--
		e.last = lr
		e.runs[lr.Status]++
		s.mu.Unlock()
		if err != nil {
			s.opts.Logf("%s: run ended with an error: %v", gd.Name, err)
		} else {
			s.opts.Logf("%s: run %s %s (exit %d)", gd.Name, lr.RunID, lr.Status, lr.ExitCode)
		}
		s.poke()
	}()
}

// Status is a snapshot of the scheduler for the status endpoint.
type Status struct {
	Now           time.Time       `json:"now"`
	Active        int             `json:"active"`
	MaxConcurrent int             `json:"max_concurrent"`
	GameDays      []GameDayStatus `json:"gamedays"`
}

// GameDayStatus is one scheduled game day.
type GameDayStatus struct {
	Name        string         `json:"name"`
	File        string         `json:"file"`
	Cron        string         `json:"cron"`
	TimeZone    string         `json:"time_zone"`
	Running     int            `json:"running"`
	NextRuns    []time.Time    `json:"next_runs"`
	LastStarted *time.Time     `json:"last_started,omitempty"`
	Last        *LastResult    `json:"last_result,omitempty"`
	Runs        map[string]int `json:"runs"`
	Skipped     map[string]int `json:"skipped"`
}

// Status returns the scheduler's state with up to n next runs per game
// day (the first is the one the scheduler waits for).
func (s *Scheduler) Status(n int) Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{Now: s.opts.Clock.Now(), Active: s.active, MaxConcurrent: s.opts.MaxConcurrent, GameDays: []GameDayStatus{}}
	for _, name := range slices.Sorted(maps.Keys(s.entries)) {
		e := s.entries[name]
		g := GameDayStatus{
			Name: name, File: e.gd.Filename, Cron: e.gd.Schedule.Cron, TimeZone: e.gd.Schedule.TimeZone,
			Running: e.running, NextRuns: []time.Time{}, Last: e.last,
			Runs: maps.Clone(e.runs), Skipped: maps.Clone(e.skipped),
		}
		if !e.lastStart.IsZero() {
			ls := e.lastStart
			g.LastStarted = &ls
		}
		if !e.next.IsZero() && n > 0 {
			g.NextRuns = append(g.NextRuns, e.next)
			g.NextRuns = append(g.NextRuns, e.plan.NextN(e.next, e.next, n-1)...)
		}
		st.GameDays = append(st.GameDays, g)
	}
	return st
}
