package console

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// The runner reverts a timed fault at the end of its hold and announces
// the scenario's revert step only once every fault is back: the console
// says the step first, once.
func TestPlainProgressSaysTheRevertBeforeTheReverts(t *testing.T) {
	out, tl, p := plainProgress()
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "inject"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Source: "s/nat.a", Value: "hold", Detail: "10s"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Source: "s/dns.b", Value: "hold", Detail: "20s"})
	tl.Add(engine.Event{Type: engine.EvFaultReverted, Scenario: "s", Source: "s/nat.a", Value: "s/nat.a#1", Detail: "reverted and verified"})
	tl.Add(engine.Event{Type: engine.EvFaultReverted, Scenario: "s", Source: "s/dns.b", Value: "s/dns.b#1", Detail: "reverted and verified"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "revert"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "recovery"})
	p.Close()
	wantLines(t, out.String(), "[s] inject", "[s] holding s/nat.a for 10s", "[s] holding s/dns.b for 20s",
		"[s] reverted s/nat.a#1", "[s] revert", "[s] reverted s/dns.b#1", "[s] recovery")
}

// A fault held until the scenario's revert step is reverted after the
// runner says the step: said once, in that order.
func TestPlainProgressRevertStepOfAnUntimedHold(t *testing.T) {
	out, tl, p := plainProgress()
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "inject"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Source: "s/ec2.web", Value: "hold", Detail: "0s"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "revert"})
	tl.Add(engine.Event{Type: engine.EvFaultReverted, Scenario: "s", Source: "s/ec2.web", Value: "s/ec2.web#1", Detail: "irreversible"})
	p.Close()
	wantLines(t, out.String(), "[s] inject", "[s] holding s/ec2.web, no set duration", "[s] revert", "[s] reverted s/ec2.web#1")
}

func TestPlainProgressPrintsTheStopConditionOnce(t *testing.T) {
	out, tl, p := plainProgress()
	tl.Add(engine.Event{Type: engine.EvStop, Scenario: "s", Source: "probe_budget.egress_b",
		Detail: "probe_budget.egress_b: probe http.egress_b failed 5 of 8 checks"})
	tl.Add(engine.Event{Type: engine.EvStop, Source: "cloudwatch_alarm.errors", Detail: "DescribeAlarms: access denied"})
	p.Close()
	wantLines(t, out.String(), "STOP probe_budget.egress_b: probe http.egress_b failed 5 of 8 checks",
		"STOP cloudwatch_alarm.errors: DescribeAlarms: access denied")
}

func TestTerminalProgressPhaseSaysHoldWithItsCountdown(t *testing.T) {
	out, tl, p := terminalProgress(t)
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "inject"})
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Source: "s/nat.a", Value: "hold", Detail: "60s"})
	out.waitFrame(t, 0, "the phase line to say hold with the time left", func(f string) bool {
		l := lineWith(f, "scenario s · ")
		return strings.Contains(l, " · hold · ") && (strings.Contains(l, "59s left") || strings.Contains(l, "1m0s left"))
	})
	p.Close()
}

func TestTerminalProgressHoldBarEndsAtTheRevertAndAtAStop(t *testing.T) {
	for name, end := range map[string]engine.Event{
		"revert": {Type: engine.EvPhase, Scenario: "s", Value: "revert"},
		"stop":   {Type: engine.EvStop, Scenario: "s", Source: "probe_budget.b", Detail: "probe_budget.b: failing"},
	} {
		t.Run(name, func(t *testing.T) {
			out, tl, p := terminalProgress(t)
			defer p.Close()
			tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "inject"})
			tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Source: "s/az.b", Value: "hold", Detail: "60s"})
			out.waitFrame(t, 0, "the hold's bar", func(f string) bool { return strings.Contains(lineWith(f, "s/az.b"), "s left") })
			mark := out.len()
			tl.Add(end)
			out.waitFrame(t, mark, "a display without the hold's countdown", func(f string) bool {
				return !strings.Contains(f, "s/az.b") && !strings.Contains(f, " left")
			})
		})
	}
}

func TestTerminalProgressProbeCountsAreTheScenarios(t *testing.T) {
	out, tl, p := terminalProgress(t)
	defer p.Close()
	check := func(scenario string, ok bool) {
		tl.Add(engine.Event{Type: engine.EvCheck, Scenario: scenario, Source: "http.x", OK: ok, Probe: &engine.ProbeResult{OK: ok}})
	}
	check("", true)
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "a", Value: "baseline"})
	for range 3 {
		check("a", true)
	}
	out.waitFrame(t, 0, "the first scenario's counts", func(f string) bool {
		return lineWith(f, "probes") == "probes, this scenario: http.x ok 3/3"
	})
	mark := out.len()
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "b", Value: "baseline"})
	check("b", false)
	out.waitFrame(t, mark, "the second scenario's counts alone", func(f string) bool {
		return lineWith(f, "probes") == "probes, this scenario: http.x FAIL 0/1"
	})
}

// A stop's reason is longer than a terminal line: the live line names
// the condition and the reason is printed whole above it.
func TestTerminalProgressShowsTheStopReasonWhole(t *testing.T) {
	out, tl, p := terminalProgress(t)
	defer p.Close()
	reason := "alarm \"sandbox-5xx\" is in ALARM since 2026-12-05T12:34:28Z: Threshold Crossed: 2 out of the last 2 datapoints were greater than or equal to the threshold (3.0)"
	tl.Add(engine.Event{Type: engine.EvStop, Scenario: "s", Source: "cloudwatch_alarm.errors", Detail: "cloudwatch_alarm.errors: " + reason})
	f := out.waitFrame(t, 0, "the stop line", func(f string) bool { return lineWith(f, "stop:") != "" })
	if l := lineWith(f, "stop:"); l != "stop: TRIPPED by cloudwatch_alarm.errors (reason above)" {
		t.Errorf("stop line %q", l)
	}
	if s := out.String(); !strings.Contains(s, "STOP cloudwatch_alarm.errors: "+reason+"\n") {
		t.Errorf("the reason is not printed whole:\n%q", s)
	}
	// The condition that stopped the run stays named when another trips.
	mark := out.len()
	tl.Add(engine.Event{Type: engine.EvStop, Scenario: "s", Source: "probe_budget.b", Detail: "probe_budget.b: failing"})
	out.waitFrame(t, mark, "both conditions, the first first", func(f string) bool {
		return lineWith(f, "stop:") == "stop: TRIPPED by cloudwatch_alarm.errors, then probe_budget.b (reasons above)"
	})
}

func plainProgress() (*bytes.Buffer, *engine.Timeline, *Progress) {
	var out bytes.Buffer
	p := NewProgress(&out, false, 0)
	tl := &engine.Timeline{}
	p.Attach(tl, nil)
	return &out, tl, p
}

// wantLines checks the printed lines, timestamps aside, one for one.
func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		_, text, _ := strings.Cut(l, " ")
		got = append(got, text)
	}
	if len(got) != len(want) {
		t.Fatalf("got lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
}

// terminalProgress is the live display, 80 columns wide, drawing into a
// buffer the test reads while it draws.
func terminalProgress(t *testing.T) (*screen, *engine.Timeline, *Progress) {
	t.Helper()
	out := &screen{}
	p := NewProgress(out, true, 80)
	tl := &engine.Timeline{}
	p.Attach(tl, nil)
	return out, tl, p
}

// screen records what the display writes. Each refresh moves the cursor
// up and clears ("\x1b[J") before drawing, so the text between two clears
// is one whole frame (log lines, then the live lines).
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(b)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func (s *screen) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Len()
}

// waitFrame waits for a whole frame drawn after byte offset since that
// satisfies ok, and returns it.
func (s *screen) waitFrame(t *testing.T, since int, what string, ok func(frame string) bool) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		frames := strings.Split(s.String()[since:], "\x1b[J")
		// The first may have begun before since, the last be half drawn.
		for i, f := range frames[:len(frames)-1] {
			if (i > 0 || since == 0) && ok(f) {
				return f
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	frames := strings.Split(s.String()[since:], "\x1b[J")
	t.Fatalf("no frame shows %s; the last:\n%s", what, frames[max(0, len(frames)-2)])
	return ""
}

// lineWith is the frame's line starting with prefix, trimmed ("" if none).
func lineWith(frame, prefix string) string {
	for _, l := range strings.Split(frame, "\n") {
		l = strings.TrimSpace(strings.TrimRight(l, "\r"))
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
