package remote

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox"
)

func serve(t *testing.T) (*sandbox.Sandbox, *awsapi.Clients, string) {
	t.Helper()
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	srv, err := Serve("127.0.0.1:0", sb.Clients(), sb.Vars())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, vars, err := Dial(context.Background(), srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	if vars["url"].AsString() != sb.Vars()["url"].AsString() {
		t.Fatalf("vars url %v, want %v", vars["url"], sb.Vars()["url"])
	}
	return sb, c, srv.URL()
}

func TestRemoteCallsReachTheSandbox(t *testing.T) {
	sb, c, _ := serve(t)
	ctx := context.Background()

	id, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Account) != "123456789012" {
		t.Fatalf("GetCallerIdentity = %v, %v", id, err)
	}
	out, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range out.Reservations {
		n += len(r.Instances)
	}
	if n != len(sb.World().Instances()) || n == 0 {
		t.Errorf("remote DescribeInstances saw %d instances, the world has %d", n, len(sb.World().Instances()))
	}
	hc, err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(sb.Vars()["primary_health_check_id"].AsString())})
	if err != nil || hc.HealthCheck.HealthCheckVersion == nil {
		t.Fatalf("GetHealthCheck = %+v, %v", hc, err)
	}
	al, err := c.CloudWatch.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"sandbox-5xx"},
		AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm, cwtypes.AlarmTypeCompositeAlarm}})
	if err != nil || len(al.MetricAlarms) != 1 {
		t.Fatalf("DescribeAlarms = %+v, %v", al, err)
	}
}

func TestRemoteKeepsAWSErrorCodes(t *testing.T) {
	_, c, _ := serve(t)
	_, err := c.EC2.TerminateInstances(context.Background(), &ec2.TerminateInstancesInput{InstanceIds: []string{"i-0123456789abcdef0"}})
	if code := awsapi.ErrorCode(err); code != "InvalidInstanceID.NotFound" {
		t.Fatalf("error %v has code %q, want InvalidInstanceID.NotFound", err, code)
	}
	_, err = c.EC2.StopInstances(context.Background(), &ec2.StopInstancesInput{InstanceIds: []string{firstInstance(t, c)}, DryRun: aws.Bool(true)})
	if !awsapi.IsDryRunAllowed(err) {
		t.Fatalf("DryRun answered %v, want DryRunOperation", err)
	}
}

func firstInstance(t *testing.T, c *awsapi.Clients) string {
	out, err := c.EC2.DescribeInstances(context.Background(), &ec2.DescribeInstancesInput{})
	if err != nil || len(out.Reservations) == 0 {
		t.Fatal(err)
	}
	return aws.ToString(out.Reservations[0].Instances[0].InstanceId)
}

func TestServeRefusesNonLoopback(t *testing.T) {
	if _, err := Serve("0.0.0.0:0", &awsapi.Clients{}, nil); err == nil {
		t.Fatal("serving on all interfaces was allowed")
	}
}
