//go:build conformance

package flakyproxy

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// world is what the soak reads: a VPC with a subnet, a route table, an
// internet gateway, instances, an alarm and a health check, made straight
// on moto.
type world struct {
	vpc, subnet, rtb, igw, healthCheck string
}

func buildWorld(t *testing.T, ctx context.Context, m *motoserver.Server) world {
	t.Helper()
	c := m.Clients()
	e := c.EC2.(*ec2.Client)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	w := world{vpc: *vpc.Vpc.VpcId}
	sub, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &w.vpc, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String("us-east-1a")})
	must(err)
	w.subnet = *sub.Subnet.SubnetId
	rtb, err := e.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &w.vpc})
	must(err)
	w.rtb = *rtb.RouteTable.RouteTableId
	igw, err := e.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	must(err)
	w.igw = *igw.InternetGateway.InternetGatewayId
	_, err = e.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &w.igw, VpcId: &w.vpc})
	must(err)
	imgs, err := e.DescribeImages(ctx, &ec2.DescribeImagesInput{})
	must(err)
	_, err = e.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro,
		MinCount: aws.Int32(3), MaxCount: aws.Int32(3), SubnetId: &w.subnet})
	must(err)
	_, err = c.CloudWatch.(*cloudwatch.Client).PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("staging-5xx"),
		Namespace: aws.String("App"), MetricName: aws.String("5xx"), Statistic: cwtypes.StatisticSum, Period: aws.Int32(60),
		EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(5), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	must(err)
	hc, err := c.Route53.(*route53.Client).CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("soak"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: aws.String("primary.example.com"),
			Port: aws.Int32(80), ResourcePath: aws.String("/health")}})
	must(err)
	w.healthCheck = *hc.HealthCheck.Id
	return w
}

// readPhase is the reads a game day makes before it may change anything:
// identity, selection (instances, NAT, route tables, subnets, groups),
// stop alarms, a health check.
func readPhase(ctx context.Context, c *awsapi.Clients, w world) error {
	steps := []func() error{
		func() error { _, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); return err },
		func() error {
			p := ec2.NewDescribeInstancesPaginator(c.EC2, &ec2.DescribeInstancesInput{MaxResults: aws.Int32(5)})
			for p.HasMorePages() {
				if _, err := p.NextPage(ctx); err != nil {
					return err
				}
			}
			return nil
		},
		func() error { _, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{}); return err },
		func() error {
			_, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{w.rtb}})
			return err
		},
		func() error {
			_, err := c.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{w.subnet}})
			return err
		},
		func() error {
			_, err := c.AutoScaling.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{})
			return err
		},
		func() error {
			_, err := c.CloudWatch.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"staging-5xx"},
				AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm, cwtypes.AlarmTypeCompositeAlarm}})
			return err
		},
		func() error {
			_, err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &w.healthCheck})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("read %d: %w", i, err)
		}
	}
	return nil
}

// Real SDK clients against moto through the proxy; moto starts once.
func TestConformanceFlakyProxyAgainstMoto(t *testing.T) {
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	w := buildWorld(t, ctx, m)
	t.Run("soak of read phases", func(t *testing.T) { soakReads(t, ctx, m, w) })
	t.Run("effect then fail CreateRoute", func(t *testing.T) { effectThenFailCreateRoute(t, ctx, m, w) })
}

// The soak: 30 % throttling and 10 % 5xx used to refuse a third of
// the runs at their first reads. Through the proxy, with the SDK's own
// three tries (waits shortened) under gameday's read budget, every read
// phase of 27 runs passes, and Weather's figures are the proxy's.
func soakReads(t *testing.T, ctx context.Context, m *motoserver.Server, w world) {
	p, err := Start(m.URL, awsapi.FlakyOptions{Seed: 27, Rates: awsapi.Rates{ThrottleRate: 0.3, ServerErrorRate: 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	var events []string
	clients, weather := awsapi.NewWeather(awsapi.Patient(clientsTo(p.URL, 3, 50*time.Millisecond),
		awsapi.ReadRetry{Base: 10 * time.Millisecond, Cap: 100 * time.Millisecond}), func(e awsapi.WeatherEvent) { events = append(events, e.String()) })
	for run := range 27 {
		phase, end := context.WithTimeout(ctx, time.Minute)
		err := readPhase(phase, clients, w)
		end()
		if err != nil {
			t.Fatalf("run %d refused: %v\n%s", run+1, err, weather.Summary())
		}
	}

	injected := p.Injector().Total()
	throttled := float64(injected.Throttled) / float64(injected.Calls)
	failed := float64(injected.ServerErrors) / float64(injected.Calls)
	if math.Abs(throttled-0.3) > 0.06 || math.Abs(failed-0.1) > 0.04 {
		t.Errorf("injected %+v: %.2f throttled, %.2f 5xx", injected, throttled, failed)
	}
	var seen awsapi.APIStats
	for _, s := range weather.Snapshot() {
		seen.Calls += s.Calls
		seen.Throttled += s.Throttled
		seen.ServerErrors += s.ServerErrors
		seen.Retries += s.Retries
		seen.Failed += s.Failed
	}
	// Every request was counted once, and every injected failure was
	// followed by a retry: nothing failed in the end.
	if seen.Calls != injected.Calls || seen.Throttled != injected.Throttled || seen.ServerErrors != injected.ServerErrors ||
		seen.Retries != injected.Throttled+injected.ServerErrors || seen.Failed != 0 {
		t.Errorf("weather %+v, proxy injected %+v", seen, injected)
	}
	if len(events) == 0 || !strings.Contains(weather.Summary(), "ec2:DescribeInstances: ") {
		t.Errorf("events %v, summary %q", events, weather.Summary())
	}
	t.Logf("27 read phases, %d requests: %d throttled, %d 5xx; %d progress lines, e.g. %q\n%s",
		injected.Calls, injected.Throttled, injected.ServerErrors, len(events), events[0], weather.Summary())
}

// A CreateRoute that took effect and then answered a 500: the caller got
// an error, the route is in moto. Only re-reading tells the truth.
func effectThenFailCreateRoute(t *testing.T, ctx context.Context, m *motoserver.Server, w world) {
	p, err := Start(m.URL, awsapi.FlakyOptions{Seed: 1, PerAction: map[string]awsapi.Rates{"ec2:CreateRoute": {EffectThenFailRate: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c := clientsTo(p.URL, 1, time.Millisecond)

	_, err = c.EC2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: &w.rtb, DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: &w.igw})
	if awsapi.ErrorCode(err) != "InternalError" || !awsapi.IsServerError(err) {
		t.Fatalf("CreateRoute answered %v, want the injected 500", err)
	}
	out, err := m.Clients().EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{w.rtb}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range out.RouteTables[0].Routes {
		found = found || (aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" && aws.ToString(r.GatewayId) == w.igw)
	}
	if !found || p.Injector().Counts()["ec2:CreateRoute"].EffectThenFail != 1 {
		t.Errorf("route in moto: %v; proxy counted %+v", found, p.Injector().Counts()["ec2:CreateRoute"])
	}
}
