package fisaz

import "github.com/gameday-dev/gameday/faults/faultkit"

// specOf accepts the decoded block (what a run passes to New) and the
// kind's own spec type (by value or pointer, for tests and programmatic
// use), so that the fault logic does not depend on the block's shape.
func specOf(spec any) (FISAZSpec, error) {
	switch s := spec.(type) {
	case *Config:
		if s == nil {
			break
		}
		return FISAZSpec{AZ: s.AZ, Actions: s.Actions, TargetTags: s.TargetTags, RoleARN: s.RoleARN,
			TemplateID: s.TemplateID, IgnoreStopAlarms: !s.MirrorStopAlarms}, nil
	case FISAZSpec:
		return s, nil
	case *FISAZSpec:
		if s != nil {
			return *s, nil
		}
	}
	return FISAZSpec{}, faultkit.SpecError(Name, spec)
}
