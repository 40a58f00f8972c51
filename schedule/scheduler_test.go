package schedule

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// fakeRuns is a Runner whose runs block until released (or cancelled).
type fakeRuns struct {
	started  chan string // game-day name, once per run
	release  chan struct{}
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	// reverted counts runs that saw their context cancelled and
	// "reverted" before returning.
	reverted atomic.Int32
}

func newFakeRuns() *fakeRuns {
	return &fakeRuns{started: make(chan string, 16), release: make(chan struct{})}
}

func (f *fakeRuns) run(ctx context.Context, gd *config.GameDay) (*runner.Result, error) {
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxSeen.Load()
		if n <= m || f.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	f.started <- gd.Name
	select {
	case <-f.release:
		res := &runner.Result{RunID: "run-" + gd.Name, GameDay: gd.Name, Status: "passed",
			Scenarios: []runner.ScenarioResult{{Name: "one", Measure: &measure.Result{
				Recovery: measure.Recovery{RTO: measure.Duration{Status: measure.Measured, Value: 42 * time.Second}},
				Data:     measure.DataLoss{RPO: measure.Duration{Status: measure.NoImpact}},
			}}}}
		return res, nil
	case <-ctx.Done():
		// What the real runner does on cancellation: revert, which takes
		// a moment, then report an abort.
		time.Sleep(20 * time.Millisecond)
		f.reverted.Add(1)
		return &runner.Result{RunID: "run-" + gd.Name, Status: "aborted", Aborted: "signal"}, nil
	}
}

// harness runs a scheduler on a fake clock.
type harness struct {
	t     *testing.T
	clock *FakeClock
	s     *Scheduler
	runs  *fakeRuns
	stop  context.CancelFunc
	done  chan struct{}
}

func newHarness(t *testing.T, start time.Time, maxConcurrent int, gds ...*config.GameDay) *harness {
	t.Helper()
	h := &harness{t: t, clock: NewFakeClock(start), runs: newFakeRuns(), done: make(chan struct{})}
	h.s = New(Options{Run: h.runs.run, Clock: h.clock, MaxConcurrent: maxConcurrent, Seed: 1, Logf: t.Logf})
	if err := h.s.Set(gds); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.stop = cancel
	go func() { defer close(h.done); h.s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			t.Error("the scheduler did not stop")
		}
	})
	return h
}

// waitTimer waits until the scheduler sleeps until at.
func (h *harness) waitTimer(at time.Time) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := h.clock.WaitForTimer(ctx, func(t time.Time) bool { return t.Equal(at) }); err != nil {
		h.t.Fatalf("the scheduler never waited for %v (pending: %v)", at, h.clock.Pending())
	}
}

func (h *harness) waitStarted() string {
	h.t.Helper()
	select {
	case name := <-h.runs.started:
		return name
	case <-time.After(5 * time.Second):
		h.t.Fatal("no run started")
		return ""
	}
}

func (h *harness) noStart() {
	h.t.Helper()
	select {
	case name := <-h.runs.started:
		h.t.Fatalf("run of %s started, want none", name)
	case <-time.After(30 * time.Millisecond):
	}
}

func (h *harness) status(name string) GameDayStatus {
	for _, g := range h.s.Status(3).GameDays {
		if g.Name == name {
			return g
		}
	}
	h.t.Fatalf("no status for %s", name)
	return GameDayStatus{}
}

// eventually polls cond for up to 5 s: results are recorded by the run's
// goroutine after it returns.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("never: %s", what)
}

func TestSchedulerFiresOnCronAndRefusesOverlap(t *testing.T) {
	gd := gameDay(t, "hourly", `cron = "0 * * * *"`+anyTime)
	start := mustTime(t, time.UTC, "2026-06-01 09:59")
	h := newHarness(t, start, 1, gd)

	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	h.waitTimer(ten)
	h.clock.Advance(30 * time.Second)
	h.noStart() // not yet time
	h.clock.Set(ten)
	if name := h.waitStarted(); name != "hourly" {
		t.Fatalf("started %s", name)
	}

	// The 11:00 trigger arrives while the 10:00 run is still going.
	eleven := mustTime(t, time.UTC, "2026-06-01 11:00")
	h.waitTimer(eleven)
	h.clock.Set(eleven)
	h.waitTimer(mustTime(t, time.UTC, "2026-06-01 12:00"))
	h.noStart()
	st := h.status("hourly")
	if st.Skipped[SkipOverlap] != 1 || st.Running != 1 {
		t.Fatalf("after an overlapping trigger: skipped %v running %d, want 1 overlap skip and 1 running", st.Skipped, st.Running)
	}

	h.runs.release <- struct{}{}
	eventually(t, "the run's result is recorded", func() bool { return h.status("hourly").Last != nil })
	st = h.status("hourly")
	if st.Runs["passed"] != 1 || st.Last.Status != "passed" || !st.Last.Started.Equal(ten) || st.Running != 0 {
		t.Fatalf("status after the run: %+v last %+v", st, st.Last)
	}
	if len(st.Last.Scenarios) != 1 || st.Last.Scenarios[0].RTO.Value != 42*time.Second {
		t.Fatalf("last figures %+v, want the run's RTO of 42s", st.Last.Scenarios)
	}
	if len(st.NextRuns) != 3 || !st.NextRuns[0].Equal(mustTime(t, time.UTC, "2026-06-01 12:00")) {
		t.Fatalf("next runs %v", st.NextRuns)
	}
	// The next trigger runs again.
	h.clock.Set(mustTime(t, time.UTC, "2026-06-01 12:00"))
	h.waitStarted()
	h.runs.release <- struct{}{}
}

func TestSchedulerGlobalLimit(t *testing.T) {
	a := gameDay(t, "a", `cron = "0 * * * *"`+anyTime)
	b := gameDay(t, "b", `cron = "0 * * * *"`+anyTime)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:59"), 1, a, b)
	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	h.waitTimer(ten)
	h.clock.Set(ten)
	if name := h.waitStarted(); name != "a" {
		t.Fatalf("started %s first, want a (name order)", name)
	}
	h.waitTimer(mustTime(t, time.UTC, "2026-06-01 11:00"))
	h.noStart()
	if got := h.status("b").Skipped[SkipGlobal]; got != 1 {
		t.Fatalf("b skipped %d times for the global limit, want 1", got)
	}
	h.runs.release <- struct{}{}
	eventually(t, "a's run ends", func() bool { return h.status("a").Running == 0 })
	if h.runs.maxSeen.Load() != 1 {
		t.Fatalf("%d runs at once, want at most 1", h.runs.maxSeen.Load())
	}
}

func TestSchedulerAllowsOverlapWhenAsked(t *testing.T) {
	gd := gameDay(t, "overlap", `cron = "0 * * * *"
    concurrency = "allow"`+anyTime)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:59"), 2, gd)
	for _, at := range []string{"2026-06-01 10:00", "2026-06-01 11:00"} {
		tm := mustTime(t, time.UTC, at)
		h.waitTimer(tm)
		h.clock.Set(tm)
		h.waitStarted()
	}
	if st := h.status("overlap"); st.Running != 2 || len(st.Skipped) != 0 {
		t.Fatalf("running %d skipped %v, want 2 runs and no skip", st.Running, st.Skipped)
	}
	h.runs.release <- struct{}{}
	h.runs.release <- struct{}{}
}

func TestSchedulerMinIntervalAcrossTriggers(t *testing.T) {
	gd := gameDay(t, "spaced", `cron = "0 * * * *"
    min_interval = "150m"`+anyTime)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:59"), 1, gd)
	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	h.waitTimer(ten)
	h.clock.Set(ten)
	h.waitStarted()
	h.runs.release <- struct{}{}
	// 11:00 and 12:00 are too close to 10:00; 13:00 is the next run.
	h.waitTimer(mustTime(t, time.UTC, "2026-06-01 13:00"))
	if next := h.status("spaced").NextRuns[0]; !next.Equal(mustTime(t, time.UTC, "2026-06-01 13:00")) {
		t.Fatalf("next run %v, want 13:00", next)
	}
}

func TestSchedulerReload(t *testing.T) {
	a := gameDay(t, "a", `cron = "0 * * * *"`+anyTime)
	b := gameDay(t, "b", `cron = "30 * * * *"`+anyTime)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:59"), 1, a, b)
	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	h.waitTimer(ten)
	h.clock.Set(ten)
	h.waitStarted()
	h.runs.release <- struct{}{}
	eventually(t, "a's run is recorded", func() bool { return h.status("a").Runs["passed"] == 1 })

	// Reload: a now fires at a quarter past, b is gone, c is new.
	a2 := gameDay(t, "a", `cron = "15 * * * *"`+anyTime)
	c := gameDay(t, "c", `cron = "45 * * * *"`+anyTime)
	if err := h.s.Set([]*config.GameDay{a2, c}); err != nil {
		t.Fatal(err)
	}
	h.waitTimer(mustTime(t, time.UTC, "2026-06-01 10:15"))
	st := h.s.Status(1)
	if len(st.GameDays) != 2 || st.GameDays[0].Name != "a" || st.GameDays[1].Name != "c" {
		t.Fatalf("game days after reload: %+v", st.GameDays)
	}
	if st.GameDays[0].Runs["passed"] != 1 || st.GameDays[0].Cron != "15 * * * *" {
		t.Fatalf("a lost its history or kept its old cron: %+v", st.GameDays[0])
	}
	// A bad set is refused whole and changes nothing.
	if err := h.s.Set([]*config.GameDay{a2, a2}); err == nil {
		t.Fatal("two game days with one name were accepted")
	}
	if got := len(h.s.Status(1).GameDays); got != 2 {
		t.Fatalf("%d game days after a refused reload, want 2", got)
	}
}

func TestSchedulerCancelWaitsForRevert(t *testing.T) {
	gd := gameDay(t, "long", `cron = "0 * * * *"`+anyTime)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:59"), 1, gd)
	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	h.waitTimer(ten)
	h.clock.Set(ten)
	h.waitStarted()
	h.stop()
	select {
	case <-h.done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	// Run returned only once the run had reverted.
	if h.runs.reverted.Load() != 1 {
		t.Fatalf("Run returned with %d reverted runs, want 1", h.runs.reverted.Load())
	}
	if st := h.status("long"); st.Runs["aborted"] != 1 {
		t.Fatalf("runs %v, want one aborted", st.Runs)
	}
}

func TestSchedulerRunnerError(t *testing.T) {
	gd := gameDay(t, "broken", `cron = "0 * * * *"`+anyTime)
	clock := NewFakeClock(mustTime(t, time.UTC, "2026-06-01 09:59"))
	var mu sync.Mutex
	calls := 0
	s := New(Options{Clock: clock, Run: func(context.Context, *config.GameDay) (*runner.Result, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		return nil, context.DeadlineExceeded
	}})
	if err := s.Set([]*config.GameDay{gd}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	defer func() { cancel(); <-done }()
	ten := mustTime(t, time.UTC, "2026-06-01 10:00")
	wctx, wcancel := context.WithTimeout(ctx, 5*time.Second)
	defer wcancel()
	if _, err := clock.WaitForTimer(wctx, func(at time.Time) bool { return at.Equal(ten) }); err != nil {
		t.Fatal(err)
	}
	clock.Set(ten)
	eventually(t, "the failed run is recorded", func() bool { return s.Status(1).GameDays[0].Last != nil })
	last := s.Status(1).GameDays[0].Last
	if last.Status != StatusError || last.Error == "" || last.ExitCode == 0 {
		t.Fatalf("last result %+v, want an error with a non-zero exit code", last)
	}
}

func TestSetRefusesUnscheduled(t *testing.T) {
	gd := gameDay(t, "x", `cron = "@daily"`)
	plain := *gd
	plain.Schedule = nil
	if err := New(Options{}).Set([]*config.GameDay{&plain}); err == nil {
		t.Fatal("a game day without a schedule block was accepted")
	}
}

func TestSchedulerJitterWindowsBlackout(t *testing.T) {
	gd := gameDay(t, "jittered", `cron = "0 * * * *"
    jitter = "20m"
    blackout_dates = ["2026-06-02"]
    window {
      days  = ["mon-sun"]
      hours = "10:00-12:00"
    }`)
	h := newHarness(t, mustTime(t, time.UTC, "2026-06-01 09:00"), 1, gd)
	within := func(at time.Time, cron string) bool {
		c := mustTime(t, time.UTC, cron)
		return !at.Before(c) && at.Before(c.Add(20*time.Minute))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// 10:00 and 11:00 on the 1st, then (the 2nd is blacked out, 12:00 and
	// later are outside the window) 10:00 on the 3rd; each within its
	// 20 minutes of jitter.
	for _, cron := range []string{"2026-06-01 10:00", "2026-06-01 11:00", "2026-06-03 10:00"} {
		at, err := h.clock.WaitForTimer(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !within(at, cron) {
			t.Fatalf("the scheduler waits for %v, want a time in [%s, +20m)", at, cron)
		}
		h.clock.Set(at)
		h.waitStarted()
		h.runs.release <- struct{}{}
		eventually(t, "the run ends", func() bool { return h.status("jittered").Running == 0 })
		// Wait for the scheduler to sleep again on a later deadline.
		if _, err := h.clock.WaitForTimer(ctx, func(d time.Time) bool { return d.After(at) }); err != nil {
			t.Fatal(err)
		}
	}
}
