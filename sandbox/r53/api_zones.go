package r53

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// ListHostedZones pages the zones in id order: Marker is the id of the
// first zone of the page (NextMarker of the previous one); MaxItems
// defaults to and caps at 100, as in AWS.
func (s *Service) ListHostedZones(ctx context.Context, in *route53.ListHostedZonesInput, _ ...func(*route53.Options)) (*route53.ListHostedZonesOutput, error) {
	if err := s.gate.Enter(ctx, "route53:ListHostedZones", throttleCode, false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &route53.ListHostedZonesInput{}
	}
	max := int(aws.ToInt32(in.MaxItems))
	if max <= 0 || max > 100 {
		max = 100
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.zones))
	for id := range s.zones {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	lo := 0
	if m := aws.ToString(in.Marker); m != "" {
		lo = slices.Index(ids, m)
		if lo < 0 {
			return nil, apisim.Error("InvalidInput", "The marker %s is not valid.", m)
		}
	}
	hi := min(len(ids), lo+max)
	out := &route53.ListHostedZonesOutput{Marker: in.Marker, MaxItems: aws.Int32(int32(max)), HostedZones: []types.HostedZone{}}
	for _, id := range ids[lo:hi] {
		z := s.zones[id]
		out.HostedZones = append(out.HostedZones, types.HostedZone{Id: aws.String("/hostedzone/" + z.id), Name: aws.String(z.name),
			CallerReference: aws.String(z.id), ResourceRecordSetCount: aws.Int64(int64(len(z.records)))})
	}
	if hi < len(ids) {
		out.IsTruncated = true
		out.NextMarker = aws.String(ids[hi])
	}
	return out, nil
}
