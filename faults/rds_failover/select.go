package rdsfailover

import (
	"context"
	"fmt"
	"slices"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// Select reads the database with the tags of everything a failover touches:
// the cluster and every member (the writer loses its role, a reader gains
// it), or the Multi-AZ instance. One target: the database.
func (f *failover) Select(ctx context.Context) (engine.Selection, error) {
	sel := engine.Selection{Amount: engine.Amount{All: true}}
	if f.spec.InstanceID != "" {
		in, err := readInstance(ctx, f.env, f.spec.InstanceID)
		if err != nil {
			return sel, fmt.Errorf("not selecting DB instance %s: %w", f.spec.InstanceID, err)
		}
		if in.MultiAZ == nil || !*in.MultiAZ {
			return sel, fmt.Errorf("not selecting DB instance %s: it is not Multi-AZ, so a forced failover has no standby to promote (use a Multi-AZ instance, or cluster_id for Aurora)", f.spec.InstanceID)
		}
		t := engine.Target{ID: f.spec.InstanceID, Resource: "rds:db", AZ: faultkit.Str(in.AvailabilityZone)}
		sel.Candidates = append(sel.Candidates, engine.Candidate{Target: t,
			Touches: []engine.Resource{{ID: f.spec.InstanceID, Type: "rds:db", Tags: rdsTags(in.TagList)}}})
		return sel, nil
	}
	c, err := readCluster(ctx, f.env, f.spec.ClusterID)
	if err != nil {
		return sel, fmt.Errorf("not selecting DB cluster %s: %w", f.spec.ClusterID, err)
	}
	if len(c.Members) < 2 {
		return sel, fmt.Errorf("not selecting DB cluster %s: it has %d instance(s), so there is no reader to fail over to", f.spec.ClusterID, len(c.Members))
	}
	if t := f.spec.TargetInstanceID; t != "" {
		if !slices.Contains(c.Members, t) {
			return sel, fmt.Errorf("not selecting DB cluster %s: target_instance_id %s is not one of its instances (%v)", f.spec.ClusterID, t, c.Members)
		}
		if t == c.Writer {
			return sel, fmt.Errorf("not selecting DB cluster %s: target_instance_id %s is already the writer, so the failover would change nothing", f.spec.ClusterID, t)
		}
	}
	touches := []engine.Resource{{ID: f.spec.ClusterID, Type: "rds:cluster", Tags: c.Tags}}
	for _, m := range c.Members {
		touches = append(touches, instanceTags(ctx, f.env, m))
	}
	t := engine.Target{ID: f.spec.ClusterID, Resource: "rds:cluster", Labels: map[string]string{"writer": c.Writer}}
	sel.Candidates = append(sel.Candidates, engine.Candidate{Target: t, Touches: touches})
	return sel, nil
}

// Preflight: RDS has no dry run, so the permission is only assumed.
func (f *failover) Preflight(context.Context, engine.Guarded) []engine.Check {
	action := "rds:FailoverDBCluster"
	if f.spec.InstanceID != "" {
		action = "rds:RebootDBInstance"
	}
	return []engine.Check{faultkit.Unverified(action, "unverified: RDS has no dry run")}
}
