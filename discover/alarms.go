package discover

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// readAlarms keeps metric and composite alarms (both types must be asked
// for: without AlarmTypes only metric alarms are answered). An alarm on a
// protected resource is dropped: its name would point at it.
func readAlarms(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.CloudWatch == nil {
		return errNoClient("CloudWatch")
	}
	p := cloudwatch.NewDescribeAlarmsPaginator(c.CloudWatch, &cloudwatch.DescribeAlarmsInput{
		AlarmTypes: []types.AlarmType{types.AlarmTypeMetricAlarm, types.AlarmTypeCompositeAlarm}, MaxRecords: aws.Int32(100)})
	var composites []types.CompositeAlarm
	dropped := map[string]bool{}
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeAlarms failed: %w", err)
		}
		composites = append(composites, page.CompositeAlarms...)
		for _, m := range page.MetricAlarms {
			al := Alarm{Name: aws.ToString(m.AlarmName), State: string(m.StateValue), Namespace: aws.ToString(m.Namespace),
				Metric: aws.ToString(m.MetricName), Dimensions: map[string]string{}}
			for _, d := range m.Dimensions {
				al.Dimensions[aws.ToString(d.Name)] = aws.ToString(d.Value)
			}
			if a.onProtected(al) {
				a.Protected++
				dropped[al.Name] = true
				continue
			}
			a.Alarms = append(a.Alarms, al)
		}
	}
	// A composite built on a dropped alarm is about the protected
	// resource too.
	for _, m := range composites {
		rule := aws.ToString(m.AlarmRule)
		if ruleNames(rule, slices.Collect(maps.Keys(dropped))) {
			a.Protected++
			continue
		}
		a.Alarms = append(a.Alarms, Alarm{Name: aws.ToString(m.AlarmName), Composite: true, State: string(m.StateValue), Rule: rule})
	}
	return nil
}

func (a *Account) onProtected(al Alarm) bool {
	for _, v := range al.Dimensions {
		if a.protectedNames[v] {
			return true
		}
	}
	return false
}

// ruleNames reports whether a composite alarm's rule names one of the
// alarms (rules quote the names they use: ALARM("name")).
func ruleNames(rule string, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.Contains(rule, "\""+n+"\"") })
}
