package natroute

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

type natReverter struct{ env engine.Env }

// Revert re-creates the route with the same destination and NAT gateway.
// When the route is already there (someone re-added it, or a previous
// revert did) it is compared and replaced only if it goes elsewhere. When
// the NAT gateway is gone, the recorded policy decides: fail, or substitute
// an available NAT gateway of the same AZ and VPC.
func (r *natReverter) Revert(ctx context.Context, batch []engine.Target, snapshot, _ json.RawMessage) (engine.RevertOutcome, error) {
	var out engine.RevertOutcome
	route, err := faultkit.Decode[natRoute]("nat_route_removal snapshot", snapshot)
	if err != nil {
		return out, fmt.Errorf("not restoring route %s: %w", strings.Join(engine.TargetIDs(batch), ", "), err)
	}
	nat, note, err := r.usableNAT(ctx, route)
	if err != nil {
		return out, err
	}
	if note != "" {
		out.Notes = append(out.Notes, note)
	}
	in := &ec2.CreateRouteInput{RouteTableId: &route.RouteTableID, NatGatewayId: &nat}
	setCreateDest(in, route)
	_, err = r.env.Clients.EC2.CreateRoute(ctx, in)
	switch {
	case err == nil:
	case awsapi.IsCode(err, "RouteAlreadyExists"):
		n, err := r.replaceIfDifferent(ctx, route, nat)
		if err != nil {
			return out, err
		}
		if n != "" {
			out.Notes = append(out.Notes, n)
		}
	case awsapi.IsCode(err, "InvalidNatGatewayID.NotFound", "NatGatewayNotFound"):
		// Deleted between the availability check and the call.
		return out, fmt.Errorf("not restoring route %s: NAT gateway %s no longer exists: %w", route.name(), nat, err)
	default:
		return out, fmt.Errorf("not restoring route %s through %s: CreateRoute failed: %w", route.name(), nat, err)
	}
	if n := r.untag(ctx, route); n != "" {
		out.Notes = append(out.Notes, n)
	}
	return out, nil
}

// usableNAT returns the NAT gateway to restore through: the recorded one
// when it is available, else what the policy allows.
func (r *natReverter) usableNAT(ctx context.Context, route natRoute) (string, string, error) {
	nats, err := describeNATs(ctx, r.env, []types.Filter{{Name: faultkit.Ptr("nat-gateway-id"), Values: []string{route.NatGatewayID}}})
	if err != nil {
		return "", "", fmt.Errorf("not restoring route %s: %w", route.name(), err)
	}
	n := nats[route.NatGatewayID]
	if n != nil && n.State == types.NatGatewayStateAvailable {
		return route.NatGatewayID, "", nil
	}
	why := "no longer exists"
	if n != nil && n.State != types.NatGatewayStateDeleted && n.State != types.NatGatewayStateDeleting {
		why = fmt.Sprintf("is %s, not available", n.State)
	}
	if route.OnNATGone != NATGoneSubstitute {
		return "", "", fmt.Errorf("not restoring route %s: NAT gateway %s %s", route.name(), route.NatGatewayID, why)
	}
	sub, err := r.substitute(ctx, route)
	if err != nil {
		return "", "", err
	}
	if sub == "" {
		where := "in " + route.AZ + " of " + route.VpcID
		switch {
		case route.Regional:
			where = "(regional) in " + route.VpcID
		case route.AZ == "":
			where = "in a known AZ (the route's AZ was not recorded)"
		}
		return "", "", fmt.Errorf("not restoring route %s: NAT gateway %s %s and no available NAT gateway %s can replace it",
			route.name(), route.NatGatewayID, why, where)
	}
	return sub, fmt.Sprintf("route %s restored through %s instead of %s, which %s", route.name(), sub, route.NatGatewayID, why), nil
}

// substitute finds an available NAT gateway of the route's VPC of the same
// kind: zonal in the same AZ, or regional for a regional one.
func (r *natReverter) substitute(ctx context.Context, route natRoute) (string, error) {
	if route.VpcID == "" || (route.AZ == "" && !route.Regional) {
		return "", nil
	}
	nats, err := describeNATs(ctx, r.env, []types.Filter{
		{Name: faultkit.Ptr("vpc-id"), Values: []string{route.VpcID}},
		{Name: faultkit.Ptr("state"), Values: []string{string(types.NatGatewayStateAvailable)}},
	})
	if err != nil {
		return "", fmt.Errorf("not restoring route %s: looking for a substitute NAT gateway: %w", route.name(), err)
	}
	for _, id := range slices.Sorted(maps.Keys(nats)) {
		n := nats[id]
		if id == route.NatGatewayID || n.State != types.NatGatewayStateAvailable || n.Regional != route.Regional {
			continue
		}
		if route.Regional || n.AZ == route.AZ {
			return id, nil
		}
	}
	return "", nil
}

// replaceIfDifferent handles RouteAlreadyExists: nothing to do when the
// route already goes through nat, ReplaceRoute otherwise.
func (r *natReverter) replaceIfDifferent(ctx context.Context, route natRoute, nat string) (string, error) {
	table, err := readRouteTable(ctx, r.env, route.RouteTableID)
	if err != nil {
		return "", fmt.Errorf("not restoring route %s: %w", route.name(), err)
	}
	cur, ok := faultkit.FindRoute(table, route.dest())
	if !ok {
		return "", fmt.Errorf("not restoring route %s: CreateRoute said it exists but the table does not list it", route.name())
	}
	if faultkit.Str(cur.NatGatewayId) == nat {
		return "", nil
	}
	in := &ec2.ReplaceRouteInput{RouteTableId: &route.RouteTableID, NatGatewayId: &nat}
	setReplaceDest(in, route)
	if _, err := r.env.Clients.EC2.ReplaceRoute(ctx, in); err != nil {
		return "", fmt.Errorf("not restoring route %s: it was re-added through %s and ReplaceRoute to %s failed: %w",
			route.name(), routeTarget(cur), nat, err)
	}
	return fmt.Sprintf("route %s had been re-added through %s; replaced to go through %s", route.name(), routeTarget(cur), nat), nil
}

// untag removes the route's revert tag, and the run tags once no removed
// route of the table is left. A failure is a note; Verify then finds the
// tag and keeps the batch pending until the next revert removes it.
func (r *natReverter) untag(ctx context.Context, route natRoute) string {
	table, err := readRouteTable(ctx, r.env, route.RouteTableID)
	if err != nil {
		return fmt.Sprintf("gameday tags left on %s: %v", route.RouteTableID, err)
	}
	keys := []types.Tag{{Key: faultkit.Ptr(route.tagKey())}}
	others := false
	for _, t := range table.Tags {
		k := faultkit.Str(t.Key)
		if strings.HasPrefix(k, engine.TagSnapshot+":") && k != route.tagKey() {
			others = true
		}
	}
	if !others {
		keys = append(keys, types.Tag{Key: faultkit.Ptr(engine.TagRun)}, types.Tag{Key: faultkit.Ptr(engine.TagFault)})
	}
	if _, err := r.env.Clients.EC2.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{route.RouteTableID}, Tags: keys}); err != nil {
		return fmt.Sprintf("gameday tags left on %s: %v", route.RouteTableID, err)
	}
	return ""
}

// Verify re-reads the route table: the route must be there, through a NAT
// gateway (the recorded one, or a substitute), and not a blackhole.
func (r *natReverter) Verify(ctx context.Context, batch []engine.Target, snapshot, _ json.RawMessage) error {
	route, err := faultkit.Decode[natRoute]("nat_route_removal snapshot", snapshot)
	if err != nil {
		return fmt.Errorf("not verifying route %s: %w", strings.Join(engine.TargetIDs(batch), ", "), err)
	}
	table, err := readRouteTable(ctx, r.env, route.RouteTableID)
	if err != nil {
		return fmt.Errorf("not verifying route %s: %w", route.name(), err)
	}
	cur, ok := faultkit.FindRoute(table, route.dest())
	switch {
	case !ok:
		return fmt.Errorf("route %s is not back: the table has no such route", route.name())
	case cur.NatGatewayId == nil:
		return fmt.Errorf("route %s is not back: it goes through %s, not a NAT gateway", route.name(), routeTarget(cur))
	case cur.State == types.RouteStateBlackhole:
		return fmt.Errorf("route %s is not back: it is a blackhole (NAT gateway %s is gone)", route.name(), faultkit.Str(cur.NatGatewayId))
	case faultkit.Str(cur.NatGatewayId) != route.NatGatewayID && route.OnNATGone != NATGoneSubstitute:
		return fmt.Errorf("route %s is not back: it goes through %s, recorded %s", route.name(), faultkit.Str(cur.NatGatewayId), route.NatGatewayID)
	}
	// Cleanup is part of the revert: the route's revert tag left on the
	// table keeps the batch pending until it is removed.
	for _, t := range table.Tags {
		if faultkit.Str(t.Key) == route.tagKey() {
			return fmt.Errorf("cleanup not finished: gameday tag %s still on %s", route.tagKey(), route.RouteTableID)
		}
	}
	return nil
}

// routeTarget names where a route goes.
func routeTarget(r types.Route) string {
	for _, p := range []*string{r.NatGatewayId, r.GatewayId, r.TransitGatewayId, r.NetworkInterfaceId, r.InstanceId,
		r.VpcPeeringConnectionId, r.EgressOnlyInternetGatewayId, r.LocalGatewayId, r.CarrierGatewayId} {
		if p != nil && *p != "" {
			return *p
		}
	}
	return "an unknown target"
}

type natScanner struct{ env engine.Env }

// Scan finds route tables tagged by a run and turns each recorded removed
// route into a leftover.
func (s *natScanner) Scan(ctx context.Context) ([]engine.Leftover, error) {
	var out []engine.Leftover
	err := describeRouteTables(ctx, s.env, "tag-key", []string{engine.TagRun}, nil, func(t types.RouteTable) {
		rtb := faultkit.Str(t.RouteTableId)
		var run, fault string
		var routes []natRoute
		for _, tag := range t.Tags {
			switch k := faultkit.Str(tag.Key); k {
			case engine.TagRun:
				run = faultkit.Str(tag.Value)
			case engine.TagFault:
				fault = faultkit.Str(tag.Value)
			default:
				if r, ok := routeFromTag(rtb, k, faultkit.Str(tag.Value)); ok {
					routes = append(routes, r)
				}
			}
		}
		for _, r := range routes {
			raw, err := faultkit.Encode(r)
			if err != nil {
				continue
			}
			out = append(out, engine.Leftover{Run: run, Kind: Name,
				Targets:  []engine.Target{leftoverTarget(r)},
				Snapshot: raw,
				Detail:   fmt.Sprintf("route %s through %s removed by %s in run %s", r.name(), r.NatGatewayID, fault, run)})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("not scanning route tables: %w", err)
	}
	return out, nil
}

// leftoverTarget is the target a leftover route is reverted as.
func leftoverTarget(r natRoute) engine.Target {
	t := engine.Target{ID: r.id(), Resource: "ec2:route", AZ: r.AZ, Labels: map[string]string{"nat_gateway": r.NatGatewayID}}
	faultkit.SetData(&t, routeData{NatGateway: r.NatGatewayID, Regional: r.Regional})
	return t
}
