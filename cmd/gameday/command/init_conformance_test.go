//go:build conformance

package command

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// motoInitWorld is what buildMotoInitWorld created, for the assertions.
type motoInitWorld struct {
	rtb          map[string]string // az -> private route table
	healthCheck  string
	protectedIDs []string // what must never appear in init's output
}

// buildMotoInitWorld creates, through the real SDK, a staging service in
// two AZs — subnets, NAT gateways and private route tables, an Auto
// Scaling group of four instances behind an Application Load Balancer,
// a Route 53 failover pair with a health check, alarms on the balancer —
// next to a production balancer, group and alarm tagged
// Environment=production.
func buildMotoInitWorld(t *testing.T, ctx context.Context, m *motoserver.Server) motoInitWorld {
	t.Helper()
	cfg := m.Config()
	e, as, elb, cw, r53 := ec2.NewFromConfig(cfg), autoscaling.NewFromConfig(cfg), elbv2.NewFromConfig(cfg), cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) {
		// moto speaks the query protocol only (see awsapi.FromConfig).
		o.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801)
	}), route53.NewFromConfig(cfg)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := motoInitWorld{rtb: map[string]string{}}
	env := func(rt ec2types.ResourceType, v string) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: rt, Tags: []ec2types.Tag{{Key: aws.String("Environment"), Value: aws.String(v)}}}}
	}
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	var public, private []string
	for i, az := range []string{"us-east-1a", "us-east-1b"} {
		pub, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i)),
			AvailabilityZone: aws.String(az), TagSpecifications: env(ec2types.ResourceTypeSubnet, "staging")})
		must(err)
		priv, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", 10+i)),
			AvailabilityZone: aws.String(az), TagSpecifications: env(ec2types.ResourceTypeSubnet, "staging")})
		must(err)
		public, private = append(public, aws.ToString(pub.Subnet.SubnetId)), append(private, aws.ToString(priv.Subnet.SubnetId))
		eip, err := e.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
		must(err)
		nat, err := e.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: pub.Subnet.SubnetId, AllocationId: eip.AllocationId,
			TagSpecifications: env(ec2types.ResourceTypeNatgateway, "staging")})
		must(err)
		rt, err := e.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId, TagSpecifications: env(ec2types.ResourceTypeRouteTable, "staging")})
		must(err)
		w.rtb[az] = aws.ToString(rt.RouteTable.RouteTableId)
		_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: nat.NatGateway.NatGatewayId})
		must(err)
		_, err = e.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: priv.Subnet.SubnetId})
		must(err)
	}
	tgs := map[string]string{}
	for _, env := range []string{"staging", "production"} {
		lb, err := elb.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{Name: aws.String(env + "-lb"), Subnets: public,
			Tags: []elbtypes.Tag{{Key: aws.String("Environment"), Value: aws.String(env)}}})
		must(err)
		arn := aws.ToString(lb.LoadBalancers[0].LoadBalancerArn)
		tg, err := elb.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: aws.String(env + "-tg"), Protocol: elbtypes.ProtocolEnumHttp,
			Port: aws.Int32(80), VpcId: vpc.Vpc.VpcId, HealthCheckPath: aws.String("/health")})
		must(err)
		tgs[env] = aws.ToString(tg.TargetGroups[0].TargetGroupArn)
		_, err = elb.CreateListener(ctx, &elbv2.CreateListenerInput{LoadBalancerArn: aws.String(arn), Protocol: elbtypes.ProtocolEnumHttp, Port: aws.Int32(80),
			DefaultActions: []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: aws.String(tgs[env])}}})
		must(err)
		dim := arn[strings.Index(arn, ":loadbalancer/")+len(":loadbalancer/"):]
		_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(env + "-5xx"), Namespace: aws.String("AWS/ApplicationELB"),
			MetricName: aws.String("HTTPCode_ELB_5XX_Count"), Dimensions: []cwtypes.Dimension{{Name: aws.String("LoadBalancer"), Value: aws.String(dim)}},
			Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(10),
			ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
		must(err)
		if env == "production" {
			w.protectedIDs = append(w.protectedIDs, "production-lb", "production-5xx", "production-web", dim)
		}
	}
	_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("billing"), Namespace: aws.String("AWS/Billing"),
		MetricName: aws.String("EstimatedCharges"), Statistic: cwtypes.StatisticMaximum, Period: aws.Int32(21600), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(100), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	must(err)
	imgs, err := e.DescribeImages(ctx, &ec2.DescribeImagesInput{})
	if err != nil || len(imgs.Images) == 0 {
		t.Fatalf("no AMI in moto: %v", err)
	}
	lt, err := e.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("web"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro}})
	must(err)
	for _, g := range []struct{ name, env string }{{"staging-web", "staging"}, {"production-web", "production"}} {
		_, err = as.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String(g.name),
			MinSize: aws.Int32(0), MaxSize: aws.Int32(8), DesiredCapacity: aws.Int32(0), VPCZoneIdentifier: aws.String(strings.Join(private, ",")),
			LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId}, TargetGroupARNs: []string{tgs[g.env]},
			Tags: []astypes.Tag{{Key: aws.String("Environment"), Value: aws.String(g.env), PropagateAtLaunch: aws.Bool(true),
				ResourceId: aws.String(g.name), ResourceType: aws.String("auto-scaling-group")}}})
		must(err)
		var ids []string
		for _, subnet := range private {
			out, err := e.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro,
				MinCount: aws.Int32(2), MaxCount: aws.Int32(2), SubnetId: aws.String(subnet), TagSpecifications: env(ec2types.ResourceTypeInstance, g.env)})
			must(err)
			for _, in := range out.Instances {
				ids = append(ids, aws.ToString(in.InstanceId))
			}
		}
		if g.env == "production" {
			w.protectedIDs = append(w.protectedIDs, ids...)
		}
		_, err = as.AttachInstances(ctx, &autoscaling.AttachInstancesInput{AutoScalingGroupName: aws.String(g.name), InstanceIds: ids})
		must(err)
	}
	hc, err := r53.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("primary"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttps, FullyQualifiedDomainName: aws.String("primary.staging.example.com"),
			Port: aws.Int32(443), ResourcePath: aws.String("/health"), RequestInterval: aws.Int32(10), FailureThreshold: aws.Int32(3)}})
	must(err)
	w.healthCheck = aws.ToString(hc.HealthCheck.Id)
	_, err = r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceId: hc.HealthCheck.Id, ResourceType: r53types.TagResourceTypeHealthcheck,
		AddTags: []r53types.Tag{{Key: aws.String("Environment"), Value: aws.String("staging")}}})
	must(err)
	zone, err := r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("staging.example.com"), CallerReference: aws.String("zone")})
	must(err)
	_, err = r53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: zone.HostedZone.Id, ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{
		{Action: r53types.ChangeActionCreate, ResourceRecordSet: &r53types.ResourceRecordSet{Name: aws.String("app.staging.example.com"), Type: r53types.RRTypeA,
			SetIdentifier: aws.String("primary"), Failover: r53types.ResourceRecordSetFailoverPrimary, HealthCheckId: hc.HealthCheck.Id, TTL: aws.Int64(60),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("192.0.2.10")}}}},
		{Action: r53types.ChangeActionCreate, ResourceRecordSet: &r53types.ResourceRecordSet{Name: aws.String("app.staging.example.com"), Type: r53types.RRTypeA,
			SetIdentifier: aws.String("secondary"), Failover: r53types.ResourceRecordSetFailoverSecondary, TTL: aws.Int64(60),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("192.0.2.20")}}}},
	}}})
	must(err)
	return w
}

// Against moto, init's output validates and plans unchanged, with no
// mutating call on the wire, and names nothing protected.
func TestInitConformanceMoto(t *testing.T) {
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m.Reset(t)
	w := buildMotoInitWorld(t, ctx, m)

	clients, rec := awsapi.NewRecorder(m.Clients())
	b := &Backends{AWS: func(context.Context, awsapi.Options) (*Backend, error) {
		return &Backend{Clients: clients, Close: func() {}}, nil
	}}
	tio := newTestIO()
	opts := &InitOptions{Protect: map[string]string{"Environment": "production"}, Name: "moto", FISRoleARN: "arn:aws:iam::123456789012:role/fis",
		args: []string{"gameday", "init"},
		// Endpoints found in moto are AWS names: nothing leaves loopback.
		Reach: func(context.Context, string) error { return errors.New("not contacted in this test") }}
	opts.AWS.Region = "us-east-1"
	if err := runInit(ctx, tio.f, b, opts); err != nil {
		t.Fatalf("init: %v\n%s", err, tio.err)
	}
	assertReadOnly(t, rec, "init")
	src := tio.out.String()
	for _, want := range []string{`asg   = "staging-web"`, `route_table_ids = ["` + w.rtb["us-east-1a"] + `"]`, `health_check_id = "` + w.healthCheck + `"`,
		`alarms = ["staging-5xx"]`, `scenario "az-blackout-us-east-1a"`, "# probe \"http\" \"staging-lb\"", `protected_tags = {`} {
		if !strings.Contains(src, want) {
			t.Errorf("init's output lacks %q:\n%s", want, src)
		}
	}
	for _, id := range append(w.protectedIDs, "billing") {
		if strings.Contains(src, id) {
			t.Errorf("%s appears in init's output:\n%s", id, src)
		}
	}
	out := writeTemp(t, "moto.hcl", src)
	rec.Reset()
	tio = newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "validate", out); code != engine.ExitOK {
		t.Fatalf("validate exit %d\n%s", code, tio.err)
	}
	tio = newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "plan", out); code != engine.ExitOK {
		t.Fatalf("plan exit %d\n%s%s", code, tio.out, tio.err)
	}
	assertReadOnly(t, rec, "plan")
}
