package stop

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/sandbox/cw"
)

// Against the sandbox's CloudWatch, which evaluates alarms on metrics: a
// composite stop alarm (invisible without AlarmTypes) trips the condition
// when its metric child breaches, and the transition carries the time the
// sandbox's ground truth says the composite changed.
func TestCompositeAlarmTripsAgainstTheSandbox(t *testing.T) {
	s := cw.New(cw.Options{EvaluationTick: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	defer s.Close()
	if _, err := s.PutMetricAlarm(cw.MetricAlarmSpec{Name: "errors", Namespace: "App", MetricName: "5xx",
		Statistic: "Sum", Period: time.Second, EvaluationPeriods: 1, Threshold: 5,
		ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold, TreatMissingData: "notBreaching"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutCompositeAlarm(cw.CompositeAlarmSpec{Name: "service-down", AlarmRule: `ALARM("errors")`}); err != nil {
		t.Fatal(err)
	}
	// Let the alarms leave INSUFFICIENT_DATA.
	waitFor(t, func() bool { st, _ := s.AlarmState("service-down"); return st == "OK" })

	var mu sync.Mutex
	var seen []Transition
	c, err := NewCloudWatchAlarm(s, CloudWatchAlarmOptions{Name: "sla", Alarms: []string{"service-down"}, PollInterval: 20 * time.Millisecond,
		OnTransition: func(tr Transition) { mu.Lock(); seen = append(seen, tr); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Preflight(ctx); err != nil {
		t.Fatalf("preflight on a healthy sandbox: %v", err)
	}
	arns, err := c.ARNs(ctx)
	if err != nil || len(arns) != 1 || !strings.HasSuffix(arns[0], ":alarm:service-down") {
		t.Fatalf("ARNs %v %v", arns, err)
	}
	tr := watch(t, c)
	if _, err := s.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("5xx"), Value: aws.Float64(50), Timestamp: aws.Time(time.Now())}}}); err != nil {
		t.Fatal(err)
	}
	reason := waitTrip(t, tr, 5*time.Second)
	if !strings.Contains(reason, `"service-down" is in ALARM`) {
		t.Errorf("reason %q", reason)
	}
	var truth time.Time
	for _, x := range s.Transitions() {
		if x.Alarm == "service-down" && x.To == types.StateValueAlarm {
			truth = x.At
		}
	}
	mu.Lock()
	defer mu.Unlock()
	var got *Transition
	for i := range seen {
		if seen[i].To == types.StateValueAlarm {
			got = &seen[i]
		}
	}
	if got == nil || truth.IsZero() || !got.At.Equal(truth) {
		t.Fatalf("ALARM transition %+v, sandbox says %v", got, truth)
	}
	if lag := got.Seen.Sub(truth); lag < 0 || lag > time.Second {
		t.Errorf("seen %s after the change", lag)
	}
	// A second preflight now refuses: the alarm is in ALARM.
	if err := c.Preflight(ctx); err == nil {
		t.Error("preflight passed with the stop alarm in ALARM")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
