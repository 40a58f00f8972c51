package config

import "github.com/hashicorp/hcl/v2"

// Route53HealthFlip inverts a Route 53 health check so that a healthy
// endpoint counts as unhealthy and failover records fail over (kind
// "route53_health_flip"); the revert sets Inverted back to its old value.
type Route53HealthFlip struct {
	HealthCheckID string
	DeclRange     hcl.Range
	AttrRanges    map[string]hcl.Range
}

func route53HealthFlipKind() Kind {
	return Kind{
		Name:   "route53_health_flip",
		Schema: Schema([]string{"health_check_id!"}),
		Decode: func(b KindBody) any {
			a := b.Args
			f := &Route53HealthFlip{HealthCheckID: a.String("health_check_id"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
			// Health check IDs are UUIDs; allow any 1-64 characters of
			// that alphabet so that other ID shapes (emulators) still work.
			if a.Has("health_check_id") && !a.Decoder().Match(`^[0-9A-Za-z-]{1,64}$`, f.HealthCheckID) {
				a.Errorf("health_check_id", "Invalid health check ID", "Route 53 health check IDs look like \"abcdef11-2222-3333-4444-555555fedcba\"; %q is not one.", f.HealthCheckID)
			}
			requireDuration(b, "route53_health_flip")
			return f
		},
	}
}
