package natroute

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

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
	Tags     map[string]string
}

// Select finds the routes through NAT gateways in the selected route
// tables. Only routes created with CreateRoute are candidates: routes AWS
// manages (CreateRouteTable, EnableVgwRoutePropagation) are left alone. Each
// route carries the tags of its route table, its NAT gateway and the
// subnets that lose their egress with it, for the guard.
func (f *natRouteFault) Select(ctx context.Context) (engine.Selection, error) {
	sel := engine.Selection{Amount: engine.Amount{All: true}}
	if f.spec.AZ != "" {
		if err := faultkit.CheckAZ(ctx, f.env, f.spec.AZ); err != nil {
			return sel, fmt.Errorf("not selecting NAT routes: %w", err)
		}
	}
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

	// The NAT gateways' AZs label the targets (blast radius, substitution)
	// and their tags guard them; when the spec named NAT gateways or an AZ
	// they are already known.
	nats := allowed
	if nats == nil {
		var natIDs []string
		for _, t := range tables {
			for _, r := range t.Routes {
				natIDs = append(natIDs, faultkit.Str(r.NatGatewayId))
			}
		}
		if nats, err = describeNATs(ctx, f.env, []types.Filter{{Name: faultkit.Ptr("nat-gateway-id"), Values: faultkit.Dedupe(natIDs)}}); err != nil {
			return sel, fmt.Errorf("not selecting NAT routes: %w", err)
		}
	}
	served, err := servedSubnets(ctx, f.env, tables)
	if err != nil {
		return sel, fmt.Errorf("not selecting NAT routes: %w", err)
	}
	for _, t := range tables {
		rtb := faultkit.Str(t.RouteTableId)
		for _, r := range t.Routes {
			nat := faultkit.Str(r.NatGatewayId)
			if r.EgressOnlyInternetGatewayId != nil {
				sel.Notes = append(sel.Notes, fmt.Sprintf("%s sends %s through egress-only internet gateway %s: IPv6 egress bypasses NAT and is not affected",
					rtb, faultkit.RouteDest(r), faultkit.Str(r.EgressOnlyInternetGatewayId)))
			}
			if nat == "" || (allowed != nil && allowed[nat] == nil) {
				continue
			}
			if r.Origin != types.RouteOriginCreateRoute {
				sel.Notes = append(sel.Notes, fmt.Sprintf("route %s %s through %s has origin %s, not CreateRoute: left alone", rtb, faultkit.RouteDest(r), nat, r.Origin))
				continue
			}
			tg := engine.Target{ID: rtb + "|" + faultkit.RouteDest(r), Resource: "ec2:route",
				Labels: map[string]string{"nat_gateway": nat, "vpc": faultkit.Str(t.VpcId)}}
			c := engine.Candidate{Target: tg, Touches: []engine.Resource{{ID: rtb, Type: "ec2:route-table", Tags: faultkit.TagMap(t.Tags)}}}
			data := routeData{NatGateway: nat}
			if n := nats[nat]; n != nil {
				tg.AZ = n.AZ
				data.Regional = n.Regional
				if n.Regional {
					tg.Labels["nat_mode"] = regionalAZ
				}
				c.Touches = append(c.Touches, engine.Resource{ID: nat, Type: "ec2:natgateway", Tags: n.Tags})
			} else {
				// A route to a NAT gateway that is gone: it carries no tag.
				c.Touches = append(c.Touches, engine.Resource{ID: nat, Type: "ec2:natgateway", Tags: map[string]string{}})
			}
			faultkit.SetData(&tg, data)
			c.Target = tg
			c.Touches = append(c.Touches, served[rtb]...)
			sel.Candidates = append(sel.Candidates, c)
		}
	}
	sort.Slice(sel.Candidates, func(i, j int) bool { return sel.Candidates[i].Target.ID < sel.Candidates[j].Target.ID })
	return sel, nil
}

// servedSubnets returns, per route table, the subnets that route through it
// with their tags: its explicit associations, and for a VPC's main table
// every subnet of the VPC without an explicit association.
func servedSubnets(ctx context.Context, env engine.Env, tables []types.RouteTable) (map[string][]engine.Resource, error) {
	out := map[string][]engine.Resource{}
	byTable := map[string][]string{}
	var ids, mainVPCs []string
	mainOf := map[string]string{} // vpc -> main table
	for _, t := range tables {
		rtb := faultkit.Str(t.RouteTableId)
		for _, a := range t.Associations {
			if a.Main != nil && *a.Main {
				mainVPCs = append(mainVPCs, faultkit.Str(t.VpcId))
				mainOf[faultkit.Str(t.VpcId)] = rtb
			}
			if s := faultkit.Str(a.SubnetId); s != "" {
				byTable[rtb] = append(byTable[rtb], s)
				ids = append(ids, s)
			}
		}
	}
	var vpcSubnets map[string]types.Subnet
	if len(mainVPCs) > 0 {
		explicit := map[string]bool{}
		if err := describeRouteTables(ctx, env, "vpc-id", faultkit.Dedupe(mainVPCs), nil, func(t types.RouteTable) {
			for _, a := range t.Associations {
				if s := faultkit.Str(a.SubnetId); s != "" {
					explicit[s] = true
				}
			}
		}); err != nil {
			return nil, err
		}
		var err error
		if vpcSubnets, err = faultkit.DescribeSubnetsBy(ctx, env, "vpc-id", faultkit.Dedupe(mainVPCs)); err != nil {
			return nil, err
		}
		for id, sn := range vpcSubnets {
			if rtb, ok := mainOf[faultkit.Str(sn.VpcId)]; ok && !explicit[id] {
				byTable[rtb] = append(byTable[rtb], id)
			}
		}
	}
	subnets, err := faultkit.DescribeSubnets(ctx, env, faultkit.Dedupe(ids))
	if err != nil {
		return nil, err
	}
	for id, sn := range vpcSubnets {
		subnets[id] = sn
	}
	for rtb, sids := range byTable {
		for _, id := range faultkit.Dedupe(sids) {
			r := engine.Resource{ID: id, Type: "ec2:subnet"}
			if sn, ok := subnets[id]; ok {
				r.Tags = faultkit.TagMap(sn.Tags)
			} else {
				r.TagsUnread = "DescribeSubnets did not return it"
			}
			out[rtb] = append(out[rtb], r)
		}
	}
	return out, nil
}

// allowedNATs returns the NAT gateways the spec restricts routes to (nil:
// any NAT gateway).
func (f *natRouteFault) allowedNATs(ctx context.Context) (map[string]*natInfo, []string, error) {
	if len(f.spec.NATGatewayIDs) == 0 && f.spec.AZ == "" {
		return nil, nil, nil
	}
	var filters []types.Filter
	if len(f.spec.NATGatewayIDs) > 0 {
		filters = append(filters, types.Filter{Name: faultkit.Ptr("nat-gateway-id"), Values: f.spec.NATGatewayIDs})
	}
	nats, err := describeNATs(ctx, f.env, filters)
	if err != nil {
		return nil, nil, fmt.Errorf("not selecting NAT routes: %w", err)
	}
	allowed := map[string]*natInfo{}
	var notes []string
	for _, id := range slices.Sorted(maps.Keys(nats)) {
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
	var missing []string
	for _, id := range f.spec.NATGatewayIDs {
		if n := nats[id]; n == nil || n.State == types.NatGatewayStateDeleted || n.State == types.NatGatewayStateDeleting {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("not selecting NAT routes: NAT gateway(s) %s named in nat_gateway_ids do not exist (or are deleted)", strings.Join(missing, ", "))
	}
	return allowed, notes, nil
}

// tables returns the route tables to look at.
func (f *natRouteFault) tables(ctx context.Context, allowed map[string]*natInfo) ([]types.RouteTable, []string, error) {
	byID := map[string]types.RouteTable{}
	add := func(t types.RouteTable) { byID[faultkit.Str(t.RouteTableId)] = t }
	var notes []string
	if len(f.spec.SubnetIDs) == 0 && len(f.spec.RouteTableIDs) == 0 {
		if len(allowed) == 0 {
			return nil, []string{"no NAT gateway matched the selection"}, nil
		}
		if err := describeRouteTables(ctx, f.env, "route.nat-gateway-id", slices.Sorted(maps.Keys(allowed)), nil, add); err != nil {
			return nil, nil, err
		}
	}
	if len(f.spec.RouteTableIDs) > 0 {
		if err := describeRouteTables(ctx, f.env, "route-table-id", f.spec.RouteTableIDs, nil, add); err != nil {
			return nil, nil, err
		}
		var missing []string
		for _, id := range f.spec.RouteTableIDs {
			if _, ok := byID[id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return nil, nil, fmt.Errorf("not selecting NAT routes: route table(s) %s named in route_table_ids do not exist", strings.Join(missing, ", "))
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
	for _, id := range slices.Sorted(maps.Keys(byID)) {
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
			explicit[faultkit.Str(a.SubnetId)] = true
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
	subnets, err := faultkit.DescribeSubnets(ctx, f.env, implicit)
	if err != nil {
		return nil, fmt.Errorf("not selecting NAT routes: %w", err)
	}
	var vpcs, missing []string
	for _, s := range implicit {
		sn, ok := subnets[s]
		if !ok {
			missing = append(missing, s)
			continue
		}
		vpcs = append(vpcs, faultkit.Str(sn.VpcId))
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("not selecting NAT routes: subnet(s) %s named in subnet_ids do not exist", strings.Join(missing, ", "))
	}
	if len(vpcs) == 0 {
		return nil, nil
	}
	main := []types.Filter{{Name: faultkit.Ptr("association.main"), Values: []string{"true"}}}
	return nil, describeRouteTables(ctx, f.env, "vpc-id", faultkit.Dedupe(vpcs), main, add)
}

// describeRouteTables lists the route tables whose filter name matches one
// of values (chunked, every page followed).
func describeRouteTables(ctx context.Context, env engine.Env, name string, values []string, extra []types.Filter, each func(types.RouteTable)) error {
	for _, c := range faultkit.Chunk(values, faultkit.EC2MaxFilterValues) {
		filters := append([]types.Filter{{Name: faultkit.Ptr(name), Values: c}}, extra...)
		p := ec2.NewDescribeRouteTablesPaginator(env.Clients.EC2, &ec2.DescribeRouteTablesInput{Filters: filters, MaxResults: faultkit.Ptr(int32(100))})
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
	p := ec2.NewDescribeNatGatewaysPaginator(env.Clients.EC2, &ec2.DescribeNatGatewaysInput{Filter: filters, MaxResults: faultkit.Ptr(int32(1000))})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("DescribeNatGateways failed: %w", err)
		}
		for _, n := range out.NatGateways {
			nats[faultkit.Str(n.NatGatewayId)] = &natInfo{ID: faultkit.Str(n.NatGatewayId), VpcID: faultkit.Str(n.VpcId), SubnetID: faultkit.Str(n.SubnetId),
				State: n.State, Regional: n.AvailabilityMode == types.AvailabilityModeRegional, Tags: faultkit.TagMap(n.Tags)}
		}
	}
	var subnetIDs []string
	for _, n := range nats {
		if !n.Regional && n.SubnetID != "" {
			subnetIDs = append(subnetIDs, n.SubnetID)
		}
	}
	subnets, err := faultkit.DescribeSubnets(ctx, env, faultkit.Dedupe(subnetIDs))
	if err != nil {
		return nil, err
	}
	for _, n := range nats {
		if s, ok := subnets[n.SubnetID]; ok && !n.Regional {
			n.AZ = faultkit.Str(s.AvailabilityZone)
		}
	}
	return nats, nil
}

// routeData is what the kind keeps about a route target: the NAT gateway it
// goes through and whether that gateway is regional.
type routeData struct {
	NatGateway string `json:"nat_gateway"`
	Regional   bool   `json:"regional,omitempty"`
}
