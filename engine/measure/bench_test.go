package measure

import (
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkScenarioHour measures an hour-long scenario: a probe every
// second and a canary write every 100 ms (about 40,000 events).
func BenchmarkScenarioHour(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	w := world{
		probeInterval: time.Second, canaryInterval: 100 * time.Millisecond,
		injected: t0.Add(10 * time.Minute), lag: 2 * time.Second, ackLatency: 3 * time.Millisecond,
	}
	w.outageStart = w.injected.Add(time.Second)
	w.outageEnd = w.injected.Add(4 * time.Minute)
	w.revert = w.injected.Add(5 * time.Minute)
	w.promoted = w.injected.Add(30 * time.Second)
	w.end = t0.Add(time.Hour)
	evs, _ := w.synthesize(r)
	p := Params{RecoveryProbe: "web", ProbeInterval: w.probeInterval, CanaryInterval: w.canaryInterval}
	b.ReportMetric(float64(len(evs)), "events")
	b.ResetTimer()
	for b.Loop() {
		Scenario(evs, p)
	}
}
