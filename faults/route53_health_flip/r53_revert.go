package r53flip

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// r53MaxAttempts bounds the re-read-and-retry loop on version conflicts: a
// conflict means someone else changed the check, which rarely repeats.
const r53MaxAttempts = 5

type r53Reverter struct {
	env engine.Env
	o   faultkit.Options
}

// setInverted sets Inverted to want with the version just read; on
// HealthCheckVersionMismatch it re-reads and retries with backoff. It does
// nothing when the value is already want (idempotent) and reports whether
// it changed anything.
func (r *r53Reverter) setInverted(ctx context.Context, id string, want bool) (bool, error) {
	backoff := r.o.RetryBackoff
	for attempt := 1; ; attempt++ {
		out, err := r.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
		if err != nil {
			return false, fmt.Errorf("GetHealthCheck failed: %w", err)
		}
		if inverted(out.HealthCheck) == want {
			return false, nil
		}
		_, err = r.env.Clients.Route53.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{
			HealthCheckId: &id, HealthCheckVersion: out.HealthCheck.HealthCheckVersion, Inverted: faultkit.Ptr(want),
		})
		if err == nil {
			return true, nil
		}
		// Route 53 answers PriorRequestNotComplete/Throttling when its
		// 5 requests per second are exceeded; both deserve the same
		// re-read and retry as a version conflict.
		if !(awsapi.IsCode(err, "HealthCheckVersionMismatch") || awsapi.IsThrottle(err)) || attempt >= r53MaxAttempts {
			return false, fmt.Errorf("UpdateHealthCheck (Inverted=%t) failed after %d attempt(s): %w", want, attempt, err)
		}
		r.env.Logf("health check %s: %s; re-reading and retrying", id, awsapi.ErrorCode(err))
		if err := faultkit.Sleep(ctx, backoff); err != nil {
			return false, err
		}
		backoff *= 2
	}
}

// Revert puts Inverted back to its recorded value and removes the tags.
func (r *r53Reverter) Revert(ctx context.Context, batch []engine.Target, snapshot, _ json.RawMessage) (engine.RevertOutcome, error) {
	snap, err := faultkit.Decode[r53Snapshot]("route53_health_flip snapshot", snapshot)
	if err != nil {
		return engine.RevertOutcome{}, fmt.Errorf("not restoring health check %s: %w", strings.Join(engine.TargetIDs(batch), ", "), err)
	}
	if _, err := r.setInverted(ctx, snap.HealthCheckID, snap.Inverted); err != nil {
		return engine.RevertOutcome{}, fmt.Errorf("not restoring health check %s to Inverted=%t: %w", snap.HealthCheckID, snap.Inverted, err)
	}
	var out engine.RevertOutcome
	if _, err := r.env.Clients.Route53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceId: &snap.HealthCheckID, ResourceType: r53types.TagResourceTypeHealthcheck,
		RemoveTagKeys: []string{engine.TagRun, engine.TagFault, engine.TagSnapshot},
	}); err != nil {
		out.Notes = append(out.Notes, fmt.Sprintf("gameday tags left on health check %s: %v", snap.HealthCheckID, err))
	}
	return out, nil
}

// Verify re-reads the health check.
func (r *r53Reverter) Verify(ctx context.Context, batch []engine.Target, snapshot, _ json.RawMessage) error {
	snap, err := faultkit.Decode[r53Snapshot]("route53_health_flip snapshot", snapshot)
	if err != nil {
		return fmt.Errorf("not verifying health check %s: %w", strings.Join(engine.TargetIDs(batch), ", "), err)
	}
	out, err := r.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &snap.HealthCheckID})
	if err != nil {
		return fmt.Errorf("not verifying health check %s: GetHealthCheck failed: %w", snap.HealthCheckID, err)
	}
	if got := inverted(out.HealthCheck); got != snap.Inverted {
		return fmt.Errorf("health check %s is not back: Inverted is %t, recorded %t", snap.HealthCheckID, got, snap.Inverted)
	}
	// Cleanup is part of the revert: gameday's tags left on the check keep
	// the batch pending until the next revert removes them.
	tags := healthCheckTags(ctx, r.env, snap.HealthCheckID)
	if tags.TagsUnread != "" {
		return fmt.Errorf("not verifying the cleanup of health check %s: %s", snap.HealthCheckID, tags.TagsUnread)
	}
	if _, ok := tags.Tags[engine.TagRun]; ok {
		return fmt.Errorf("cleanup not finished: gameday tags still on health check %s", snap.HealthCheckID)
	}
	return nil
}

type r53Scanner struct{ env engine.Env }

// Scan lists health checks and reads their tags; a check tagged with a run
// is a leftover whose original value is in the snapshot tag.
func (s *r53Scanner) Scan(ctx context.Context) ([]engine.Leftover, error) {
	var out []engine.Leftover
	p := route53.NewListHealthChecksPaginator(s.env.Clients.Route53, &route53.ListHealthChecksInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("not scanning health checks: ListHealthChecks failed: %w", err)
		}
		for _, hc := range page.HealthChecks {
			id := faultkit.Str(hc.Id)
			tags, err := s.env.Clients.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{
				ResourceId: &id, ResourceType: r53types.TagResourceTypeHealthcheck})
			if err != nil {
				return nil, fmt.Errorf("not scanning health check %s: ListTagsForResource failed: %w", id, err)
			}
			m := map[string]string{}
			if tags.ResourceTagSet != nil {
				for _, t := range tags.ResourceTagSet.Tags {
					m[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
				}
			}
			run, ok := m[engine.TagRun]
			if !ok {
				continue
			}
			orig, known := strings.CutPrefix(m[engine.TagSnapshot], "inverted=")
			if !known {
				// Without the recorded value, false is the safe guess:
				// gameday only ever sets Inverted=true.
				orig = "false"
			}
			raw, err := faultkit.Encode(r53Snapshot{HealthCheckID: id, Inverted: orig == "true"})
			if err != nil {
				return nil, err
			}
			out = append(out, engine.Leftover{Run: run, Kind: Name,
				Targets:  []engine.Target{{ID: id, Resource: "route53:healthcheck"}},
				Snapshot: raw,
				Detail:   fmt.Sprintf("health check %s flipped by %s in run %s (original Inverted=%s)", id, m[engine.TagFault], run, orig)})
		}
	}
	return out, nil
}
