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
	EvCanaryWrite   EventType = "canary_write"   // a canary write (acknowledged or not); Write says which
	EvCanaryVerify  EventType = "canary_verify"  // read-back of canary writes; ReadBack says what is there
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
	Probe    *ProbeResult `json:"probe,omitempty"` // an EvCheck's result
	// Write and ReadBack are the data of canary events: typed, so that
	// measurement reads them as the canary runner wrote them.
	Write    *CanaryWrite    `json:"write,omitempty"`
	ReadBack *CanaryReadBack `json:"read_back,omitempty"`
	Value    string          `json:"value,omitempty"` // phase name, alarm state
	Detail   string          `json:"detail,omitempty"`
}

// CanaryWrite is what an EvCanaryWrite wrote. The event's At is when the
// write was issued and OK says whether the store acknowledged it; Detail is
// the error of a write that was not.
type CanaryWrite struct {
	Seq int64 `json:"seq"`
	// AckLatency is how long an acknowledged write took: the ack time is
	// At + AckLatency, on At's monotonic clock (a wall-clock ack time
	// would not be).
	AckLatency time.Duration `json:"ack_latency_ns,omitempty"`
}

// CanaryReadBack is what a successful EvCanaryVerify found: the sequence
// numbers the store serving reads has. A failed read-back has no
// ReadBack, OK false and its error in Detail.
type CanaryReadBack struct {
	Present Seqs `json:"present"`
}

// Timeline is an append-only, concurrency-safe event log.
//
// Events are kept in fixed-size chunks rather than one growing slice: a
// long game day (an hour of many probes) would otherwise copy its whole
// history at every doubling and leave the old arrays as garbage, which shows
// as resident memory.
type Timeline struct {
	mu     sync.Mutex
	chunks [][]Event
	n      int
	subs   []func(Event)
}

const chunkSize = 4096

// Add appends e (stamping At when zero) and tells subscribers.
func (t *Timeline) Add(e Event) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	t.mu.Lock()
	if len(t.chunks) == 0 || len(t.chunks[len(t.chunks)-1]) == chunkSize {
		t.chunks = append(t.chunks, make([]Event, 0, chunkSize))
	}
	last := len(t.chunks) - 1
	t.chunks[last] = append(t.chunks[last], e)
	t.n++
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

// Len is the number of events so far.
func (t *Timeline) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// Events returns a copy of the events so far.
func (t *Timeline) Events() []Event {
	return t.Filter(nil)
}

// Filter returns a copy of the events keep accepts (all when keep is nil),
// in order.
func (t *Timeline) Filter(keep func(*Event) bool) []Event {
	t.mu.Lock()
	defer t.mu.Unlock()
	size := t.n
	if keep != nil {
		size = 0
	}
	out := make([]Event, 0, size)
	for _, c := range t.chunks {
		for i := range c {
			if keep == nil || keep(&c[i]) {
				out = append(out, c[i])
			}
		}
	}
	return out
}
