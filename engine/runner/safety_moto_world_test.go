//go:build conformance

package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/internal/motoserver"
)

const motoSafetyASG = "safety-web"

// buildMotoSafetyWorld creates the safety world (safety_cases_test.go) in
// a freshly reset moto through the real SDK: the VPC, subnets, NAT
// gateways, route tables and routes, an Auto Scaling group of six
// instances over three AZs, two health checks, everything tagged
// Environment=staging except the protected resources.
func buildMotoSafetyWorld(t *testing.T, ctx context.Context, m *motoserver.Server) safetyIDs {
	t.Helper()
	m.Reset(t)
	cfg := m.Config()
	e := ec2.NewFromConfig(cfg)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := safetyIDs{region: cfg.Region, roleARN: "arn:aws:iam::123456789012:role/safety-fis", asg: motoSafetyASG,
		prod: map[string]string{}, staging: map[string]string{}, public: map[string]string{}, private: map[string]string{},
		nat: map[string]string{}, rtb: map[string]string{}}
	tags := func(rt ec2types.ResourceType, name string, protected bool) []ec2types.TagSpecification {
		return []ec2types.TagSpecification{{ResourceType: rt, Tags: []ec2types.Tag{{Key: aws.String("Name"), Value: aws.String(name)},
			{Key: aws.String(safetyProtectedKey), Value: aws.String(envTagValue(protected))}, {Key: aws.String("GameDay"), Value: aws.String("enabled")}}}}
	}

	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: tags(ec2types.ResourceTypeVpc, "safety", false)})
	must(err)
	vpcID := vpc.Vpc.VpcId
	for i, az := range safetyAZs {
		pub, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpcID, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i)),
			AvailabilityZone: aws.String(w.az(az)), TagSpecifications: tags(ec2types.ResourceTypeSubnet, "public-"+az, az != "c")})
		must(err)
		priv, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpcID, CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", 10+i)),
			AvailabilityZone: aws.String(w.az(az)), TagSpecifications: tags(ec2types.ResourceTypeSubnet, "private-"+az, az == "c")})
		must(err)
		w.public[az], w.private[az] = aws.ToString(pub.Subnet.SubnetId), aws.ToString(priv.Subnet.SubnetId)
		eip, err := e.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
		must(err)
		nat, err := e.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: pub.Subnet.SubnetId, AllocationId: eip.AllocationId,
			TagSpecifications: tags(ec2types.ResourceTypeNatgateway, "nat-"+az, az == "b")})
		must(err)
		w.nat[az] = aws.ToString(nat.NatGateway.NatGatewayId)
		rt, err := e.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpcID, TagSpecifications: tags(ec2types.ResourceTypeRouteTable, "private-"+az, az == "a")})
		must(err)
		w.rtb[az] = aws.ToString(rt.RouteTable.RouteTableId)
		_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String(safetyDefaultCIDR), NatGatewayId: nat.NatGateway.NatGatewayId})
		must(err)
		_, err = e.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: priv.Subnet.SubnetId})
		must(err)
	}
	mains, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{aws.ToString(vpcID)}}, {Name: aws.String("association.main"), Values: []string{"true"}}}})
	must(err)
	if len(mains.RouteTables) != 1 {
		t.Fatalf("%d main route tables in the VPC", len(mains.RouteTables))
	}
	w.main = aws.ToString(mains.RouteTables[0].RouteTableId)
	_, err = e.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{w.main}, Tags: []ec2types.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String("staging")}}})
	must(err)
	_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(w.rtb["b"]), DestinationCidrBlock: aws.String(safetyExtraCIDR), NatGatewayId: aws.String(w.nat["c"])})
	must(err)
	_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(w.main), DestinationCidrBlock: aws.String(safetyMainCIDR), NatGatewayId: aws.String(w.nat["a"])})
	must(err)

	motoSafetyGroup(t, ctx, m, &w)
	motoSafetyHealthChecks(t, ctx, m, &w)
	motoSafetyDBs(t, ctx, m, &w)
	return w
}

// motoSafetyGroup launches two instances in each private subnet, one
// Environment=production and one staging, and attaches them to an Auto
// Scaling group (moto launches a group's own instances all in its first
// subnet; attached ones keep theirs and get the group's name tag).
func motoSafetyGroup(t *testing.T, ctx context.Context, m *motoserver.Server, w *safetyIDs) {
	t.Helper()
	cfg := m.Config()
	e := ec2.NewFromConfig(cfg)
	as := autoscaling.NewFromConfig(cfg)
	imgs, err := e.DescribeImages(ctx, &ec2.DescribeImagesInput{})
	if err != nil || len(imgs.Images) == 0 {
		t.Fatalf("no AMI in moto: %v", err)
	}
	lt, err := e.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("safety-web"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = as.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(motoSafetyASG), MinSize: aws.Int32(0), MaxSize: aws.Int32(6), DesiredCapacity: aws.Int32(0),
		VPCZoneIdentifier: aws.String(w.private["a"] + "," + w.private["b"] + "," + w.private["c"]),
		LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId},
		Tags: []astypes.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String("staging"), PropagateAtLaunch: aws.Bool(true),
			ResourceId: aws.String(motoSafetyASG), ResourceType: aws.String("auto-scaling-group")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, az := range safetyAZs {
		for _, protected := range []bool{true, false} {
			out, err := e.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro,
				MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(w.private[az]),
				TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeInstance, Tags: []ec2types.Tag{
					{Key: aws.String("Name"), Value: aws.String("safety-web")}, {Key: aws.String("GameDay"), Value: aws.String("enabled")},
					{Key: aws.String(safetyProtectedKey), Value: aws.String(envTagValue(protected))}}}}})
			if err != nil {
				t.Fatal(err)
			}
			id := aws.ToString(out.Instances[0].InstanceId)
			all = append(all, id)
			if protected {
				w.prod[az] = id
			} else {
				w.staging[az] = id
			}
		}
	}
	if _, err := as.AttachInstances(ctx, &autoscaling.AttachInstancesInput{AutoScalingGroupName: aws.String(motoSafetyASG), InstanceIds: all}); err != nil {
		t.Fatal(err)
	}
}

// motoSafetyHealthChecks creates the protected and the staging health
// check.
func motoSafetyHealthChecks(t *testing.T, ctx context.Context, m *motoserver.Server, w *safetyIDs) {
	t.Helper()
	r := route53.NewFromConfig(m.Config())
	for _, hc := range []struct {
		id  *string
		env string
	}{{&w.hcProd, safetyProtectedVal}, {&w.hcStaging, "staging"}} {
		out, err := r.CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("safety-" + hc.env),
			HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: aws.String(hc.env + ".example.com"),
				Port: aws.Int32(80), ResourcePath: aws.String("/health"), RequestInterval: aws.Int32(10), FailureThreshold: aws.Int32(3)}})
		if err != nil {
			t.Fatal(err)
		}
		*hc.id = aws.ToString(out.HealthCheck.Id)
		if _, err := r.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceId: hc.id, ResourceType: r53types.TagResourceTypeHealthcheck,
			AddTags: []r53types.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String(hc.env)}}}); err != nil {
			t.Fatal(err)
		}
	}
}

// motoSafetyDBs creates a production and a staging Aurora cluster, each
// with a writer and a reader.
func motoSafetyDBs(t *testing.T, ctx context.Context, m *motoserver.Server, w *safetyIDs) {
	t.Helper()
	c := rds.NewFromConfig(m.Config())
	for _, db := range []struct {
		id  *string
		env string
	}{{&w.dbProd, safetyProtectedVal}, {&w.dbStaging, "staging"}} {
		name := "safety-" + db.env + "-db"
		tags := []rdstypes.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String(db.env)}}
		if _, err := c.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(name), Engine: aws.String("aurora-postgresql"),
			MasterUsername: aws.String("admin"), MasterUserPassword: aws.String("not-a-secret-1"), Tags: tags}); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{name + "-1", name + "-2"} {
			if _, err := c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(n), DBClusterIdentifier: aws.String(name),
				Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large"), Tags: tags}); err != nil {
				t.Fatal(err)
			}
		}
		*db.id = name
	}
}

// motoProtectedState re-reads every protected resource from moto.
func motoProtectedState(t *testing.T, ctx context.Context, m *motoserver.Server, w safetyIDs) map[string]string {
	t.Helper()
	cfg := m.Config()
	e := ec2.NewFromConfig(cfg)
	p := w.protected()
	out := map[string]string{}
	ins, err := e.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{w.prod["a"], w.prod["b"], w.prod["c"]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ins.Reservations {
		for _, in := range r.Instances {
			out[aws.ToString(in.InstanceId)] = fmt.Sprintf("%s %v", in.State.Name, ec2Tags(in.Tags))
		}
	}
	sn, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{w.public["a"], w.public["b"], w.private["c"]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sn.Subnets {
		out[aws.ToString(s.SubnetId)] = fmt.Sprint(ec2Tags(s.Tags))
	}
	nats, err := e.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{w.nat["b"]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nats.NatGateways {
		out[aws.ToString(n.NatGatewayId)] = fmt.Sprintf("%s %v", n.State, ec2Tags(n.Tags))
	}
	rts, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{w.rtb["a"], w.rtb["b"], w.rtb["c"], w.main}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range rts.RouteTables {
		id := aws.ToString(rt.RouteTableId)
		if _, ok := p[id]; ok {
			out[id] = fmt.Sprint(ec2Tags(rt.Tags))
		}
		for _, r := range rt.Routes {
			if k := w.route(id, aws.ToString(r.DestinationCidrBlock)); p[k] != "" {
				out[k] = fmt.Sprintf("%s%s %s", aws.ToString(r.GatewayId), aws.ToString(r.NatGatewayId), r.Origin)
			}
		}
	}
	r := route53.NewFromConfig(cfg)
	hc, err := r.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(w.hcProd)})
	if err != nil {
		t.Fatal(err)
	}
	tags, err := r.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: aws.String(w.hcProd), ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		t.Fatal(err)
	}
	hm := map[string]string{}
	for _, tg := range tags.ResourceTagSet.Tags {
		hm[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	out[w.hcProd] = fmt.Sprintf("inverted=%v disabled=%v %v", aws.ToBool(hc.HealthCheck.HealthCheckConfig.Inverted),
		aws.ToBool(hc.HealthCheck.HealthCheckConfig.Disabled), sortedTags(hm))
	out[w.dbProd] = safetyDBState(t, ctx, rds.NewFromConfig(cfg), w.dbProd)
	for k := range p {
		if _, ok := out[k]; !ok {
			out[k] = "absent"
		}
	}
	return out
}

// envTagValue is the Environment tag value of a protected or staging resource.
func envTagValue(protected bool) string {
	if protected {
		return safetyProtectedVal
	}
	return "staging"
}

func ec2Tags(tags []ec2types.Tag) []string {
	m := map[string]string{}
	for _, tg := range tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	return sortedTags(m)
}
