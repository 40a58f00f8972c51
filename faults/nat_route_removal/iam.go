package natroute

import (
	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// grant: Select reads NAT gateways, subnets and route tables; Preflight
// dry-runs DeleteRoute, CreateTags and CreateRoute; Inject tags the table and
// deletes the route; revert re-creates it (or replaces a route re-added
// elsewhere), re-reads and removes the tags.
func grant(spec any, f iam.Fault, g *iam.Grant) error {
	s, ok := spec.(*Config)
	if !ok || s == nil {
		return faultkit.SpecError(Name, spec)
	}
	g.Allow(iam.Statement{Sid: "ReadNetwork", Action: []string{"ec2:DescribeNatGateways", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"},
		Resource: []string{"*"},
		Why:      "nat_route_removal finds NAT gateways, their subnets' AZs and the route tables through them (and re-reads them on revert and in the recover scan); these Describe calls have no resource-level permissions."})
	if s.AZ != "" {
		g.ReadAZs()
	}
	tables := g.Scope.RouteTables(s.RouteTableIDs)
	routes := iam.Statement{Sid: f.Sid("Routes"), Action: []string{"ec2:DeleteRoute", "ec2:CreateRoute", "ec2:ReplaceRoute"},
		Resource: tables,
		Why: "Fault " + f.ID + " deletes the NAT routes (DryRun at preflight, then for real) and restores them with CreateRoute, or ReplaceRoute when someone re-added the route through another target; " +
			"scoped to route tables (the tables an AZ or subnet selection resolves to are only known at run time)."}
	if len(s.NATGatewayIDs) > 0 {
		routes.Why += " CreateRoute is also authorized on the NAT gateway it points to."
		for _, n := range s.NATGatewayIDs {
			routes.Resource = append(routes.Resource, g.Scope.EC2("natgateway/"+n))
		}
	} else {
		routes.Resource = append(routes.Resource, g.Scope.EC2("natgateway/*"))
	}
	g.Allow(routes)
	g.Allow(iam.Statement{Sid: f.Sid("Tags"), Action: []string{"ec2:CreateTags", "ec2:DeleteTags"}, Resource: tables,
		Why: "Fault " + f.ID + " records each removed route in a gameday:snapshot:* tag on its route table (so that `gameday recover --scan` restores it without the journal) and removes the tags after the restore; only gameday:* tag keys."}.
		With("ForAllValues:StringLike", "aws:TagKeys", iam.TagPrefix))
	g.Protect(f.Words, []string{"ec2:DeleteRoute", "ec2:CreateRoute", "ec2:ReplaceRoute"}, g.Scope.RouteTables(nil), "ec2:ResourceTag/")
	return nil
}
