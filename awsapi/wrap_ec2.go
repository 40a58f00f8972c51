package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// ec2Hooked runs a Hook around every EC2 call.
type ec2Hooked struct {
	inner EC2
	hook  Hook
}

func (w ec2Hooked) DescribeAvailabilityZones(ctx context.Context, params *ec2.DescribeAvailabilityZonesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeAvailabilityZonesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DescribeAvailabilityZones", params), func(ctx context.Context) (*ec2.DescribeAvailabilityZonesOutput, error) {
		return w.inner.DescribeAvailabilityZones(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DescribeInstances(ctx context.Context, params *ec2.DescribeInstancesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DescribeInstances", params), func(ctx context.Context) (*ec2.DescribeInstancesOutput, error) {
		return w.inner.DescribeInstances(ctx, params, optFns...)
	})
}

func (w ec2Hooked) TerminateInstances(ctx context.Context, params *ec2.TerminateInstancesInput, optFns ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "TerminateInstances", params), func(ctx context.Context) (*ec2.TerminateInstancesOutput, error) {
		return w.inner.TerminateInstances(ctx, params, optFns...)
	})
}

func (w ec2Hooked) StopInstances(ctx context.Context, params *ec2.StopInstancesInput, optFns ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "StopInstances", params), func(ctx context.Context) (*ec2.StopInstancesOutput, error) {
		return w.inner.StopInstances(ctx, params, optFns...)
	})
}

func (w ec2Hooked) StartInstances(ctx context.Context, params *ec2.StartInstancesInput, optFns ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "StartInstances", params), func(ctx context.Context) (*ec2.StartInstancesOutput, error) {
		return w.inner.StartInstances(ctx, params, optFns...)
	})
}

func (w ec2Hooked) RebootInstances(ctx context.Context, params *ec2.RebootInstancesInput, optFns ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "RebootInstances", params), func(ctx context.Context) (*ec2.RebootInstancesOutput, error) {
		return w.inner.RebootInstances(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DescribeSubnets(ctx context.Context, params *ec2.DescribeSubnetsInput, optFns ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DescribeSubnets", params), func(ctx context.Context) (*ec2.DescribeSubnetsOutput, error) {
		return w.inner.DescribeSubnets(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DescribeNatGateways(ctx context.Context, params *ec2.DescribeNatGatewaysInput, optFns ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DescribeNatGateways", params), func(ctx context.Context) (*ec2.DescribeNatGatewaysOutput, error) {
		return w.inner.DescribeNatGateways(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DescribeRouteTables(ctx context.Context, params *ec2.DescribeRouteTablesInput, optFns ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DescribeRouteTables", params), func(ctx context.Context) (*ec2.DescribeRouteTablesOutput, error) {
		return w.inner.DescribeRouteTables(ctx, params, optFns...)
	})
}

func (w ec2Hooked) CreateRoute(ctx context.Context, params *ec2.CreateRouteInput, optFns ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "CreateRoute", params), func(ctx context.Context) (*ec2.CreateRouteOutput, error) {
		return w.inner.CreateRoute(ctx, params, optFns...)
	})
}

func (w ec2Hooked) ReplaceRoute(ctx context.Context, params *ec2.ReplaceRouteInput, optFns ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "ReplaceRoute", params), func(ctx context.Context) (*ec2.ReplaceRouteOutput, error) {
		return w.inner.ReplaceRoute(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DeleteRoute(ctx context.Context, params *ec2.DeleteRouteInput, optFns ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DeleteRoute", params), func(ctx context.Context) (*ec2.DeleteRouteOutput, error) {
		return w.inner.DeleteRoute(ctx, params, optFns...)
	})
}

func (w ec2Hooked) CreateTags(ctx context.Context, params *ec2.CreateTagsInput, optFns ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "CreateTags", params), func(ctx context.Context) (*ec2.CreateTagsOutput, error) {
		return w.inner.CreateTags(ctx, params, optFns...)
	})
}

func (w ec2Hooked) DeleteTags(ctx context.Context, params *ec2.DeleteTagsInput, optFns ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return invoke(ctx, w.hook, newCall("ec2", "DeleteTags", params), func(ctx context.Context) (*ec2.DeleteTagsOutput, error) {
		return w.inner.DeleteTags(ctx, params, optFns...)
	})
}
