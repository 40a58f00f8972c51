package r53flip

import (
	"context"
	"maps"
	"slices"
	"sort"
	"sync"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeR53 keeps health checks with real optimistic locking: every update
// bumps HealthCheckVersion and a stale version answers
// HealthCheckVersionMismatch.
type fakeR53 struct {
	Gate   *apisim.Gate
	Mu     sync.Mutex
	Checks map[string]*r53types.HealthCheck
	Tags   map[string]map[string]string
	// conflicts makes the next n updates fail as if someone else had just
	// changed the check (the version moves on).
	Conflicts int
	Updates   int
}

func newFakeR53() *fakeR53 {
	return &fakeR53{Gate: apisim.NewGate(2), Checks: map[string]*r53types.HealthCheck{}, Tags: map[string]map[string]string{}}
}

func (f *fakeR53) add(id string, inverted bool) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Checks[id] = &r53types.HealthCheck{Id: faultkit.Ptr(id), HealthCheckVersion: faultkit.Ptr(int64(1)),
		HealthCheckConfig: &r53types.HealthCheckConfig{Type: r53types.HealthCheckTypeHttp, Inverted: faultkit.Ptr(inverted)}}
	f.Tags[id] = map[string]string{}
}

func (f *fakeR53) inverted(id string) bool {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return inverted(f.Checks[id])
}

func (f *fakeR53) GetHealthCheck(ctx context.Context, in *route53.GetHealthCheckInput, _ ...func(*route53.Options)) (*route53.GetHealthCheckOutput, error) {
	if err := f.Gate.Enter(ctx, "route53:GetHealthCheck", "Throttling", false); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	hc := f.Checks[faultkit.Str(in.HealthCheckId)]
	if hc == nil {
		return nil, apisim.Error("NoSuchHealthCheck", "No health check exists with the specified ID %s", faultkit.Str(in.HealthCheckId))
	}
	cp := *hc
	cfg := *hc.HealthCheckConfig
	cp.HealthCheckConfig = &cfg
	cp.HealthCheckVersion = faultkit.Ptr(*hc.HealthCheckVersion)
	return &route53.GetHealthCheckOutput{HealthCheck: &cp}, nil
}

func (f *fakeR53) UpdateHealthCheck(ctx context.Context, in *route53.UpdateHealthCheckInput, _ ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	if err := f.Gate.Enter(ctx, "route53:UpdateHealthCheck", "Throttling", false); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Updates++
	hc := f.Checks[faultkit.Str(in.HealthCheckId)]
	if hc == nil {
		return nil, apisim.Error("NoSuchHealthCheck", "No health check exists with the specified ID %s", faultkit.Str(in.HealthCheckId))
	}
	if f.Conflicts > 0 {
		f.Conflicts--
		*hc.HealthCheckVersion++
	}
	if in.HealthCheckVersion != nil && *in.HealthCheckVersion != *hc.HealthCheckVersion {
		return nil, apisim.Error("HealthCheckVersionMismatch", "The value of HealthCheckVersion in the request doesn't match the value of HealthCheckVersion in the health check.")
	}
	if in.Disabled != nil {
		hc.HealthCheckConfig.Disabled = in.Disabled
	}
	if in.Inverted != nil {
		hc.HealthCheckConfig.Inverted = in.Inverted
	}
	*hc.HealthCheckVersion++
	return &route53.UpdateHealthCheckOutput{HealthCheck: hc}, nil
}

func (f *fakeR53) GetHealthCheckStatus(context.Context, *route53.GetHealthCheckStatusInput, ...func(*route53.Options)) (*route53.GetHealthCheckStatusOutput, error) {
	return &route53.GetHealthCheckStatusOutput{}, nil
}

func (f *fakeR53) ListHealthChecks(ctx context.Context, in *route53.ListHealthChecksInput, _ ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error) {
	if err := f.Gate.Enter(ctx, "route53:ListHealthChecks", "Throttling", false); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	ids := slices.Sorted(maps.Keys(f.Checks))
	// One check per page, so that the marker is followed.
	lo, hi, next, err := apisim.Page(len(ids), faultkit.Str(in.Marker), 1, 1)
	if err != nil {
		return nil, err
	}
	out := &route53.ListHealthChecksOutput{IsTruncated: next != ""}
	if next != "" {
		out.NextMarker = faultkit.Ptr(next)
	}
	for _, id := range ids[lo:hi] {
		out.HealthChecks = append(out.HealthChecks, *f.Checks[id])
	}
	return out, nil
}

func (f *fakeR53) ListResourceRecordSets(context.Context, *route53.ListResourceRecordSetsInput, ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	return &route53.ListResourceRecordSetsOutput{}, nil
}

func (f *fakeR53) ChangeTagsForResource(ctx context.Context, in *route53.ChangeTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	if err := f.Gate.Enter(ctx, "route53:ChangeTagsForResource", "Throttling", false); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	m := f.Tags[faultkit.Str(in.ResourceId)]
	for _, t := range in.AddTags {
		m[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
	}
	for _, k := range in.RemoveTagKeys {
		delete(m, k)
	}
	return &route53.ChangeTagsForResourceOutput{}, nil
}

func (f *fakeR53) ListTagsForResource(ctx context.Context, in *route53.ListTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error) {
	if err := f.Gate.Enter(ctx, "route53:ListTagsForResource", "Throttling", false); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	set := &r53types.ResourceTagSet{ResourceId: in.ResourceId, ResourceType: in.ResourceType}
	keys := make([]string, 0)
	for k := range f.Tags[faultkit.Str(in.ResourceId)] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set.Tags = append(set.Tags, r53types.Tag{Key: faultkit.Ptr(k), Value: faultkit.Ptr(f.Tags[faultkit.Str(in.ResourceId)][k])})
	}
	return &route53.ListTagsForResourceOutput{ResourceTagSet: set}, nil
}
