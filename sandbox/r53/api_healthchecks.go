package r53

import (
	"context"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Route 53's throttling answer.
const throttleCode = "Throttling"

func (s *Service) checkLocked(id *string) (*healthCheck, error) {
	if aws.ToString(id) == "" {
		return nil, apisim.Error("InvalidInput", "HealthCheckId is required")
	}
	hc := s.checks[*id]
	if hc == nil {
		return nil, apisim.Error("NoSuchHealthCheck", "A health check with id %s does not exist.", *id)
	}
	return hc, nil
}

// GetHealthCheck answers the configuration and HealthCheckVersion.
func (s *Service) GetHealthCheck(ctx context.Context, in *route53.GetHealthCheckInput, _ ...func(*route53.Options)) (*route53.GetHealthCheckOutput, error) {
	if err := s.gate.Enter(ctx, "route53:GetHealthCheck", throttleCode, false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hc, err := s.checkLocked(in.HealthCheckId)
	if err != nil {
		return nil, err
	}
	out := hc.describe()
	return &route53.GetHealthCheckOutput{HealthCheck: &out}, nil
}

// UpdateHealthCheck applies the fields given. HealthCheckVersion, when
// sent, must equal the current version (optimistic locking) or the call
// answers HealthCheckVersionMismatch; every accepted update increments it.
// Inverted takes effect on the next checks (the status flips after
// FailureThreshold of them); Disabled takes effect at once.
func (s *Service) UpdateHealthCheck(ctx context.Context, in *route53.UpdateHealthCheckInput, _ ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	if err := s.gate.Enter(ctx, "route53:UpdateHealthCheck", throttleCode, false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hc, err := s.checkLocked(in.HealthCheckId)
	if err != nil {
		return nil, err
	}
	if in.HealthCheckVersion != nil && *in.HealthCheckVersion != hc.version {
		return nil, apisim.Error("HealthCheckVersionMismatch",
			"The value of HealthCheckVersion in the request (%d) doesn't match the current version (%d) of health check %s.",
			*in.HealthCheckVersion, hc.version, hc.id)
	}
	c := hc.cfg
	set := func(dst **string, v *string) {
		if v != nil {
			*dst = v
		}
	}
	set(&c.IPAddress, in.IPAddress)
	set(&c.ResourcePath, in.ResourcePath)
	set(&c.FullyQualifiedDomainName, in.FullyQualifiedDomainName)
	set(&c.SearchString, in.SearchString)
	if in.Port != nil {
		c.Port = in.Port
	}
	if in.FailureThreshold != nil {
		c.FailureThreshold = in.FailureThreshold
	}
	if in.Inverted != nil {
		c.Inverted = in.Inverted
	}
	if in.Disabled != nil {
		c.Disabled = in.Disabled
	}
	if in.EnableSNI != nil {
		c.EnableSNI = in.EnableSNI
	}
	if in.HealthThreshold != nil {
		c.HealthThreshold = in.HealthThreshold
	}
	if in.ChildHealthChecks != nil {
		c.ChildHealthChecks = in.ChildHealthChecks
	}
	if in.Regions != nil {
		c.Regions = in.Regions
	}
	if in.AlarmIdentifier != nil {
		c.AlarmIdentifier = in.AlarmIdentifier
	}
	if in.InsufficientDataHealthStatus != "" {
		c.InsufficientDataHealthStatus = in.InsufficientDataHealthStatus
	}
	for _, r := range in.ResetElements {
		switch r {
		case types.ResettableElementNameFullyQualifiedDomainName:
			c.FullyQualifiedDomainName = nil
		case types.ResettableElementNameRegions:
			c.Regions = nil
		case types.ResettableElementNameResourcePath:
			c.ResourcePath = nil
		case types.ResettableElementNameChildHealthChecks:
			c.ChildHealthChecks = nil
		}
	}
	c, err = normalizeConfig(c)
	if err != nil {
		return nil, apisim.Error("InvalidInput", "not updating health check %s: %v", hc.id, err)
	}
	hc.cfg = c
	hc.version++
	s.noteChangesLocked(time.Now())
	out := hc.describe()
	return &route53.UpdateHealthCheckOutput{HealthCheck: &out}, nil
}

// GetHealthCheckStatus answers the latest observation of every checker
// that has checked at least once.
func (s *Service) GetHealthCheckStatus(ctx context.Context, in *route53.GetHealthCheckStatusInput, _ ...func(*route53.Options)) (*route53.GetHealthCheckStatusOutput, error) {
	if err := s.gate.Enter(ctx, "route53:GetHealthCheckStatus", throttleCode, false); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hc, err := s.checkLocked(in.HealthCheckId)
	if err != nil {
		return nil, err
	}
	out := &route53.GetHealthCheckStatusOutput{}
	for _, c := range hc.checkers {
		if c.checkedAt.IsZero() {
			continue
		}
		out.HealthCheckObservations = append(out.HealthCheckObservations, types.HealthCheckObservation{
			Region: c.region, IPAddress: aws.String(c.ip),
			StatusReport: &types.StatusReport{Status: aws.String(c.report), CheckedTime: aws.Time(c.checkedAt)},
		})
	}
	return out, nil
}

// ListHealthChecks pages in creation order: Marker is the id of the first
// health check of the page (NextMarker of the previous one); MaxItems
// defaults to 100 and is at most 1000.
func (s *Service) ListHealthChecks(ctx context.Context, in *route53.ListHealthChecksInput, _ ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error) {
	if err := s.gate.Enter(ctx, "route53:ListHealthChecks", throttleCode, false); err != nil {
		return nil, err
	}
	if in == nil {
		in = &route53.ListHealthChecksInput{}
	}
	max := int(aws.ToInt32(in.MaxItems))
	if max <= 0 {
		max = 100
	}
	if max > 1000 {
		max = 1000
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	lo := 0
	if m := aws.ToString(in.Marker); m != "" {
		lo = slices.Index(s.order, m)
		if lo < 0 {
			return nil, apisim.Error("InvalidInput", "The marker %s is not valid.", m)
		}
	}
	hi := min(len(s.order), lo+max)
	out := &route53.ListHealthChecksOutput{Marker: in.Marker, MaxItems: aws.Int32(int32(max)), HealthChecks: []types.HealthCheck{}}
	for _, id := range s.order[lo:hi] {
		out.HealthChecks = append(out.HealthChecks, s.checks[id].describe())
	}
	if hi < len(s.order) {
		out.IsTruncated = true
		out.NextMarker = aws.String(s.order[hi])
	}
	return out, nil
}
