package measure

import (
	"slices"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// check is one probe check reduced to what the figures need.
type check struct {
	At           time.Time
	OK           bool
	Inconclusive bool
}

// scenarioEvents returns the events of scenario (all when empty), ordered
// by time; events at the same instant keep their timeline order.
func scenarioEvents(events []engine.Event, scenario string) []engine.Event {
	// Sort indices, not events: events are large and a stable sort moves
	// them many times.
	var idx []int
	for i, e := range events {
		if scenario == "" || e.Scenario == scenario {
			idx = append(idx, i)
		}
	}
	// Ties keep timeline order (index order): a stable order without the
	// cost of a stable sort.
	slices.SortFunc(idx, func(a, b int) int {
		if c := events[a].At.Compare(events[b].At); c != 0 {
			return c
		}
		return a - b
	})
	out := make([]engine.Event, len(idx))
	for i, j := range idx {
		out[i] = events[j]
	}
	return out
}

// checksOf returns the checks of probe, in time order.
func checksOf(events []engine.Event, probe string) []check {
	var out []check
	for _, e := range events {
		if e.Type != engine.EvCheck || e.Source != probe {
			continue
		}
		c := check{At: e.At, OK: e.OK}
		if e.Probe != nil {
			c.OK = e.Probe.OK
			c.Inconclusive = e.Probe.Inconclusive
		}
		out = append(out, c)
	}
	return out
}

// firstOf returns the time of the first event of type t, or nil.
func firstOf(events []engine.Event, t engine.EventType) *time.Time {
	for _, e := range events {
		if e.Type == t {
			at := e.At
			return &at
		}
	}
	return nil
}

// lastOf returns the time of the last event of type t, or nil.
func lastOf(events []engine.Event, t engine.EventType) *time.Time {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type == t {
			at := events[i].At
			return &at
		}
	}
	return nil
}

// medianSpacing estimates an interval from event times when none was
// configured. It returns 0 when fewer than two times are given.
func medianSpacing(ts []time.Time) time.Duration {
	if len(ts) < 2 {
		return 0
	}
	gaps := make([]time.Duration, 0, len(ts)-1)
	for i := 1; i < len(ts); i++ {
		gaps = append(gaps, ts[i].Sub(ts[i-1]))
	}
	sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
	return gaps[len(gaps)/2]
}

func checkTimes(cs []check) []time.Time {
	ts := make([]time.Time, len(cs))
	for i, c := range cs {
		ts[i] = c.At
	}
	return ts
}

// passRun finds, among the checks from index from on, the first run of k
// consecutive conclusive passes and returns the index of its first check.
// Inconclusive checks neither count towards the run nor break it: they say
// nothing about the system under test.
func passRun(cs []check, from, k int) (int, bool) {
	streak, start := 0, -1
	for i := from; i < len(cs); i++ {
		c := cs[i]
		switch {
		case c.Inconclusive:
			continue
		case c.OK:
			if streak == 0 {
				start = i
			}
			streak++
			if streak >= k {
				return start, true
			}
		default:
			streak = 0
		}
	}
	return -1, false
}

func ptr[T any](v T) *T { return &v }
