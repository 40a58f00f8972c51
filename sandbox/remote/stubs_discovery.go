package remote

import (
	"context"

	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// The clients only discovery reads (awsapi.ELBv2, awsapi.Route53Zones),
// written by hand after the pattern of stubs.go; keep in step with the
// interfaces.

type eLBv2Client struct{ c *conn }

func (x eLBv2Client) DescribeLoadBalancers(ctx context.Context, in *elbv2.DescribeLoadBalancersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeLoadBalancersOutput, error) {
	return call[elbv2.DescribeLoadBalancersOutput](ctx, x.c, "ELBv2", "DescribeLoadBalancers", in)
}

func (x eLBv2Client) DescribeListeners(ctx context.Context, in *elbv2.DescribeListenersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeListenersOutput, error) {
	return call[elbv2.DescribeListenersOutput](ctx, x.c, "ELBv2", "DescribeListeners", in)
}

func (x eLBv2Client) DescribeTargetGroups(ctx context.Context, in *elbv2.DescribeTargetGroupsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTargetGroupsOutput, error) {
	return call[elbv2.DescribeTargetGroupsOutput](ctx, x.c, "ELBv2", "DescribeTargetGroups", in)
}

func (x eLBv2Client) DescribeTags(ctx context.Context, in *elbv2.DescribeTagsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error) {
	return call[elbv2.DescribeTagsOutput](ctx, x.c, "ELBv2", "DescribeTags", in)
}

type route53ZonesClient struct{ c *conn }

func (x route53ZonesClient) ListHostedZones(ctx context.Context, in *route53.ListHostedZonesInput, _ ...func(*route53.Options)) (*route53.ListHostedZonesOutput, error) {
	return call[route53.ListHostedZonesOutput](ctx, x.c, "Route53Zones", "ListHostedZones", in)
}
