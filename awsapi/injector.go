package awsapi

import (
	"math/rand/v2"
	"sync"
)

// Injection is what a fault injector does to one call: Flaky in process,
// and the proxy of the conformance tier, draw from the same Injector.
type Injection int

const (
	NoInjection          Injection = iota
	InjectThrottle                 // the service's throttling answer, before the call: nothing happened
	InjectInternalError            // a 500, before the call: nothing happened
	InjectUnavailable              // a 503, before the call: nothing happened
	InjectEffectThenFail           // a mutating call is made and takes effect, then answers a 500
)

// Rates are the shares of calls given each injection. They are slices of
// the same draw, in this order, so a rate is the share of all calls it
// gets: 0.3 and 0.1 throttle 30 % of the calls and fail 10 % with a 5xx
// (500 and 503 alike). EffectThenFailRate applies to mutating calls only.
// Rates adding up to more than 1 leave the later ones less than asked.
type Rates struct {
	ThrottleRate       float64
	ServerErrorRate    float64
	EffectThenFailRate float64
}

// FlakyOptions says how flaky an injector is: Rates for every action but
// those of PerAction ("ec2:DescribeInstances"), which replace them. The
// same Seed draws the same injections for the same sequence of calls.
type FlakyOptions struct {
	Seed uint64
	Rates
	PerAction map[string]Rates
}

// InjectedCounts is what an injector did to one action's calls.
type InjectedCounts struct {
	Calls          int // calls drawn for, misbehaved or not
	Throttled      int
	ServerErrors   int // 500 and 503 answered before the call
	EffectThenFail int
}

// Injector draws what to inject into each call and counts what it drew,
// for the figures of a soak.
type Injector struct {
	opts FlakyOptions

	mu     sync.Mutex
	rng    *rand.Rand
	counts map[string]InjectedCounts
}

// NewInjector builds an injector's draw.
func NewInjector(f FlakyOptions) *Injector {
	return &Injector{opts: f, rng: rand.New(rand.NewPCG(f.Seed, f.Seed^0x6a09e667f3bcc908)), counts: map[string]InjectedCounts{}}
}

// Draw decides what to inject into one call of action ("ec2:CreateRoute").
func (in *Injector) Draw(action string, mutating bool) Injection {
	r, ok := in.opts.PerAction[action]
	if !ok {
		r = in.opts.Rates
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	u := in.rng.Float64()
	half := in.rng.IntN(2) // drawn always, so a 5xx's status does not shift the later draws
	n := in.counts[action]
	n.Calls++
	got := NoInjection
	switch {
	case u < r.ThrottleRate:
		got = InjectThrottle
		n.Throttled++
	case u < r.ThrottleRate+r.ServerErrorRate:
		got = InjectInternalError
		if half == 1 {
			got = InjectUnavailable
		}
		n.ServerErrors++
	case mutating && u < r.ThrottleRate+r.ServerErrorRate+r.EffectThenFailRate:
		got = InjectEffectThenFail
		n.EffectThenFail++
	}
	in.counts[action] = n
	return got
}

// Counts returns what was drawn, per action.
func (in *Injector) Counts() map[string]InjectedCounts {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make(map[string]InjectedCounts, len(in.counts))
	for a, n := range in.counts {
		out[a] = n
	}
	return out
}

// Total adds up the counts of every action.
func (in *Injector) Total() InjectedCounts {
	var t InjectedCounts
	for _, n := range in.Counts() {
		t.Calls += n.Calls
		t.Throttled += n.Throttled
		t.ServerErrors += n.ServerErrors
		t.EffectThenFail += n.EffectThenFail
	}
	return t
}
