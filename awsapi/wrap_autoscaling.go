package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

// autoscalingHooked runs a Hook around every AutoScaling call.
type autoscalingHooked struct {
	inner AutoScaling
	hook  Hook
}

func (w autoscalingHooked) DescribeAutoScalingGroups(ctx context.Context, params *autoscaling.DescribeAutoScalingGroupsInput, optFns ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	return invoke(ctx, w.hook, newCall("autoscaling", "DescribeAutoScalingGroups", params), func(ctx context.Context) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
		return w.inner.DescribeAutoScalingGroups(ctx, params, optFns...)
	})
}

func (w autoscalingHooked) DescribeScalingActivities(ctx context.Context, params *autoscaling.DescribeScalingActivitiesInput, optFns ...func(*autoscaling.Options)) (*autoscaling.DescribeScalingActivitiesOutput, error) {
	return invoke(ctx, w.hook, newCall("autoscaling", "DescribeScalingActivities", params), func(ctx context.Context) (*autoscaling.DescribeScalingActivitiesOutput, error) {
		return w.inner.DescribeScalingActivities(ctx, params, optFns...)
	})
}
