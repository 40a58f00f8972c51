package r53flip

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gameday-dev/gameday/faults/faultkit"

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
	o    faultkit.Options
	rev  *r53Reverter
}

// Name is the kind, as written in `fault "route53_health_flip" "<name>"` blocks.
const Name = "route53_health_flip"

// Kind is the route53_health_flip fault kind with the given timings.
func Kind(o faultkit.Options) engine.FaultKind {
	o = o.WithDefaults()
	return engine.FaultKind{
		Name:  Name,
		Block: block(),
		IAM:   grant,
		New: func(spec any, env engine.Env) (engine.Fault, error) {
			s, err := specOf(spec)
			if err != nil {
				return nil, err
			}
			if s.HealthCheckID == "" {
				return nil, fmt.Errorf("route53_health_flip %s: health_check_id is required", env.FaultID)
			}
			env = faultkit.WithLog(env)
			return &r53Flip{spec: s, env: env, o: o, rev: &r53Reverter{env: env, o: o}}, nil
		},
		Reverter: func(env engine.Env) engine.Reverter { return &r53Reverter{env: faultkit.WithLog(env), o: o} },
		Scanner:  func(env engine.Env) engine.Scanner { return &r53Scanner{env: faultkit.WithLog(env)} },
	}
}

func (f *r53Flip) Kind() string   { return Name }
func (f *r53Flip) BatchSize() int { return 1 }

func (f *r53Flip) Effect() engine.Effect {
	return engine.Effect{Action: "invert a Route 53 health check", Reversible: true,
		Note: "reverted by setting Inverted back to its recorded value"}
}

// Select reads the health check (so that a typo fails before anything
// runs) and its tags, for the guard.
func (f *r53Flip) Select(ctx context.Context) (engine.Selection, error) {
	id := f.spec.HealthCheckID
	out, err := f.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
	if err != nil {
		return engine.Selection{}, fmt.Errorf("not selecting health check %s: GetHealthCheck failed: %w", id, err)
	}
	c := engine.Candidate{Target: engine.Target{ID: id, Resource: "route53:healthcheck"},
		Touches: []engine.Resource{healthCheckTags(ctx, f.env, id)}}
	sel := engine.Selection{Amount: engine.Amount{All: true}}
	if cfg := out.HealthCheck.HealthCheckConfig; cfg != nil {
		c.Target.Labels = map[string]string{"type": string(cfg.Type)}
		if cfg.Inverted != nil && *cfg.Inverted {
			sel.Notes = append(sel.Notes, fmt.Sprintf("health check %s is already inverted: the flip changes nothing", id))
		}
		if cfg.Disabled != nil && *cfg.Disabled {
			sel.Notes = append(sel.Notes, fmt.Sprintf("health check %s is disabled: Route 53 counts it healthy whatever Inverted says", id))
		}
	}
	sel.Candidates = []engine.Candidate{c}
	return sel, nil
}

// healthCheckTags reads a health check's tags for the guard.
func healthCheckTags(ctx context.Context, env engine.Env, id string) engine.Resource {
	r := engine.Resource{ID: id, Type: "route53:healthcheck"}
	out, err := env.Clients.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{
		ResourceId: &id, ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		r.TagsUnread = "ListTagsForResource failed: " + err.Error()
		return r
	}
	r.Tags = map[string]string{}
	if out.ResourceTagSet != nil {
		for _, t := range out.ResourceTagSet.Tags {
			r.Tags[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
		}
	}
	return r
}

// Preflight cannot check: Route 53 has no DryRun.
func (f *r53Flip) Preflight(context.Context, engine.Guarded) []engine.Check {
	why := "Route 53 has no dry run: permission not checked"
	return []engine.Check{faultkit.Unverified("route53:UpdateHealthCheck", why), faultkit.Unverified("route53:ChangeTagsForResource", why)}
}

// Snapshot records the current Inverted value.
func (f *r53Flip) Snapshot(ctx context.Context, b engine.Batch) (json.RawMessage, error) {
	batch := b.Targets()
	if len(batch) != 1 {
		return nil, fmt.Errorf("route53_health_flip takes one health check per batch, got %d", len(batch))
	}
	id := batch[0].ID
	out, err := f.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &id})
	if err != nil {
		return nil, fmt.Errorf("not flipping health check %s: GetHealthCheck failed: %w", id, err)
	}
	return faultkit.Encode(r53Snapshot{HealthCheckID: id, Inverted: inverted(out.HealthCheck)})
}

// Inject tags the health check with the run and the original value, then
// sets Inverted=true under optimistic locking.
func (f *r53Flip) Inject(ctx context.Context, _ engine.Batch, snapshot json.RawMessage) (json.RawMessage, error) {
	snap, err := faultkit.Decode[r53Snapshot]("route53_health_flip snapshot", snapshot)
	if err != nil {
		return nil, fmt.Errorf("not flipping health check: %w", err)
	}
	if _, err := f.env.Clients.Route53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{
		ResourceId: &snap.HealthCheckID, ResourceType: r53types.TagResourceTypeHealthcheck,
		AddTags: []r53types.Tag{
			{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)},
			{Key: faultkit.Ptr(engine.TagFault), Value: faultkit.Ptr(f.env.FaultID)},
			{Key: faultkit.Ptr(engine.TagSnapshot), Value: faultkit.Ptr(fmt.Sprintf("inverted=%t", snap.Inverted))},
		},
	}); err != nil {
		return nil, fmt.Errorf("not flipping health check %s: tagging it for recovery failed: %w", snap.HealthCheckID, err)
	}
	if _, err := f.rev.setInverted(ctx, snap.HealthCheckID, true); err != nil {
		return nil, fmt.Errorf("not flipping health check %s: %w", snap.HealthCheckID, err)
	}
	return nil, nil
}

// VerifyEffect re-reads the health check: the flip took effect when it is
// inverted now and was not before (an already inverted check changes
// nothing).
func (f *r53Flip) VerifyEffect(ctx context.Context, _ engine.Batch, snapshot, _ json.RawMessage) (engine.Observed, error) {
	snap, err := faultkit.Decode[r53Snapshot]("route53_health_flip snapshot", snapshot)
	if err != nil {
		return engine.Observed{}, err
	}
	if snap.Inverted {
		return engine.Observed{Detail: fmt.Sprintf("health check %s was already inverted before the flip", snap.HealthCheckID)}, nil
	}
	return faultkit.AwaitEffect(ctx, f.o, func(ctx context.Context) (engine.Observed, error) {
		out, err := f.env.Clients.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &snap.HealthCheckID})
		if err != nil {
			return engine.Observed{}, fmt.Errorf("re-reading health check %s: GetHealthCheck failed: %w", snap.HealthCheckID, err)
		}
		if !inverted(out.HealthCheck) {
			return engine.Observed{Detail: fmt.Sprintf("health check %s is not inverted", snap.HealthCheckID)}, nil
		}
		return engine.Observed{Affected: []string{snap.HealthCheckID}, Detail: fmt.Sprintf("health check %s inverted", snap.HealthCheckID)}, nil
	})
}

func inverted(hc *r53types.HealthCheck) bool {
	return hc != nil && hc.HealthCheckConfig != nil && hc.HealthCheckConfig.Inverted != nil && *hc.HealthCheckConfig.Inverted
}

// Compile-time checks: the kind implements the engine's contract.
var (
	_ engine.Fault    = (*r53Flip)(nil)
	_ engine.Reverter = (*r53Reverter)(nil)
	_ engine.Scanner  = (*r53Scanner)(nil)
)
