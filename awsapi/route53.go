package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// Route53 is what the route53_health_flip fault calls.
type Route53 interface {
	GetHealthCheck(ctx context.Context, params *route53.GetHealthCheckInput, optFns ...func(*route53.Options)) (*route53.GetHealthCheckOutput, error)
	UpdateHealthCheck(ctx context.Context, params *route53.UpdateHealthCheckInput, optFns ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error)
	GetHealthCheckStatus(ctx context.Context, params *route53.GetHealthCheckStatusInput, optFns ...func(*route53.Options)) (*route53.GetHealthCheckStatusOutput, error)
	ListHealthChecks(ctx context.Context, params *route53.ListHealthChecksInput, optFns ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error)
	ListResourceRecordSets(ctx context.Context, params *route53.ListResourceRecordSetsInput, optFns ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error)
	ChangeTagsForResource(ctx context.Context, params *route53.ChangeTagsForResourceInput, optFns ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error)
	ListTagsForResource(ctx context.Context, params *route53.ListTagsForResourceInput, optFns ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error)
}
