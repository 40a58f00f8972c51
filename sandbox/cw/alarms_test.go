package cw

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

var (
	_ awsapi.CloudWatch = (*Service)(nil)
	// The contracts with sandbox/world and sandbox/fisim, spelled out so a
	// signature drift breaks here.
	_ interface {
		PutMetric(namespace, name string, dims map[string]string, at time.Time, value float64)
	} = (*Service)(nil)
	_ interface {
		AlarmState(arnOrName string) (string, bool)
	} = (*Service)(nil)
)

var lbDims = map[string]string{"LoadBalancer": "app/sandbox-lb/0123456789abcdef"}

// base is a whole second well in the past, so synthetic evaluations never
// race the wall clock.
var base = time.Unix(1_700_000_000, 0).UTC()

func sec(n float64) time.Time { return base.Add(time.Duration(n * float64(time.Second))) }

func newSandboxAlarms(t *testing.T, s *Service) {
	t.Helper()
	metric, composite := SandboxAlarms(lbDims["LoadBalancer"], 2, 500*time.Millisecond)
	for _, m := range metric {
		if _, err := s.PutMetricAlarm(m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.PutCompositeAlarm(composite); err != nil {
		t.Fatal(err)
	}
}

func state(t *testing.T, s *Service, name string) string {
	t.Helper()
	st, ok := s.AlarmState(name)
	if !ok {
		t.Fatalf("alarm %s does not exist", name)
	}
	return st
}

func TestFiveXXBurstAlarmsAfterEvaluationPeriodsAndClears(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	newSandboxAlarms(t, s)
	put := func(at float64, v float64) {
		s.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbDims, sec(at), v)
	}

	put(0.2, 2)
	put(0.7, 3) // second 0: sum 5
	s.evaluate(sec(1.1))
	if got := state(t, s, Alarm5xx); got != "OK" {
		t.Fatalf("after one breaching period of two: %s, want OK", got)
	}
	put(1.5, 4) // second 1: sum 4
	s.evaluate(sec(2.1))
	if got := state(t, s, Alarm5xx); got != "ALARM" {
		t.Fatalf("after two breaching periods: %s, want ALARM", got)
	}
	put(2.5, 0)
	s.evaluate(sec(3.1))
	if got := state(t, s, Alarm5xx); got != "OK" {
		t.Fatalf("after a clean period: %s, want OK", got)
	}

	var tr []Transition
	for _, x := range s.Transitions() {
		if x.Alarm == Alarm5xx {
			tr = append(tr, x)
		}
	}
	if len(tr) != 3 || tr[1].To != types.StateValueAlarm || !tr[1].At.Equal(sec(2.1)) || tr[2].To != types.StateValueOk {
		t.Fatalf("transitions = %+v", tr)
	}
	if !strings.Contains(tr[1].Reason, "2 out of the last 2 datapoints [4.0") || !strings.Contains(tr[1].Reason, "greater than or equal to the threshold (3.0)") {
		t.Fatalf("reason = %q", tr[1].Reason)
	}
}

func TestTreatMissingData(t *testing.T) {
	for _, tc := range []struct{ mode, want string }{
		{"missing", "INSUFFICIENT_DATA"}, {"breaching", "ALARM"}, {"notBreaching", "OK"}, {"ignore", "OK"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
			if _, err := s.PutMetricAlarm(MetricAlarmSpec{Name: "a", Namespace: "N", MetricName: "M", Statistic: "Sum",
				Period: time.Second, EvaluationPeriods: 2, Threshold: 1,
				ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold, TreatMissingData: tc.mode}); err != nil {
				t.Fatal(err)
			}
			s.PutMetric("N", "M", nil, sec(0.5), 0) // an OK datapoint first
			s.evaluate(sec(1.5))
			if got := state(t, s, "a"); got != "OK" {
				t.Fatalf("with one good datapoint: %s", got)
			}
			s.evaluate(sec(10)) // nothing for many periods
			if got := state(t, s, "a"); got != tc.want {
				t.Fatalf("all missing: %s, want %s", got, tc.want)
			}
		})
	}
}

func TestRealTimeEvaluationLoop(t *testing.T) {
	s := New(Options{EvaluationTick: 20 * time.Millisecond})
	newSandboxAlarms(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	defer s.Close()

	// Publish like the balancer: a burst in the last two seconds, then 5xx
	// counts as time goes on, until two whole periods breach.
	now := time.Now()
	for _, back := range []time.Duration{time.Second, 2 * time.Second} {
		s.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbDims, now.Add(-back), 10)
	}
	waitState(t, s, Alarm5xx, "ALARM", 4*time.Second, func() {
		s.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbDims, time.Now(), 10)
	})
	// The balancer goes on publishing zeros; the alarm clears once a whole
	// clean period has passed.
	waitState(t, s, Alarm5xx, "OK", 4*time.Second, func() {
		s.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbDims, time.Now(), 0)
	})
}

func waitState(t *testing.T, s *Service, alarm, want string, within time.Duration, each func()) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if each != nil {
			each()
		}
		if st, _ := s.AlarmState(alarm); st == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	st, _ := s.AlarmState(alarm)
	t.Fatalf("alarm %s is %s after %s, want %s", alarm, st, within, want)
}

func TestCompositeAlarms(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	newSandboxAlarms(t, s)
	arnHealthy := s.alarmARN(AlarmHealthyHosts)
	if _, err := s.PutCompositeAlarm(CompositeAlarmSpec{Name: "either",
		AlarmRule: `(ALARM(sandbox-5xx) OR ALARM("` + arnHealthy + `")) AND NOT INSUFFICIENT_DATA("sandbox-p99")`}); err != nil {
		t.Fatal(err)
	}
	put := func(name string, at, v float64) { s.PutMetric("AWS/ApplicationELB", name, lbDims, sec(at), v) }
	for i := range 3 {
		put("HTTPCode_ELB_5XX_Count", float64(i), 0)
		put("HealthyHostCount", float64(i), 3)
		put("TargetResponseTime", float64(i), 0.01)
	}
	s.evaluate(sec(3.1))
	if a, b := state(t, s, AlarmServiceDown), state(t, s, "either"); a != "OK" || b != "OK" {
		t.Fatalf("healthy service: service-down %s, either %s", a, b)
	}
	for i := 3; i < 5; i++ {
		put("HealthyHostCount", float64(i), 1) // capacity lost, no errors yet
		put("HTTPCode_ELB_5XX_Count", float64(i), 0)
	}
	s.evaluate(sec(5.1))
	if a, b := state(t, s, AlarmServiceDown), state(t, s, "either"); a != "OK" || b != "ALARM" {
		t.Fatalf("capacity lost only: service-down %s (want OK), either %s (want ALARM)", a, b)
	}
	for i := 5; i < 7; i++ {
		put("HealthyHostCount", float64(i), 1)
		put("HTTPCode_ELB_5XX_Count", float64(i), 9)
	}
	s.evaluate(sec(7.1))
	if a := state(t, s, AlarmServiceDown); a != "ALARM" {
		t.Fatalf("errors and capacity lost: service-down %s, want ALARM", a)
	}
}

func TestCompositeRefusals(t *testing.T) {
	s := New(Options{})
	newSandboxAlarms(t, s)
	for _, rule := range []string{`ALARM(nope)`, `ALARM(sandbox-5xx) AND`, `ALARM(sandbox-5xx) XOR OK(sandbox-p99)`, `(ALARM(sandbox-5xx)`, `MAYBE(sandbox-5xx)`} {
		if _, err := s.PutCompositeAlarm(CompositeAlarmSpec{Name: "c", AlarmRule: rule}); err == nil {
			t.Errorf("rule %q accepted", rule)
		}
	}
	if _, err := s.PutCompositeAlarm(CompositeAlarmSpec{Name: "c1", AlarmRule: `ALARM(sandbox-5xx)`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutCompositeAlarm(CompositeAlarmSpec{Name: "c2", AlarmRule: `ALARM(c1)`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutCompositeAlarm(CompositeAlarmSpec{Name: "c1", AlarmRule: `ALARM(c2)`}); err == nil || !strings.Contains(err.Error(), "depends on itself") {
		t.Fatalf("cycle accepted or wrong error: %v", err)
	}
}

func TestParseRulePrecedence(t *testing.T) {
	states := map[string]string{"a": "ALARM", "b": "OK", "c": "OK"}
	st := func(n string) string { return states[n] }
	for rule, want := range map[string]bool{
		`ALARM(a) OR ALARM(b) AND ALARM(c)`:   true, // AND binds tighter
		`(ALARM(a) OR ALARM(b)) AND ALARM(c)`: false,
		`NOT ALARM(b) AND OK(c)`:              true,
		`NOT (ALARM(a) OR TRUE)`:              false,
		`INSUFFICIENT_DATA(a) OR FALSE`:       false,
	} {
		r, err := parseRule(rule)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		if got := r.eval(st); got != want {
			t.Errorf("%s = %v, want %v", rule, got, want)
		}
	}
}

func TestDescribeAlarms(t *testing.T) {
	s := New(Options{})
	newSandboxAlarms(t, s)
	ctx := context.Background()
	names := make([]string, 101)
	for i := range names {
		names[i] = "x"
	}
	if _, err := s.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: names}); !awsapi.IsCode(err, "ValidationError") {
		t.Fatalf("101 names: %v, want ValidationError", err)
	}
	out, err := s.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{Alarm5xx, AlarmServiceDown}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MetricAlarms) != 1 || len(out.CompositeAlarms) != 0 {
		t.Fatalf("without AlarmTypes: %d metric, %d composite; want 1, 0", len(out.MetricAlarms), len(out.CompositeAlarms))
	}
	m := out.MetricAlarms[0]
	if *m.AlarmArn != "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sandbox-5xx" || m.StateValue != types.StateValueInsufficientData ||
		m.Statistic != types.StatisticSum || *m.Period != 1 || *m.EvaluationPeriods != 2 {
		t.Fatalf("metric alarm = %+v", m)
	}
	out, err = s.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{Alarm5xx, AlarmServiceDown},
		AlarmTypes: []types.AlarmType{types.AlarmTypeMetricAlarm, types.AlarmTypeCompositeAlarm}})
	if err != nil || len(out.MetricAlarms) != 1 || len(out.CompositeAlarms) != 1 {
		t.Fatalf("both types: %v %+v", err, out)
	}
	var seen []string
	var token *string
	for {
		out, err := s.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String("sandbox-"),
			MaxRecords: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.MetricAlarms {
			seen = append(seen, *a.AlarmName)
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	if strings.Join(seen, ",") != "sandbox-5xx,sandbox-healthy-hosts,sandbox-p99" {
		t.Fatalf("paged metric alarms = %v", seen)
	}
	out, err = s.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{ChildrenOfAlarmName: aws.String(AlarmServiceDown)})
	if err != nil || len(out.MetricAlarms) != 2 {
		t.Fatalf("children of the composite: %v %d", err, len(out.MetricAlarms))
	}
}

func TestSetAlarmStateHoldsUntilNextEvaluationAndHistory(t *testing.T) {
	s := New(Options{Retention: 100 * 365 * 24 * time.Hour})
	newSandboxAlarms(t, s)
	ctx := context.Background()
	for i := range 2 {
		s.PutMetric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", lbDims, sec(float64(i)), 0)
	}
	s.evaluate(sec(2.1))
	if _, err := s.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(Alarm5xx),
		StateValue: types.StateValueAlarm, StateReason: aws.String("drill")}); err != nil {
		t.Fatal(err)
	}
	if got := state(t, s, Alarm5xx); got != "ALARM" {
		t.Fatalf("after SetAlarmState: %s", got)
	}
	s.evaluate(sec(2.5))
	if got := state(t, s, Alarm5xx); got != "OK" {
		t.Fatalf("after the next evaluation: %s, want OK", got)
	}
	if _, err := s.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("nope"),
		StateValue: types.StateValueAlarm, StateReason: aws.String("x")}); !awsapi.IsCode(err, "ResourceNotFound") {
		t.Fatalf("unknown alarm: %v", err)
	}

	h, err := s.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String(Alarm5xx),
		HistoryItemType: types.HistoryItemTypeStateUpdate})
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: ALARM->OK (evaluation), OK->ALARM (drill), INSUFFICIENT_DATA->OK.
	if len(h.AlarmHistoryItems) != 3 || *h.AlarmHistoryItems[0].HistorySummary != "Alarm updated from ALARM to OK" {
		t.Fatalf("history = %+v", h.AlarmHistoryItems)
	}
	var data struct {
		Version  string
		OldState struct{ StateValue, StateReason string }
		NewState struct{ StateValue, StateReason string }
	}
	if err := json.Unmarshal([]byte(*h.AlarmHistoryItems[1].HistoryData), &data); err != nil {
		t.Fatal(err)
	}
	if data.Version != "1.0" || data.OldState.StateValue != "OK" || data.NewState.StateValue != "ALARM" || data.NewState.StateReason != "drill" {
		t.Fatalf("history data = %+v", data)
	}
	all, err := s.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{
		AlarmTypes: []types.AlarmType{types.AlarmTypeCompositeAlarm}, ScanBy: types.ScanByTimestampAscending})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range all.AlarmHistoryItems {
		if it.AlarmType != types.AlarmTypeCompositeAlarm {
			t.Fatalf("composite filter let through %+v", it)
		}
	}
	if len(all.AlarmHistoryItems) == 0 || *all.AlarmHistoryItems[0].HistorySummary != `Alarm "sandbox-service-down" created` {
		t.Fatalf("composite history = %+v", all.AlarmHistoryItems)
	}
}

func TestAlarmHistoryPagesStayStableWhileAlarmsChange(t *testing.T) {
	s := New(Options{})
	newSandboxAlarms(t, s) // three metric alarms: three "created" items
	ctx := context.Background()
	in := &cloudwatch.DescribeAlarmHistoryInput{MaxRecords: aws.Int32(2)}
	first, err := s.DescribeAlarmHistory(ctx, in)
	if err != nil || len(first.AlarmHistoryItems) != 2 || first.NextToken == nil {
		t.Fatalf("first page: %v %+v", err, first)
	}
	if _, err := s.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String(Alarm5xx),
		StateValue: types.StateValueAlarm, StateReason: aws.String("drill")}); err != nil {
		t.Fatal(err)
	}
	in.NextToken = first.NextToken
	second, err := s.DescribeAlarmHistory(ctx, in)
	if err != nil || len(second.AlarmHistoryItems) != 1 || second.NextToken != nil {
		t.Fatalf("second page: %v %+v", err, second)
	}
	seen := map[string]bool{}
	for _, it := range append(first.AlarmHistoryItems, second.AlarmHistoryItems...) {
		if seen[*it.AlarmName] || it.HistoryItemType != types.HistoryItemTypeConfigurationUpdate {
			t.Fatalf("repeated or unexpected item %s %s", *it.AlarmName, it.HistoryItemType)
		}
		seen[*it.AlarmName] = true
	}
	in.NextToken = aws.String("garbage")
	if _, err := s.DescribeAlarmHistory(ctx, in); !awsapi.IsCode(err, "InvalidNextToken") {
		t.Fatalf("bad token: %v", err)
	}
}
