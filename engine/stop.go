package engine

import "context"

// StopCondition says "enough": when it trips, the runner aborts the
// scenario and reverts everything injected.
type StopCondition interface {
	// Name identifies the condition ("cloudwatch_alarm.errors").
	Name() string
	// Preflight refuses to start when the condition cannot be watched or is
	// already tripped (a stop alarm missing or already in ALARM).
	Preflight(ctx context.Context) error
	// Watch runs until ctx ends and calls trip (at most once) with the
	// reason when the condition is met. An error means the condition could
	// not be watched at all; the runner treats that as a reason to stop
	// (fail closed).
	Watch(ctx context.Context, trip func(reason string)) error
}
