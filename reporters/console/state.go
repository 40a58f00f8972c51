package console

import (
	"fmt"
	"slices"
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
	// inferred: the revert phase was said when the scenario's last held
	// fault reverted at the end of its hold. The runner announces the
	// phase only after every fault is back, so its own "revert" comes
	// after those reverts and is then not said again.
	inferred bool
	holds    map[string]hold   // held fault id -> its hold
	waits    map[string]string // fault id waiting for its start_after -> scenario
	probes   map[string]*probeState
	// probesOf is the scenario the probe counts belong to: they restart
	// with each scenario, so that its own availability is what shows.
	probesOf string
	alarms   map[string]string // alarm -> state
	// stopped lists the stop conditions that tripped, in order: the
	// first stopped the run, later ones say what else went wrong.
	stopped []string
}

type probeState struct {
	ok, failed, inconclusive int
	last                     bool
	lastDetail               string
	seen                     bool
}

func newLiveState() *liveState {
	return &liveState{holds: map[string]hold{}, waits: map[string]string{},
		probes: map[string]*probeState{}, alarms: map[string]string{}}
}

// apply updates the state and returns the lines worth printing, in order.
func (s *liveState) apply(e engine.Event) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch e.Type {
	case engine.EvPhase:
		if e.Value == "hold" || e.Value == "wait" {
			return s.faultPhase(e)
		}
		return s.scenarioPhase(e)
	case engine.EvCheck:
		return lines(s.check(e))
	case engine.EvAlarm:
		prev := s.alarms[e.Source]
		s.alarms[e.Source] = e.Value
		if prev != "" && prev != e.Value {
			return lines(fmt.Sprintf("alarm %s: %s -> %s", e.Source, prev, e.Value))
		}
	case engine.EvStop:
		// The run is aborted: every hold ends here, whatever its countdown.
		if !slices.Contains(s.stopped, e.Source) {
			s.stopped = append(s.stopped, e.Source)
		}
		clear(s.holds)
		clear(s.waits)
		return lines(fmt.Sprintf("STOP %s: %s", e.Source, stopReason(e)))
	case engine.EvFaultInjected:
		return lines(fmt.Sprintf("[%s] injected %s %s: %s", e.Scenario, e.Source, e.Value, e.Detail))
	case engine.EvInjectFailed:
		return lines(fmt.Sprintf("[%s] FAILED to inject %s %s: %s", e.Scenario, e.Source, e.Value, e.Detail))
	case engine.EvFaultReverted, engine.EvRevertFailed:
		return s.reverted(e)
	case engine.EvCanaryVerify:
		if e.Detail != "" {
			return lines(fmt.Sprintf("[%s] canary %s: read-back failed: %s", e.Scenario, e.Source, e.Detail))
		}
		present := ""
		if e.ReadBack != nil {
			present = e.ReadBack.Present.String()
		}
		return lines(fmt.Sprintf("[%s] canary %s read back (records %s)", e.Scenario, e.Source, clip(present, 60)))
	case engine.EvNote:
		return lines(e.Detail)
	}
	return nil
}

// scenarioPhase follows the runner's phases of a scenario.
func (s *liveState) scenarioPhase(e engine.Event) []string {
	s.countFor(e.Scenario)
	if e.Value != "inject" {
		s.endHolds(e.Scenario)
	}
	if e.Value == "revert" && e.Scenario == s.scenario && s.inferred {
		s.inferred = false
		return nil
	}
	s.scenario = e.Scenario
	s.setPhase(e.Value, e.At)
	if e.Detail != "" {
		return lines(fmt.Sprintf("[%s] %s: %s", e.Scenario, e.Value, e.Detail))
	}
	return lines(fmt.Sprintf("[%s] %s", e.Scenario, e.Value))
}

// check counts one probe check and returns a line when the probe's
// status changed.
func (s *liveState) check(e engine.Event) string {
	s.countFor(e.Scenario)
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
	return ""
}

// countFor restarts the probe counts when scenario is not the one they
// belong to. What each probe last said is kept: a status line is printed
// on a change, not again at every scenario.
func (s *liveState) countFor(scenario string) {
	if scenario == s.probesOf {
		return
	}
	s.probesOf = scenario
	for _, p := range s.probes {
		p.ok, p.failed, p.inconclusive = 0, 0, 0
	}
}

func (s *liveState) setPhase(name string, at time.Time) {
	s.phase, s.phaseAt, s.inferred = name, at, false
}

// stopReason is a stop's reason without the condition's name in front:
// conditions start their reasons with it, and the line already says it.
func stopReason(e engine.Event) string {
	return strings.TrimPrefix(e.Detail, e.Source+": ")
}

func lines(line string) []string {
	if line == "" {
		return nil
	}
	return []string{line}
}
