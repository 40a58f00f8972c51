package probes

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// CloudWatchAlarmSpec configures a cloudwatch_alarm probe: it passes while
// the alarm is in ExpectState.
type CloudWatchAlarmSpec struct {
	AlarmName string
	// ExpectState is OK (default), ALARM or INSUFFICIENT_DATA.
	ExpectState string
}

type cloudWatchAlarmProbe struct {
	cw     awsapi.CloudWatch
	name   string
	expect types.StateValue
}

func newCloudWatchAlarmProbe(s CloudWatchAlarmSpec, clients *awsapi.Clients) (*cloudWatchAlarmProbe, error) {
	if s.AlarmName == "" {
		return nil, errors.New("not creating cloudwatch_alarm probe: no alarm name")
	}
	expect := types.StateValue(s.ExpectState)
	if expect == "" {
		expect = types.StateValueOk
	}
	switch expect {
	case types.StateValueOk, types.StateValueAlarm, types.StateValueInsufficientData:
	default:
		return nil, fmt.Errorf("not creating cloudwatch_alarm probe for %s: expected state %q is not OK, ALARM or INSUFFICIENT_DATA", s.AlarmName, s.ExpectState)
	}
	if clients == nil || clients.CloudWatch == nil {
		return nil, fmt.Errorf("not creating cloudwatch_alarm probe for %s: no CloudWatch client", s.AlarmName)
	}
	return &cloudWatchAlarmProbe{cw: clients.CloudWatch, name: s.AlarmName, expect: expect}, nil
}

// Check reads the alarm's state once. An API error, a timeout of the API
// call or a missing alarm are inconclusive: they say nothing about the
// system the alarm watches.
func (p *cloudWatchAlarmProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	// Without AlarmTypes DescribeAlarms returns metric alarms only, and a
	// composite alarm would look missing.
	out, err := p.cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{
		AlarmNames: []string{p.name},
		AlarmTypes: []types.AlarmType{types.AlarmTypeMetricAlarm, types.AlarmTypeCompositeAlarm},
	})
	if err != nil {
		return inconclusive(start, awsapi.ErrorCode(err), fmt.Sprintf("state of alarm %s not read: %v", p.name, err))
	}
	state, found := alarmState(out, p.name)
	if !found {
		return inconclusive(start, "", fmt.Sprintf("alarm %s does not exist", p.name))
	}
	if state != p.expect {
		return fail(start, string(state), fmt.Sprintf("alarm %s is %s, expected %s", p.name, state, p.expect))
	}
	return pass(start, string(state))
}

func alarmState(out *cloudwatch.DescribeAlarmsOutput, name string) (types.StateValue, bool) {
	for _, a := range out.MetricAlarms {
		if aws.ToString(a.AlarmName) == name {
			return a.StateValue, true
		}
	}
	for _, a := range out.CompositeAlarms {
		if aws.ToString(a.AlarmName) == name {
			return a.StateValue, true
		}
	}
	return "", false
}
