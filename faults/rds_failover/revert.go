package rdsfailover

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

type reverter struct {
	env engine.Env
	o   faultkit.Options
}

// Revert fails back to the original writer when the block asked for it;
// otherwise there is nothing to put back and it says so. Idempotent: a
// writer already back is left alone.
func (r *reverter) Revert(ctx context.Context, _ []engine.Target, snap, _ json.RawMessage) (engine.RevertOutcome, error) {
	s, err := faultkit.Decode[snapshot]("snapshot", snap)
	if err != nil {
		return engine.RevertOutcome{}, err
	}
	if !s.Failback {
		return engine.RevertOutcome{Irreversible: true, Notes: []string{"no failback configured: the writer stays on the promoted instance"}}, nil
	}
	if s.InstanceID != "" {
		in, err := readInstance(ctx, r.env, s.InstanceID)
		if err != nil {
			return engine.RevertOutcome{}, fmt.Errorf("not failing back DB instance %s: %w", s.InstanceID, err)
		}
		if faultkit.Str(in.AvailabilityZone) == s.AZ {
			return engine.RevertOutcome{}, nil
		}
		force := true
		if _, err := r.env.Clients.RDS.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: &s.InstanceID, ForceFailover: &force}); err != nil {
			return engine.RevertOutcome{}, fmt.Errorf("not failing back DB instance %s to %s: RebootDBInstance failed: %w", s.InstanceID, s.AZ, err)
		}
		return engine.RevertOutcome{}, nil
	}
	c, err := readCluster(ctx, r.env, s.ClusterID)
	if err != nil {
		return engine.RevertOutcome{}, fmt.Errorf("not failing back DB cluster %s: %w", s.ClusterID, err)
	}
	if c.Writer == s.Writer {
		return engine.RevertOutcome{}, nil
	}
	if !contains(c.Members, s.Writer) {
		return engine.RevertOutcome{}, fmt.Errorf("not failing back DB cluster %s: the original writer %s is no longer one of its instances (%v)", s.ClusterID, s.Writer, c.Members)
	}
	if _, err := r.env.Clients.RDS.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: &s.ClusterID, TargetDBInstanceIdentifier: &s.Writer}); err != nil {
		return engine.RevertOutcome{}, fmt.Errorf("not failing back DB cluster %s to %s: FailoverDBCluster failed: %w", s.ClusterID, s.Writer, err)
	}
	return engine.RevertOutcome{Notes: []string{fmt.Sprintf("failed back DB cluster %s from %s to %s", s.ClusterID, c.Writer, s.Writer)}}, nil
}

// Verify re-reads until the original writer is back (a failover takes
// tens of seconds on AWS), bounded by the effect wait.
func (r *reverter) Verify(ctx context.Context, _ []engine.Target, snap, _ json.RawMessage) error {
	s, err := faultkit.Decode[snapshot]("snapshot", snap)
	if err != nil || !s.Failback {
		return err
	}
	obs, err := faultkit.AwaitEffect(ctx, r.o, func(ctx context.Context) (engine.Observed, error) {
		if s.InstanceID != "" {
			in, err := readInstance(ctx, r.env, s.InstanceID)
			if err != nil {
				return engine.Observed{}, err
			}
			if faultkit.Str(in.AvailabilityZone) == s.AZ && faultkit.Str(in.DBInstanceStatus) == "available" {
				return engine.Observed{Affected: []string{s.InstanceID}}, nil
			}
			return engine.Observed{Detail: fmt.Sprintf("DB instance %s is %s in %s, not back in %s", s.InstanceID, faultkit.Str(in.DBInstanceStatus), faultkit.Str(in.AvailabilityZone), s.AZ)}, nil
		}
		c, err := readCluster(ctx, r.env, s.ClusterID)
		if err != nil {
			return engine.Observed{}, err
		}
		if c.Writer == s.Writer {
			return engine.Observed{Affected: []string{s.ClusterID}}, nil
		}
		return engine.Observed{Detail: fmt.Sprintf("DB cluster %s writer is %s, not back on %s", s.ClusterID, c.Writer, s.Writer)}, nil
	})
	if err != nil {
		return err
	}
	if !obs.Took() {
		return fmt.Errorf("failback not finished: %s", obs.Detail)
	}
	return nil
}
