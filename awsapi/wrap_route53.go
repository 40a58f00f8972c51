package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// route53Hooked runs a Hook around every Route53 call.
type route53Hooked struct {
	inner Route53
	hook  Hook
}

func (w route53Hooked) GetHealthCheck(ctx context.Context, params *route53.GetHealthCheckInput, optFns ...func(*route53.Options)) (*route53.GetHealthCheckOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "GetHealthCheck", params), func(ctx context.Context) (*route53.GetHealthCheckOutput, error) {
		return w.inner.GetHealthCheck(ctx, params, optFns...)
	})
}

func (w route53Hooked) UpdateHealthCheck(ctx context.Context, params *route53.UpdateHealthCheckInput, optFns ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "UpdateHealthCheck", params), func(ctx context.Context) (*route53.UpdateHealthCheckOutput, error) {
		return w.inner.UpdateHealthCheck(ctx, params, optFns...)
	})
}

func (w route53Hooked) GetHealthCheckStatus(ctx context.Context, params *route53.GetHealthCheckStatusInput, optFns ...func(*route53.Options)) (*route53.GetHealthCheckStatusOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "GetHealthCheckStatus", params), func(ctx context.Context) (*route53.GetHealthCheckStatusOutput, error) {
		return w.inner.GetHealthCheckStatus(ctx, params, optFns...)
	})
}

func (w route53Hooked) ListHealthChecks(ctx context.Context, params *route53.ListHealthChecksInput, optFns ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "ListHealthChecks", params), func(ctx context.Context) (*route53.ListHealthChecksOutput, error) {
		return w.inner.ListHealthChecks(ctx, params, optFns...)
	})
}

func (w route53Hooked) ListResourceRecordSets(ctx context.Context, params *route53.ListResourceRecordSetsInput, optFns ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "ListResourceRecordSets", params), func(ctx context.Context) (*route53.ListResourceRecordSetsOutput, error) {
		return w.inner.ListResourceRecordSets(ctx, params, optFns...)
	})
}

func (w route53Hooked) ChangeTagsForResource(ctx context.Context, params *route53.ChangeTagsForResourceInput, optFns ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "ChangeTagsForResource", params), func(ctx context.Context) (*route53.ChangeTagsForResourceOutput, error) {
		return w.inner.ChangeTagsForResource(ctx, params, optFns...)
	})
}

func (w route53Hooked) ListTagsForResource(ctx context.Context, params *route53.ListTagsForResourceInput, optFns ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "ListTagsForResource", params), func(ctx context.Context) (*route53.ListTagsForResourceOutput, error) {
		return w.inner.ListTagsForResource(ctx, params, optFns...)
	})
}
