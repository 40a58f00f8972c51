//go:build conformance

package runner

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// soakMotoWorld is what the weather soak builds in moto: two AZs, each
// with a public subnet and its NAT gateway, and a private subnet whose
// route table sends traffic through it (AZ a with a second NAT route, so
// that the NAT fault has two batches); three instances tagged
// Role=soak-web, one of them Environment=production, which the guard must
// keep out of every run; a health check; a stop alarm that stays OK.
type soakMotoWorld struct {
	vpc         string
	rtbA, rtbB  string
	staging     []string
	prod        string
	healthCheck string
}

const (
	soakRole      = "soak-web"
	soakAlarm     = "soak-5xx"
	soakExtraCIDR = "10.50.0.0/16"
)

func buildSoakMotoWorld(t *testing.T, ctx context.Context, c *awsapi.Clients, ami string) soakMotoWorld {
	t.Helper()
	e := c.EC2.(*ec2.Client)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	w := soakMotoWorld{vpc: aws.ToString(vpc.Vpc.VpcId)}
	for i, az := range []string{"us-east-1a", "us-east-1b"} {
		pub, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &w.vpc, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i)), AvailabilityZone: aws.String(az)})
		must(err)
		priv, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &w.vpc, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", 10+i)), AvailabilityZone: aws.String(az)})
		must(err)
		eip, err := e.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
		must(err)
		nat, err := e.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: pub.Subnet.SubnetId, AllocationId: eip.AllocationId})
		must(err)
		rt, err := e.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &w.vpc})
		must(err)
		dests := []string{"0.0.0.0/0"}
		if i == 0 {
			w.rtbA, dests = aws.ToString(rt.RouteTable.RouteTableId), append(dests, soakExtraCIDR)
		} else {
			w.rtbB = aws.ToString(rt.RouteTable.RouteTableId)
		}
		for _, d := range dests {
			_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String(d), NatGatewayId: nat.NatGateway.NatGatewayId})
			must(err)
		}
		_, err = e.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: priv.Subnet.SubnetId})
		must(err)
		for _, env := range []string{"staging", "production"} {
			if env == "production" && i > 0 {
				continue
			}
			run, err := e.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: &ami, InstanceType: ec2types.InstanceTypeT3Micro,
				MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: priv.Subnet.SubnetId,
				TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeInstance, Tags: []ec2types.Tag{
					{Key: aws.String("Role"), Value: aws.String(soakRole)}, {Key: aws.String("Environment"), Value: aws.String(env)}}}}})
			must(err)
			if id := aws.ToString(run.Instances[0].InstanceId); env == "production" {
				w.prod = id
			} else {
				w.staging = append(w.staging, id)
			}
		}
	}
	hc, err := c.Route53.(*route53.Client).CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("soak-primary"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: aws.String("primary.example.com"),
			Port: aws.Int32(80), ResourcePath: aws.String("/health"), RequestInterval: aws.Int32(10), FailureThreshold: aws.Int32(3)}})
	must(err)
	w.healthCheck = aws.ToString(hc.HealthCheck.Id)
	cw := c.CloudWatch.(*cloudwatch.Client)
	_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(soakAlarm), Namespace: aws.String("App"),
		MetricName: aws.String("5xx"), Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	must(err)
	_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(soakAlarm), StateValue: cwtypes.StateValueOk, StateReason: aws.String("soak")})
	must(err)
	return w
}

// soakMotoState is what the faults may change, read straight from moto:
// every route of every route table of the VPC (sorted by destination: a
// route put back is listed last, and AWS promises no order either), the
// tags of the route tables, instances and health check, the instances'
// states and the health check's Inverted flag.
type soakMotoState struct {
	routes    map[string][]ec2types.Route
	tags      map[string][]string
	instances map[string]ec2types.InstanceStateName
	inverted  bool
}

// soakAMI is an image moto knows. moto lists the same images after every
// reset, and listing them takes most of a second: it is read once.
func soakAMI(t *testing.T, ctx context.Context, c *awsapi.Clients) string {
	t.Helper()
	imgs, err := c.EC2.(*ec2.Client).DescribeImages(ctx, &ec2.DescribeImagesInput{})
	if err != nil || len(imgs.Images) == 0 {
		t.Fatalf("no AMI in moto: %v", err)
	}
	return aws.ToString(imgs.Images[0].ImageId)
}

func readSoakMotoState(t *testing.T, ctx context.Context, c *awsapi.Clients, w soakMotoWorld) soakMotoState {
	t.Helper()
	s := soakMotoState{routes: map[string][]ec2types.Route{}, tags: map[string][]string{}, instances: map[string]ec2types.InstanceStateName{}}
	e := c.EC2.(*ec2.Client)
	rts, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{w.vpc}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range rts.RouteTables {
		id := aws.ToString(rt.RouteTableId)
		routes := rt.Routes
		sort.Slice(routes, func(i, k int) bool {
			return aws.ToString(routes[i].DestinationCidrBlock) < aws.ToString(routes[k].DestinationCidrBlock)
		})
		s.routes[id], s.tags[id] = routes, ec2Tags(rt.Tags)
	}
	ins, err := e.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: append([]string{w.prod}, w.staging...)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ins.Reservations {
		for _, in := range r.Instances {
			id := aws.ToString(in.InstanceId)
			s.instances[id], s.tags[id] = in.State.Name, ec2Tags(in.Tags)
		}
	}
	r := c.Route53.(*route53.Client)
	hc, err := r.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &w.healthCheck})
	if err != nil {
		t.Fatal(err)
	}
	s.inverted = aws.ToBool(hc.HealthCheck.HealthCheckConfig.Inverted)
	tags, err := r.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: &w.healthCheck, ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		t.Fatal(err)
	}
	hm := map[string]string{}
	for _, tg := range tags.ResourceTagSet.Tags {
		hm[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	s.tags[w.healthCheck] = sortedTags(hm)
	return s
}

// checkSoakRestored compares moto with how it was before the run: routes
// byte for byte, no tag added or lost (a gameday:* tag left behind is
// recovery data nobody cleaned up), every instance in its state (the
// stopped one running again), the health check not inverted.
func checkSoakRestored(t *testing.T, before, after soakMotoState) {
	t.Helper()
	for id, rs := range before.routes {
		if !reflect.DeepEqual(rs, after.routes[id]) {
			t.Errorf("routes of %s not restored exactly:\nbefore %s\nafter  %s", id, soakRoutes(rs), soakRoutes(after.routes[id]))
		}
	}
	for id, tags := range after.tags {
		if !reflect.DeepEqual(before.tags[id], tags) {
			t.Errorf("tags of %s: before %v, after %v", id, before.tags[id], tags)
		}
	}
	for id, st := range before.instances {
		if after.instances[id] != st {
			t.Errorf("instance %s is %s, was %s", id, after.instances[id], st)
		}
	}
	if after.inverted != before.inverted {
		t.Errorf("health check Inverted=%v after the run, was %v", after.inverted, before.inverted)
	}
}

func soakRoutes(rs []ec2types.Route) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s->%s%s(%s,%s)", aws.ToString(r.DestinationCidrBlock), aws.ToString(r.GatewayId),
			aws.ToString(r.NatGatewayId), r.Origin, r.State))
	}
	return out
}
