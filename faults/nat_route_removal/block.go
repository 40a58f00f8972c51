package natroute

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/gameday-dev/gameday/engine/config"
)

// Config deletes the routes that send private subnets' traffic to
// NAT gateways and restores them after the duration (kind
// "nat_route_removal"). Exactly one selector is set.
type Config struct {
	NATGatewayIDs []string
	AZ            string
	SubnetIDs     []string
	RouteTableIDs []string
	// OnMissingNAT says what the revert does when the NAT gateway a route
	// pointed to no longer exists: "fail" (leave the route out and report
	// it loudly) or "substitute" (use an available NAT gateway in the same
	// AZ, and record that it did).
	OnMissingNAT string
	DeclRange    hcl.Range
	AttrRanges   map[string]hcl.Range
}

// Values of OnMissingNAT.
const (
	OnMissingNATFail       = "fail"
	OnMissingNATSubstitute = "substitute"
)

func block() config.Kind {
	return config.Kind{
		Name:   Name,
		Check:  check,
		Schema: config.Schema([]string{"nat_gateway_ids", "az", "subnet_ids", "route_table_ids", "on_missing_nat"}),
		Decode: func(b config.KindBody) any {
			a := b.Args
			f := &Config{
				NATGatewayIDs: config.CheckIDs(a, "nat_gateway_ids", "nat"),
				AZ:            config.CheckAZ(a, "az"),
				SubnetIDs:     config.CheckIDs(a, "subnet_ids", "subnet"),
				RouteTableIDs: config.CheckIDs(a, "route_table_ids", "rtb"),
				OnMissingNAT:  a.Enum("on_missing_nat", OnMissingNATFail, OnMissingNATFail, OnMissingNATSubstitute),
				DeclRange:     b.DeclRange,
				AttrRanges:    a.Ranges(),
			}
			if len(a.Exclusive("nat_gateway_ids", "az", "subnet_ids", "route_table_ids")) == 0 {
				a.Decoder().Errorf(b.DeclRange, "Missing NAT selector", "Say which routes to remove with exactly one of \"nat_gateway_ids\", \"az\", \"subnet_ids\" or \"route_table_ids\".")
			}
			config.RequireDuration(b, "nat_route_removal")
			return f
		},
	}
}

// check refuses an Availability Zone outside the game day's region.
func check(c config.KindCheck) {
	if k, ok := c.Spec.(*Config); ok {
		config.CheckAZRegion(c.D, c.GameDay, k.AZ, k.AttrRanges["az"])
	}
}
