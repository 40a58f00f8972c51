// Package faultkit holds what the fault kinds (faults/<kind>) share: their
// timings and the small AWS helpers every kind needs. It knows no kind.
package faultkit

import "time"

// Options tunes the waiting behaviour of the kinds. The zero value means the
// defaults below, which suit real AWS; the sandbox and tests use shorter
// delays.
type Options struct {
	// FISPollInterval is how often GetExperiment is polled (default 5 s:
	// FIS state changes take seconds and GetExperiment is rate limited).
	FISPollInterval time.Duration
	// FISStopTimeout bounds the wait for a stopped experiment to reach a
	// terminal state during revert (default 5 min: StopExperiment lets
	// pending post-actions, such as restarting instances, finish).
	FISStopTimeout time.Duration
	// RetryBackoff is the first pause before retrying an optimistic-lock
	// conflict (Route 53 HealthCheckVersionMismatch); it doubles each time
	// (default 200 ms).
	RetryBackoff time.Duration
	// InstanceStopWait bounds the wait for an instance still "stopping" to
	// become "stopped" so that it can be started again (default 10 min:
	// a stop can take minutes when the OS shuts down slowly).
	InstanceStopWait time.Duration
	// InstancePollInterval is how often a stopping instance is re-read
	// (default 5 s).
	InstancePollInterval time.Duration
	// EffectWait bounds the re-reads that look for a fault's effect after
	// injection (default 15 s: describe calls lag mutations by seconds).
	EffectWait time.Duration
}

// WithDefaults fills the zero fields with the defaults above.
func (o Options) WithDefaults() Options {
	if o.FISPollInterval <= 0 {
		o.FISPollInterval = 5 * time.Second
	}
	if o.FISStopTimeout <= 0 {
		o.FISStopTimeout = 5 * time.Minute
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = 200 * time.Millisecond
	}
	if o.InstanceStopWait <= 0 {
		o.InstanceStopWait = 10 * time.Minute
	}
	if o.InstancePollInterval <= 0 {
		o.InstancePollInterval = 5 * time.Second
	}
	if o.EffectWait <= 0 {
		o.EffectWait = 15 * time.Second
	}
	return o
}
