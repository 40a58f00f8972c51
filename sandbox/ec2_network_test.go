package sandbox

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestNATRouteOperations(t *testing.T) {
	w, _, c, _ := newAPI(t, 3)
	ctx := context.Background()

	priv, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{filter("availability-zone", "us-east-1a"), filter("tag:Tier", "private")}})
	if err != nil || len(priv.Subnets) != 1 {
		t.Fatalf("private subnet of us-east-1a: %v %+v", err, priv)
	}
	subnet := aws.ToString(priv.Subnets[0].SubnetId)
	nats, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: []types.Filter{filter("state", "available")}})
	if err != nil || len(nats.NatGateways) != 3 {
		t.Fatalf("NAT gateways: %v, %d", err, len(nats.NatGateways))
	}
	// The NAT gateway of us-east-1a: the one whose subnet is in that AZ.
	var nat string
	for _, g := range nats.NatGateways {
		sub, _ := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{aws.ToString(g.SubnetId)}})
		if aws.ToString(sub.Subnets[0].AvailabilityZone) == "us-east-1a" {
			nat = aws.ToString(g.NatGatewayId)
		}
	}
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.nat-gateway-id", nat)}})
	if err != nil || len(rts.RouteTables) != 1 {
		t.Fatalf("tables routing to %s: %v %+v", nat, err, rts)
	}
	rt := rts.RouteTables[0]
	if len(rt.Associations) != 1 || aws.ToString(rt.Associations[0].SubnetId) != subnet {
		t.Errorf("table %s is associated with %+v, want %s", aws.ToString(rt.RouteTableId), rt.Associations, subnet)
	}
	byAssoc, _ := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("association.subnet-id", subnet)}})
	if len(byAssoc.RouteTables) != 1 || aws.ToString(byAssoc.RouteTables[0].RouteTableId) != aws.ToString(rt.RouteTableId) {
		t.Errorf("association.subnet-id found %+v", byAssoc.RouteTables)
	}
	main, _ := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("association.main", "true")}})
	if len(main.RouteTables) != 1 {
		t.Errorf("main tables: %d, want 1", len(main.RouteTables))
	}
	var natRoute types.Route
	for _, r := range rt.Routes {
		if aws.ToString(r.NatGatewayId) == nat {
			natRoute = r
		}
	}
	if aws.ToString(natRoute.DestinationCidrBlock) != "0.0.0.0/0" || natRoute.Origin != types.RouteOriginCreateRoute || natRoute.State != types.RouteStateActive {
		t.Errorf("NAT route %+v", natRoute)
	}
	rtID := rt.RouteTableId

	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), DestinationPrefixListId: aws.String("pl-1")})
	wantCode(t, "two destinations", err, "InvalidParameterCombination")
	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID})
	wantCode(t, "no destination", err, "MissingParameter")
	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), DryRun: aws.Bool(true)})
	wantCode(t, "delete dry run", err, "DryRunOperation")
	if _, err := c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0")}); err != nil {
		t.Fatal(err)
	}
	if left, _ := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("route.nat-gateway-id", nat)}}); len(left.RouteTables) != 0 {
		t.Error("the route is still listed after DeleteRoute")
	}
	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0")})
	wantCode(t, "delete twice", err, "InvalidRoute.NotFound")
	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String("rtb-0000000000000000f"), DestinationCidrBlock: aws.String("0.0.0.0/0")})
	wantCode(t, "unknown table", err, "InvalidRouteTableID.NotFound")

	if _, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)})
	wantCode(t, "create twice", err, "RouteAlreadyExists")
	_, err = c.ReplaceRoute(ctx, &ec2.ReplaceRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-0ddddddddddddddd1")})
	wantCode(t, "replace to an unknown NAT", err, "InvalidNatGatewayID.NotFound")

	// The NAT gateway disappears meanwhile.
	if err := w.DeleteNatGateway(nat); err != nil {
		t.Fatal(err)
	}
	gone, _ := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{nat}})
	if len(gone.NatGateways) != 1 || gone.NatGateways[0].State == types.NatGatewayStateAvailable || gone.NatGateways[0].DeleteTime == nil {
		t.Errorf("deleted NAT described as %+v", gone.NatGateways)
	}
	bh, _ := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{aws.ToString(rtID)}, Filters: []types.Filter{filter("route.state", "blackhole")}})
	if len(bh.RouteTables) != 1 {
		t.Error("route to the deleted NAT is not a blackhole")
	}
	c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0")})
	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(nat)})
	wantCode(t, "restore to a deleted NAT", err, "InvalidNatGatewayID.NotFound")
	_, err = c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{"nat-0eeeeeeeeeeeeeee1"}})
	wantCode(t, "unknown NAT", err, "NatGatewayNotFound")
	_, err = c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-0fffffffffffffff1"}})
	wantCode(t, "unknown subnet", err, "InvalidSubnetID.NotFound")
	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rtID, DestinationCidrBlock: aws.String("0.0.0.0/0"), InstanceId: aws.String("i-0123456789abcdef0")})
	wantCode(t, "route to an instance", err, "InvalidParameterValue")

	all, _ := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(5)})
	if len(all.Subnets) != 5 || all.NextToken == nil {
		t.Errorf("subnets page: %d, token %v", len(all.Subnets), all.NextToken)
	}
	rest, _ := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(5), NextToken: all.NextToken})
	if len(rest.Subnets) != 1 || rest.NextToken != nil {
		t.Errorf("second subnets page: %d, token %v", len(rest.Subnets), rest.NextToken)
	}
}
