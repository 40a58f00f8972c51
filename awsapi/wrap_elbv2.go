package awsapi

import (
	"context"

	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
)

// elbv2Hooked runs a Hook around every ELBv2 call.
type elbv2Hooked struct {
	inner ELBv2
	hook  Hook
}

func (w elbv2Hooked) DescribeLoadBalancers(ctx context.Context, params *elbv2.DescribeLoadBalancersInput, optFns ...func(*elbv2.Options)) (*elbv2.DescribeLoadBalancersOutput, error) {
	return invoke(ctx, w.hook, newCall("elasticloadbalancing", "DescribeLoadBalancers", params), func(ctx context.Context) (*elbv2.DescribeLoadBalancersOutput, error) {
		return w.inner.DescribeLoadBalancers(ctx, params, optFns...)
	})
}

func (w elbv2Hooked) DescribeListeners(ctx context.Context, params *elbv2.DescribeListenersInput, optFns ...func(*elbv2.Options)) (*elbv2.DescribeListenersOutput, error) {
	return invoke(ctx, w.hook, newCall("elasticloadbalancing", "DescribeListeners", params), func(ctx context.Context) (*elbv2.DescribeListenersOutput, error) {
		return w.inner.DescribeListeners(ctx, params, optFns...)
	})
}

func (w elbv2Hooked) DescribeTargetGroups(ctx context.Context, params *elbv2.DescribeTargetGroupsInput, optFns ...func(*elbv2.Options)) (*elbv2.DescribeTargetGroupsOutput, error) {
	return invoke(ctx, w.hook, newCall("elasticloadbalancing", "DescribeTargetGroups", params), func(ctx context.Context) (*elbv2.DescribeTargetGroupsOutput, error) {
		return w.inner.DescribeTargetGroups(ctx, params, optFns...)
	})
}

func (w elbv2Hooked) DescribeTags(ctx context.Context, params *elbv2.DescribeTagsInput, optFns ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error) {
	return invoke(ctx, w.hook, newCall("elasticloadbalancing", "DescribeTags", params), func(ctx context.Context) (*elbv2.DescribeTagsOutput, error) {
		return w.inner.DescribeTags(ctx, params, optFns...)
	})
}
