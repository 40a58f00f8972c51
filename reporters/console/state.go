package console

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// liveState is what the progress display knows, fed by timeline events.
type liveState struct {
	mu       sync.Mutex
	scenario string
	phase    string
	phaseAt  time.Time
	probes   map[string]*probeState
	alarms   map[string]string // alarm -> state
	stopped  string
}

type probeState struct {
	ok, failed, inconclusive int
	last                     bool
	lastDetail               string
	seen                     bool
}

func newLiveState() *liveState {
	return &liveState{probes: map[string]*probeState{}, alarms: map[string]string{}}
}

// apply updates the state and returns a line worth printing ("" if none).
func (s *liveState) apply(e engine.Event) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch e.Type {
	case engine.EvPhase:
		switch e.Value {
		case "hold":
			return fmt.Sprintf("[%s] holding %s for %s", e.Scenario, e.Source, e.Detail)
		case "wait":
			return fmt.Sprintf("[%s] %s starts in %s", e.Scenario, e.Source, e.Detail)
		}
		s.scenario, s.phase, s.phaseAt = e.Scenario, e.Value, e.At
		if e.Detail != "" {
			return fmt.Sprintf("[%s] %s: %s", e.Scenario, e.Value, e.Detail)
		}
		return fmt.Sprintf("[%s] %s", e.Scenario, e.Value)
	case engine.EvCheck:
		p := s.probes[e.Source]
		if p == nil {
			p = &probeState{}
			s.probes[e.Source] = p
		}
		pass := e.OK
		inconclusive := e.Probe != nil && e.Probe.Inconclusive
		detail := ""
		if e.Probe != nil {
			detail = e.Probe.Detail
			if detail == "" {
				detail = e.Probe.Observed
			}
		}
		switch {
		case inconclusive:
			p.inconclusive++
		case pass:
			p.ok++
		default:
			p.failed++
		}
		changed := !p.seen || (p.last != pass && !inconclusive)
		if !inconclusive {
			p.last, p.seen, p.lastDetail = pass, true, detail
		}
		if changed && !inconclusive {
			if pass {
				return fmt.Sprintf("probe %s passing", e.Source)
			}
			return fmt.Sprintf("probe %s FAILING: %s", e.Source, detail)
		}
	case engine.EvAlarm:
		prev := s.alarms[e.Source]
		s.alarms[e.Source] = e.Value
		if prev != "" && prev != e.Value {
			return fmt.Sprintf("alarm %s: %s -> %s", e.Source, prev, e.Value)
		}
	case engine.EvStop:
		s.stopped = e.Detail
		return fmt.Sprintf("STOP %s: %s", e.Source, e.Detail)
	case engine.EvFaultInjected:
		return fmt.Sprintf("[%s] injected %s %s: %s", e.Scenario, e.Source, e.Value, e.Detail)
	case engine.EvInjectFailed:
		return fmt.Sprintf("[%s] FAILED to inject %s %s: %s", e.Scenario, e.Source, e.Value, e.Detail)
	case engine.EvFaultReverted:
		return fmt.Sprintf("[%s] reverted %s: %s", e.Scenario, e.Value, e.Detail)
	case engine.EvRevertFailed:
		return fmt.Sprintf("[%s] NOT REVERTED %s: %s", e.Scenario, e.Value, e.Detail)
	case engine.EvCanaryVerify:
		if e.Detail != "" {
			return fmt.Sprintf("[%s] canary %s: read-back failed: %s", e.Scenario, e.Source, e.Detail)
		}
		return fmt.Sprintf("[%s] canary %s read back (records %s)", e.Scenario, e.Source, clip(e.Value, 60))
	case engine.EvNote:
		return e.Detail
	}
	return ""
}

// probeLine summarises every probe on one line.
func (s *liveState) probeLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.probes))
	for n := range s.probes {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		p := s.probes[n]
		mark := "ok"
		if !p.last {
			mark = "FAIL"
		}
		parts = append(parts, fmt.Sprintf("%s %s %d/%d", n, mark, p.ok, p.ok+p.failed))
	}
	if len(parts) == 0 {
		return "probes: none yet"
	}
	return "probes: " + strings.Join(parts, " | ")
}

// stopLine summarises the stop conditions' alarms.
func (s *liveState) stopLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped != "" {
		return "stop: TRIPPED " + s.stopped
	}
	names := make([]string, 0, len(s.alarms))
	for n := range s.alarms {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, n+" "+s.alarms[n])
	}
	if len(parts) == 0 {
		return "stop conditions: armed"
	}
	return "stop alarms: " + strings.Join(parts, " | ")
}

func (s *liveState) phaseLine(now time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.scenario == "" {
		return "preparing"
	}
	return fmt.Sprintf("scenario %s · %s · %s", s.scenario, s.phase, now.Sub(s.phaseAt).Truncate(time.Second))
}

// clip shortens s to n characters for a log line.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
