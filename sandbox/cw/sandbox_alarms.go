package cw

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// Names of the alarms the sandbox assembly creates (SandboxAlarms).
const (
	Alarm5xx          = "sandbox-5xx"
	AlarmP99          = "sandbox-p99"
	AlarmHealthyHosts = "sandbox-healthy-hosts"
	AlarmServiceDown  = "sandbox-service-down"
)

// SandboxAlarms returns the sandbox's standard alarms on the load balancer
// identified by lbDimension ("app/sandbox-lb/0123456789abcdef"), all with
// 1 s periods (sandbox-only) so they react within a few seconds:
//
//   - sandbox-5xx: HTTPCode_ELB_5XX_Count Sum >= 3 in 2 of 2 periods; no
//     data counts as not breaching (the balancer publishes 0 when none).
//   - sandbox-p99: TargetResponseTime p99 > p99Threshold in 3 of 3
//     periods; no data (no requests) is not breaching.
//   - sandbox-healthy-hosts: HealthyHostCount Minimum < minHealthy in 2 of
//     2 periods; no data is "missing" (INSUFFICIENT_DATA): the balancer
//     publishes the count every interval, even 0, so data is only absent
//     before its first publication, and "breaching" would put the alarm in
//     ALARM for the first seconds of every sandbox.
//   - sandbox-service-down (composite): ALARM(sandbox-5xx) AND
//     ALARM(sandbox-healthy-hosts): users see errors and capacity is lost.
//
// Create the metric alarms first, then the composite.
func SandboxAlarms(lbDimension string, minHealthy int, p99Threshold time.Duration) ([]MetricAlarmSpec, CompositeAlarmSpec) {
	dims := map[string]string{"LoadBalancer": lbDimension}
	const ns = "AWS/ApplicationELB"
	metric := []MetricAlarmSpec{
		{Name: Alarm5xx, Description: "load balancer answers 5xx", Namespace: ns, MetricName: "HTTPCode_ELB_5XX_Count",
			Dimensions: dims, Statistic: "Sum", Period: time.Second, EvaluationPeriods: 2, DatapointsToAlarm: 2,
			Threshold: 3, ComparisonOperator: types.ComparisonOperatorGreaterThanOrEqualToThreshold, TreatMissingData: "notBreaching"},
		{Name: AlarmP99, Description: "p99 target response time too high", Namespace: ns, MetricName: "TargetResponseTime",
			Dimensions: dims, Statistic: "p99", Period: time.Second, EvaluationPeriods: 3, DatapointsToAlarm: 3,
			Threshold: p99Threshold.Seconds(), ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold, TreatMissingData: "notBreaching"},
		{Name: AlarmHealthyHosts, Description: "fewer healthy hosts than wanted", Namespace: ns, MetricName: "HealthyHostCount",
			Dimensions: dims, Statistic: "Minimum", Period: time.Second, EvaluationPeriods: 2, DatapointsToAlarm: 2,
			Threshold: float64(minHealthy), ComparisonOperator: types.ComparisonOperatorLessThanThreshold, TreatMissingData: "missing"},
	}
	composite := CompositeAlarmSpec{Name: AlarmServiceDown, Description: "errors visible and capacity lost",
		AlarmRule: `ALARM("` + Alarm5xx + `") AND ALARM("` + AlarmHealthyHosts + `")`}
	return metric, composite
}
