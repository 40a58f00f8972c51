package engine

import (
	"context"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
)

// Probe checks one thing once. Probes never mutate anything.
type Probe interface {
	Check(ctx context.Context) ProbeResult
}

// ProbeResult is the outcome of one check.
type ProbeResult struct {
	// OK is true when the check passed.
	OK bool `json:"ok"`
	// Inconclusive is true when the check could not be made (the probe's
	// own error: a bad resolver address, an AWS API error while reading an
	// alarm). It is neither a pass nor a failure of the system under test.
	Inconclusive bool `json:"inconclusive,omitempty"`
	// Latency of the check itself.
	Latency time.Duration `json:"latency_ns"`
	// Observed is what was seen, compactly ("200", "127.0.0.2", "ALARM").
	Observed string `json:"observed,omitempty"`
	// Detail explains a failure or an inconclusive check.
	Detail string `json:"detail,omitempty"`
}

// ProbeObserver receives every probe result as it happens.
type ProbeObserver interface {
	ObserveProbe(name string, at time.Time, r ProbeResult)
}

// ProbeEnv is what a probe kind is bound to: the run's clients (built once),
// for the kinds that read AWS.
type ProbeEnv struct {
	Clients *awsapi.Clients
}

// ProbeKind is the behaviour of one probe kind, registered by name.
type ProbeKind struct {
	Name string
	// New builds a probe from its spec (the typed spec the HCL loader
	// decoded for the kind).
	New func(spec any, env ProbeEnv) (Probe, error)
}

// ProbeKinds is an explicit registry of probe kinds.
type ProbeKinds map[string]ProbeKind

// Get returns the kind or an error naming the known kinds.
func (k ProbeKinds) Get(name string) (ProbeKind, error) { return lookup(k, "probe", name) }
