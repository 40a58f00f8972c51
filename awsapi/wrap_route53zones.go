package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// route53ZonesHooked runs a Hook around every Route53Zones call.
type route53ZonesHooked struct {
	inner Route53Zones
	hook  Hook
}

func (w route53ZonesHooked) ListHostedZones(ctx context.Context, params *route53.ListHostedZonesInput, optFns ...func(*route53.Options)) (*route53.ListHostedZonesOutput, error) {
	return invoke(ctx, w.hook, newCall("route53", "ListHostedZones", params), func(ctx context.Context) (*route53.ListHostedZonesOutput, error) {
		return w.inner.ListHostedZones(ctx, params, optFns...)
	})
}
