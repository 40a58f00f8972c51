package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// Route53Zones lists hosted zones, which discovery needs to find failover
// record sets (ListResourceRecordSets takes a zone). It is the same Route
// 53 client as Clients.Route53, kept a separate interface so that what the
// route53_health_flip fault and its test doubles implement does not grow
// with what only discovery calls.
type Route53Zones interface {
	ListHostedZones(ctx context.Context, params *route53.ListHostedZonesInput, optFns ...func(*route53.Options)) (*route53.ListHostedZonesOutput, error)
}
