package rdsfailover

import (
	"fmt"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// Name is the kind, as written in `fault "rds_failover" "<name>"` blocks.
const Name = "rds_failover"

// Kind is the rds_failover fault kind with the given timings.
func Kind(o faultkit.Options) engine.FaultKind {
	o = o.WithDefaults()
	return engine.FaultKind{
		Name:  Name,
		Block: block(),
		IAM:   grant,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, ok := spec.(*Config)
			if !ok || s == nil {
				return nil, faultkit.SpecError(Name, spec)
			}
			if (s.ClusterID == "") == (s.InstanceID == "") {
				return nil, fmt.Errorf("rds_failover %s: give exactly one of cluster_id and instance_id", env.FaultID)
			}
			return &failover{spec: *s, env: faultkit.WithLog(env), o: o}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &reverter{env: faultkit.WithLog(env), o: o} },
		Scanner:  func(env engine.Env) engine.Scanner { return &scanner{env: faultkit.WithLog(env)} },
	}
}

type failover struct {
	spec Config
	env  engine.Env
	o    faultkit.Options
}

// Compile-time checks: the kind implements the engine's contract.
var (
	_ engine.Fault    = (*failover)(nil)
	_ engine.Reverter = (*reverter)(nil)
	_ engine.Scanner  = (*scanner)(nil)
)

func (f *failover) Kind() string   { return Name }
func (f *failover) BatchSize() int { return 1 }

func (f *failover) Effect() engine.Effect {
	what := "fail over DB cluster " + f.spec.ClusterID
	if f.spec.InstanceID != "" {
		what = "fail over Multi-AZ DB instance " + f.spec.InstanceID
	}
	if !f.spec.Failback {
		return engine.Effect{Action: what, Reversible: false,
			Note: "irreversible as configured: the writer stays on the promoted instance (set failback = true to fail back to the original writer after the duration)"}
	}
	return engine.Effect{Action: what, Reversible: true, Note: "reverted by failing back to the original writer, which is verified by re-reading"}
}

// snapshot is what a failback needs: the writer (cluster) or the AZ
// (Multi-AZ instance) before the failover, and whether to fail back at all
// (the reverter has no spec, only journal data).
type snapshot struct {
	ClusterID string `json:"cluster_id,omitempty"`
	// ARN is the failed-over resource's, which carries the run's tags
	// until the failback is verified.
	ARN        string `json:"arn,omitempty"`
	InstanceID string `json:"instance_id,omitempty"`
	Writer     string `json:"writer,omitempty"`
	// Promote is the reader the failover names. It is always named, so
	// that a failover the SDK tries again after an answer it lost promotes
	// the same reader instead of failing back over.
	Promote  string `json:"promote,omitempty"`
	AZ       string `json:"az,omitempty"`
	Failback bool   `json:"failback"`
}
