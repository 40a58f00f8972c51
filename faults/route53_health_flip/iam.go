package r53flip

import (
	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// grant: GetHealthCheck (select, snapshot, optimistic lock, verify),
// ChangeTagsForResource (run tags on, then off), UpdateHealthCheck (the flip
// and its revert). The recover scan lists every health check and its tags.
func grant(spec any, f iam.Fault, g *iam.Grant) error {
	s, ok := spec.(*Config)
	if !ok || s == nil {
		return faultkit.SpecError(Name, spec)
	}
	g.Allow(iam.Statement{Sid: f.Sid("HealthCheck"),
		Action:   []string{"route53:GetHealthCheck", "route53:UpdateHealthCheck", "route53:ChangeTagsForResource"},
		Resource: []string{g.Scope.HealthCheck(s.HealthCheckID)},
		Why:      "Fault " + f.ID + " reads the health check's version, tags it with the run, sets Inverted=true, and on revert sets it back and removes the tags; this health check only."})
	g.Allow(iam.Statement{Sid: f.Sid("HealthCheckTags"), Action: []string{"route53:ListTagsForResource"}, Resource: []string{g.Scope.HealthCheck(s.HealthCheckID)},
		Why: "Fault " + f.ID + " reads the health check's tags so that the guard's protected_tags apply to it; read-only."})
	g.Allow(iam.Statement{Sid: "ScanHealthChecks", Action: []string{"route53:ListHealthChecks"}, Resource: []string{"*"},
		Why: "`gameday recover --scan` lists health checks to find those a lost run left flipped (ListHealthChecks has no resource-level permissions)."})
	g.Allow(iam.Statement{Sid: "ScanHealthCheckTags", Action: []string{"route53:ListTagsForResource"}, Resource: []string{g.Scope.HealthCheck("*")},
		Why: "`gameday recover --scan` reads each health check's tags to find gameday's run tag; read-only."})
	return nil
}
