package console

import (
	"fmt"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// hold is a fault held in effect; d is 0 when it has no set duration
// (held until the scenario's revert step, or until its effect ends).
type hold struct {
	scenario string
	start    time.Time
	d        time.Duration
}

// faultPhase follows one fault: waiting for its start, then held.
func (s *liveState) faultPhase(e engine.Event) []string {
	if e.Value == "wait" {
		s.waits[e.Source] = e.Scenario
		return lines(fmt.Sprintf("[%s] %s starts in %s", e.Scenario, e.Source, e.Detail))
	}
	delete(s.waits, e.Source)
	d, _ := time.ParseDuration(e.Detail)
	s.holds[e.Source] = hold{scenario: e.Scenario, start: e.At, d: max(d, 0)}
	// A fault injecting beside one whose end was taken for the revert
	// puts the scenario back in its hold.
	if e.Scenario == s.scenario && (s.phase == "inject" || s.inferred) {
		s.setPhase("hold", e.At)
	}
	if d <= 0 {
		return lines(fmt.Sprintf("[%s] holding %s, no set duration", e.Scenario, e.Source))
	}
	return lines(fmt.Sprintf("[%s] holding %s for %s", e.Scenario, e.Source, e.Detail))
}

// reverted ends a fault's hold. When it was the scenario's last one, the
// scenario is in its revert step: that is said first.
func (s *liveState) reverted(e engine.Event) []string {
	delete(s.holds, e.Source)
	delete(s.waits, e.Source)
	var out []string
	if e.Scenario == s.scenario && s.phase == "hold" && !s.holding(e.Scenario) {
		s.setPhase("revert", e.At)
		s.inferred = true
		out = append(out, fmt.Sprintf("[%s] revert", e.Scenario))
	}
	if e.Type == engine.EvRevertFailed {
		return append(out, fmt.Sprintf("[%s] NOT REVERTED %s: %s", e.Scenario, e.Value, e.Detail))
	}
	return append(out, fmt.Sprintf("[%s] reverted %s: %s", e.Scenario, e.Value, e.Detail))
}

// endHolds ends the holds and waits of scenario.
func (s *liveState) endHolds(scenario string) {
	for id, h := range s.holds {
		if h.scenario == scenario {
			delete(s.holds, id)
		}
	}
	for id, sc := range s.waits {
		if sc == scenario {
			delete(s.waits, id)
		}
	}
}

// holding tells whether a fault of scenario is held or waiting to start.
func (s *liveState) holding(scenario string) bool {
	for _, h := range s.holds {
		if h.scenario == scenario {
			return true
		}
	}
	for _, sc := range s.waits {
		if sc == scenario {
			return true
		}
	}
	return false
}

// held tells whether fault id is still held (its countdown still counts).
func (s *liveState) held(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.holds[id]
	return ok
}
