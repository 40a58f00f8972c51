package r53flip

import "github.com/gameday-dev/gameday/faults/faultkit"

// specOf accepts the decoded block (what a run passes to New) and the
// kind's own spec type (by value or pointer, for tests and programmatic
// use), so that the fault logic does not depend on the block's shape.
func specOf(spec any) (R53FlipSpec, error) {
	switch s := spec.(type) {
	case *Config:
		if s == nil {
			break
		}
		return R53FlipSpec{HealthCheckID: s.HealthCheckID}, nil
	case R53FlipSpec:
		return s, nil
	case *R53FlipSpec:
		if s != nil {
			return *s, nil
		}
	}
	return R53FlipSpec{}, faultkit.SpecError(Name, spec)
}
