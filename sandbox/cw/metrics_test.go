package cw

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

func query(id, stat string, period int32) types.MetricDataQuery {
	return types.MetricDataQuery{Id: aws.String(id), MetricStat: &types.MetricStat{Stat: aws.String(stat), Period: aws.Int32(period),
		Metric: &types.Metric{Namespace: aws.String("AWS/ApplicationELB"), MetricName: aws.String("TargetResponseTime"),
			Dimensions: []types.Dimension{{Name: aws.String("LoadBalancer"), Value: aws.String(lbDims["LoadBalancer"])}}}}}
}

func TestGetMetricDataStatistics(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	// Second 0: 1..100 (p99 = 99); second 1: 5 and 7.
	for i := 1; i <= 100; i++ {
		s.PutMetric("AWS/ApplicationELB", "TargetResponseTime", lbDims, sec(float64(i)/200), float64(i))
	}
	s.PutMetric("AWS/ApplicationELB", "TargetResponseTime", lbDims, sec(1.1), 5)
	s.PutMetric("AWS/ApplicationELB", "TargetResponseTime", lbDims, sec(1.9), 7)
	out, err := s.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(sec(0)), EndTime: aws.Time(sec(10)), ScanBy: types.ScanByTimestampAscending,
		MetricDataQueries: []types.MetricDataQuery{query("sum", "Sum", 1), query("avg", "Average", 1), query("p", "p99", 1),
			query("n", "SampleCount", 1), query("mx", "Maximum", 2), query("mn", "Minimum", 2)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{"sum": {5050, 12}, "avg": {50.5, 6}, "p": {99, 7}, "n": {100, 2}, "mx": {100}, "mn": {1}}
	for _, r := range out.MetricDataResults {
		w := want[*r.Id]
		if len(r.Values) != len(w) {
			t.Fatalf("%s: values %v, want %v", *r.Id, r.Values, w)
		}
		for i := range w {
			if r.Values[i] != w[i] {
				t.Errorf("%s[%d] = %v, want %v", *r.Id, i, r.Values[i], w[i])
			}
		}
		if !r.Timestamps[0].Equal(sec(0)) || r.StatusCode != types.StatusCodeComplete {
			t.Errorf("%s: timestamps %v status %s", *r.Id, r.Timestamps, r.StatusCode)
		}
	}
	if len(out.MetricDataResults) != len(want) {
		t.Fatalf("%d results, want %d", len(out.MetricDataResults), len(want))
	}
}

func TestGetMetricDataPagination(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	for i := range 5 {
		s.PutMetric("AWS/ApplicationELB", "TargetResponseTime", lbDims, sec(float64(i)), float64(i))
	}
	in := &cloudwatch.GetMetricDataInput{StartTime: aws.Time(sec(0)), EndTime: aws.Time(sec(5)), MaxDatapoints: aws.Int32(3),
		MetricDataQueries: []types.MetricDataQuery{query("a", "Sum", 1), query("b", "Maximum", 1)}}
	got := map[string][]float64{}
	pages := 0
	for {
		out, err := s.GetMetricData(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range out.MetricDataResults {
			got[*r.Id] = append(got[*r.Id], r.Values...)
		}
		if out.NextToken == nil {
			break
		}
		in.NextToken = out.NextToken
	}
	if pages != 4 || len(got["a"]) != 5 || len(got["b"]) != 5 || got["a"][0] != 4 || got["b"][4] != 0 {
		t.Fatalf("pages %d, values %v (newest first expected)", pages, got)
	}
	q := types.MetricDataQuery{Id: aws.String("e"), Expression: aws.String("SUM(METRICS())")}
	if _, err := s.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{StartTime: aws.Time(sec(0)),
		EndTime: aws.Time(sec(5)), MetricDataQueries: []types.MetricDataQuery{q}}); !awsapi.IsCode(err, "ValidationError") {
		t.Fatalf("expression: %v, want ValidationError", err)
	}
}

func TestPutMetricData(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	ctx := context.Background()
	if _, err := s.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/EC2"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1)}}}); !awsapi.IsCode(err, "InvalidParameterValue") {
		t.Fatalf("AWS/ namespace: %v", err)
	}
	_, err := s.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: []types.MetricDatum{
		{MetricName: aws.String("lat"), Timestamp: aws.Time(sec(0.1)), Values: []float64{1, 10}, Counts: []float64{3, 1}},
		{MetricName: aws.String("lat"), Timestamp: aws.Time(sec(0.2)), StatisticValues: &types.StatisticSet{
			Sum: aws.Float64(6), SampleCount: aws.Float64(2), Minimum: aws.Float64(2), Maximum: aws.Float64(4)}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	q := func(stat string) types.MetricDataQuery {
		return types.MetricDataQuery{Id: aws.String("q"), MetricStat: &types.MetricStat{Stat: aws.String(stat), Period: aws.Int32(1),
			Metric: &types.Metric{Namespace: aws.String("App"), MetricName: aws.String("lat")}}}
	}
	for stat, want := range map[string][]float64{"Sum": {19}, "SampleCount": {6}, "Minimum": {1}, "Maximum": {10}, "p50": nil} {
		out, err := s.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{StartTime: aws.Time(sec(0)), EndTime: aws.Time(sec(1)),
			MetricDataQueries: []types.MetricDataQuery{q(stat)}})
		if err != nil {
			t.Fatal(err)
		}
		got := out.MetricDataResults[0].Values
		if len(got) != len(want) || (len(want) == 1 && got[0] != want[0]) {
			t.Errorf("%s = %v, want %v (percentiles need raw values, as in AWS)", stat, got, want)
		}
	}
}
