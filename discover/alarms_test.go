package discover

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// pagedAlarms answers DescribeAlarms two alarms a page.
type pagedAlarms struct {
	awsapi.CloudWatch
	metric    []types.MetricAlarm
	composite []types.CompositeAlarm
}

func (p pagedAlarms) DescribeAlarms(_ context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	lo := 0
	if in.NextToken != nil {
		lo = int(aws.ToString(in.NextToken)[0] - '0')
	}
	out := &cloudwatch.DescribeAlarmsOutput{}
	if lo == 0 {
		out.CompositeAlarms = p.composite
	}
	hi := min(lo+2, len(p.metric))
	out.MetricAlarms = p.metric[lo:hi]
	if hi < len(p.metric) {
		out.NextToken = aws.String(string(rune('0' + hi)))
	}
	return out, nil
}

func metricAlarm(name, dim, value string) types.MetricAlarm {
	return types.MetricAlarm{AlarmName: aws.String(name), StateValue: types.StateValueOk,
		Dimensions: []types.Dimension{{Name: aws.String(dim), Value: aws.String(value)}}}
}

// Alarms on a protected resource, and composites built on them, are
// dropped and counted; every page is read.
func TestReadAlarmsDropsThoseOnProtectedResources(t *testing.T) {
	a := newAccount()
	a.protect("app/prod/1")
	cw := pagedAlarms{
		metric: []types.MetricAlarm{metricAlarm("web-5xx", "LoadBalancer", "app/web/1"), metricAlarm("prod-5xx", "LoadBalancer", "app/prod/1"),
			metricAlarm("web-p99", "LoadBalancer", "app/web/1"), metricAlarm("web-hosts", "TargetGroup", "targetgroup/web/1"), metricAlarm("batch", "AutoScalingGroupName", "batch")},
		composite: []types.CompositeAlarm{{AlarmName: aws.String("prod-down"), AlarmRule: aws.String(`ALARM("prod-5xx")`)},
			{AlarmName: aws.String("web-down"), AlarmRule: aws.String(`ALARM("web-5xx") OR ALARM("web-p99")`)}},
	}
	if err := readAlarms(context.Background(), &awsapi.Clients{CloudWatch: cw}, a); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, al := range a.Alarms {
		names = append(names, al.Name)
	}
	if want := "web-5xx web-p99 web-hosts batch web-down"; joined(names) != want || a.Protected != 2 {
		t.Errorf("kept %q with %d protected, want %q and 2", joined(names), a.Protected, want)
	}
}

func joined(s []string) string { return strings.Join(s, " ") }
