package cw

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// The SDK's own paginators drive the sandbox exactly as they drive AWS.
func TestSDKPaginators(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	newSandboxAlarms(t, s)
	ctx := context.Background()
	alarms := 0
	p := cloudwatch.NewDescribeAlarmsPaginator(s, &cloudwatch.DescribeAlarmsInput{MaxRecords: aws.Int32(1),
		AlarmTypes: []types.AlarmType{types.AlarmTypeMetricAlarm, types.AlarmTypeCompositeAlarm}})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		alarms += len(out.MetricAlarms) + len(out.CompositeAlarms)
	}
	if alarms != 4 {
		t.Fatalf("DescribeAlarms paginator saw %d alarms, want 4", alarms)
	}

	for i := range 7 {
		s.PutMetric("AWS/ApplicationELB", "RequestCount", lbDims, sec(float64(i)), 1)
	}
	points := 0
	mp := cloudwatch.NewGetMetricDataPaginator(s, &cloudwatch.GetMetricDataInput{StartTime: aws.Time(sec(0)), EndTime: aws.Time(sec(7)),
		MaxDatapoints: aws.Int32(3), MetricDataQueries: []types.MetricDataQuery{{Id: aws.String("r"), MetricStat: &types.MetricStat{
			Stat: aws.String("Sum"), Period: aws.Int32(1), Metric: &types.Metric{Namespace: aws.String("AWS/ApplicationELB"),
				MetricName: aws.String("RequestCount"), Dimensions: []types.Dimension{{Name: aws.String("LoadBalancer"), Value: aws.String(lbDims["LoadBalancer"])}}}}}}})
	for mp.HasMorePages() {
		out, err := mp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.MetricDataResults {
			points += len(r.Values)
		}
	}
	if points != 7 {
		t.Fatalf("GetMetricData paginator saw %d datapoints, want 7", points)
	}
}
