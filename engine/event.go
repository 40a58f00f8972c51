package engine

import (
	"sync"
	"time"
)

// EventType names what happened on the timeline.
type EventType string

// Event types. Figures are computed from these alone.
const (
	EvRunStart      EventType = "run_start"
	EvRunEnd        EventType = "run_end"
	EvPhase         EventType = "phase"          // scenario phase change
	EvCheck         EventType = "check"          // one probe check
	EvCanaryWrite   EventType = "canary_write"   // a canary write (acknowledged or not)
	EvCanaryVerify  EventType = "canary_verify"  // read-back of canary writes
	EvFaultInjected EventType = "fault_injected" // a batch's mutating call returned
	EvInjectFailed  EventType = "inject_failed"
	EvFaultReverted EventType = "fault_reverted" // revert verified
	EvRevertFailed  EventType = "revert_failed"
	EvAlarm         EventType = "alarm" // alarm state transition
	EvStop          EventType = "stop"  // a stop condition tripped or a signal arrived
	EvNote          EventType = "note"
)

// Event is one timeline entry. At carries Go's monotonic reading when it
// was taken in this process, so differences between events are immune to
// wall-clock steps.
type Event struct {
	At       time.Time    `json:"at"`
	Type     EventType    `json:"type"`
	Scenario string       `json:"scenario,omitempty"`
	Source   string       `json:"source,omitempty"` // probe, fault id, alarm, canary
	OK       bool         `json:"ok,omitempty"`
	Probe    *ProbeResult `json:"probe,omitempty"`
	Value    string       `json:"value,omitempty"` // phase name, alarm state, seq
	Detail   string       `json:"detail,omitempty"`
}

// Timeline is an append-only, concurrency-safe event log.
type Timeline struct {
	mu     sync.Mutex
	events []Event
	subs   []func(Event)
}

// Add appends e (stamping At when zero) and tells subscribers.
func (t *Timeline) Add(e Event) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	t.mu.Lock()
	t.events = append(t.events, e)
	subs := t.subs
	t.mu.Unlock()
	for _, f := range subs {
		f(e)
	}
}

// Subscribe calls f for every later event, on the adding goroutine: f must
// be quick and must not call Add.
func (t *Timeline) Subscribe(f func(Event)) {
	t.mu.Lock()
	t.subs = append(t.subs, f)
	t.mu.Unlock()
}

// Events returns a copy of the events so far.
func (t *Timeline) Events() []Event {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Event(nil), t.events...)
}
