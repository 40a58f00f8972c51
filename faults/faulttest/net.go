package faulttest

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/faults/faultkit"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

func (f *EC2) AddSubnet(id, vpc, az string) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Subnets[id] = &types.Subnet{SubnetId: faultkit.Ptr(id), VpcId: faultkit.Ptr(vpc), AvailabilityZone: faultkit.Ptr(az)}
}

// tagSubnet replaces a subnet's tags.
func (f *EC2) TagSubnet(id string, tags map[string]string) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Subnets[id].Tags = nil
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		f.Subnets[id].Tags = append(f.Subnets[id].Tags, types.Tag{Key: faultkit.Ptr(k), Value: faultkit.Ptr(tags[k])})
	}
}

func (f *EC2) AddNAT(id, vpc, subnet string, state types.NatGatewayState, regional bool) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	n := &types.NatGateway{NatGatewayId: faultkit.Ptr(id), VpcId: faultkit.Ptr(vpc), State: state, AvailabilityMode: types.AvailabilityModeZonal}
	if regional {
		n.AvailabilityMode = types.AvailabilityModeRegional
	} else {
		n.SubnetId = faultkit.Ptr(subnet)
	}
	f.Nats[id] = n
}

func (f *EC2) SetNATState(id string, s types.NatGatewayState) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Nats[id].State = s
}

// addTable adds a route table; main marks the VPC's main table, subnets are
// its explicit associations.
func (f *EC2) AddTable(id, vpc string, main bool, subnets []string, routes ...types.Route) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	t := &types.RouteTable{RouteTableId: faultkit.Ptr(id), VpcId: faultkit.Ptr(vpc), Routes: routes}
	if main {
		t.Associations = append(t.Associations, types.RouteTableAssociation{Main: faultkit.Ptr(true), RouteTableId: faultkit.Ptr(id)})
	}
	for _, s := range subnets {
		t.Associations = append(t.Associations, types.RouteTableAssociation{Main: faultkit.Ptr(false), SubnetId: faultkit.Ptr(s), RouteTableId: faultkit.Ptr(id)})
	}
	f.Rtbs[id] = t
}

// RouteOf is an active NAT route to dest (a CIDR or prefix list id).
func RouteOf(dest, nat string) types.Route {
	r := types.Route{NatGatewayId: faultkit.Ptr(nat), Origin: types.RouteOriginCreateRoute, State: types.RouteStateActive}
	switch {
	case strings.HasPrefix(dest, "pl-"):
		r.DestinationPrefixListId = &dest
	case strings.Contains(dest, ":"):
		r.DestinationIpv6CidrBlock = &dest
	default:
		r.DestinationCidrBlock = &dest
	}
	return r
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (f *EC2) Route(rtb, dest string) (types.Route, bool) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return faultkit.FindRoute(*f.Rtbs[rtb], dest)
}

func (f *EC2) TableTags(rtb string) map[string]string {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	m := map[string]string{}
	for _, t := range f.Rtbs[rtb].Tags {
		m[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
	}
	return m
}

func (f *EC2) DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	if err := f.enter(ctx, "DescribeSubnets", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	out := &ec2.DescribeSubnetsOutput{}
	for _, id := range slices.Sorted(maps.Keys(f.Subnets)) {
		s := f.Subnets[id]
		if matchFilters(in.Filters, func(name string) []string {
			if v, ok := tagValues(faultkit.TagMap(s.Tags), name); ok {
				return v
			}
			switch name {
			case "subnet-id":
				return []string{id}
			case "vpc-id":
				return []string{faultkit.Str(s.VpcId)}
			case "availability-zone":
				return []string{faultkit.Str(s.AvailabilityZone)}
			}
			return nil
		}) {
			out.Subnets = append(out.Subnets, *s)
		}
	}
	return out, nil
}

func (f *EC2) DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	if err := f.enter(ctx, "DescribeNatGateways", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	out := &ec2.DescribeNatGatewaysOutput{}
	for _, id := range slices.Sorted(maps.Keys(f.Nats)) {
		n := f.Nats[id]
		if matchFilters(in.Filter, func(name string) []string {
			switch name {
			case "nat-gateway-id":
				return []string{id}
			case "vpc-id":
				return []string{faultkit.Str(n.VpcId)}
			case "state":
				return []string{string(n.State)}
			case "subnet-id":
				return []string{faultkit.Str(n.SubnetId)}
			}
			return nil
		}) {
			out.NatGateways = append(out.NatGateways, *n)
		}
	}
	return out, nil
}

func (f *EC2) DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	if err := f.enter(ctx, "DescribeRouteTables", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	var ids []string
	for id, t := range f.Rtbs {
		if matchFilters(in.Filters, func(name string) []string {
			tags := map[string]string{}
			for _, tg := range t.Tags {
				tags[faultkit.Str(tg.Key)] = faultkit.Str(tg.Value)
			}
			if v, ok := tagValues(tags, name); ok {
				return v
			}
			var out []string
			switch name {
			case "route-table-id":
				out = []string{id}
			case "vpc-id":
				out = []string{faultkit.Str(t.VpcId)}
			case "route.nat-gateway-id":
				for _, r := range t.Routes {
					out = append(out, faultkit.Str(r.NatGatewayId))
				}
			case "association.subnet-id":
				for _, a := range t.Associations {
					out = append(out, faultkit.Str(a.SubnetId))
				}
			case "association.main":
				for _, a := range t.Associations {
					if deref(a.Main) {
						out = append(out, "true")
					}
				}
			}
			return out
		}) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	// Pages of two (AWS may return fewer than MaxResults) make the
	// following of NextToken observable.
	lo, hi, next, err := apisim.Page(len(ids), faultkit.Str(in.NextToken), 2, 2)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeRouteTablesOutput{}
	for _, id := range ids[lo:hi] {
		t := *f.Rtbs[id]
		t.Routes = append([]types.Route(nil), t.Routes...)
		t.Tags = append([]types.Tag(nil), t.Tags...)
		out.RouteTables = append(out.RouteTables, t)
	}
	if next != "" {
		out.NextToken = faultkit.Ptr(next)
	}
	return out, nil
}

func createDest(cidr, ipv6, pl *string) (string, int) {
	n, d := 0, ""
	for _, p := range []*string{cidr, ipv6, pl} {
		if p != nil {
			n++
			d = *p
		}
	}
	return d, n
}

func (f *EC2) CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	if err := f.enter(ctx, "CreateRoute", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	t := f.Rtbs[faultkit.Str(in.RouteTableId)]
	if t == nil {
		return nil, apisim.Error("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", faultkit.Str(in.RouteTableId))
	}
	d, n := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if n != 1 {
		return nil, apisim.Error("InvalidParameterCombination", "exactly one destination is required")
	}
	if nat := f.Nats[faultkit.Str(in.NatGatewayId)]; nat == nil || nat.State == types.NatGatewayStateDeleted {
		return nil, apisim.Error("InvalidNatGatewayID.NotFound", "The natGateway ID '%s' does not exist", faultkit.Str(in.NatGatewayId))
	}
	if _, ok := faultkit.FindRoute(*t, d); ok {
		return nil, apisim.Error("RouteAlreadyExists", "The route identified by %s already exists.", d)
	}
	t.Routes = append(t.Routes, RouteOf(d, faultkit.Str(in.NatGatewayId)))
	return &ec2.CreateRouteOutput{Return: faultkit.Ptr(true)}, nil
}

func (f *EC2) ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	if err := f.enter(ctx, "ReplaceRoute", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	t := f.Rtbs[faultkit.Str(in.RouteTableId)]
	d, _ := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	for i, r := range t.Routes {
		if faultkit.RouteDest(r) == d {
			t.Routes[i] = RouteOf(d, faultkit.Str(in.NatGatewayId))
			return &ec2.ReplaceRouteOutput{}, nil
		}
	}
	return nil, apisim.Error("InvalidRoute.NotFound", "no route with destination %s in %s", d, faultkit.Str(in.RouteTableId))
}

func (f *EC2) DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	d, n := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if err := f.enter(ctx, "DeleteRoute", in.DryRun); err != nil {
		return nil, err
	}
	if n != 1 {
		return nil, apisim.Error("InvalidParameterCombination", "exactly one destination is required")
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	t := f.Rtbs[faultkit.Str(in.RouteTableId)]
	for i, r := range t.Routes {
		if faultkit.RouteDest(r) == d {
			t.Routes = append(t.Routes[:i:i], t.Routes[i+1:]...)
			return &ec2.DeleteRouteOutput{}, nil
		}
	}
	return nil, apisim.Error("InvalidRoute.NotFound", "no route with destination %s in %s", d, faultkit.Str(in.RouteTableId))
}
