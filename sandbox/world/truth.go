package world

import (
	"slices"
	"sync"
	"time"
)

// Interval is a period of real unavailability; End is zero while it lasts.
type Interval struct {
	Start, End time.Time
}

// LostWrite is an acknowledged write the database really lost.
type LostWrite struct {
	Run     string // the run the write named ("" when none)
	Seq     int64
	AckedAt time.Time
}

// Event is something that really happened in the world: a fault taking
// effect, a revert, a replacement. What is a short kebab-case verb
// ("terminate-instance", "delete-route", "disrupt-connectivity", ...).
type Event struct {
	At       time.Time
	What     string
	Resource string
	Detail   string
}

// Requests counts what the load balancer answered.
type Requests struct {
	Total     int64
	ELB5xx    int64 // answered by the balancer itself (no target, target failed)
	Target5xx int64 // 5xx answered by a target
}

// Truth is the world's ground truth, for checking measurements against.
//
// Unavailable: the service is down from the load balancer's view while no
// target it routes to can serve (running, not rebooting, reachable). An
// outage starts at the instant the fault that causes it applies (or within
// one Tick for time-driven changes such as a boot finishing) and ends at
// the health round (HealthInterval resolution) that brings a serving target
// into rotation. Requests routed to a dead target that the balancer still
// thinks healthy fail even while at least one other target serves: such
// partial failures show in Requests, not in Unavailable.
type Truth struct {
	Unavailable []Interval
	LostWrites  []LostWrite
	Events      []Event
	Requests    Requests
}

// Downtime is the total unavailable time within [from, to).
func (t Truth) Downtime(from, to time.Time) time.Duration {
	var d time.Duration
	for _, iv := range t.Unavailable {
		end := iv.End
		if end.IsZero() || end.After(to) {
			end = to
		}
		start := iv.Start
		if start.Before(from) {
			start = from
		}
		if end.After(start) {
			d += end.Sub(start)
		}
	}
	return d
}

// EventsOf returns the events with the given What, in order.
func (t Truth) EventsOf(what string) []Event {
	var out []Event
	for _, e := range t.Events {
		if e.What == what {
			out = append(out, e)
		}
	}
	return out
}

// truth records ground truth. Its lock is a leaf: it never calls out.
type truth struct {
	mu       sync.Mutex
	up       bool
	down     []Interval
	lost     []LostWrite
	events   []Event
	requests Requests
}

func newTruth() *truth { return &truth{up: true} }

func (t *truth) setUp(up bool, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if up == t.up {
		return
	}
	t.up = up
	if !up {
		t.down = append(t.down, Interval{Start: now})
		return
	}
	t.down[len(t.down)-1].End = now
}

func (t *truth) event(e Event) {
	t.mu.Lock()
	t.events = append(t.events, e)
	t.mu.Unlock()
}

func (t *truth) lose(ws []LostWrite) {
	t.mu.Lock()
	t.lost = append(t.lost, ws...)
	t.mu.Unlock()
}

func (t *truth) count(elb5xx, target5xx bool) {
	t.mu.Lock()
	t.requests.Total++
	if elb5xx {
		t.requests.ELB5xx++
	}
	if target5xx {
		t.requests.Target5xx++
	}
	t.mu.Unlock()
}

func (t *truth) snapshot() Truth {
	t.mu.Lock()
	defer t.mu.Unlock()
	return Truth{Unavailable: slices.Clone(t.down), LostWrites: slices.Clone(t.lost), Events: slices.Clone(t.events), Requests: t.requests}
}

// Truth returns a copy of the ground truth so far.
func (w *World) Truth() Truth { return w.truth.snapshot() }

// record adds an event at now. Caller holds the world lock.
func (w *World) record(what, resource, detail string) {
	w.truth.event(Event{At: w.now(), What: what, Resource: resource, Detail: detail})
}
