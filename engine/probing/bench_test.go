package probing

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/probes"
)

// jitterRecorder keeps start jitter and outcomes cheaply.
type jitterRecorder struct {
	mu      sync.Mutex
	jitter  []time.Duration
	failed  int
	lastErr string
}

func (r *jitterRecorder) ObserveCheck(c Check) {
	r.mu.Lock()
	r.jitter = append(r.jitter, c.Started.Sub(c.Scheduled))
	if !c.Result.OK {
		r.failed++
		r.lastErr = c.Result.Observed + " " + c.Result.Detail
	}
	r.mu.Unlock()
}

func (r *jitterRecorder) ObserveProbe(string, time.Time, engine.ProbeResult) {}

func (r *jitterRecorder) reset() {
	r.mu.Lock()
	r.jitter, r.failed = r.jitter[:0], 0
	r.mu.Unlock()
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkScheduler1000HTTP runs 1,000 http probes at 1 Hz against a
// loopback server in a separate process, so that the CPU time measured is
// the scheduler's and the probes' alone. Each iteration is one second of
// wall time; run it with -benchtime=Nx for N seconds:
//
//	go test -run '^$' -bench Scheduler1000HTTP -benchtime=5x ./engine/probing
func BenchmarkScheduler1000HTTP(b *testing.B) {
	const count = 1000
	srv := exec.Command(os.Args[0], "-test.run=^$")
	srv.Env = append(os.Environ(), benchServerEnv+"=1")
	stdin, err := srv.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := srv.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); srv.Wait() }()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("benchmark server did not start: %v", err)
	}
	addr = addr[:len(addr)-1]

	builder := probes.NewBuilder(nil)
	defer builder.CloseIdleConnections()
	entries := make([]Entry, count)
	for i := range entries {
		p, err := builder.New(probes.KindHTTP, probes.HTTPSpec{URL: fmt.Sprintf("http://%s/health/%d", addr, i), Expect: probes.HTTPExpect{Status: []int{200}}})
		if err != nil {
			b.Fatal(err)
		}
		entries[i] = Entry{Name: fmt.Sprintf("http.p%d", i), Probe: p, Interval: time.Second, Timeout: 2 * time.Second}
	}
	measureScheduler(b, entries)
}

// BenchmarkScheduler1000Noop runs 1,000 probes that return at once, at
// 1 Hz: the scheduler's own start jitter and CPU cost, without HTTP.
func BenchmarkScheduler1000Noop(b *testing.B) {
	entries := make([]Entry, 1000)
	for i := range entries {
		entries[i] = Entry{Name: fmt.Sprintf("noop.p%d", i), Probe: passing(), Interval: time.Second}
	}
	measureScheduler(b, entries)
}

// measureScheduler runs entries for b.N seconds after a warm-up and
// reports start jitter percentiles and CPU time per second of wall time.
func measureScheduler(b *testing.B, entries []Entry) {
	rec := &jitterRecorder{jitter: make([]time.Duration, 0, len(entries)*(b.N+2))}
	s, err := NewScheduler(entries, Options{Observer: rec})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer s.Stop()
	// The first round opens the connections; measure the steady regime.
	time.Sleep(1500 * time.Millisecond)
	rec.reset()
	skipped0 := s.Stats().Skipped

	b.ResetTimer()
	cpu0, wall0 := cpuTime(), time.Now()
	for range b.N {
		time.Sleep(time.Second)
	}
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	b.StopTimer()

	rec.mu.Lock()
	js := append([]time.Duration(nil), rec.jitter...)
	failed, lastErr := rec.failed, rec.lastErr
	rec.mu.Unlock()
	if len(js) == 0 {
		b.Fatal("no checks delivered")
	}
	if failed > 0 {
		b.Fatalf("%d of %d checks failed against a healthy server; last: %s", failed, len(js), lastErr)
	}
	sort.Slice(js, func(i, j int) bool { return js[i] < js[j] })
	pct := func(p float64) float64 { return float64(js[int(p*float64(len(js)-1))]) / 1e6 }
	b.ReportMetric(pct(0.50), "p50-jitter-ms")
	b.ReportMetric(pct(0.99), "p99-jitter-ms")
	b.ReportMetric(float64(js[len(js)-1])/1e6, "max-jitter-ms")
	b.ReportMetric(float64(len(js))/wall.Seconds(), "checks/s")
	b.ReportMetric(cpu.Seconds()/wall.Seconds()*1000, "cpu-ms/s")
	b.ReportMetric(float64(s.Stats().Skipped-skipped0), "skipped")
}
