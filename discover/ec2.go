package discover

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// ec2Page is EC2's largest page (MaxResults).
const ec2Page = 1000

func ec2Tags(tags []types.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// selectFilters narrows a listing server side to the selection tags; the
// filter is applied again on each resource, which also catches endpoints
// that ignore filters.
func selectFilters(f Filter) []types.Filter {
	var out []types.Filter
	for _, k := range sortedKeys(f.Select) {
		out = append(out, types.Filter{Name: aws.String("tag:" + k), Values: []string{f.Select[k]}})
	}
	return out
}

// readInstances keeps running instances. Protected instances must be seen
// to be counted, so the selection is the only server-side filter.
func readInstances(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.EC2 == nil {
		return errNoClient("EC2")
	}
	filters := append(selectFilters(a.Filter), types.Filter{Name: aws.String("instance-state-name"), Values: []string{"running"}})
	p := ec2.NewDescribeInstancesPaginator(c.EC2, &ec2.DescribeInstancesInput{Filters: filters, MaxResults: aws.Int32(ec2Page)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeInstances failed: %w", err)
		}
		for _, r := range page.Reservations {
			for _, in := range r.Instances {
				tags := ec2Tags(in.Tags)
				if in.State == nil || in.State.Name != types.InstanceStateNameRunning || !a.keep(tags) {
					continue
				}
				i := Instance{ID: aws.ToString(in.InstanceId), SubnetID: aws.ToString(in.SubnetId), Tags: tags,
					Group: tags["aws:autoscaling:groupName"]}
				if in.Placement != nil {
					i.AZ = aws.ToString(in.Placement.AvailabilityZone)
				}
				a.Instances[i.ID] = i
			}
		}
	}
	return nil
}

// readSubnets keeps every subnet with its verdict: a NAT route serves
// subnets, and one protected subnet makes the route untouchable.
func readSubnets(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.EC2 == nil {
		return errNoClient("EC2")
	}
	p := ec2.NewDescribeSubnetsPaginator(c.EC2, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(ec2Page)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeSubnets failed: %w", err)
		}
		for _, s := range page.Subnets {
			tags := ec2Tags(s.Tags)
			sn := Subnet{ID: aws.ToString(s.SubnetId), ARN: aws.ToString(s.SubnetArn), VpcID: aws.ToString(s.VpcId),
				AZ: aws.ToString(s.AvailabilityZone), Tags: tags, Protected: a.Filter.Protected(tags), Selected: a.Filter.Selected(tags)}
			if sn.Protected {
				a.Protected++
			}
			a.Subnets[sn.ID] = sn
		}
	}
	return nil
}

// readNATs keeps available NAT gateways; a zonal one's AZ is its subnet's.
func readNATs(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.EC2 == nil {
		return errNoClient("EC2")
	}
	p := ec2.NewDescribeNatGatewaysPaginator(c.EC2, &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(ec2Page)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeNatGateways failed: %w", err)
		}
		for _, g := range page.NatGateways {
			tags := ec2Tags(g.Tags)
			if g.State != types.NatGatewayStateAvailable || !a.keep(tags) {
				continue
			}
			n := NAT{ID: aws.ToString(g.NatGatewayId), VpcID: aws.ToString(g.VpcId), SubnetID: aws.ToString(g.SubnetId), Tags: tags}
			if s, ok := a.Subnets[n.SubnetID]; ok && g.AvailabilityMode != types.AvailabilityModeRegional {
				n.AZ = s.AZ
			}
			a.NATs[n.ID] = n
		}
	}
	return nil
}

// readRouteTables keeps the tables with routes a nat_route_removal may
// remove: through a kept NAT gateway, created by CreateRoute (routes AWS
// manages are never touched).
func readRouteTables(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.EC2 == nil {
		return errNoClient("EC2")
	}
	p := ec2.NewDescribeRouteTablesPaginator(c.EC2, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeRouteTables failed: %w", err)
		}
		for _, t := range page.RouteTables {
			rt := RouteTable{ID: aws.ToString(t.RouteTableId), VpcID: aws.ToString(t.VpcId), Tags: ec2Tags(t.Tags)}
			for _, r := range t.Routes {
				nat := aws.ToString(r.NatGatewayId)
				if _, ok := a.NATs[nat]; !ok || r.Origin != types.RouteOriginCreateRoute {
					continue
				}
				dest := aws.ToString(r.DestinationCidrBlock)
				if dest == "" {
					dest = aws.ToString(r.DestinationIpv6CidrBlock)
				}
				rt.NATRoutes = append(rt.NATRoutes, NATRoute{Destination: dest, NATID: nat})
			}
			if len(rt.NATRoutes) == 0 {
				continue
			}
			if !a.keep(rt.Tags) {
				continue
			}
			for _, as := range t.Associations {
				if aws.ToBool(as.Main) {
					rt.Main = true
				}
				if s := aws.ToString(as.SubnetId); s != "" {
					rt.Subnets = append(rt.Subnets, s)
				}
			}
			a.RouteTables = append(a.RouteTables, rt)
		}
	}
	return nil
}
