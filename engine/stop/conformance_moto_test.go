//go:build conformance

package stop

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/internal/motoserver"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"

	"github.com/gameday-dev/gameday/awsapi"
)

// The cloudwatch_alarm condition through the project's real CloudWatch
// client (query protocol, as in emulator mode) against moto_server: proves
// that DescribeAlarms with 150 names in two batches, AlarmTypes and
// MaxRecords, and SetAlarmState's ALARM are right on the wire. moto has no
// composite alarms, no paging and ignores AlarmTypes: those are covered by
// the fake and the sandbox.
func TestConformanceCloudWatchAlarmAgainstMoto(t *testing.T) {
	url := startMoto(t)
	cfg := aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 2,
	}
	clients := awsapi.FromConfig(cfg, true)
	// Setup needs PutMetricAlarm, which the narrow interface leaves out.
	setup := cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) {
		o.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801)
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var alarms []string
	for i := range 150 {
		name := fmt.Sprintf("stop-%03d", i)
		alarms = append(alarms, name)
		_, err := setup.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String(name),
			Namespace: aws.String("App"), MetricName: aws.String("5xx"), Statistic: types.StatisticSum,
			Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1), Threshold: aws.Float64(5),
			ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := clients.CloudWatch.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(name),
			StateValue: types.StateValueOk, StateReason: aws.String("setup")}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var seen []Transition
	c, err := NewCloudWatchAlarm(clients.CloudWatch, CloudWatchAlarmOptions{Name: "moto", Alarms: alarms, PollInterval: 100 * time.Millisecond,
		OnTransition: func(tr Transition) { mu.Lock(); seen = append(seen, tr); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Preflight(ctx); err != nil {
		t.Fatalf("preflight: %v", err)
	}
	arns, err := c.ARNs(ctx)
	if err != nil || len(arns) != 150 || !strings.HasSuffix(arns[7], ":alarm:stop-007") {
		t.Fatalf("ARNs: %v (%d)", err, len(arns))
	}
	missing, _ := NewCloudWatchAlarm(clients.CloudWatch, CloudWatchAlarmOptions{Name: "m", Alarms: []string{"stop-001", "nope"}})
	if err := missing.Preflight(ctx); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("preflight with a missing alarm: %v", err)
	}

	tr := watch(t, c)
	time.Sleep(250 * time.Millisecond)
	if _, err := clients.CloudWatch.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("stop-120"),
		StateValue: types.StateValueAlarm, StateReason: aws.String("drill")}); err != nil {
		t.Fatal(err)
	}
	reason := waitTrip(t, tr, 5*time.Second)
	if !strings.Contains(reason, `"stop-120" is in ALARM`) || !strings.Contains(reason, "drill") {
		t.Errorf("reason %q", reason)
	}
	mu.Lock()
	defer mu.Unlock()
	var alarm *Transition
	for i := range seen {
		if seen[i].Alarm == "stop-120" && seen[i].To == types.StateValueAlarm {
			alarm = &seen[i]
		}
	}
	if alarm == nil || alarm.From != types.StateValueOk || alarm.At.IsZero() {
		t.Errorf("transition to ALARM: %+v", alarm)
	}
}

// startMoto starts moto_server for this test and returns its URL.
func startMoto(t *testing.T) string { return motoserver.Start(t).URL }
