package stop

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeCW is a CloudWatch holding alarms, answering DescribeAlarms as AWS
// does: only metric alarms unless AlarmTypes asks for more, pages of
// MaxRecords (default 50).
type fakeCW struct {
	awsapi.CloudWatch // other methods are not used by stop conditions

	mu      sync.Mutex
	alarms  map[string]*fakeAlarm
	calls   []cloudwatch.DescribeAlarmsInput
	failing int           // the next failing calls answer an error (-1: all)
	latency time.Duration // per call, split evenly before and after reading the state
}

type fakeAlarm struct {
	composite bool
	state     types.StateValue
	reason    string
	changed   time.Time
}

func newFakeCW(names ...string) *fakeCW {
	f := &fakeCW{alarms: map[string]*fakeAlarm{}}
	for _, n := range names {
		f.alarms[n] = &fakeAlarm{state: types.StateValueOk, changed: time.Now()}
	}
	return f
}

// set changes an alarm's state as CloudWatch would, stamping the change.
func (f *fakeCW) set(name string, v types.StateValue, reason string) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.alarms[name]
	a.state, a.reason, a.changed = v, reason, time.Now()
	return a.changed
}

func (f *fakeCW) fail(n int) { f.mu.Lock(); f.failing = n; f.mu.Unlock() }

func (f *fakeCW) describeCalls() []cloudwatch.DescribeAlarmsInput {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func (f *fakeCW) DescribeAlarms(ctx context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	// Half the latency is the request's way in, half the answer's way
	// out: the state is read in between, as a server would.
	if err := sleepCtx(ctx, f.latency/2); err != nil {
		return nil, err
	}
	out, err := f.describe(in)
	if err := sleepCtx(ctx, f.latency-f.latency/2); err != nil {
		return nil, err
	}
	return out, err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *fakeCW) describe(in *cloudwatch.DescribeAlarmsInput) (*cloudwatch.DescribeAlarmsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, *in)
	if f.failing != 0 {
		if f.failing > 0 {
			f.failing--
		}
		return nil, apisim.Error("Throttling", "Rate exceeded")
	}
	if len(in.AlarmNames) > 100 {
		return nil, apisim.Error("ValidationError", "AlarmNames has more than 100 members")
	}
	metric := len(in.AlarmTypes) == 0 || slices.Contains(in.AlarmTypes, types.AlarmTypeMetricAlarm)
	composite := slices.Contains(in.AlarmTypes, types.AlarmTypeCompositeAlarm)
	var names []string
	for _, n := range in.AlarmNames {
		if a, ok := f.alarms[n]; ok && (a.composite && composite || !a.composite && metric) {
			names = append(names, n)
		}
	}
	lo, hi, next, err := apisim.Page(len(names), aws.ToString(in.NextToken), int(aws.ToInt32(in.MaxRecords)), 50)
	if err != nil {
		return nil, err
	}
	out := &cloudwatch.DescribeAlarmsOutput{}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	for _, n := range names[lo:hi] {
		a := f.alarms[n]
		arn := "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + n
		changed := a.changed
		if a.composite {
			out.CompositeAlarms = append(out.CompositeAlarms, types.CompositeAlarm{AlarmName: aws.String(n), AlarmArn: aws.String(arn),
				StateValue: a.state, StateReason: aws.String(a.reason), StateUpdatedTimestamp: &changed, StateTransitionedTimestamp: &changed})
			continue
		}
		// Metric alarms here carry only StateUpdatedTimestamp, as older
		// endpoints and emulators do.
		out.MetricAlarms = append(out.MetricAlarms, types.MetricAlarm{AlarmName: aws.String(n), AlarmArn: aws.String(arn),
			StateValue: a.state, StateReason: aws.String(a.reason), StateUpdatedTimestamp: &changed})
	}
	return out, nil
}
