package ec2kill

import (
	"fmt"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/gameday-dev/gameday/engine"
)

// EC2KillSpec configures an ec2_kill fault.
type EC2KillSpec struct {
	// Action is "terminate", "stop" or "reboot".
	Action string
	// Selection: any combination narrows the candidates (all must match).
	InstanceIDs []string
	Tags        map[string]string
	ASG         string
	AZ          string
	Amount      Amount
	// Seed makes the random choice reproducible; 0 draws one (recorded in
	// the Selection).
	Seed int64
	// BatchSize is the most instances per API call (default and maximum
	// 1000, EC2's limit). Smaller batches spread the load on EC2's
	// throttling buckets at the cost of more calls.
	BatchSize int
	// Force skips the OS shutdown on stop (StopInstances Force).
	Force bool
	// MaxTargets tightens the guard's max_targets for this fault (0: the
	// guard's); AllowEmpty overrides allow_empty_selection (nil: the guard's).
	MaxTargets int
	AllowEmpty *bool
}

// Amount says how many of the guarded candidates a fault takes.
type Amount = engine.Amount

func (s EC2KillSpec) validate() error {
	switch s.Action {
	case "terminate", "stop", "reboot":
	default:
		return fmt.Errorf("action %q is not one of terminate, stop, reboot", s.Action)
	}
	if len(s.InstanceIDs) == 0 && len(s.Tags) == 0 && s.ASG == "" && s.AZ == "" {
		return fmt.Errorf("no selection: give instance ids, tags, an Auto Scaling group or an AZ")
	}
	if s.BatchSize < 0 || s.BatchSize > faultkit.EC2MaxIDsPerCall {
		return fmt.Errorf("batch size %d is not within 1..%d", s.BatchSize, faultkit.EC2MaxIDsPerCall)
	}
	return s.Amount.Validate()
}

type ec2Kill struct {
	spec EC2KillSpec
	env  engine.Env
	o    faultkit.Options
}

// Name is the kind, as written in `fault "ec2_kill" "<name>"` blocks.
const Name = "ec2_kill"

// Kind is the ec2_kill fault kind with the given timings.
func Kind(o faultkit.Options) engine.FaultKind {
	o = o.WithDefaults()
	return engine.FaultKind{
		Name:  Name,
		Block: block(),
		IAM:   grant,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, err := specOf(spec)
			if err != nil {
				return nil, err
			}
			if err := s.validate(); err != nil {
				return nil, fmt.Errorf("ec2_kill %s: %w", env.FaultID, err)
			}
			return &ec2Kill{spec: s, env: faultkit.WithLog(env), o: o}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &ec2Reverter{env: faultkit.WithLog(env), o: o} },
		Scanner:  func(env engine.Env) engine.Scanner { return &ec2Scanner{env: faultkit.WithLog(env)} },
	}
}

func (f *ec2Kill) Kind() string { return Name }

func (f *ec2Kill) BatchSize() int {
	if f.spec.BatchSize > 0 {
		return f.spec.BatchSize
	}
	return faultkit.EC2MaxIDsPerCall
}

func (f *ec2Kill) Effect() engine.Effect {
	switch f.spec.Action {
	case "terminate":
		return engine.Effect{Action: "terminate instances", Reversible: false,
			Note: "terminated instances cannot be brought back; an Auto Scaling group replaces its own"}
	case "stop":
		return engine.Effect{Action: "stop instances", Reversible: true,
			Note: "reverted by StartInstances; an Auto Scaling group treats a stopped member as unhealthy and replaces it, so in a group a stop is a terminate in effect"}
	default:
		return engine.Effect{Action: "reboot instances", Reversible: true, Note: "instances come back by themselves; nothing to revert"}
	}
}

// Compile-time checks: the kind implements the engine's contract.
var (
	_ engine.Fault    = (*ec2Kill)(nil)
	_ engine.Reverter = (*ec2Reverter)(nil)
	_ engine.Scanner  = (*ec2Scanner)(nil)
)
