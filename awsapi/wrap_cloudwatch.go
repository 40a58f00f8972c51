package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
)

// cloudwatchHooked runs a Hook around every CloudWatch call.
type cloudwatchHooked struct {
	inner CloudWatch
	hook  Hook
}

func (w cloudwatchHooked) DescribeAlarms(ctx context.Context, params *cloudwatch.DescribeAlarmsInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	return invoke(ctx, w.hook, newCall("cloudwatch", "DescribeAlarms", params), func(ctx context.Context) (*cloudwatch.DescribeAlarmsOutput, error) {
		return w.inner.DescribeAlarms(ctx, params, optFns...)
	})
}

func (w cloudwatchHooked) DescribeAlarmHistory(ctx context.Context, params *cloudwatch.DescribeAlarmHistoryInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmHistoryOutput, error) {
	return invoke(ctx, w.hook, newCall("cloudwatch", "DescribeAlarmHistory", params), func(ctx context.Context) (*cloudwatch.DescribeAlarmHistoryOutput, error) {
		return w.inner.DescribeAlarmHistory(ctx, params, optFns...)
	})
}

func (w cloudwatchHooked) GetMetricData(ctx context.Context, params *cloudwatch.GetMetricDataInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error) {
	return invoke(ctx, w.hook, newCall("cloudwatch", "GetMetricData", params), func(ctx context.Context) (*cloudwatch.GetMetricDataOutput, error) {
		return w.inner.GetMetricData(ctx, params, optFns...)
	})
}

func (w cloudwatchHooked) PutMetricData(ctx context.Context, params *cloudwatch.PutMetricDataInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	return invoke(ctx, w.hook, newCall("cloudwatch", "PutMetricData", params), func(ctx context.Context) (*cloudwatch.PutMetricDataOutput, error) {
		return w.inner.PutMetricData(ctx, params, optFns...)
	})
}

func (w cloudwatchHooked) SetAlarmState(ctx context.Context, params *cloudwatch.SetAlarmStateInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error) {
	return invoke(ctx, w.hook, newCall("cloudwatch", "SetAlarmState", params), func(ctx context.Context) (*cloudwatch.SetAlarmStateOutput, error) {
		return w.inner.SetAlarmState(ctx, params, optFns...)
	})
}
