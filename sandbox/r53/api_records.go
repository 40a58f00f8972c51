package r53

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// zoneID accepts "Z123" and "/hostedzone/Z123", as the SDK callers do.
func zoneID(id *string) string { return strings.TrimPrefix(aws.ToString(id), "/hostedzone/") }

// reversedName is Route 53's sort key: labels reversed ("com.example.www").
func reversedName(name string) string {
	labels := strings.Split(strings.TrimSuffix(name, "."), ".")
	slices.Reverse(labels)
	return strings.Join(labels, ".")
}

func compareRecords(a, b types.ResourceRecordSet) int {
	if c := strings.Compare(reversedName(aws.ToString(a.Name)), reversedName(aws.ToString(b.Name))); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	return strings.Compare(aws.ToString(a.SetIdentifier), aws.ToString(b.SetIdentifier))
}

// ListResourceRecordSets lists a zone's record sets in Route 53's order
// (name with labels reversed, type, set identifier), starting at
// StartRecordName/Type/Identifier; MaxItems defaults to and caps at 300.
func (s *Service) ListResourceRecordSets(ctx context.Context, in *route53.ListResourceRecordSetsInput, _ ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	if err := s.gate.Enter(ctx, "route53:ListResourceRecordSets", throttleCode, false); err != nil {
		return nil, err
	}
	if in == nil || aws.ToString(in.HostedZoneId) == "" {
		return nil, apisim.Error("InvalidInput", "HostedZoneId is required")
	}
	if in.StartRecordType != "" && in.StartRecordName == nil {
		return nil, apisim.Error("InvalidInput", "StartRecordType requires StartRecordName")
	}
	if in.StartRecordIdentifier != nil && in.StartRecordType == "" {
		return nil, apisim.Error("InvalidInput", "StartRecordIdentifier requires StartRecordType")
	}
	max := int(aws.ToInt32(in.MaxItems))
	if max <= 0 || max > 300 {
		max = 300
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zones[zoneID(in.HostedZoneId)]
	if z == nil {
		return nil, apisim.Error("NoSuchHostedZone", "No hosted zone found with ID: %s", zoneID(in.HostedZoneId))
	}
	recs := slices.Clone(z.records)
	slices.SortFunc(recs, compareRecords)
	lo := 0
	if in.StartRecordName != nil {
		start := types.ResourceRecordSet{Name: aws.String(canonical(*in.StartRecordName)), Type: in.StartRecordType,
			SetIdentifier: in.StartRecordIdentifier}
		lo = len(recs)
		for i, r := range recs {
			cmp := compareRecords(r, start)
			if in.StartRecordType == "" { // only the name counts
				cmp = strings.Compare(reversedName(aws.ToString(r.Name)), reversedName(*start.Name))
			}
			if cmp >= 0 {
				lo = i
				break
			}
		}
	}
	hi := min(len(recs), lo+max)
	out := &route53.ListResourceRecordSetsOutput{MaxItems: aws.Int32(int32(max)), ResourceRecordSets: []types.ResourceRecordSet{}}
	for _, r := range recs[lo:hi] {
		r.ResourceRecords = slices.Clone(r.ResourceRecords)
		out.ResourceRecordSets = append(out.ResourceRecordSets, r)
	}
	if hi < len(recs) {
		n := recs[hi]
		out.IsTruncated = true
		out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier = n.Name, n.Type, n.SetIdentifier
	}
	return out, nil
}

// ChangeTagsForResource adds and removes tags of a health check or hosted
// zone (at most 10 keys each way per call, as AWS).
func (s *Service) ChangeTagsForResource(ctx context.Context, in *route53.ChangeTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	if err := s.gate.Enter(ctx, "route53:ChangeTagsForResource", throttleCode, false); err != nil {
		return nil, err
	}
	if in == nil || len(in.AddTags) > 10 || len(in.RemoveTagKeys) > 10 {
		return nil, apisim.Error("InvalidInput", "AddTags and RemoveTagKeys take at most 10 items each")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.tagsLocked(in.ResourceType, in.ResourceId)
	if err != nil {
		return nil, err
	}
	for _, t := range in.AddTags {
		if aws.ToString(t.Key) == "" {
			return nil, apisim.Error("InvalidInput", "a tag key is empty")
		}
	}
	for _, t := range in.AddTags {
		tags[*t.Key] = aws.ToString(t.Value)
	}
	for _, k := range in.RemoveTagKeys {
		delete(tags, k)
	}
	return &route53.ChangeTagsForResourceOutput{}, nil
}

// ListTagsForResource answers a health check's or hosted zone's tags,
// sorted by key.
func (s *Service) ListTagsForResource(ctx context.Context, in *route53.ListTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error) {
	if err := s.gate.Enter(ctx, "route53:ListTagsForResource", throttleCode, false); err != nil {
		return nil, err
	}
	if in == nil {
		return nil, apisim.Error("InvalidInput", "ResourceType and ResourceId are required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tags, err := s.tagsLocked(in.ResourceType, in.ResourceId)
	if err != nil {
		return nil, err
	}
	set := &types.ResourceTagSet{ResourceId: in.ResourceId, ResourceType: in.ResourceType, Tags: []types.Tag{}}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		set.Tags = append(set.Tags, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return &route53.ListTagsForResourceOutput{ResourceTagSet: set}, nil
}

// tagsLocked returns the live tag map of a resource; the caller holds s.mu.
func (s *Service) tagsLocked(rt types.TagResourceType, id *string) (map[string]string, error) {
	switch rt {
	case types.TagResourceTypeHealthcheck:
		hc, err := s.checkLocked(id)
		if err != nil {
			return nil, err
		}
		return hc.tags, nil
	case types.TagResourceTypeHostedzone:
		z := s.zones[zoneID(id)]
		if z == nil {
			return nil, apisim.Error("NoSuchHostedZone", "No hosted zone found with ID: %s", zoneID(id))
		}
		return z.tags, nil
	}
	return nil, apisim.Error("InvalidInput", "ResourceType %q is not healthcheck or hostedzone", rt)
}
