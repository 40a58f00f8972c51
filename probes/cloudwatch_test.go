package probes

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeCW answers DescribeAlarms and GetMetricData from fields and records
// the requests.
type fakeCW struct {
	awsapi.CloudWatch // other methods are not used by probes

	mu        sync.Mutex
	alarms    *cloudwatch.DescribeAlarmsOutput
	metrics   *cloudwatch.GetMetricDataOutput
	err       error
	alarmReqs []*cloudwatch.DescribeAlarmsInput
	dataReqs  []*cloudwatch.GetMetricDataInput
}

func (f *fakeCW) DescribeAlarms(_ context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.alarmReqs = append(f.alarmReqs, in)
	if f.err != nil {
		return nil, f.err
	}
	// Like CloudWatch: metric alarms only unless AlarmTypes asks for more.
	out := &cloudwatch.DescribeAlarmsOutput{MetricAlarms: f.alarms.MetricAlarms}
	for _, t := range in.AlarmTypes {
		if t == types.AlarmTypeCompositeAlarm {
			out.CompositeAlarms = f.alarms.CompositeAlarms
		}
	}
	return out, nil
}

func (f *fakeCW) GetMetricData(_ context.Context, in *cloudwatch.GetMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dataReqs = append(f.dataReqs, in)
	if f.err != nil {
		return nil, f.err
	}
	return f.metrics, nil
}

func TestCloudWatchAlarm(t *testing.T) {
	cw := &fakeCW{alarms: &cloudwatch.DescribeAlarmsOutput{
		MetricAlarms:    []types.MetricAlarm{{AlarmName: aws.String("5xx"), StateValue: types.StateValueAlarm}, {AlarmName: aws.String("p99"), StateValue: types.StateValueOk}},
		CompositeAlarms: []types.CompositeAlarm{{AlarmName: aws.String("site"), StateValue: types.StateValueOk}},
	}}
	clients := &awsapi.Clients{CloudWatch: cw}
	for _, c := range []struct {
		spec     CloudWatchAlarmSpec
		want     string
		observed string
	}{
		{CloudWatchAlarmSpec{AlarmName: "p99"}, "pass", "OK"},
		{CloudWatchAlarmSpec{AlarmName: "5xx"}, "fail", "ALARM"},
		{CloudWatchAlarmSpec{AlarmName: "5xx", ExpectState: "ALARM"}, "pass", "ALARM"},
		{CloudWatchAlarmSpec{AlarmName: "site"}, "pass", "OK"},
		{CloudWatchAlarmSpec{AlarmName: "missing"}, "inconclusive", ""},
	} {
		p, err := New(KindCloudWatchAlarm, c.spec, clients)
		if err != nil {
			t.Fatal(err)
		}
		r := check(t, p, time.Second)
		wantOutcome(t, r, c.want)
		if r.Observed != c.observed {
			t.Errorf("%s: observed %q, want %q", c.spec.AlarmName, r.Observed, c.observed)
		}
	}
	req := cw.alarmReqs[0]
	if len(req.AlarmNames) != 1 || req.AlarmNames[0] != "p99" || len(req.AlarmTypes) != 2 {
		t.Errorf("request %+v: want one name and both alarm types", req)
	}

	cw.err = apisim.Error("Throttling", "Rate exceeded")
	p, _ := New(KindCloudWatchAlarm, CloudWatchAlarmSpec{AlarmName: "p99"}, clients)
	r := check(t, p, time.Second)
	wantOutcome(t, r, "inconclusive")
	if r.Observed != "Throttling" || !strings.Contains(r.Detail, "not read") {
		t.Errorf("observed %q detail %q", r.Observed, r.Detail)
	}

	for _, bad := range []CloudWatchAlarmSpec{{}, {AlarmName: "a", ExpectState: "GREEN"}} {
		if _, err := New(KindCloudWatchAlarm, bad, clients); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if _, err := New(KindCloudWatchAlarm, CloudWatchAlarmSpec{AlarmName: "a"}, nil); err == nil {
		t.Error("built without clients")
	}
}

func TestCloudWatchMetric(t *testing.T) {
	now := time.Now()
	result := func(vals []float64, ts []time.Time) *cloudwatch.GetMetricDataOutput {
		return &cloudwatch.GetMetricDataOutput{MetricDataResults: []types.MetricDataResult{{
			Id: aws.String("probe"), StatusCode: types.StatusCodeComplete, Values: vals, Timestamps: ts,
		}}}
	}
	cw := &fakeCW{}
	clients := &awsapi.Clients{CloudWatch: cw}
	spec := CloudWatchMetricSpec{
		Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count",
		Dimensions: map[string]string{"LoadBalancer": "app/web/1", "AvailabilityZone": "us-east-1a"},
		Statistic:  "Sum", Period: 10 * time.Second, Threshold: 1, Comparison: "LessThanThreshold",
	}
	p, err := New(KindCloudWatchMetric, spec, clients)
	if err != nil {
		t.Fatal(err)
	}
	// The newest data point decides, whatever order CloudWatch used.
	cw.metrics = result([]float64{7, 0}, []time.Time{now.Add(-20 * time.Second), now.Add(-10 * time.Second)})
	r := check(t, p, time.Second)
	wantOutcome(t, r, "pass")
	if r.Observed != "0" {
		t.Errorf("observed %q, want the newest value 0", r.Observed)
	}
	cw.metrics = result([]float64{3}, []time.Time{now})
	r = check(t, p, time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "3" || !strings.Contains(r.Detail, "LessThanThreshold 1 does not hold") {
		t.Errorf("observed %q detail %q", r.Observed, r.Detail)
	}
	cw.metrics = result(nil, nil)
	wantOutcome(t, check(t, p, time.Second), "inconclusive")
	cw.metrics = &cloudwatch.GetMetricDataOutput{MetricDataResults: []types.MetricDataResult{{Id: aws.String("probe"), StatusCode: types.StatusCodeInternalError}}}
	wantOutcome(t, check(t, p, time.Second), "inconclusive")
	cw.err = errors.New("connection reset")
	wantOutcome(t, check(t, p, time.Second), "inconclusive")

	req := cw.dataReqs[0]
	q := req.MetricDataQueries[0].MetricStat
	if aws.ToInt32(q.Period) != 10 || aws.ToString(q.Stat) != "Sum" || aws.ToString(q.Metric.MetricName) != spec.MetricName || len(q.Metric.Dimensions) != 2 {
		t.Errorf("query %+v", q)
	}
	if aws.ToString(q.Metric.Dimensions[0].Name) != "AvailabilityZone" {
		t.Errorf("dimensions not sorted: %+v", q.Metric.Dimensions)
	}
	if w := req.EndTime.Sub(*req.StartTime); w != metricLookbackPeriods*10*time.Second {
		t.Errorf("window %s, want %d periods", w, metricLookbackPeriods)
	}

	for _, mod := range []func(*CloudWatchMetricSpec){
		func(s *CloudWatchMetricSpec) { s.Namespace = "" },
		func(s *CloudWatchMetricSpec) { s.Statistic = "Median" },
		func(s *CloudWatchMetricSpec) { s.Period = 45 * time.Second },
		func(s *CloudWatchMetricSpec) { s.Comparison = "Above" },
	} {
		bad := spec
		mod(&bad)
		if _, err := New(KindCloudWatchMetric, bad, clients); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	for _, ok := range []string{"p99", "p99.9", "SampleCount"} {
		s := spec
		s.Statistic = ok
		if _, err := New(KindCloudWatchMetric, s, clients); err != nil {
			t.Errorf("statistic %s refused: %v", ok, err)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		op   string
		v    float64
		want bool
	}{
		{"GreaterThanThreshold", 1, false}, {"GreaterThanThreshold", 1.5, true},
		{"GreaterThanOrEqualToThreshold", 1, true}, {"LessThanThreshold", 1, false},
		{"LessThanThreshold", 0.5, true}, {"LessThanOrEqualToThreshold", 1, true},
	} {
		if got, ok := compare(c.op, c.v, 1); !ok || got != c.want {
			t.Errorf("%s %g vs 1 = %v, want %v", c.op, c.v, got, c.want)
		}
	}
}
