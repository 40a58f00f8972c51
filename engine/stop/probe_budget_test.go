package stop

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

var (
	pass         = engine.ProbeResult{OK: true}
	fail         = engine.ProbeResult{OK: false, Detail: "503"}
	inconclusive = engine.ProbeResult{Inconclusive: true, Detail: "resolver unreachable"}
)

func newBudget(t *testing.T, opts ProbeBudgetOptions) *ProbeBudget {
	t.Helper()
	if opts.Name == "" {
		opts.Name = "checkout"
	}
	p, err := NewProbeBudget(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func tripped(p *ProbeBudget) bool {
	select {
	case <-p.tripped:
		return true
	default:
		return false
	}
}

func TestProbeBudgetWindow(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	cases := []struct {
		name   string
		opts   ProbeBudgetOptions
		checks []engine.ProbeResult // one per second
		probe  string               // name the observations carry
		want   bool
	}{
		{"under budget", ProbeBudgetOptions{MaxFailureRatio: 0.5, Window: 10 * time.Second, MinChecks: 4},
			[]engine.ProbeResult{pass, fail, pass, fail, pass, pass}, "http.checkout", false},
		{"exactly at budget does not trip", ProbeBudgetOptions{MaxFailureRatio: 0.5, Window: 10 * time.Second, MinChecks: 4},
			[]engine.ProbeResult{pass, fail, pass, fail}, "http.checkout", false},
		{"over budget", ProbeBudgetOptions{MaxFailureRatio: 0.5, Window: 10 * time.Second, MinChecks: 4},
			[]engine.ProbeResult{pass, fail, fail, fail}, "http.checkout", true},
		{"too few checks", ProbeBudgetOptions{MaxFailureRatio: 0.1, Window: 10 * time.Second, MinChecks: 5},
			[]engine.ProbeResult{fail, fail, fail, fail}, "http.checkout", false},
		{"inconclusive ignored", ProbeBudgetOptions{MaxFailureRatio: 0.1, Window: 10 * time.Second, MinChecks: 3},
			[]engine.ProbeResult{inconclusive, inconclusive, fail, inconclusive, inconclusive}, "http.checkout", false},
		{"other probes ignored", ProbeBudgetOptions{MaxFailureRatio: 0.1, Window: 10 * time.Second, MinChecks: 2},
			[]engine.ProbeResult{fail, fail, fail}, "http.other", false},
		{"probe. prefix accepted", ProbeBudgetOptions{MaxFailureRatio: 0.1, Window: 10 * time.Second, MinChecks: 2},
			[]engine.ProbeResult{fail, fail}, "probe.http.checkout", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Probe = "http.checkout"
			p := newBudget(t, c.opts)
			for i, r := range c.checks {
				p.ObserveProbe(c.probe, at(i), r)
			}
			if got := tripped(p); got != c.want {
				t.Errorf("tripped = %v, want %v (%s)", got, c.want, p.reason)
			}
		})
	}
}

func TestProbeBudgetSlidingWindowForgetsOldFailures(t *testing.T) {
	t0 := time.Unix(0, 0)
	sec := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	p := newBudget(t, ProbeBudgetOptions{Probe: "http.checkout", MaxFailureRatio: 0.3, Window: 10 * time.Second, MinChecks: 4})
	// Three failures long ago (too few checks to trip), then passes. Were
	// the old failures kept, 3 of 4 would trip at the first pass.
	for s := 0; s < 3; s++ {
		p.ObserveProbe("http.checkout", sec(s), fail)
	}
	for s := 20; s < 24; s++ {
		p.ObserveProbe("http.checkout", sec(s), pass)
	}
	p.ObserveProbe("http.checkout", sec(24), fail) // 1 of 5 in [14,24]
	if tripped(p) {
		t.Fatalf("old failures counted: %s", p.reason)
	}
	p.ObserveProbe("http.checkout", sec(25), fail) // 2 of 6 in [15,25]
	if !tripped(p) {
		t.Fatal("2 failures of 6 in the window did not trip a 30 % budget")
	}
	if !strings.Contains(p.reason, "2 of 6") {
		t.Errorf("reason %q", p.reason)
	}
}

func TestProbeBudgetWatchTripsEvenIfExceededBeforeWatch(t *testing.T) {
	p := newBudget(t, ProbeBudgetOptions{Probe: "http.checkout", MaxFailureRatio: 0, MinChecks: 1})
	p.ObserveProbe("http.checkout", time.Now(), fail)
	reason := waitTrip(t, watch(t, p), time.Second)
	for _, want := range []string{"probe_budget.checkout", "http.checkout", "1 of 1"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q lacks %q", reason, want)
		}
	}
}

func TestProbeBudgetRejectsBadOptions(t *testing.T) {
	for _, o := range []ProbeBudgetOptions{{Name: "x"}, {Name: "x", Probe: "http.a", MaxFailureRatio: 1.5}, {Name: "x", Probe: "http.a", MaxFailureRatio: -0.1}} {
		if _, err := NewProbeBudget(o); err == nil {
			t.Errorf("accepted %+v", o)
		}
	}
}
