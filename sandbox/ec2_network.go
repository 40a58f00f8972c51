package sandbox

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// azID is the AZ id ("use1-az1") of a sandbox AZ name.
func azID(az string) string { return "use1-az" + strconv.Itoa(int(az[len(az)-1]-'a')+1) }

// byIDs selects resources by explicit ids; an unknown id fails the call
// with the operation's NotFound code.
func byIDs[T any](all []T, id func(*T) string, want []string, notFound func(string) error) ([]T, error) {
	if len(want) == 0 {
		return all, nil
	}
	idx := map[string]int{}
	for k := range all {
		idx[id(&all[k])] = k
	}
	out := make([]T, 0, len(want))
	for _, w := range want {
		k, ok := idx[w]
		if !ok {
			return nil, notFound(w)
		}
		out = append(out, all[k])
	}
	return out, nil
}

func filterPage[T any](sel []T, filters []types.Filter, f func(*T) fields, token *string, size int) ([]T, *string, error) {
	if len(filters) > 0 {
		kept := sel[:0:0]
		for k := range sel {
			if matches(filters, f(&sel[k])) {
				kept = append(kept, sel[k])
			}
		}
		sel = kept
	}
	lo, hi, next, err := apisim.Page(len(sel), aws.ToString(token), size, size)
	if err != nil {
		return nil, nil, err
	}
	var nt *string
	if next != "" {
		nt = aws.String(next)
	}
	return sel[lo:hi], nt, nil
}

// DescribeSubnets answers SubnetIds and the filters subnet-id, vpc-id,
// availability-zone, availability-zone-id, cidr-block, state,
// map-public-ip-on-launch and tags.
func (e *EC2) DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	if err := e.enter(ctx, "DescribeSubnets", in.DryRun); err != nil {
		return nil, err
	}
	size, err := pageSize(in.MaxResults, 5, 1000)
	if err != nil {
		return nil, err
	}
	if err := checkFilters(in.Filters, "subnet-id", "vpc-id", "availability-zone", "availability-zone-id", "cidr-block", "cidr", "state", "map-public-ip-on-launch", "default-for-az", "tag-key", "tag-value"); err != nil {
		return nil, err
	}
	sel, err := byIDs(e.w.Subnets(), func(s *world.Subnet) string { return s.ID }, in.SubnetIds, func(id string) error {
		return apisim.Error("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
	})
	if err != nil {
		return nil, err
	}
	page, next, err := filterPage(sel, in.Filters, func(s *world.Subnet) fields {
		return func(name string) []string {
			if v, ok := tagFields(s.Tags, name); ok {
				return v
			}
			switch name {
			case "subnet-id":
				return []string{s.ID}
			case "vpc-id":
				return []string{s.VpcID}
			case "availability-zone":
				return []string{s.AZ}
			case "availability-zone-id":
				return []string{azID(s.AZ)}
			case "cidr-block", "cidr":
				return []string{s.CIDR}
			case "state":
				return []string{"available"}
			case "map-public-ip-on-launch":
				return []string{strconv.FormatBool(s.Public)}
			case "default-for-az":
				return []string{"false"}
			}
			return nil
		}
	}, in.NextToken, size)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeSubnetsOutput{NextToken: next}
	for _, s := range page {
		out.Subnets = append(out.Subnets, types.Subnet{
			SubnetId: aws.String(s.ID), VpcId: aws.String(s.VpcID), AvailabilityZone: aws.String(s.AZ),
			AvailabilityZoneId: aws.String(azID(s.AZ)), CidrBlock: aws.String(s.CIDR), State: types.SubnetStateAvailable,
			MapPublicIpOnLaunch: aws.Bool(s.Public), DefaultForAz: aws.Bool(false), OwnerId: aws.String(world.AccountID),
			SubnetArn: aws.String(world.SubnetARN(s.ID)), Tags: ec2Tags(s.Tags),
		})
	}
	return out, nil
}

// DescribeNatGateways answers NatGatewayIds (NatGatewayNotFound) and the
// filters nat-gateway-id, subnet-id, vpc-id, state and tags. Deleted NAT
// gateways stay listed with state "deleted", as in EC2.
func (e *EC2) DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	if err := e.enter(ctx, "DescribeNatGateways", in.DryRun); err != nil {
		return nil, err
	}
	size, err := pageSize(in.MaxResults, 5, 1000)
	if err != nil {
		return nil, err
	}
	if err := checkFilters(in.Filter, "nat-gateway-id", "subnet-id", "vpc-id", "state", "tag-key", "tag-value"); err != nil {
		return nil, err
	}
	sel, err := byIDs(e.w.NatGateways(), func(g *world.NatGateway) string { return g.ID }, in.NatGatewayIds, func(id string) error {
		return apisim.Error("NatGatewayNotFound", "The Nat Gateway %s was not found", id)
	})
	if err != nil {
		return nil, err
	}
	page, next, err := filterPage(sel, in.Filter, func(g *world.NatGateway) fields {
		return func(name string) []string {
			if v, ok := tagFields(g.Tags, name); ok {
				return v
			}
			switch name {
			case "nat-gateway-id":
				return []string{g.ID}
			case "subnet-id":
				return []string{g.SubnetID}
			case "vpc-id":
				return []string{g.VpcID}
			case "state":
				return []string{g.State}
			}
			return nil
		}
	}, in.NextToken, size)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeNatGatewaysOutput{NextToken: next}
	for _, g := range page {
		n := types.NatGateway{
			NatGatewayId: aws.String(g.ID), SubnetId: aws.String(g.SubnetID), VpcId: aws.String(g.VpcID),
			State: types.NatGatewayState(g.State), CreateTime: aws.Time(g.CreateTime),
			ConnectivityType: types.ConnectivityTypePublic, AvailabilityMode: types.AvailabilityModeZonal,
			NatGatewayAddresses: []types.NatGatewayAddress{{AllocationId: aws.String(g.AllocID), NetworkInterfaceId: aws.String(g.ENI),
				PrivateIp: aws.String(g.PrivateIP), PublicIp: aws.String(g.PublicIP), IsPrimary: aws.Bool(true), Status: types.NatGatewayAddressStatusSucceeded}},
			Tags: ec2Tags(g.Tags),
		}
		if !g.DeleteTime.IsZero() {
			n.DeleteTime = aws.Time(g.DeleteTime)
		}
		out.NatGateways = append(out.NatGateways, n)
	}
	return out, nil
}

// DescribeRouteTables answers RouteTableIds and the filters route-table-id,
// vpc-id, association.subnet-id, association.main,
// association.route-table-association-id, route.nat-gateway-id,
// route.gateway-id, route.destination-cidr-block, route.origin,
// route.state and tags. MaxResults is 5..100.
func (e *EC2) DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	if err := e.enter(ctx, "DescribeRouteTables", in.DryRun); err != nil {
		return nil, err
	}
	size, err := pageSize(in.MaxResults, 5, 100)
	if err != nil {
		return nil, err
	}
	if err := checkFilters(in.Filters, "route-table-id", "vpc-id", "association.subnet-id", "association.main",
		"association.route-table-association-id", "route.nat-gateway-id", "route.gateway-id", "route.destination-cidr-block",
		"route.origin", "route.state", "tag-key", "tag-value"); err != nil {
		return nil, err
	}
	sel, err := byIDs(e.w.RouteTables(), func(t *world.RouteTable) string { return t.ID }, in.RouteTableIds, func(id string) error {
		return apisim.Error("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", id)
	})
	if err != nil {
		return nil, err
	}
	page, next, err := filterPage(sel, in.Filters, routeTableFields, in.NextToken, size)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeRouteTablesOutput{NextToken: next}
	for _, t := range page {
		rt := types.RouteTable{RouteTableId: aws.String(t.ID), VpcId: aws.String(t.VpcID), OwnerId: aws.String(world.AccountID), Tags: ec2Tags(t.Tags)}
		for _, a := range t.Associations {
			as := types.RouteTableAssociation{RouteTableAssociationId: aws.String(a.ID), RouteTableId: aws.String(t.ID), Main: aws.Bool(a.Main),
				AssociationState: &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeAssociated}}
			if a.SubnetID != "" {
				as.SubnetId = aws.String(a.SubnetID)
			}
			rt.Associations = append(rt.Associations, as)
		}
		for _, r := range t.Routes {
			route := types.Route{DestinationCidrBlock: aws.String(r.DestinationCIDR), Origin: types.RouteOrigin(r.Origin), State: types.RouteState(r.State)}
			if r.NatGatewayID != "" {
				route.NatGatewayId = aws.String(r.NatGatewayID)
			} else {
				route.GatewayId = aws.String(r.GatewayID)
			}
			rt.Routes = append(rt.Routes, route)
		}
		out.RouteTables = append(out.RouteTables, rt)
	}
	return out, nil
}

func routeTableFields(t *world.RouteTable) fields {
	return func(name string) []string {
		if v, ok := tagFields(t.Tags, name); ok {
			return v
		}
		var out []string
		switch name {
		case "route-table-id":
			return []string{t.ID}
		case "vpc-id":
			return []string{t.VpcID}
		case "association.main":
			return []string{strconv.FormatBool(t.Main())}
		case "association.subnet-id":
			for _, a := range t.Associations {
				if a.SubnetID != "" {
					out = append(out, a.SubnetID)
				}
			}
		case "association.route-table-association-id":
			for _, a := range t.Associations {
				out = append(out, a.ID)
			}
		}
		for _, r := range t.Routes {
			switch name {
			case "route.nat-gateway-id":
				if r.NatGatewayID != "" {
					out = append(out, r.NatGatewayID)
				}
			case "route.gateway-id":
				if r.GatewayID != "" {
					out = append(out, r.GatewayID)
				}
			case "route.destination-cidr-block":
				out = append(out, r.DestinationCIDR)
			case "route.origin":
				out = append(out, r.Origin)
			case "route.state":
				out = append(out, r.State)
			}
		}
		return out
	}
}
