package status

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/schedule"
)

const src = `gameday "nightly-web" {
  schedule {
    cron = "0 * * * *"
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

// scheduled returns a scheduler on a fake clock that has run its game day
// once (RTO measured 42.5 s, RPO not measured) and is running it again.
func scheduled(t *testing.T) (*schedule.Scheduler, func()) {
	t.Helper()
	return scheduledWith(t, func() *runner.Result {
		return &runner.Result{RunID: "r1", Status: "failed", Scenarios: []runner.ScenarioResult{{Name: "one", Measure: &measure.Result{
			Recovery: measure.Recovery{RTO: measure.Duration{Status: measure.Measured, Value: 42500 * time.Millisecond}},
			Data:     measure.DataLoss{RPO: measure.Duration{Status: measure.NotMeasured, Reason: "no canary"}},
		}}}}
	})
}

// scheduledWith is scheduled with the runs' result given.
func scheduledWith(t *testing.T, result func() *runner.Result) (*schedule.Scheduler, func()) {
	t.Helper()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("nightly.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	clock := schedule.NewFakeClock(time.Date(2026, 6, 1, 9, 59, 0, 0, time.UTC))
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	s := schedule.New(schedule.Options{Clock: clock, Run: func(ctx context.Context, gd *config.GameDay) (*runner.Result, error) {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return result(), nil
	}})
	if err := s.Set([]*config.GameDay{gd}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	fire := func(hour int) {
		at := time.Date(2026, 6, 1, hour, 0, 0, 0, time.UTC)
		wctx, wcancel := context.WithTimeout(ctx, 5*time.Second)
		defer wcancel()
		if _, err := clock.WaitForTimer(wctx, func(t time.Time) bool { return t.Equal(at) }); err != nil {
			t.Fatal(err)
		}
		clock.Set(at)
		select {
		case <-started:
		case <-time.After(5 * time.Second):
			t.Fatal("no run started")
		}
	}
	fire(10)
	release <- struct{}{}
	for deadline := time.Now().Add(5 * time.Second); s.Status(1).GameDays[0].Last == nil; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first run was not recorded")
		}
	}
	fire(11)
	return s, func() { cancel(); <-done }
}

func get(t *testing.T, url string) (string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", url, resp.Status, body)
	}
	return string(body), resp.Header
}

func TestStatusAndMetricsOverLoopback(t *testing.T) {
	s, stop := scheduled(t)
	defer stop()
	srv, err := Listen("127.0.0.1:0", s)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(context.Background())

	body, hdr := get(t, srv.URL()+"/status?next=3")
	if !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Errorf("content type %q", hdr.Get("Content-Type"))
	}
	var st schedule.Status
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatalf("/status is not JSON: %v\n%s", err, body)
	}
	if len(st.GameDays) != 1 {
		t.Fatalf("/status lists %d game days:\n%s", len(st.GameDays), body)
	}
	g := st.GameDays[0]
	wantNext := []time.Time{time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 13, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)}
	if len(g.NextRuns) != 3 || !g.NextRuns[0].Equal(wantNext[0]) || !g.NextRuns[2].Equal(wantNext[2]) {
		t.Errorf("next runs %v, want %v", g.NextRuns, wantNext)
	}
	if g.Last == nil || g.Last.Status != "failed" || g.Last.ExitCode != 1 || g.Running != 1 {
		t.Errorf("last result %+v running %d", g.Last, g.Running)
	}
	if g.Last != nil && (len(g.Last.Scenarios) != 1 || g.Last.Scenarios[0].RTO.Value != 42500*time.Millisecond || g.Last.Scenarios[0].RPO.Reason != "no canary") {
		t.Errorf("figures did not survive JSON: %+v", g.Last.Scenarios)
	}

	metrics, hdr := get(t, srv.URL()+"/metrics")
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("content type %q", hdr.Get("Content-Type"))
	}
	name := "nightly-web"
	for _, want := range []string{
		`gameday_runs_total{gameday="` + name + `",status="failed"} 1`,
		`gameday_running{gameday="` + name + `"} 1`,
		`gameday_last_run_success{gameday="` + name + `"} 0`,
		`gameday_last_run_exit_code{gameday="` + name + `"} 1`,
		`gameday_last_rto_seconds{gameday="` + name + `",scenario="one"} 42.5`,
		`gameday_scheduler_active_runs 1`,
		"# TYPE gameday_runs_total counter",
		"# TYPE gameday_last_rpo_seconds gauge",
	} {
		if !strings.Contains(metrics, want+"\n") {
			t.Errorf("/metrics lacks %q:\n%s", want, metrics)
		}
	}
	if strings.Contains(metrics, "gameday_last_rpo_seconds{") {
		t.Errorf("an RPO that was not measured is exported as a number:\n%s", metrics)
	}
	checkTimestamp(t, metrics, "gameday_last_run_timestamp_seconds", time.Date(2026, 6, 1, 11, 0, 0, 0, time.UTC))
	checkTimestamp(t, metrics, "gameday_next_run_timestamp_seconds", time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	checkExposition(t, metrics)

	resp, err := http.Get(srv.URL() + "/status?next=lots")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad next= answered %s", resp.Status)
	}
}

func checkTimestamp(t *testing.T, metrics, name string, want time.Time) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + name + `\{[^}]*\} (\S+)$`)
	m := re.FindStringSubmatch(metrics)
	if m == nil {
		t.Errorf("no %s sample", name)
		return
	}
	var v float64
	if _, err := fmt.Sscan(m[1], &v); err != nil || int64(v) != want.Unix() {
		t.Errorf("%s = %s, want %d", name, m[1], want.Unix())
	}
}

// checkExposition checks every line against the text format's grammar:
// comments are HELP or TYPE, samples are name{labels} value, and every
// sample's family was declared before it.
func checkExposition(t *testing.T, metrics string) {
	t.Helper()
	sampleRE := regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? [-+0-9.eE]+(Inf|NaN)?$`)
	declared := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(metrics, "\n"), "\n") {
		if f := strings.Fields(line); len(f) >= 4 && f[0] == "#" && f[1] == "TYPE" {
			declared[f[2]] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		m := sampleRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("not a valid exposition line: %q", line)
			continue
		}
		if !declared[m[1]] {
			t.Errorf("sample of %s before its TYPE line", m[1])
		}
	}
}

func TestLabelEscaping(t *testing.T) {
	if got, want := escape("a\\b\"c\nd"), `a\\b\"c\nd`; got != want {
		t.Fatalf("escape = %q, want %q", got, want)
	}
}
