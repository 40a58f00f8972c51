package ec2kill

import "github.com/gameday-dev/gameday/faults/faultkit"

// specOf accepts the decoded block (what a run passes to New) and the
// kind's own spec type (by value or pointer, for tests and programmatic
// use), so that the fault logic does not depend on the block's shape.
func specOf(spec any) (EC2KillSpec, error) {
	switch s := spec.(type) {
	case *Config:
		if s == nil {
			break
		}
		out := EC2KillSpec{
			Action: s.Action, InstanceIDs: s.Select.IDs, Tags: s.Select.Tags, ASG: s.Select.ASG, AZ: s.Select.AZ,
			Amount:    Amount{Count: s.Select.Count, Percent: float64(s.Select.Percent), All: s.Select.All},
			BatchSize: s.BatchSize, Force: s.Force, MaxTargets: s.MaxTargets, AllowEmpty: s.AllowEmpty,
		}
		if len(s.Select.IDs) > 0 && out.Amount == (Amount{}) {
			// Explicit ids are the whole selection.
			out.Amount.All = true
		}
		if s.Seed != nil {
			out.Seed = *s.Seed
		}
		return out, nil
	case EC2KillSpec:
		return s, nil
	case *EC2KillSpec:
		if s != nil {
			return *s, nil
		}
	}
	return EC2KillSpec{}, faultkit.SpecError(Name, spec)
}
