//go:build conformance

package runner

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// motoWorld is what the test creates in moto through the SDK.
type motoWorld struct {
	rtb, instance, healthCheck string
}

func buildMotoWorld(t *testing.T, ctx context.Context, m *motoserver.Server) motoWorld {
	t.Helper()
	cfg := m.Config()
	e := ec2.NewFromConfig(cfg)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	vpc, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	pub, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.0.0/24"), AvailabilityZone: aws.String("us-east-1a")})
	must(err)
	priv, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String("us-east-1a")})
	must(err)
	eip, err := e.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: ec2types.DomainTypeVpc})
	must(err)
	nat, err := e.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: pub.Subnet.SubnetId, AllocationId: eip.AllocationId})
	must(err)
	rt, err := e.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: vpc.Vpc.VpcId})
	must(err)
	_, err = e.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: rt.RouteTable.RouteTableId, DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: nat.NatGateway.NatGatewayId})
	must(err)
	_, err = e.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: rt.RouteTable.RouteTableId, SubnetId: priv.Subnet.SubnetId})
	must(err)
	imgs, err := e.DescribeImages(ctx, &ec2.DescribeImagesInput{})
	must(err)
	run, err := e.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: imgs.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Micro,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: priv.Subnet.SubnetId})
	must(err)
	hc, err := route53.NewFromConfig(cfg).CreateHealthCheck(ctx, &route53.CreateHealthCheckInput{CallerReference: aws.String("conformance-run"),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, FullyQualifiedDomainName: aws.String("primary.example.com"),
			Port: aws.Int32(80), ResourcePath: aws.String("/health"), RequestInterval: aws.Int32(10), FailureThreshold: aws.Int32(3)}})
	must(err)
	cw := cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) { o.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801) })
	_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("stop-now"), Namespace: aws.String("App"),
		MetricName: aws.String("5xx"), Statistic: cwtypes.StatisticSum, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(1), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold})
	must(err)
	_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("stop-now"), StateValue: cwtypes.StateValueOk, StateReason: aws.String("setup")})
	must(err)
	return motoWorld{rtb: *rt.RouteTable.RouteTableId, instance: *run.Instances[0].InstanceId, healthCheck: *hc.HealthCheck.Id}
}

// TestConformanceAlarmAbortsRunAndEverythingIsReverted runs a game day of
// three reversible faults through the real SDK clients against moto; once
// they are in, the stop alarm is set to ALARM with SetAlarmState; the run
// must abort and put everything back: the route byte for byte, the health
// check's Inverted flag, the stopped instance running.
func TestConformanceAlarmAbortsRunAndEverythingIsReverted(t *testing.T) {
	m := motoserver.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := buildMotoWorld(t, ctx, m)
	clients := m.Clients()
	e := ec2.NewFromConfig(m.Config())
	routesBefore, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{w.rtb}})
	if err != nil {
		t.Fatal(err)
	}
	app := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) { rw.WriteHeader(200) }))
	defer app.Close()

	src := fmt.Sprintf(`
gameday "conformance" {
  region = "us-east-1"
  guard {
    accounts = ["123456789012"]
    regions  = ["us-east-1"]
  }
  stop_when "cloudwatch_alarm" "stop" {
    alarms        = ["stop-now"]
    poll_interval = "200ms"
  }
  probe "http" "app" {
    url      = "%s"
    interval = "200ms"
  }
  scenario "three-faults" {
    fault "nat_route_removal" "rt" {
      route_table_ids = ["%s"]
      duration        = "10m"
    }
    fault "route53_health_flip" "hc" {
      health_check_id = "%s"
      duration        = "10m"
    }
    fault "ec2_kill" "one" {
      action = "stop"
      select {
        ids = ["%s"]
      }
      duration = "10m"
    }
  }
}`, app.URL, w.rtb, w.healthCheck, w.instance)
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("conformance.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: catalog.KindsWith(catalog.Options{InstancePollInterval: 100 * time.Millisecond}),
		StateDir: t.TempDir(), Baseline: 200 * time.Millisecond, SteadyWarmup: 10 * time.Second,
		RecoveryTimeout: 5 * time.Second, VerifyTimeout: 10 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	injected := 0
	r.Timeline().Subscribe(func(ev engine.Event) {
		if ev.Type == engine.EvFaultInjected {
			injected++
			if injected == 3 {
				go func() {
					_, err := clients.CloudWatch.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("stop-now"),
						StateValue: cwtypes.StateValueAlarm, StateReason: aws.String("conformance: forced")})
					if err != nil {
						t.Errorf("SetAlarmState: %v", err)
					}
				}()
			}
		}
	})
	res, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if injected != 3 || res.ExitCode() != engine.ExitAborted {
		t.Fatalf("%d faults injected, exit %d (aborted %q): want 3 and an abort by the alarm", injected, res.ExitCode(), res.Aborted)
	}
	routesAfter, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{w.rtb}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(routesBefore.RouteTables[0].Routes, routesAfter.RouteTables[0].Routes) {
		t.Errorf("routes not restored exactly:\nbefore %+v\nafter  %+v", routesBefore.RouteTables[0].Routes, routesAfter.RouteTables[0].Routes)
	}
	hc, err := clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(w.healthCheck)})
	if err != nil || aws.ToBool(hc.HealthCheck.HealthCheckConfig.Inverted) {
		t.Errorf("health check still inverted after the abort (err %v)", err)
	}
	in, err := e.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{w.instance}})
	if err != nil {
		t.Fatal(err)
	}
	if st := in.Reservations[0].Instances[0].State.Name; st != ec2types.InstanceStateNameRunning && st != ec2types.InstanceStateNamePending {
		t.Errorf("instance %s is %s after the abort, want running", w.instance, st)
	}
	if len(res.Leftovers) != 0 {
		t.Errorf("leftovers: %+v", res.Leftovers)
	}
}
