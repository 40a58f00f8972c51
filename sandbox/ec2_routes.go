package sandbox

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// destination checks that exactly one destination field is set and that
// the sandbox supports it (IPv4 CIDR only: the sandbox has no IPv6 and no
// prefix lists).
func destination(cidr, ipv6, prefixList *string) (string, error) {
	n := 0
	for _, p := range []*string{cidr, ipv6, prefixList} {
		if aws.ToString(p) != "" {
			n++
		}
	}
	switch {
	case n == 0:
		return "", apisim.Error("MissingParameter", "The request must contain exactly one of: destinationCidrBlock, destinationIpv6CidrBlock, destinationPrefixListId")
	case n > 1:
		return "", apisim.Error("InvalidParameterCombination", "Only one of destinationCidrBlock, destinationIpv6CidrBlock and destinationPrefixListId may be given")
	case aws.ToString(cidr) == "":
		return "", apisim.Error("InvalidParameterValue", "the sandbox has no IPv6 or prefix-list routes; use destinationCidrBlock")
	}
	return aws.ToString(cidr), nil
}

// target checks the route target: a NAT gateway or the internet gateway;
// other target kinds do not exist in the sandbox.
func target(nat, gw *string, others ...*string) (world.RouteTarget, error) {
	for _, o := range others {
		if aws.ToString(o) != "" {
			return world.RouteTarget{}, apisim.Error("InvalidParameterValue", "the sandbox routes only to NAT gateways and its internet gateway (not %s)", aws.ToString(o))
		}
	}
	if aws.ToString(nat) == "" && aws.ToString(gw) == "" {
		return world.RouteTarget{}, apisim.Error("MissingParameter", "The request must contain a route target (natGatewayId or gatewayId)")
	}
	return world.RouteTarget{NatGatewayID: aws.ToString(nat), GatewayID: aws.ToString(gw)}, nil
}

func needTable(id *string) error {
	if aws.ToString(id) == "" {
		return apisim.Error("MissingParameter", "The request must contain the parameter routeTableId")
	}
	return nil
}

// CreateRoute adds a route: RouteAlreadyExists when the destination has a
// route (whatever its target), InvalidNatGatewayID.NotFound when the NAT
// gateway does not exist or is deleted.
func (e *EC2) CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	if err := e.enter(ctx, "CreateRoute", in.DryRun); err != nil {
		return nil, err
	}
	if err := needTable(in.RouteTableId); err != nil {
		return nil, err
	}
	dst, err := destination(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if err != nil {
		return nil, err
	}
	t, err := target(in.NatGatewayId, in.GatewayId, in.InstanceId, in.TransitGatewayId, in.NetworkInterfaceId, in.VpcPeeringConnectionId, in.EgressOnlyInternetGatewayId)
	if err != nil {
		return nil, err
	}
	if err := e.w.CreateRoute(aws.ToString(in.RouteTableId), dst, t); err != nil {
		return nil, err
	}
	return &ec2.CreateRouteOutput{Return: aws.Bool(true)}, nil
}

// ReplaceRoute changes an existing route's target.
func (e *EC2) ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	if err := e.enter(ctx, "ReplaceRoute", in.DryRun); err != nil {
		return nil, err
	}
	if err := needTable(in.RouteTableId); err != nil {
		return nil, err
	}
	dst, err := destination(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if err != nil {
		return nil, err
	}
	t, err := target(in.NatGatewayId, in.GatewayId, in.InstanceId, in.TransitGatewayId, in.NetworkInterfaceId, in.VpcPeeringConnectionId, in.EgressOnlyInternetGatewayId)
	if err != nil {
		return nil, err
	}
	if err := e.w.ReplaceRoute(aws.ToString(in.RouteTableId), dst, t); err != nil {
		return nil, err
	}
	return &ec2.ReplaceRouteOutput{}, nil
}

// DeleteRoute removes a route; exactly one destination field is required.
func (e *EC2) DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	if err := e.enter(ctx, "DeleteRoute", in.DryRun); err != nil {
		return nil, err
	}
	if err := needTable(in.RouteTableId); err != nil {
		return nil, err
	}
	dst, err := destination(in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId)
	if err != nil {
		return nil, err
	}
	if err := e.w.DeleteRoute(aws.ToString(in.RouteTableId), dst); err != nil {
		return nil, err
	}
	return &ec2.DeleteRouteOutput{}, nil
}
