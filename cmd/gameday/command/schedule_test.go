package command

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
	"github.com/gameday-dev/gameday/schedule"
)

const scheduledFileSrc = `
gameday "nightly" {
  schedule {
    cron = "%CRON%"
    window {
      days  = ["mon-sun"]
      hours = "00:00-24:00"
    }
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
`

// schedIO is testIO with streams safe to read while the verb's goroutines
// write to them.
type schedIO struct {
	f        *Factory
	out, err *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int { return len(s.String()) }

func newSchedIO() *schedIO {
	t := &schedIO{out: &syncBuffer{}, err: &syncBuffer{}}
	t.f = &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: t.out, ErrOut: t.err}, Environ: func() []string { return nil }}
	return t
}

func (t *schedIO) errString() string { return t.err.String() }

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func scheduledSrc(cron string) string { return strings.Replace(scheduledFileSrc, "%CRON%", cron, 1) }

func TestScheduleFlags(t *testing.T) {
	tio := newTestIO()
	var got *ScheduleOptions
	cmd := NewCmdSchedule(tio.f, &Backends{}, func(_ context.Context, o *ScheduleOptions) error { got = o; return nil })
	code := tio.run(t, []*cli.Command{cmd}, "schedule", "--dry", "--next", "3", "--status-addr", "127.0.0.1:0",
		"--max-concurrent", "2", "--seed", "7", "--sandbox", "--state-dir", "/tmp/s", "--lock-ttl", "1m",
		"--report", "json", "--report-dir", "/tmp/r", "a.hcl", "dir")
	if code != 0 || got == nil {
		t.Fatalf("exit %d, stderr %s", code, tio.err)
	}
	if !got.Dry || got.Next != 3 || got.StatusAddr != "127.0.0.1:0" || got.MaxConcurrent != 2 || got.Seed != 7 ||
		!got.AWS.Sandbox || got.StateDir != "/tmp/s" || got.Lock.TTL != time.Minute ||
		!reflect.DeepEqual(got.Reports, ReportOptions{Formats: []string{"json"}, Dir: "/tmp/r"}) || !reflect.DeepEqual(got.Paths, []string{"a.hcl", "dir"}) {
		t.Fatalf("options %+v", got)
	}
	tio = newTestIO()
	cmd = NewCmdSchedule(tio.f, &Backends{}, func(context.Context, *ScheduleOptions) error { return nil })
	if code := tio.run(t, []*cli.Command{cmd}, "schedule"); code != engine.ExitInvalid {
		t.Fatalf("no paths: exit %d, want %d", code, engine.ExitInvalid)
	}
	// Defaults.
	tio = newTestIO()
	cmd = NewCmdSchedule(tio.f, &Backends{}, func(_ context.Context, o *ScheduleOptions) error { got = o; return nil })
	tio.run(t, []*cli.Command{cmd}, "schedule", "x.hcl")
	if got.StatusAddr != "127.0.0.1:9467" || got.MaxConcurrent != 1 || got.Next != 5 || got.Dry {
		t.Fatalf("defaults %+v", got)
	}
}

func TestScheduleRefusesInvalidFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.hcl", scheduledSrc("0 * * * *"))
	bad := writeFile(t, dir, "bad.hcl", strings.Replace(scheduledSrc("0 * * * *"), "nightly", "other", 1)+"\n# broken\ngameday {\n")
	tio := newSchedIO()
	err := runSchedule(context.Background(), tio.f, &Backends{}, &ScheduleOptions{Paths: []string{good, bad}, Dry: true, Next: 1})
	if ExitCode(err) != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", ExitCode(err), engine.ExitInvalid)
	}
	mustContain(t, "stderr", tio.err.String(), "bad.hcl", "nothing was scheduled")
	if tio.out.Len() != 0 {
		t.Errorf("runs printed for an invalid set:\n%s", tio.out)
	}

	// A schedule that can never fire is invalid too.
	never := writeFile(t, dir, "never.hcl", strings.Replace(scheduledSrc("0 10 * * 0"), `days  = ["mon-sun"]`, `days  = ["mon"]`, 1))
	tio = newSchedIO()
	err = runSchedule(context.Background(), tio.f, &Backends{}, &ScheduleOptions{Paths: []string{never}, Dry: true, Next: 1})
	if ExitCode(err) != engine.ExitInvalid {
		t.Fatalf("never firing: exit %d, want %d", ExitCode(err), engine.ExitInvalid)
	}
	mustContain(t, "stderr", tio.err.String(), "Schedule never fires", "never.hcl line 3")
}

func TestScheduleDry(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "nightly.hcl", scheduledSrc("CRON_TZ=Europe/Paris 30 2 * * *"))
	writeFile(t, dir, "unscheduled.hcl", `gameday "adhoc" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
`)
	tio := newSchedIO()
	clock := schedule.NewFakeClock(time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	err := runSchedule(context.Background(), tio.f, &Backends{}, &ScheduleOptions{Paths: []string{dir}, Dry: true, Next: 2, Clock: clock})
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, tio.err)
	}
	want := "nightly (" + f + ")\n  cron \"30 2 * * *\" in Europe/Paris, concurrency forbid\n" +
		"  Tue 2026-06-02 02:30:00 CEST  (2026-06-02T00:30:00Z)\n" +
		"  Wed 2026-06-03 02:30:00 CEST  (2026-06-03T00:30:00Z)\n"
	if tio.out.String() != want {
		t.Fatalf("dry output:\n%s\nwant:\n%s", tio.out, want)
	}
	mustContain(t, "stderr", tio.err.String(), "unscheduled.hcl has no schedule block")
}

// session starts runSchedule in the background and returns its session
// once it runs, with a function that stops it and returns its error.
func startSchedule(t *testing.T, tio *schedIO, b *Backends, opts *ScheduleOptions) (*ScheduleSession, func() error) {
	t.Helper()
	ready := make(chan *ScheduleSession, 1)
	opts.Ready = func(s *ScheduleSession) { ready <- s }
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- runSchedule(ctx, tio.f, b, opts) }()
	var s *ScheduleSession
	select {
	case s = <-ready:
	case err := <-errc:
		cancel()
		t.Fatalf("schedule ended at start: %v\n%s", err, tio.err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("schedule did not start")
	}
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-errc:
			return err
		case <-time.After(90 * time.Second):
			t.Fatal("schedule did not stop")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })
	return s, stop
}

func statusOf(t *testing.T, url string) schedule.Status {
	t.Helper()
	resp, err := http.Get(url + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var st schedule.Status
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatalf("/status: %v\n%s", err, body)
	}
	return st
}

func TestScheduleReload(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "nightly.hcl", scheduledSrc("0 * * * *"))
	tio := newSchedIO()
	hup := make(chan os.Signal, 1)
	clock := schedule.NewFakeClock(time.Date(2026, 6, 1, 12, 30, 0, 0, time.UTC))
	s, stop := startSchedule(t, tio, &Backends{}, &ScheduleOptions{Paths: []string{dir}, Next: 1, StatusAddr: "127.0.0.1:0", MaxConcurrent: 1, Clock: clock, Hangup: hup, StateDir: t.TempDir()})
	cronOf := func() string {
		st := statusOf(t, s.StatusURL())
		if len(st.GameDays) != 1 {
			t.Fatalf("%d game days scheduled, want 1", len(st.GameDays))
		}
		return st.GameDays[0].Cron
	}
	if got := cronOf(); got != "0 * * * *" {
		t.Fatalf("cron %q", got)
	}

	// The file changes: the reload function picks the new version up.
	writeFile(t, dir, "nightly.hcl", scheduledSrc("15 * * * *"))
	s.Reload()
	if got := cronOf(); got != "15 * * * *" {
		t.Fatalf("after a reload cron %q, want the new one", got)
	}
	// The file breaks: SIGHUP (through the channel) keeps the old version
	// and reports the problem.
	writeFile(t, dir, "nightly.hcl", strings.Replace(scheduledSrc("45 * * * *"), `cron = "45 * * * *"`, `cron = "not a cron"`, 1))
	hup <- syscall.SIGHUP
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tio.errString(), "previous version stays scheduled") {
		if time.Now().After(deadline) {
			t.Fatalf("no report of the invalid file:\n%s", tio.errString())
		}
		time.Sleep(10 * time.Millisecond)
	}
	mustContain(t, "stderr", tio.errString(), "Invalid cron expression", file)
	if got := cronOf(); got != "15 * * * *" {
		t.Fatalf("after an invalid reload cron %q, want the previous one", got)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

// TestScheduleRealSIGHUP sends a real SIGHUP to the test process while the
// verb handles it; the default action (exit) would end the test binary.
func TestScheduleRealSIGHUP(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "nightly.hcl", scheduledSrc("0 * * * *"))
	tio := newSchedIO()
	clock := schedule.NewFakeClock(time.Date(2026, 6, 1, 12, 30, 0, 0, time.UTC))
	s, stop := startSchedule(t, tio, &Backends{}, &ScheduleOptions{Paths: []string{dir}, Next: 1, MaxConcurrent: 1, Clock: clock, StateDir: t.TempDir()})
	writeFile(t, dir, "nightly.hcl", scheduledSrc("20 * * * *"))
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Scheduler().Status(1).GameDays[0].Cron != "20 * * * *" {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload:\n%s", tio.errString())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

const heldGameDay = `
gameday "held" {
  region = sandbox.region
  guard {
    accounts = ["123456789012"]
  }
  schedule {
    cron = "0 * * * *"
  }
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "hold" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "10m"
    }
  }
}
`

func routeTables(w *world.World) map[string][]world.Route {
	out := map[string][]world.Route{}
	for _, t := range w.RouteTables() {
		out[t.ID] = t.Routes
	}
	return out
}

// TestScheduleSIGTERMRevertsRunningGameDay stops the scheduler (what main
// does on SIGTERM: cancel the context) while a scheduled game day holds a
// NAT route removed for ten minutes: the route must be back when the verb
// returns.
func TestScheduleSIGTERMRevertsRunningGameDay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a game day against the sandbox")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sb, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	w := sb.World()
	before := routeTables(w)
	b := &Backends{Sandbox: func(context.Context) (*Backend, error) {
		return &Backend{Clients: sb.Clients(), Vars: sb.Vars(), Sandbox: true, Close: func() {},
			Tuning: Tuning{Baseline: 200 * time.Millisecond, SteadyWarmup: 600 * time.Millisecond, RecoveryTimeout: 10 * time.Second, VerifyTimeout: 5 * time.Second}}, nil
	}}
	dir := t.TempDir()
	writeFile(t, dir, "held.hcl", heldGameDay)
	tio := newSchedIO()
	// Monday 10:59:30 UTC, inside the default business-hours window.
	clock := schedule.NewFakeClock(time.Date(2026, 6, 1, 10, 59, 30, 0, time.UTC))
	opts := &ScheduleOptions{Paths: []string{dir}, Next: 1, MaxConcurrent: 1, Clock: clock, StatusAddr: "127.0.0.1:0",
		StateDir: t.TempDir(), Hangup: make(chan os.Signal)}
	opts.AWS.Sandbox = true
	s, stop := startSchedule(t, tio, b, opts)
	at, err := clock.WaitForTimer(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 6, 1, 11, 0, 0, 0, time.UTC); !at.Equal(want) {
		t.Fatalf("the scheduler waits for %v, want %v", at, want)
	}
	clock.Set(at)
	for reflect.DeepEqual(before, routeTables(w)) {
		if ctx.Err() != nil {
			t.Fatalf("the scheduled run never removed the route:\n%s", tio.errString())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if st := statusOf(t, s.StatusURL()); st.Active != 1 {
		t.Fatalf("status says %d active runs while one holds a fault", st.Active)
	}
	if err := stop(); err != nil {
		t.Fatalf("stopping: %v\n%s", err, tio.errString())
	}
	if !reflect.DeepEqual(before, routeTables(w)) {
		t.Fatalf("the NAT route was not restored when the scheduler stopped:\nbefore %v\nafter  %v\n%s", before, routeTables(w), tio.errString())
	}
	last := s.Scheduler().Status(1).GameDays[0].Last
	if last == nil || last.Status != "aborted" {
		t.Fatalf("last result %+v, want an aborted run", last)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:9467": true, "127.0.0.2:1": true, "[::1]:80": true, "localhost:1": true, "0.0.0.0:9467": false, "[::]:1": false, "10.0.0.1:80": false, "nonsense": false} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
