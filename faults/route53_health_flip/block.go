package r53flip

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/gameday-dev/gameday/engine/config"
)

// Config inverts a Route 53 health check so that a healthy
// endpoint counts as unhealthy and failover records fail over (kind
// "route53_health_flip"); the revert sets Inverted back to its old value.
type Config struct {
	HealthCheckID string
	DeclRange     hcl.Range
	AttrRanges    map[string]hcl.Range
}

func block() config.Kind {
	return config.Kind{
		Name:   Name,
		Schema: config.Schema([]string{"health_check_id!"}),
		Decode: func(b config.KindBody) any {
			a := b.Args
			f := &Config{HealthCheckID: a.String("health_check_id"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
			// Health check IDs are UUIDs; allow any 1-64 characters of
			// that alphabet so that other ID shapes (emulators) still work.
			if a.Has("health_check_id") && !a.Decoder().Match(`^[0-9A-Za-z-]{1,64}$`, f.HealthCheckID) {
				a.Errorf("health_check_id", "Invalid health check ID", "Route 53 health check IDs look like \"abcdef11-2222-3333-4444-555555fedcba\"; %q is not one.", f.HealthCheckID)
			}
			config.RequireDuration(b, "route53_health_flip")
			return f
		},
	}
}
