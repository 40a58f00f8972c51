package faults

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

func (f *fakeEC2) addSubnet(id, vpc, az string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subnets[id] = &types.Subnet{SubnetId: ptr(id), VpcId: ptr(vpc), AvailabilityZone: ptr(az)}
}

// tagSubnet replaces a subnet's tags.
func (f *fakeEC2) tagSubnet(id string, tags map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subnets[id].Tags = nil
	for _, k := range sortedKeys(tags) {
		f.subnets[id].Tags = append(f.subnets[id].Tags, types.Tag{Key: ptr(k), Value: ptr(tags[k])})
	}
}

func (f *fakeEC2) addNAT(id, vpc, subnet string, state types.NatGatewayState, regional bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := &types.NatGateway{NatGatewayId: ptr(id), VpcId: ptr(vpc), State: state, AvailabilityMode: types.AvailabilityModeZonal}
	if regional {
		n.AvailabilityMode = types.AvailabilityModeRegional
	} else {
		n.SubnetId = ptr(subnet)
	}
	f.nats[id] = n
}

func (f *fakeEC2) setNATState(id string, s types.NatGatewayState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nats[id].State = s
}

// addTable adds a route table; main marks the VPC's main table, subnets are
// its explicit associations.
func (f *fakeEC2) addTable(id, vpc string, main bool, subnets []string, routes ...types.Route) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &types.RouteTable{RouteTableId: ptr(id), VpcId: ptr(vpc), Routes: routes}
	if main {
		t.Associations = append(t.Associations, types.RouteTableAssociation{Main: ptr(true), RouteTableId: ptr(id)})
	}
	for _, s := range subnets {
		t.Associations = append(t.Associations, types.RouteTableAssociation{Main: ptr(false), SubnetId: ptr(s), RouteTableId: ptr(id)})
	}
	f.rtbs[id] = t
}

func natRouteOf(dest, nat string) types.Route {
	r := types.Route{NatGatewayId: ptr(nat), Origin: types.RouteOriginCreateRoute, State: types.RouteStateActive}
	var nr natRoute
	nr.setDest(dest)
	r.DestinationCidrBlock, r.DestinationIpv6CidrBlock, r.DestinationPrefixListId = nilIfEmpty(nr.DestinationCidrBlock), nilIfEmpty(nr.DestinationIpv6CidrBlock), nilIfEmpty(nr.DestinationPrefixListID)
	return r
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (f *fakeEC2) route(rtb, dest string) (types.Route, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return findRoute(*f.rtbs[rtb], dest)
}

func (f *fakeEC2) tableTags(rtb string) map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]string{}
	for _, t := range f.rtbs[rtb].Tags {
		m[str(t.Key)] = str(t.Value)
	}
	return m
}

func (f *fakeEC2) DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	if err := f.enter(ctx, "DescribeSubnets", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &ec2.DescribeSubnetsOutput{}
	for _, id := range sortedKeys(f.subnets) {
		s := f.subnets[id]
		if matchFilters(in.Filters, func(name string) []string {
			if v, ok := tagValues(tagMap(s.Tags), name); ok {
				return v
			}
			switch name {
			case "subnet-id":
				return []string{id}
			case "vpc-id":
				return []string{str(s.VpcId)}
			case "availability-zone":
				return []string{str(s.AvailabilityZone)}
			}
			return nil
		}) {
			out.Subnets = append(out.Subnets, *s)
		}
	}
	return out, nil
}

func (f *fakeEC2) DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	if err := f.enter(ctx, "DescribeNatGateways", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &ec2.DescribeNatGatewaysOutput{}
	for _, id := range sortedKeys(f.nats) {
		n := f.nats[id]
		if matchFilters(in.Filter, func(name string) []string {
			switch name {
			case "nat-gateway-id":
				return []string{id}
			case "vpc-id":
				return []string{str(n.VpcId)}
			case "state":
				return []string{string(n.State)}
			case "subnet-id":
				return []string{str(n.SubnetId)}
			}
			return nil
		}) {
			out.NatGateways = append(out.NatGateways, *n)
		}
	}
	return out, nil
}

func (f *fakeEC2) DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	if err := f.enter(ctx, "DescribeRouteTables", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for id, t := range f.rtbs {
		if matchFilters(in.Filters, func(name string) []string {
			tags := map[string]string{}
			for _, tg := range t.Tags {
				tags[str(tg.Key)] = str(tg.Value)
			}
			if v, ok := tagValues(tags, name); ok {
				return v
			}
			var out []string
			switch name {
			case "route-table-id":
				out = []string{id}
			case "vpc-id":
				out = []string{str(t.VpcId)}
			case "route.nat-gateway-id":
				for _, r := range t.Routes {
					out = append(out, str(r.NatGatewayId))
				}
			case "association.subnet-id":
				for _, a := range t.Associations {
					out = append(out, str(a.SubnetId))
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
	lo, hi, next, err := apisim.Page(len(ids), str(in.NextToken), 2, 2)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeRouteTablesOutput{}
	for _, id := range ids[lo:hi] {
		t := *f.rtbs[id]
		t.Routes = append([]types.Route(nil), t.Routes...)
		t.Tags = append([]types.Tag(nil), t.Tags...)
		out.RouteTables = append(out.RouteTables, t)
	}
	if next != "" {
		out.NextToken = ptr(next)
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

func (f *fakeEC2) CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	if err := f.enter(ctx, "CreateRoute", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.rtbs[str(in.RouteTableId)]
	if t == nil {
		return nil, apisim.Error("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", str(in.RouteTableId))
	}
	d, n := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if n != 1 {
		return nil, apisim.Error("InvalidParameterCombination", "exactly one destination is required")
	}
	if nat := f.nats[str(in.NatGatewayId)]; nat == nil || nat.State == types.NatGatewayStateDeleted {
		return nil, apisim.Error("InvalidNatGatewayID.NotFound", "The natGateway ID '%s' does not exist", str(in.NatGatewayId))
	}
	if _, ok := findRoute(*t, d); ok {
		return nil, apisim.Error("RouteAlreadyExists", "The route identified by %s already exists.", d)
	}
	t.Routes = append(t.Routes, natRouteOf(d, str(in.NatGatewayId)))
	return &ec2.CreateRouteOutput{Return: ptr(true)}, nil
}

func (f *fakeEC2) ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	if err := f.enter(ctx, "ReplaceRoute", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.rtbs[str(in.RouteTableId)]
	d, _ := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	for i, r := range t.Routes {
		if routeDest(r) == d {
			t.Routes[i] = natRouteOf(d, str(in.NatGatewayId))
			return &ec2.ReplaceRouteOutput{}, nil
		}
	}
	return nil, apisim.Error("InvalidRoute.NotFound", "no route with destination %s in %s", d, str(in.RouteTableId))
}

func (f *fakeEC2) DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	d, n := createDest(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if err := f.enter(ctx, "DeleteRoute", in.DryRun); err != nil {
		return nil, err
	}
	if n != 1 {
		return nil, apisim.Error("InvalidParameterCombination", "exactly one destination is required")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.rtbs[str(in.RouteTableId)]
	for i, r := range t.Routes {
		if routeDest(r) == d {
			t.Routes = append(t.Routes[:i:i], t.Routes[i+1:]...)
			return &ec2.DeleteRouteOutput{}, nil
		}
	}
	return nil, apisim.Error("InvalidRoute.NotFound", "no route with destination %s in %s", d, str(in.RouteTableId))
}
