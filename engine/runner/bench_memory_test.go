package runner

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
)

// rssBytes reads the process's resident set size (Linux).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return -1
}

// BenchmarkSimulatedHourMemory feeds the runner's own event sinks an hour
// of a realistic staging game day — 10 probes at 1 Hz, 2 canaries at 2 Hz,
// 4 scenarios of 15 minutes with their faults — then measures every
// scenario, and reports the heap in use and the RSS of the process. The
// simulation runs in a child process of its own: other benchmarks of this
// package (eight sandboxes) would otherwise inflate the RSS it reports.
// Goal: RSS < 40 MB.
func BenchmarkSimulatedHourMemory(b *testing.B) {
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSimulatedHourChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "GAMEDAY_SIMULATED_HOUR=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		var events, heap, rss, before float64
		if _, err := fmt.Sscanf(lastLine(string(out), "figures "), "figures %g %g %g %g", &events, &heap, &rss, &before); err != nil {
			b.Fatalf("no figures from the child: %v\n%s", err, out)
		}
		b.ReportMetric(events, "events")
		b.ReportMetric(heap, "heap-MB")
		b.ReportMetric(rss, "rss-MB")
		b.ReportMetric(before, "rss-before-MB")
	}
}

func lastLine(out, prefix string) string {
	found := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			found = l
		}
	}
	return found
}

// TestSimulatedHourChild is the benchmark's child process; it does nothing
// in a normal test run.
func TestSimulatedHourChild(t *testing.T) {
	if os.Getenv("GAMEDAY_SIMULATED_HOUR") != "1" {
		t.Skip("run by BenchmarkSimulatedHourMemory")
	}
	// The gameday process runs with this target (see main).
	debug.SetGCPercent(GCPercent)
	runtime.GC()
	before := rssBytes()
	r := simulateHour()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("figures %d %.2f %.2f %.2f\n", r.tl.Len(), float64(ms.HeapAlloc)/(1<<20), float64(rssBytes())/(1<<20), float64(before)/(1<<20))
	runtime.KeepAlive(r)
}

// simulateHour feeds an hour of events through the runner's sinks and
// measures each scenario as the runner does.
func simulateHour() *Runner {
	r := &Runner{tl: &engine.Timeline{}, gd: &config.GameDay{}}
	r.scenario.Store("")
	sink := probeSink{r}
	start := time.Now()
	const hour = 3600
	// Names are fixed strings in a real run, built once.
	var probeNames, canaryNames, scenarios [10]string
	for i := range probeNames {
		probeNames[i] = fmt.Sprintf("http.probe-%d", i)
		canaryNames[i] = fmt.Sprintf("http.canary-%d", i)
		scenarios[i] = fmt.Sprintf("scenario-%d", i)
	}
	for s := range hour {
		at := start.Add(time.Duration(s) * time.Second)
		scenario := scenarios[s/900]
		r.scenario.Store(scenario)
		if s%900 == 60 {
			r.tl.Add(engine.Event{At: at, Type: engine.EvFaultInjected, Scenario: scenario, Source: scenario + "/nat_route_removal.a", Value: "batch 1", Detail: "rtb-0123456789abcdef0|0.0.0.0/0"})
		}
		if s%900 == 360 {
			r.tl.Add(engine.Event{At: at, Type: engine.EvFaultReverted, Scenario: scenario, Source: scenario + "/nat_route_removal.a", Value: "batch 1", Detail: "reverted and verified"})
		}
		down := s%900 >= 70 && s%900 < 380
		for p := range 10 {
			ok := !(down && p < 3)
			sink.ObserveProbe(probeNames[p], at.Add(time.Duration(p)*time.Millisecond),
				engine.ProbeResult{OK: ok, Latency: 12 * time.Millisecond, Observed: "200"})
		}
		for c := range 2 {
			for half := range 2 {
				seq := int64(s*2 + half + 1)
				r.tl.Add(engine.Event{At: at.Add(time.Duration(half) * 500 * time.Millisecond), Type: engine.EvCanaryWrite,
					Scenario: scenario, Source: canaryNames[c], Write: &engine.CanaryWrite{Seq: seq, AckLatency: 3 * time.Millisecond}, OK: true})
			}
		}
	}
	for s := range 4 {
		name := scenarios[s]
		evs := r.tl.Filter(func(e *engine.Event) bool { return e.Scenario == name })
		_ = measure.Scenario(evs, measure.Params{Scenario: name, RecoveryProbe: "http.probe-0",
			ProbeInterval: time.Second, CanaryInterval: 500 * time.Millisecond})
	}
	return r
}
