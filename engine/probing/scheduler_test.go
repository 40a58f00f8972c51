package probing

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

type probeFunc func(ctx context.Context) engine.ProbeResult

func (f probeFunc) Check(ctx context.Context) engine.ProbeResult { return f(ctx) }

func passing() engine.Probe {
	return probeFunc(func(context.Context) engine.ProbeResult { return engine.ProbeResult{OK: true} })
}

// recorder keeps every delivered check.
type recorder struct {
	mu     sync.Mutex
	checks []Check
	// inFlight detects concurrent deliveries for one probe.
	inFlight map[string]bool
	overlap  bool
}

func (r *recorder) ObserveCheck(c Check) {
	r.mu.Lock()
	if r.inFlight == nil {
		r.inFlight = map[string]bool{}
	}
	if r.inFlight[c.Name] {
		r.overlap = true
	}
	r.inFlight[c.Name] = true
	r.checks = append(r.checks, c)
	r.mu.Unlock()
	time.Sleep(100 * time.Microsecond) // widen the window for overlap
	r.mu.Lock()
	r.inFlight[c.Name] = false
	r.mu.Unlock()
}

func (r *recorder) ObserveProbe(string, time.Time, engine.ProbeResult) {
	panic("ObserveProbe called although the observer implements CheckObserver")
}

func (r *recorder) of(name string) []Check {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Check
	for _, c := range r.checks {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

func startScheduler(t *testing.T, entries []Entry, o Options) *Scheduler {
	t.Helper()
	s, err := NewScheduler(entries, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

func TestSchedulerRateAndPhases(t *testing.T) {
	rec := &recorder{}
	const iv = 30 * time.Millisecond
	var entries []Entry
	names := []string{"a", "b", "c"}
	for _, n := range names {
		entries = append(entries, Entry{Name: n, Probe: passing(), Interval: iv})
	}
	began := time.Now()
	s := startScheduler(t, entries, Options{Observer: rec})
	time.Sleep(10*iv + iv/2)
	s.Stop()
	// The sleep may overrun on a loaded machine: the bound is the due
	// times that really fitted between start and stop, never a fixed count.
	due := int(time.Since(began)/iv) + 1
	var firsts []time.Time
	for _, n := range names {
		cs := rec.of(n)
		if len(cs) < 1 || len(cs) > due {
			t.Errorf("%s: %d checks while at most %d were due", n, len(cs), due)
		}
		for i, c := range cs {
			if c.Started.Before(c.Scheduled) {
				t.Errorf("%s: check started %s before it was due", n, c.Scheduled.Sub(c.Started))
			}
			// Exactly one interval; whole intervals if the machine was so
			// loaded that a tick had to be skipped (counted in Stats).
			if i == 0 {
				continue
			}
			if d := c.Scheduled.Sub(cs[i-1].Scheduled); d != iv && (d%iv != 0 || s.Stats().Skipped == 0) {
				t.Errorf("%s: checks %d and %d are %s apart, want exactly %s", n, i-1, i, d, iv)
			}
		}
		if len(cs) > 0 {
			firsts = append(firsts, cs[0].Scheduled)
		}
	}
	if len(firsts) == 3 {
		for i := 1; i < 3; i++ {
			// Each probe keeps its own phase on the grid, even when a loaded
			// machine made the scheduler skip a first tick.
			if d := (firsts[i].Sub(firsts[0])%iv + iv) % iv; d != time.Duration(i)*iv/3 {
				t.Errorf("probe %d is %s after probe 0 in phase, want %s (phase spread)", i, d, time.Duration(i)*iv/3)
			}
		}
	}
	if st := s.Stats(); st.Checks != int64(len(rec.checks)) {
		t.Errorf("stats say %d checks, observer saw %d", st.Checks, len(rec.checks))
	}
}

func TestSchedulerTimeoutAndOrder(t *testing.T) {
	rec := &recorder{}
	var calls atomic.Int32
	var deadlines sync.Map
	// Every third check hangs until its deadline; the others are instant.
	// Checks overlap (timeout > interval) yet arrive in start order.
	hang := probeFunc(func(ctx context.Context) engine.ProbeResult {
		n := calls.Add(1)
		if d, ok := ctx.Deadline(); ok {
			deadlines.Store(n, time.Until(d))
		}
		if n%3 == 1 {
			<-ctx.Done()
			return engine.ProbeResult{Observed: "timeout"}
		}
		return engine.ProbeResult{OK: true, Observed: "fast"}
	})
	const iv, timeout = 15 * time.Millisecond, 40 * time.Millisecond
	s := startScheduler(t, []Entry{{Name: "h", Probe: hang, Interval: iv, Timeout: timeout}}, Options{Observer: rec})
	time.Sleep(12 * iv)
	s.Stop()
	cs := rec.of("h")
	if len(cs) < 6 {
		t.Fatalf("%d checks", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		if !cs[i].Scheduled.After(cs[i-1].Scheduled) {
			t.Fatalf("check %d (due %s) delivered after check %d (due %s)", i, cs[i].Scheduled, i-1, cs[i-1].Scheduled)
		}
	}
	if rec.overlap {
		t.Error("one probe's checks were delivered concurrently")
	}
	deadlines.Range(func(_, v any) bool {
		if d := v.(time.Duration); d > timeout || d < timeout-10*time.Millisecond {
			t.Errorf("a check got %s until its deadline, want about %s", d, timeout)
		}
		return true
	})
}

func TestSchedulerStopIsClean(t *testing.T) {
	before := runtime.NumGoroutine()
	rec := &recorder{}
	started := make(chan struct{}, 100)
	block := probeFunc(func(ctx context.Context) engine.ProbeResult {
		started <- struct{}{}
		<-ctx.Done()
		return engine.ProbeResult{Observed: "cut"}
	})
	s, err := NewScheduler([]Entry{
		{Name: "block", Probe: block, Interval: 10 * time.Millisecond, Timeout: time.Hour},
		{Name: "ok", Probe: passing(), Interval: 10 * time.Millisecond},
	}, Options{Observer: rec, MaxConcurrency: 8})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err == nil {
		t.Error("a second Start was accepted")
	}
	<-started
	time.Sleep(30 * time.Millisecond)
	done := make(chan struct{})
	go func() { s.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Stop did not return: a check ignored its cancelled context or a goroutine hung")
	}
	s.Stop() // idempotent
	n := len(rec.checks)
	time.Sleep(30 * time.Millisecond)
	if len(rec.checks) != n {
		t.Error("checks were delivered after Stop returned")
	}
	if len(rec.of("block")) != 0 {
		t.Errorf("%d checks cut short by Stop were delivered", len(rec.of("block")))
	}
	if len(rec.of("ok")) == 0 {
		t.Error("the passing probe never ran while another hung")
	}
	if s.Stats().Dropped == 0 {
		t.Error("no dropped check counted")
	}
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after Stop, %d before Start", g, before)
	}
}

func TestSchedulerModes(t *testing.T) {
	rec := &recorder{}
	const iv = 10 * time.Millisecond
	s := startScheduler(t, []Entry{
		{Name: "cont", Probe: passing(), Interval: iv},
		{Name: "steady", Probe: passing(), Interval: iv, Mode: SteadyStateOnly},
		{Name: "faults", Probe: passing(), Interval: iv, Mode: DuringFaults},
	}, Options{Observer: rec})
	time.Sleep(8 * iv)
	if n := len(rec.of("steady")); n != 0 {
		t.Errorf("steady_state probe ran %d times on its own", n)
	}
	if n := len(rec.of("faults")); n != 0 {
		t.Errorf("during_faults probe ran %d times before it was enabled", n)
	}
	s.SetDuringFaults(true)
	enabled := time.Now()
	waitFor(t, time.Second, func() bool { return len(rec.of("faults")) >= 4 })
	// Within one interval on an idle machine; a loaded one can delay the
	// dispatcher by several intervals, and stale ticks are then skipped.
	if first := rec.of("faults")[0].Scheduled; first.Before(enabled.Add(-iv)) || first.After(enabled.Add(5*iv)) {
		t.Errorf("first during_faults check due %s after enabling, want within a few intervals", first.Sub(enabled))
	}
	s.SetDuringFaults(false)
	time.Sleep(3 * iv) // a check dispatched just before disabling may finish
	n := len(rec.of("faults"))
	time.Sleep(6 * iv)
	if m := len(rec.of("faults")); m != n {
		t.Errorf("during_faults probe ran %d more times after it was disabled", m-n)
	}
	if len(rec.of("cont")) < 10 {
		t.Errorf("continuous probe ran %d times in more than 17 intervals", len(rec.of("cont")))
	}

	r, err := s.RunOnce(context.Background(), "steady")
	if err != nil || !r.OK {
		t.Fatalf("RunOnce: %v %+v", err, r)
	}
	if cs := rec.of("steady"); len(cs) != 1 || cs[0].Started.Sub(cs[0].Scheduled) > time.Millisecond {
		t.Errorf("RunOnce delivered %+v", cs)
	}
	if _, err := s.RunOnce(context.Background(), "nope"); err == nil {
		t.Error("RunOnce of an unknown probe succeeded")
	}
}

func TestSchedulerSkipsWhenBehind(t *testing.T) {
	rec := &recorder{}
	slow := probeFunc(func(ctx context.Context) engine.ProbeResult {
		time.Sleep(50 * time.Millisecond)
		return engine.ProbeResult{OK: true}
	})
	// One worker, checks five times longer than the interval: the
	// scheduler must skip stale ticks instead of queueing a backlog.
	s := startScheduler(t, []Entry{{Name: "slow", Probe: slow, Interval: 10 * time.Millisecond, Timeout: time.Second}}, Options{Observer: rec, MaxConcurrency: 1})
	time.Sleep(300 * time.Millisecond)
	s.Stop()
	st := s.Stats()
	if st.Skipped < 10 {
		t.Errorf("skipped %d ticks, want most of the 30 due", st.Skipped)
	}
	if n := len(rec.of("slow")); n < 3 || n > 8 {
		t.Errorf("%d checks of 50ms in 300ms with one worker", n)
	}
}

func TestNewSchedulerValidates(t *testing.T) {
	for _, es := range [][]Entry{
		{{Name: "", Probe: passing(), Interval: time.Second}},
		{{Name: "a", Interval: time.Second}},
		{{Name: "a", Probe: passing()}},
		{{Name: "a", Probe: passing(), Interval: time.Second, Mode: "sometimes"}},
		{{Name: "a", Probe: passing(), Interval: time.Second}, {Name: "a", Probe: passing(), Interval: time.Second}},
	} {
		if _, err := NewScheduler(es, Options{}); err == nil {
			t.Errorf("%+v accepted", es)
		}
	}
	s, err := NewScheduler([]Entry{{Name: "a", Probe: passing(), Interval: time.Second}}, Options{})
	if err != nil || s.slots[0].e.Timeout != time.Second || s.slots[0].e.Mode != Continuous {
		t.Errorf("defaults not applied: %v %+v", err, s.slots[0].e)
	}
	s.Stop() // without Start
}

// waitFor polls cond until it holds or fails the test after limit; it
// keeps timing tests robust on a loaded machine without slowing them when
// it is idle.
func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// plainObserver implements only engine.ProbeObserver.
type plainObserver struct {
	mu  sync.Mutex
	ats []time.Time
}

func (p *plainObserver) ObserveProbe(name string, at time.Time, r engine.ProbeResult) {
	p.mu.Lock()
	p.ats = append(p.ats, at)
	p.mu.Unlock()
}

func TestSchedulerPlainObserverGetsStartTime(t *testing.T) {
	obs := &plainObserver{}
	s, err := NewScheduler([]Entry{{Name: "p", Probe: passing(), Interval: time.Hour}}, Options{Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	if _, err := s.RunOnce(context.Background(), "p"); err != nil {
		t.Fatal(err)
	}
	if len(obs.ats) != 1 || obs.ats[0].Before(before) || obs.ats[0].After(time.Now()) {
		t.Errorf("ObserveProbe times %v, want one within the call", obs.ats)
	}
}
