package engine

import (
	"context"

	"github.com/gameday-dev/gameday/awsapi"
)

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

// StopEnv is what a stop-condition kind is bound to.
type StopEnv struct {
	// Name is the stop_when block's name ("errors").
	Name    string
	Clients *awsapi.Clients
	// Emit puts an event the condition observed (an alarm's state change)
	// on the run's timeline; the runner stamps the scenario. Never nil.
	Emit func(Event)
}

// StopKind is the behaviour of one stop-condition kind, registered by name.
type StopKind struct {
	Name string
	// New builds a condition from its spec (the typed spec the HCL loader
	// decoded for the kind). Beyond StopCondition, the runner uses what a
	// condition also is: an engine.ProbeObserver is fed every probe check;
	// one with Start(time.Time) is told when the run's clock starts; one
	// that watches alarms (Alarms, ARNs, States, PollInterval) names the
	// alarms that detect a fault and that FIS templates mirror.
	New func(spec any, env StopEnv) (StopCondition, error)
}

// StopKinds is an explicit registry of stop-condition kinds.
type StopKinds map[string]StopKind

// Get returns the kind or an error naming the known kinds.
func (k StopKinds) Get(name string) (StopKind, error) { return lookup(k, "stop condition", name) }
