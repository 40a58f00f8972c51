package apisim

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// Knobs make the sandbox API misbehave the way AWS sometimes does.
// Rates are probabilities in [0,1] per call.
type Knobs struct {
	ThrottleRate    float64       // answer the service's throttling code
	ServerErrorRate float64       // answer a 5xx InternalError
	Latency         time.Duration // added to every call
}

// Gate is the entry check of every sandbox API operation: it records the
// call, applies the knobs and checks permissions. The zero value is not
// usable; build it with NewGate.
type Gate struct {
	mu     sync.Mutex
	knobs  Knobs
	denied map[string]bool // "ec2:TerminateInstances" -> denied
	// ignoreDryRun: actions that perform the call even with DryRun set, as
	// some emulators do (for tests of what gameday does when an endpoint
	// it trusted performs a permission check).
	ignoreDryRun map[string]bool
	rng          *rand.Rand
	calls        []Call
}

// Call is one recorded API call, for tests and for iam-policy checks.
type Call struct {
	Action string // "ec2:TerminateInstances"
	DryRun bool
	At     time.Time
}

// NewGate builds a gate; seed makes the knob draws repeatable.
func NewGate(seed uint64) *Gate {
	return &Gate{denied: map[string]bool{}, ignoreDryRun: map[string]bool{}, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// SetKnobs replaces the misbehaviour knobs.
func (g *Gate) SetKnobs(k Knobs) { g.mu.Lock(); g.knobs = k; g.mu.Unlock() }

// Deny makes the actions ("ec2:StopInstances") answer UnauthorizedOperation /
// AccessDenied; Allow undoes it.
func (g *Gate) Deny(actions ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range actions {
		g.denied[a] = true
	}
}

// Allow removes actions from the denied set.
func (g *Gate) Allow(actions ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range actions {
		delete(g.denied, a)
	}
}

// IgnoreDryRun makes the actions perform the call even when DryRun is set:
// the operation runs and answers as if DryRun had not been asked.
func (g *Gate) IgnoreDryRun(actions ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range actions {
		g.ignoreDryRun[a] = true
	}
}

// Calls returns a copy of the recorded calls.
func (g *Gate) Calls() []Call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]Call(nil), g.calls...)
}

// ResetCalls forgets the recorded calls.
func (g *Gate) ResetCalls() { g.mu.Lock(); g.calls = nil; g.mu.Unlock() }

// Enter is called first by every operation. action is "service:Operation";
// throttleCode is the service's own throttling code ("RequestLimitExceeded"
// for EC2, "Throttling" for most query services, "ThrottlingException" for
// JSON ones). dryRun is the request's DryRun flag (false where the API has
// none). A nil return means: go on and do the operation.
func (g *Gate) Enter(ctx context.Context, action, throttleCode string, dryRun bool) error {
	g.mu.Lock()
	g.calls = append(g.calls, Call{Action: action, DryRun: dryRun, At: time.Now()})
	k := g.knobs
	denied := g.denied[action]
	if dryRun && g.ignoreDryRun[action] {
		dryRun = false
	}
	throttle := k.ThrottleRate > 0 && g.rng.Float64() < k.ThrottleRate
	fail := !throttle && k.ServerErrorRate > 0 && g.rng.Float64() < k.ServerErrorRate
	g.mu.Unlock()

	if k.Latency > 0 {
		t := time.NewTimer(k.Latency)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if throttle {
		return Error(throttleCode, "Rate exceeded")
	}
	if fail {
		return ServerError("InternalError", "An internal error has occurred")
	}
	if denied {
		if dryRun || isEC2(action) {
			return Error("UnauthorizedOperation", "You are not authorized to perform this operation (%s).", action)
		}
		return Error("AccessDenied", "User is not authorized to perform: %s", action)
	}
	if dryRun {
		return Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
	}
	return nil
}

func isEC2(action string) bool { return len(action) > 4 && action[:4] == "ec2:" }
