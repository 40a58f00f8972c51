package stop

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// MaxAlarmNamesPerCall is DescribeAlarms' limit on AlarmNames (and on
// MaxRecords): one call per 100 names keeps a poll within CloudWatch's
// DescribeAlarms quota (about 9 requests per second per region).
const MaxAlarmNamesPerCall = 100

// alarmTypes must always be sent: without it DescribeAlarms returns only
// metric alarms and a composite stop alarm would look missing.
func alarmTypes() []types.AlarmType {
	return []types.AlarmType{types.AlarmTypeMetricAlarm, types.AlarmTypeCompositeAlarm}
}

// describeAlarms reads the named alarms, one call per 100 names (following
// NextToken should a page ever be cut short). It returns what it read, the
// names that answered calls did not return (missing), and the errors of
// the calls that failed; names of a failed call are neither read nor
// missing.
func describeAlarms(ctx context.Context, cw awsapi.CloudWatch, names []string) (map[string]AlarmState, []string, error) {
	got := map[string]AlarmState{}
	var missing []string
	var errs []error
	for lo := 0; lo < len(names); lo += MaxAlarmNamesPerCall {
		chunk := names[lo:min(lo+MaxAlarmNamesPerCall, len(names))]
		if err := describeChunk(ctx, cw, chunk, got); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, n := range chunk {
			if _, ok := got[n]; !ok {
				missing = append(missing, n)
			}
		}
	}
	return got, missing, errors.Join(errs...)
}

func describeChunk(ctx context.Context, cw awsapi.CloudWatch, chunk []string, into map[string]AlarmState) error {
	in := &cloudwatch.DescribeAlarmsInput{
		AlarmNames: chunk,
		AlarmTypes: alarmTypes(),
		MaxRecords: aws.Int32(MaxAlarmNamesPerCall),
	}
	for page := 0; ; page++ {
		// A misbehaving endpoint repeating tokens must not loop forever:
		// 100 names can never need more than 100 pages.
		if page > MaxAlarmNamesPerCall {
			return fmt.Errorf("DescribeAlarms kept returning a NextToken after %d pages", page)
		}
		out, err := cw.DescribeAlarms(ctx, in)
		if err != nil {
			return fmt.Errorf("DescribeAlarms for %d alarm(s) starting with %q: %w", len(chunk), chunk[0], err)
		}
		for _, a := range out.MetricAlarms {
			s := metricAlarmState(a)
			into[s.Name] = s
		}
		for _, a := range out.CompositeAlarms {
			s := compositeAlarmState(a)
			into[s.Name] = s
		}
		if aws.ToString(out.NextToken) == "" {
			return nil
		}
		in.NextToken = out.NextToken
	}
}
