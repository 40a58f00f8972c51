package faults

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// natInfo is what selection and revert need to know about a NAT gateway.
type natInfo struct {
	ID       string
	VpcID    string
	SubnetID string
	AZ       string // "" for regional NAT gateways
	State    types.NatGatewayState
	Regional bool
}

// Select finds the routes through NAT gateways in the selected route
// tables. Only routes created with CreateRoute are targets: routes AWS
// manages (CreateRouteTable, EnableVgwRoutePropagation) are left alone.
func (f *natRouteFault) Select(ctx context.Context) (engine.Selection, error) {
	var sel engine.Selection
	allowed, notes, err := f.allowedNATs(ctx)
	if err != nil {
		return sel, err
	}
	sel.Notes = append(sel.Notes, notes...)
	tables, notes, err := f.tables(ctx, allowed)
	if err != nil {
		return sel, err
	}
	sel.Notes = append(sel.Notes, notes...)

	// The NAT gateways' AZs label the targets (blast radius, substitution);
	// when the spec named NAT gateways or an AZ they are already known.
	nats := allowed
	if nats == nil {
		var natIDs []string
		for _, t := range tables {
			for _, r := range t.Routes {
				natIDs = append(natIDs, str(r.NatGatewayId))
			}
		}
		if nats, err = describeNATs(ctx, f.env, []types.Filter{{Name: ptr("nat-gateway-id"), Values: dedupe(natIDs)}}); err != nil {
			return sel, fmt.Errorf("not selecting NAT routes: %w", err)
		}
	}
	for _, t := range tables {
		rtb := str(t.RouteTableId)
		for _, r := range t.Routes {
			nat := str(r.NatGatewayId)
			if r.EgressOnlyInternetGatewayId != nil {
				sel.Notes = append(sel.Notes, fmt.Sprintf("%s sends %s through egress-only internet gateway %s: IPv6 egress bypasses NAT and is not affected",
					rtb, routeDest(r), str(r.EgressOnlyInternetGatewayId)))
			}
			if nat == "" || (allowed != nil && allowed[nat] == nil) {
				continue
			}
			sel.Candidates++
			if r.Origin != types.RouteOriginCreateRoute {
				sel.Notes = append(sel.Notes, fmt.Sprintf("route %s %s through %s has origin %s, not CreateRoute: left alone", rtb, routeDest(r), nat, r.Origin))
				continue
			}
			t := engine.Target{ID: rtb + "|" + routeDest(r), Resource: "ec2:route",
				Labels: map[string]string{"nat_gateway": nat, "vpc": str(t.VpcId)}}
			if n := nats[nat]; n != nil {
				t.AZ = n.AZ
				if n.Regional {
					t.Labels["nat_mode"] = regionalAZ
				}
			}
			sel.Targets = append(sel.Targets, t)
		}
	}
	sort.Slice(sel.Targets, func(i, j int) bool { return sel.Targets[i].ID < sel.Targets[j].ID })
	return sel, nil
}

// allowedNATs returns the NAT gateways the spec restricts routes to (nil:
// any NAT gateway).
func (f *natRouteFault) allowedNATs(ctx context.Context) (map[string]*natInfo, []string, error) {
	if len(f.spec.NATGatewayIDs) == 0 && f.spec.AZ == "" {
		return nil, nil, nil
	}
	var filters []types.Filter
	if len(f.spec.NATGatewayIDs) > 0 {
		filters = append(filters, types.Filter{Name: ptr("nat-gateway-id"), Values: f.spec.NATGatewayIDs})
	}
	nats, err := describeNATs(ctx, f.env, filters)
	if err != nil {
		return nil, nil, fmt.Errorf("not selecting NAT routes: %w", err)
	}
	allowed := map[string]*natInfo{}
	var notes []string
	for _, id := range sortedKeys(nats) {
		n := nats[id]
		if n.State == types.NatGatewayStateDeleted || n.State == types.NatGatewayStateDeleting {
			continue
		}
		if f.spec.AZ != "" {
			if n.Regional {
				notes = append(notes, fmt.Sprintf("NAT gateway %s is regional (it serves every AZ): not selected by az %s", id, f.spec.AZ))
				continue
			}
			if n.AZ != f.spec.AZ {
				continue
			}
		}
		allowed[id] = n
	}
	for _, id := range f.spec.NATGatewayIDs {
		if allowed[id] == nil && (f.spec.AZ == "" || nats[id] == nil) {
			notes = append(notes, fmt.Sprintf("NAT gateway %s was not found (or is deleted): no routes through it selected", id))
		}
	}
	return allowed, notes, nil
}

// tables returns the route tables to look at.
func (f *natRouteFault) tables(ctx context.Context, allowed map[string]*natInfo) ([]types.RouteTable, []string, error) {
	byID := map[string]types.RouteTable{}
	add := func(t types.RouteTable) { byID[str(t.RouteTableId)] = t }
	var notes []string
	if len(f.spec.SubnetIDs) == 0 && len(f.spec.RouteTableIDs) == 0 {
		if len(allowed) == 0 {
			return nil, []string{"no NAT gateway matched the selection"}, nil
		}
		if err := describeRouteTables(ctx, f.env, "route.nat-gateway-id", sortedKeys(allowed), nil, add); err != nil {
			return nil, nil, err
		}
	}
	if len(f.spec.RouteTableIDs) > 0 {
		if err := describeRouteTables(ctx, f.env, "route-table-id", f.spec.RouteTableIDs, nil, add); err != nil {
			return nil, nil, err
		}
		for _, id := range f.spec.RouteTableIDs {
			if _, ok := byID[id]; !ok {
				notes = append(notes, fmt.Sprintf("route table %s was not found", id))
			}
		}
	}
	if len(f.spec.SubnetIDs) > 0 {
		n, err := f.subnetTables(ctx, add)
		if err != nil {
			return nil, nil, err
		}
		notes = append(notes, n...)
	}
	out := make([]types.RouteTable, 0, len(byID))
	for _, id := range sortedKeys(byID) {
		out = append(out, byID[id])
	}
	return out, notes, nil
}

// subnetTables adds the route tables of the subnets: their explicit
// association, or the main table of their VPC when they have none.
func (f *natRouteFault) subnetTables(ctx context.Context, add func(types.RouteTable)) ([]string, error) {
	explicit := map[string]bool{}
	err := describeRouteTables(ctx, f.env, "association.subnet-id", f.spec.SubnetIDs, nil, func(t types.RouteTable) {
		add(t)
		for _, a := range t.Associations {
			explicit[str(a.SubnetId)] = true
		}
	})
	if err != nil {
		return nil, err
	}
	var implicit []string
	for _, s := range f.spec.SubnetIDs {
		if !explicit[s] {
			implicit = append(implicit, s)
		}
	}
	if len(implicit) == 0 {
		return nil, nil
	}
	subnets, err := describeSubnets(ctx, f.env, implicit)
	if err != nil {
		return nil, fmt.Errorf("not selecting NAT routes: %w", err)
	}
	var notes []string
	var vpcs []string
	for _, s := range implicit {
		sn, ok := subnets[s]
		if !ok {
			notes = append(notes, fmt.Sprintf("subnet %s was not found", s))
			continue
		}
		vpcs = append(vpcs, str(sn.VpcId))
	}
	if len(vpcs) == 0 {
		return notes, nil
	}
	main := []types.Filter{{Name: ptr("association.main"), Values: []string{"true"}}}
	return notes, describeRouteTables(ctx, f.env, "vpc-id", dedupe(vpcs), main, add)
}

// describeRouteTables lists the route tables whose filter name matches one
// of values (chunked, every page followed).
func describeRouteTables(ctx context.Context, env engine.Env, name string, values []string, extra []types.Filter, each func(types.RouteTable)) error {
	for _, c := range chunk(values, ec2MaxFilterValues) {
		filters := append([]types.Filter{{Name: ptr(name), Values: c}}, extra...)
		p := ec2.NewDescribeRouteTablesPaginator(env.Clients.EC2, &ec2.DescribeRouteTablesInput{Filters: filters, MaxResults: ptr(int32(100))})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return fmt.Errorf("DescribeRouteTables (%s) failed: %w", name, err)
			}
			for _, t := range out.RouteTables {
				each(t)
			}
		}
	}
	return nil
}

// describeNATs lists NAT gateways matching filters and resolves the AZ of
// each zonal one from its subnet.
func describeNATs(ctx context.Context, env engine.Env, filters []types.Filter) (map[string]*natInfo, error) {
	for _, f := range filters {
		if len(f.Values) == 0 {
			return map[string]*natInfo{}, nil
		}
	}
	nats := map[string]*natInfo{}
	p := ec2.NewDescribeNatGatewaysPaginator(env.Clients.EC2, &ec2.DescribeNatGatewaysInput{Filter: filters, MaxResults: ptr(int32(1000))})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("DescribeNatGateways failed: %w", err)
		}
		for _, n := range out.NatGateways {
			nats[str(n.NatGatewayId)] = &natInfo{ID: str(n.NatGatewayId), VpcID: str(n.VpcId), SubnetID: str(n.SubnetId),
				State: n.State, Regional: n.AvailabilityMode == types.AvailabilityModeRegional}
		}
	}
	var subnetIDs []string
	for _, n := range nats {
		if !n.Regional && n.SubnetID != "" {
			subnetIDs = append(subnetIDs, n.SubnetID)
		}
	}
	subnets, err := describeSubnets(ctx, env, dedupe(subnetIDs))
	if err != nil {
		return nil, err
	}
	for _, n := range nats {
		if s, ok := subnets[n.SubnetID]; ok && !n.Regional {
			n.AZ = str(s.AvailabilityZone)
		}
	}
	return nats, nil
}

// describeSubnets reads subnets by id (a filter, so unknown ids are absent
// instead of failing the call).
func describeSubnets(ctx context.Context, env engine.Env, ids []string) (map[string]types.Subnet, error) {
	out := map[string]types.Subnet{}
	for _, c := range chunk(ids, ec2MaxFilterValues) {
		p := ec2.NewDescribeSubnetsPaginator(env.Clients.EC2, &ec2.DescribeSubnetsInput{
			Filters: []types.Filter{{Name: ptr("subnet-id"), Values: c}}, MaxResults: ptr(int32(1000))})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("DescribeSubnets failed: %w", err)
			}
			for _, s := range page.Subnets {
				out[str(s.SubnetId)] = s
			}
		}
	}
	return out, nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
