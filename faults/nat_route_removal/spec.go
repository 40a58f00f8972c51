package natroute

import "github.com/gameday-dev/gameday/faults/faultkit"

// specOf accepts the decoded block (what a run passes to New) and the
// kind's own spec type (by value or pointer, for tests and programmatic
// use), so that the fault logic does not depend on the block's shape.
func specOf(spec any) (NATRouteSpec, error) {
	switch s := spec.(type) {
	case *Config:
		if s == nil {
			break
		}
		return NATRouteSpec{NATGatewayIDs: s.NATGatewayIDs, AZ: s.AZ, SubnetIDs: s.SubnetIDs,
			RouteTableIDs: s.RouteTableIDs, OnNATGone: s.OnMissingNAT}, nil
	case NATRouteSpec:
		return s, nil
	case *NATRouteSpec:
		if s != nil {
			return *s, nil
		}
	}
	return NATRouteSpec{}, faultkit.SpecError(Name, spec)
}
