package engine

import (
	"context"

	"github.com/gameday-dev/gameday/awsapi"
)

// Canary writes sequence-numbered records and reads them back, so that lost
// acknowledged writes (RPO) can be counted. The canary runner (not the
// implementation) numbers, times and keeps the acknowledged writes.
type Canary interface {
	// Prepare makes the canary ready (e.g. creates its table); read-only
	// stores may do nothing. It runs in preflight.
	Prepare(ctx context.Context) error
	// Write writes record seq; nil means the store acknowledged it.
	Write(ctx context.Context, run string, seq int64) error
	// ReadBack returns the sequence numbers of run that the store serving
	// reads now has.
	ReadBack(ctx context.Context, run string) ([]int64, error)
}

// CanaryEnv is what a canary kind is bound to: the run's clients (built
// once), for the kinds that write to AWS data stores.
type CanaryEnv struct {
	Clients *awsapi.Clients
}

// CanaryKind is the behaviour of one canary kind, registered by name.
type CanaryKind struct {
	Name string
	// New builds a canary from its spec (the typed spec the HCL loader
	// decoded for the kind). A canary that holds connections implements
	// io.Closer; the runner closes it after the last read-back.
	New func(spec any, env CanaryEnv) (Canary, error)
}

// CanaryKinds is an explicit registry of canary kinds.
type CanaryKinds map[string]CanaryKind

// Get returns the kind or an error naming the known kinds.
func (k CanaryKinds) Get(name string) (CanaryKind, error) { return lookup(k, "canary", name) }
