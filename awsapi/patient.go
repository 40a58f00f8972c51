package awsapi

import (
	"context"
	"math/rand/v2"
	"time"
)

// The read budget's defaults. AWS throttles with token buckets that refill
// every second (EC2's mutating bucket 5 a second, Route 53 5, CloudWatch
// about 9), and a 5xx is usually gone in seconds, so the waits start below
// a second and grow to a few seconds; full jitter (a wait drawn between
// zero and the ceiling) keeps gameday's concurrent readers (selection,
// probes, stop conditions) from coming back in step and being throttled
// together again. A minute is long enough that 30 % throttling and 10 %
// 5xx practically never fail a read (each try of the SDK's three fails
// 40 % of the time, so a read fails 6.4 % of the time and a dozen reads
// in a row almost never do) and short enough that a real outage ends a
// phase rather than hanging it; a phase's own deadline (the ctx) cuts it
// shorter still.
const (
	DefaultReadRetryBase    = 200 * time.Millisecond
	DefaultReadRetryCap     = 5 * time.Second
	DefaultReadRetryMaxWait = 60 * time.Second
)

// MutationThrottleRetries is how many more tries a throttled mutating call
// gets from gameday, on top of the SDK's: a throttle answer means the call
// was refused, not performed, so trying again is safe; the budget stays
// small because mutations should not queue up behind a throttled bucket.
const MutationThrottleRetries = 3

// ReadRetry is the retry budget of read-only calls (and of throttled
// mutations, MutationThrottleRetries at most); zero fields take the
// defaults above.
type ReadRetry struct {
	Base    time.Duration // ceiling of the first wait; doubles with each try
	Cap     time.Duration // largest ceiling
	MaxWait time.Duration // a read is not tried again after this long, counted from its first try
}

// Patient returns a client set whose read-only calls (Call.Mutating false)
// that fail with a transient error (IsTransient: throttling, 5xx, a lost
// connection) are tried again, after an exponential backoff with full
// jitter, until they succeed, p.MaxWait has passed, or the next try would
// start after the ctx's deadline. Mutating calls are never tried again
// here: a failed mutation may have taken effect, so the caller re-reads
// before deciding, and the SDK's own few retries are all it gets. A
// canceled or expired ctx is never retried.
//
// Put Weather outside Patient (NewWeather(Patient(c), ...)) so that it
// counts each try and the calls waiting between them.
func Patient(c *Clients, p ReadRetry) *Clients {
	if p.Base <= 0 {
		p.Base = DefaultReadRetryBase
	}
	if p.Cap <= 0 {
		p.Cap = DefaultReadRetryCap
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultReadRetryMaxWait
	}
	return Wrap(c, patience{ReadRetry: p, emulator: c.Emulator && !c.Sandbox})
}

// patience is the Retrier behind Patient.
type patience struct {
	ReadRetry
	// emulator: an answer that is a 5xx without any AWS error is how
	// emulators say they lack an operation (moto answers a bare HTTP 500):
	// trying it again for a minute would only delay "not implemented".
	emulator bool
}

func (patience) Before(context.Context, Call) error               { return nil }
func (patience) After(_ context.Context, _ Call, err error) error { return err }

// Retry waits a full-jitter backoff before trying a transient failure of a
// read again, while the wait ends inside both the budget and the deadline.
func (p patience) Retry(ctx context.Context, c Call, a Attempt) (time.Duration, bool) {
	if ctx.Err() != nil || !IsTransient(a.Err) {
		return 0, false
	}
	if p.emulator && IsServerError(a.Err) && ErrorCode(a.Err) == "" {
		return 0, false
	}
	// A mutation is tried again only when it was throttled: the endpoint
	// refused it before doing anything, so a new try cannot do it twice.
	// After a 5xx or a lost connection it may have run: the caller re-reads.
	if c.Mutating && (!IsThrottle(a.Err) || a.N > MutationThrottleRetries) {
		return 0, false
	}
	wait := p.backoff(a.N)
	if a.Elapsed+wait > p.MaxWait {
		return 0, false
	}
	if deadline, ok := ctx.Deadline(); ok && !time.Now().Add(wait).Before(deadline) {
		return 0, false
	}
	return wait, true
}

// backoff draws the wait after the n-th failed try: uniformly between zero
// and Base·2^(n-1), that ceiling capped at Cap.
func (p patience) backoff(n int) time.Duration {
	ceiling := p.Cap
	if n < 32 { // beyond, the shift overflows and the cap applies anyway
		if d := p.Base << (n - 1); d > 0 && d < p.Cap {
			ceiling = d
		}
	}
	return rand.N(ceiling + 1)
}
