package console

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
)

// The live lines are cut to the display's width: what must be read whole
// (a stop's reason) is printed above them as a log line, and these only
// point at it.

// phaseLine names the scenario, its phase and how long it has been in it;
// during a hold, how long the longest hold has left.
func (s *liveState) phaseLine(now time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.scenario == "" {
		return "preparing"
	}
	line := fmt.Sprintf("scenario %s · %s · %s", s.scenario, s.phase, now.Sub(s.phaseAt).Truncate(time.Second))
	if s.phase != "hold" {
		return line
	}
	var left time.Duration
	timed := false
	for _, h := range s.holds {
		if h.scenario == s.scenario && h.d > 0 {
			timed = true
			left = max(left, h.start.Add(h.d).Sub(now))
		}
	}
	if timed {
		line += " · " + left.Truncate(time.Second).String() + " left"
	}
	return line
}

// probeLine summarises every probe's checks in the current scenario.
func (s *liveState) probeLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.probes))
	for n, p := range s.probes {
		if p.ok+p.failed > 0 {
			names = append(names, n)
		}
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
	switch {
	case len(parts) == 0:
		return "probes: none yet"
	case s.probesOf == "":
		return "probes, warm-up: " + strings.Join(parts, " | ")
	}
	return "probes, this scenario: " + strings.Join(parts, " | ")
}

// stopLine summarises the stop conditions' alarms.
func (s *liveState) stopLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch len(s.stopped) {
	case 0:
	case 1:
		return "stop: TRIPPED by " + s.stopped[0] + " (reason above)"
	default:
		return "stop: TRIPPED by " + strings.Join(s.stopped, ", then ") + " (reasons above)"
	}
	names := slices.Sorted(maps.Keys(s.alarms))
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, n+" "+s.alarms[n])
	}
	if len(parts) == 0 {
		return "stop conditions: armed"
	}
	return "stop alarms: " + strings.Join(parts, " | ")
}

// clip shortens s to n characters for a log line.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
