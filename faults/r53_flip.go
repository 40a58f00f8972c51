package faults

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/gameday-dev/gameday/engine"
)

// R53FlipSpec configures a route53_health_flip fault: the health check to
// invert so that Route 53 treats its healthy endpoint as unhealthy and fails
// over. Disabled is never used: a disabled check counts as healthy.
type R53FlipSpec struct {
	HealthCheckID string
}

// r53Snapshot is the health check's value before the flip.
type r53Snapshot struct {
	HealthCheckID string `json:"health_check_id"`
	Inverted      bool   `json:"inverted"`
}

type r53Flip struct {
	spec R53FlipSpec
	env  engine.Env
	rev  *r53Reverter
}

func r53FlipKind(o Options) engine.FaultKind {
	return engine.FaultKind{
		Name: KindR53Flip,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, err := r53FlipSpecOf(spec)
			if err != nil {
				return nil, err
			}
			if s.HealthCheckID == "" {
				return nil, fmt.Errorf("route53_health_flip %s: health_check_id is required", env.FaultID)
			}
			env = withLog(env)
			return &r53Flip{spec: s, env: env, rev: &r53Reverter{env: env, o: o}}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &r53Reverter{env: withLog(env), o: o} },
		Scanner:  func(env engine.Env) engine.Scanner { return &r53Scanner{env: withLog(env)} },
	}
}

func (f *r53Flip) Kind() string   { return KindR53Flip }
func (f *r53Flip) BatchSize() int { return 1 }

func (f *r53Flip) Effect() engine.Effect {
	return engine.Effect{Action: "invert a Route 53 health check", Reversible: true,
		Note: "reverted by setting Inverted back to its recorded value"}
}

// Select reads the health check so that a typo fails before anything runs.
func (f *r53Flip) Select(ctx context.Context) (engine.Selection, error) {
	out, err := f.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &f.spec.HealthCheckID})
	if err != nil {
		return engine.Selection{}, fmt.Errorf("not selecting health check %s: GetHealthCheck failed: %w", f.spec.HealthCheckID, err)
	}
	sel := engine.Selection{Candidates: 1, Targets: []engine.Target{{ID: f.spec.HealthCheckID, Resource: "route53:healthcheck"}}}
	if cfg := out.HealthCheck.HealthCheckConfig; cfg != nil {
		sel.Targets[0].Labels = map[string]string{"type": string(cfg.Type)}
		if cfg.Inverted != nil && *cfg.Inverted {
			sel.Notes = append(sel.Notes, fmt.Sprintf("health check %s is already inverted: the flip changes nothing", f.spec.HealthCheckID))
		}
		if cfg.Disabled != nil && *cfg.Disabled {
			sel.Notes = append(sel.Notes, fmt.Sprintf("health check %s is disabled: Route 53 counts it healthy whatever Inverted says", f.spec.HealthCheckID))
		}
	}
	return sel, nil
}

// Preflight cannot check: Route 53 has no DryRun.
func (f *r53Flip) Preflight(context.Context, []engine.Target) []engine.Check {
	why := "Route 53 has no dry run: permission not checked"
	return []engine.Check{unverified("route53:UpdateHealthCheck", why), unverified("route53:ChangeTagsForResource", why)}
}

// Snapshot records the current Inverted value.
func (f *r53Flip) Snapshot(ctx context.Context, batch []engine.Target) (json.RawMessage, error) {
	if len(batch) != 1 {
		return nil, fmt.Errorf("route53_health_flip takes one health check per batch, got %d", len(batch))
	}
	id := batch[0].ID
	out, err := f.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
	if err != nil {
		return nil, fmt.Errorf("not flipping health check %s: GetHealthCheck failed: %w", id, err)
	}
	return encode(r53Snapshot{HealthCheckID: id, Inverted: inverted(out.HealthCheck)})
}

// Inject tags the health check with the run and the original value, then
// sets Inverted=true under optimistic locking.
func (f *r53Flip) Inject(ctx context.Context, batch []engine.Target, snapshot json.RawMessage) (json.RawMessage, error) {
	snap, err := decode[r53Snapshot]("route53_health_flip snapshot", snapshot)
	if err != nil {
		return nil, fmt.Errorf("not flipping health check: %w", err)
	}
	if _, err := f.env.Clients.Route53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceId: &snap.HealthCheckID, ResourceType: r53types.TagResourceTypeHealthcheck,
		AddTags: []r53types.Tag{
			{Key: ptr(engine.TagRun), Value: ptr(f.env.RunID)},
			{Key: ptr(engine.TagFault), Value: ptr(f.env.FaultID)},
			{Key: ptr(engine.TagSnapshot), Value: ptr(fmt.Sprintf("inverted=%t", snap.Inverted))},
		},
	}); err != nil {
		return nil, fmt.Errorf("not flipping health check %s: tagging it for recovery failed: %w", snap.HealthCheckID, err)
	}
	if _, err := f.rev.setInverted(ctx, snap.HealthCheckID, true); err != nil {
		return nil, fmt.Errorf("not flipping health check %s: %w", snap.HealthCheckID, err)
	}
	return nil, nil
}

func inverted(hc *r53types.HealthCheck) bool {
	return hc != nil && hc.HealthCheckConfig != nil && hc.HealthCheckConfig.Inverted != nil && *hc.HealthCheckConfig.Inverted
}
