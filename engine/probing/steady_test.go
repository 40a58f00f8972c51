package probing

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// sequence returns a probe whose checks give the results in order, then
// repeat the last one.
func sequence(rs ...engine.ProbeResult) engine.Probe {
	var n atomic.Int32
	return probeFunc(func(context.Context) engine.ProbeResult {
		i := int(n.Add(1)) - 1
		if i >= len(rs) {
			i = len(rs) - 1
		}
		return rs[i]
	})
}

var (
	okR   = engine.ProbeResult{OK: true, Observed: "200"}
	failR = engine.ProbeResult{Observed: "503", Detail: "status 503"}
	incR  = engine.ProbeResult{Inconclusive: true, Detail: "no data"}
)

func TestSteadyState(t *testing.T) {
	const iv = 10 * time.Millisecond
	rec := &recorder{}
	var faultsRan atomic.Bool
	s, err := NewScheduler([]Entry{
		{Name: "flaky", Probe: sequence(failR, incR, okR), Interval: iv, Mode: SteadyStateOnly},
		{Name: "cont", Probe: passing(), Interval: iv},
		{Name: "faults", Probe: probeFunc(func(context.Context) engine.ProbeResult {
			faultsRan.Store(true)
			return failR
		}), Interval: iv, Mode: DuringFaults},
	}, Options{Observer: rec})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := s.SteadyState(context.Background(), 2*time.Second, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || len(res.Probes) != 2 {
		t.Fatalf("not steady: %+v", res)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %s although steady state came after about 5 intervals", el)
	}
	for _, p := range res.Probes {
		want := map[string]int{"flaky": 5, "cont": 3}[p.Name]
		if p.Checks != want || p.Streak != 3 || !p.Steady {
			t.Errorf("%s: %+v, want %d checks and a streak of 3", p.Name, p, want)
		}
	}
	if faultsRan.Load() {
		t.Error("a during_faults probe took part in steady state")
	}
	cs := rec.of("flaky")
	if len(cs) != 5 {
		t.Fatalf("%d checks delivered, want 5", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		// One interval, or whole intervals when the machine delayed a
		// check by more than one.
		if d := cs[i].Scheduled.Sub(cs[i-1].Scheduled); d < iv || d%iv != 0 {
			t.Errorf("steady-state checks %d and %d are %s apart, want %s", i-1, i, d, iv)
		}
	}
}

func TestSteadyStateNotReached(t *testing.T) {
	const iv = 10 * time.Millisecond
	s, err := NewScheduler([]Entry{
		{Name: "down", Probe: sequence(okR, okR, failR, okR), Interval: iv},
		{Name: "up", Probe: passing(), Interval: iv},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := s.SteadyState(context.Background(), 50*time.Millisecond, 3)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	if res.OK {
		t.Fatalf("steady although a probe failed in its third check: %+v", res)
	}
	if el < 40*time.Millisecond || el > time.Second {
		t.Errorf("gave up after %s, want about the 50ms warm-up", el)
	}
	bad := res.NotSteady()
	if len(bad) != 1 || !strings.HasPrefix(bad[0], "down (") {
		t.Errorf("NotSteady = %q", bad)
	}
	// A longer warm-up lets the same probe recover: ok, ok, fail, ok, ok, ok.
	res, _ = s.SteadyState(context.Background(), time.Second, 3)
	if !res.OK {
		t.Errorf("not steady with the longer warm-up: %+v", res)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.SteadyState(ctx, time.Second, 3); err == nil {
		t.Error("a cancelled SteadyState returned no error")
	}
}
