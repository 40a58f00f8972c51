package natroute

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// splitRouteID parses "rtb-1|0.0.0.0/0".
func splitRouteID(id string) (rtb, dest string, err error) {
	rtb, dest, ok := strings.Cut(id, "|")
	if !ok || rtb == "" || dest == "" {
		return "", "", fmt.Errorf("route target %q is not of the form rtb-x|destination", id)
	}
	return rtb, dest, nil
}

// Preflight dry-runs DeleteRoute for every route, and CreateTags and
// CreateRoute (what revert needs) once. Against an endpoint that is not
// AWS's own nothing is sent (emulators perform route calls even with
// DryRun) and the permissions are reported unverified.
func (f *natRouteFault) Preflight(ctx context.Context, g engine.Guarded) []engine.Check {
	var checks []engine.Check
	for i, t := range g.Targets() {
		rtb, dest, err := splitRouteID(t.ID)
		if err != nil {
			checks = append(checks, engine.Check{Action: "ec2:DeleteRoute", Detail: err.Error()})
			continue
		}
		data, err := faultkit.DataOf[routeData](t)
		if err != nil {
			checks = append(checks, engine.Check{Action: "ec2:DeleteRoute", Detail: err.Error()})
			continue
		}
		r := natRoute{RouteTableID: rtb, NatGatewayID: data.NatGateway}
		r.setDest(dest)
		c := faultkit.DryRun(f.env, "ec2:DeleteRoute", func() error {
			in := &ec2.DeleteRouteInput{DryRun: faultkit.Ptr(true), RouteTableId: &rtb}
			setDeleteDest(in, r)
			_, err := f.env.Clients.EC2.DeleteRoute(ctx, in)
			return err
		})
		c.Detail = strings.TrimSpace(r.name() + " " + c.Detail)
		checks = append(checks, c)
		if i > 0 {
			continue
		}
		checks = append(checks, faultkit.DryRun(f.env, "ec2:CreateTags", func() error {
			_, err := f.env.Clients.EC2.CreateTags(ctx, &ec2.CreateTagsInput{DryRun: faultkit.Ptr(true), Resources: []string{rtb},
				Tags: []types.Tag{{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)}}})
			return err
		}))
		checks = append(checks, faultkit.DryRun(f.env, "ec2:CreateRoute", func() error {
			cin := &ec2.CreateRouteInput{DryRun: faultkit.Ptr(true), RouteTableId: &rtb, NatGatewayId: faultkit.Ptr(r.NatGatewayID)}
			setCreateDest(cin, r)
			_, err := f.env.Clients.EC2.CreateRoute(ctx, cin)
			return err
		}))
	}
	return checks
}

// Snapshot re-reads the route table and records the exact route.
func (f *natRouteFault) Snapshot(ctx context.Context, b engine.Batch) (json.RawMessage, error) {
	batch := b.Targets()
	if len(batch) != 1 {
		return nil, fmt.Errorf("nat_route_removal takes one route per batch, got %d", len(batch))
	}
	rtb, dest, err := splitRouteID(batch[0].ID)
	if err != nil {
		return nil, err
	}
	data, err := faultkit.DataOf[routeData](batch[0])
	if err != nil {
		return nil, err
	}
	table, err := readRouteTable(ctx, f.env, rtb)
	if err != nil {
		return nil, fmt.Errorf("not removing route %s %s: %w", rtb, dest, err)
	}
	rt, ok := faultkit.FindRoute(table, dest)
	if !ok || rt.NatGatewayId == nil {
		return nil, fmt.Errorf("not removing route %s %s: the route table has no such route through a NAT gateway any more", rtb, dest)
	}
	if rt.Origin != types.RouteOriginCreateRoute {
		return nil, fmt.Errorf("not removing route %s %s: its origin is %s, not CreateRoute", rtb, dest, rt.Origin)
	}
	r := natRoute{RouteTableID: rtb, VpcID: faultkit.Str(table.VpcId),
		DestinationCidrBlock: faultkit.Str(rt.DestinationCidrBlock), DestinationIpv6CidrBlock: faultkit.Str(rt.DestinationIpv6CidrBlock),
		DestinationPrefixListID: faultkit.Str(rt.DestinationPrefixListId),
		NatGatewayID:            faultkit.Str(rt.NatGatewayId), Origin: string(rt.Origin), AZ: batch[0].AZ, OnNATGone: f.spec.OnNATGone,
		Regional: data.Regional}
	return faultkit.Encode(r)
}

// Inject tags the route table with the run and the route's revert data (so
// a scan restores it without the journal), then deletes the route.
func (f *natRouteFault) Inject(ctx context.Context, _ engine.Batch, snapshot json.RawMessage) (json.RawMessage, error) {
	r, err := faultkit.Decode[natRoute]("nat_route_removal snapshot", snapshot)
	if err != nil {
		return nil, fmt.Errorf("not removing route: %w", err)
	}
	if _, err := f.env.Clients.EC2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{r.RouteTableID}, Tags: []types.Tag{
		{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)},
		{Key: faultkit.Ptr(engine.TagFault), Value: faultkit.Ptr(f.env.FaultID)},
		{Key: faultkit.Ptr(r.tagKey()), Value: faultkit.Ptr(r.tagValue())},
	}}); err != nil {
		return nil, fmt.Errorf("not removing route %s: tagging %s for recovery failed: %w", r.name(), r.RouteTableID, err)
	}
	in := &ec2.DeleteRouteInput{RouteTableId: &r.RouteTableID}
	setDeleteDest(in, r)
	if _, err := f.env.Clients.EC2.DeleteRoute(ctx, in); err != nil {
		return nil, fmt.Errorf("not removing route %s: DeleteRoute failed: %w", r.name(), err)
	}
	return nil, nil
}

// VerifyEffect re-reads the route table: the route through the NAT gateway
// must be gone.
func (f *natRouteFault) VerifyEffect(ctx context.Context, _ engine.Batch, snapshot, _ json.RawMessage) (engine.Observed, error) {
	r, err := faultkit.Decode[natRoute]("nat_route_removal snapshot", snapshot)
	if err != nil {
		return engine.Observed{}, err
	}
	return faultkit.AwaitEffect(ctx, f.o, func(ctx context.Context) (engine.Observed, error) {
		table, err := readRouteTable(ctx, f.env, r.RouteTableID)
		if err != nil {
			return engine.Observed{}, fmt.Errorf("re-reading route %s: %w", r.name(), err)
		}
		if rt, ok := faultkit.FindRoute(table, r.dest()); ok && faultkit.Str(rt.NatGatewayId) == r.NatGatewayID {
			return engine.Observed{Detail: fmt.Sprintf("route %s still goes through %s", r.name(), r.NatGatewayID)}, nil
		}
		return engine.Observed{Affected: []string{r.id()}, Detail: fmt.Sprintf("route %s absent", r.name())}, nil
	})
}

// destFields returns the route's destination as the three EC2 destination
// fields, exactly one of them set, as DeleteRoute, CreateRoute and
// ReplaceRoute all demand.
func (r natRoute) destFields() (cidr, ipv6, prefixList *string) {
	switch {
	case r.DestinationCidrBlock != "":
		return faultkit.Ptr(r.DestinationCidrBlock), nil, nil
	case r.DestinationIpv6CidrBlock != "":
		return nil, faultkit.Ptr(r.DestinationIpv6CidrBlock), nil
	}
	return nil, nil, faultkit.Ptr(r.DestinationPrefixListID)
}

func setDeleteDest(in *ec2.DeleteRouteInput, r natRoute) {
	in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId = r.destFields()
}

func setCreateDest(in *ec2.CreateRouteInput, r natRoute) {
	in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId = r.destFields()
}

func setReplaceDest(in *ec2.ReplaceRouteInput, r natRoute) {
	in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId = r.destFields()
}

// readRouteTable reads one route table (a filter: a missing table is an
// explicit error rather than an SDK NotFound).
func readRouteTable(ctx context.Context, env engine.Env, rtb string) (types.RouteTable, error) {
	var found *types.RouteTable
	err := describeRouteTables(ctx, env, "route-table-id", []string{rtb}, nil, func(t types.RouteTable) {
		if faultkit.Str(t.RouteTableId) == rtb {
			found = &t
		}
	})
	if err != nil {
		return types.RouteTable{}, err
	}
	if found == nil {
		return types.RouteTable{}, fmt.Errorf("route table %s does not exist", rtb)
	}
	return *found, nil
}
