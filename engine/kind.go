package engine

import (
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
)

// Env is what a fault kind is bound to: the run's clients (built once) and
// the identity of the run and of the fault block.
type Env struct {
	Clients *awsapi.Clients
	// RunID tags resources and makes client tokens stable per run.
	RunID string
	// FaultID names the block: "scenario/kind.name".
	FaultID string
	// Duration is how long the fault is held (0: until the scenario ends).
	Duration time.Duration
	// StopAlarmARNs are the ARNs of the game day's stop alarms, for kinds that
	// mirror them (FIS stop conditions).
	StopAlarmARNs []string
	// Logf reports progress lines; never nil (use NopLogf).
	Logf func(format string, args ...any)
}

// NopLogf discards log lines.
func NopLogf(string, ...any) {}

// FaultKind is the behaviour of one fault kind, registered by name.
type FaultKind struct {
	Name string
	// New binds a configured fault (the typed spec decoded from HCL) to env.
	New func(spec any, env Env) (Fault, error)
	// Reverter builds the kind's reverter; it needs no spec, only clients,
	// so that recover works from the journal alone.
	Reverter func(env Env) Reverter
	// Scanner builds the kind's leftover scanner; nil when the resources
	// take no tags.
	Scanner func(env Env) Scanner
}

// Kinds is an explicit registry of fault kinds.
type Kinds map[string]FaultKind

// Get returns the kind or an error naming the known kinds.
func (k Kinds) Get(name string) (FaultKind, error) {
	fk, ok := k[name]
	if !ok {
		return FaultKind{}, fmt.Errorf("unknown fault kind %q (known: %v)", name, k.Names())
	}
	return fk, nil
}

// Names lists the registered kinds in order.
func (k Kinds) Names() []string {
	out := make([]string, 0, len(k))
	for n := range k {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
