package rdsfailover

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// Snapshot reads the writer (or the Multi-AZ instance's AZ) a failback
// returns to.
func (f *failover) Snapshot(ctx context.Context, _ engine.Batch) (json.RawMessage, error) {
	s := snapshot{ClusterID: f.spec.ClusterID, InstanceID: f.spec.InstanceID, Failback: f.spec.Failback}
	if f.spec.InstanceID != "" {
		in, err := readInstance(ctx, f.env, f.spec.InstanceID)
		if err != nil {
			return nil, err
		}
		s.AZ, s.ARN = faultkit.Str(in.AvailabilityZone), faultkit.Str(in.DBInstanceArn)
	} else {
		c, err := readCluster(ctx, f.env, f.spec.ClusterID)
		if err != nil {
			return nil, err
		}
		s.Writer, s.ARN = c.Writer, c.ARN
		s.Promote = f.spec.TargetInstanceID
		if s.Promote == "" {
			s.Promote = firstReader(c)
		}
		if s.Promote == "" {
			return nil, fmt.Errorf("DB cluster %s has no reader to promote (instances %v, writer %s)", s.ClusterID, c.Members, c.Writer)
		}
	}
	return faultkit.Encode(s)
}

// Inject fails the database over. A failover to be failed back first tags
// the database with the run and the original writer, so that `gameday
// recover --scan` finds it without the journal; the tags go once the
// failback is verified.
func (f *failover) Inject(ctx context.Context, _ engine.Batch, snap json.RawMessage) (json.RawMessage, error) {
	s, err := faultkit.Decode[snapshot]("snapshot", snap)
	if err != nil {
		return nil, err
	}
	if s.Failback {
		if err := f.tag(ctx, s); err != nil {
			return nil, err
		}
	}
	if f.spec.InstanceID != "" {
		force := true
		_, err := f.env.Clients.RDS.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: &f.spec.InstanceID, ForceFailover: &force})
		if err != nil {
			return nil, fmt.Errorf("RebootDBInstance %s with ForceFailover failed: %w", f.spec.InstanceID, err)
		}
		return nil, nil
	}
	in := &rds.FailoverDBClusterInput{DBClusterIdentifier: &f.spec.ClusterID, TargetDBInstanceIdentifier: &s.Promote}
	if _, err := f.env.Clients.RDS.FailoverDBCluster(ctx, in); err != nil {
		return nil, fmt.Errorf("FailoverDBCluster %s failed: %w", f.spec.ClusterID, err)
	}
	return nil, nil
}

// VerifyEffect re-reads: the cluster's writer changed, or the instance
// moved to its standby's AZ (or is rebooting into it).
func (f *failover) VerifyEffect(ctx context.Context, _ engine.Batch, snap, _ json.RawMessage) (engine.Observed, error) {
	s, err := faultkit.Decode[snapshot]("snapshot", snap)
	if err != nil {
		return engine.Observed{}, err
	}
	return faultkit.AwaitEffect(ctx, f.o, func(ctx context.Context) (engine.Observed, error) {
		if s.InstanceID != "" {
			in, err := readInstance(ctx, f.env, s.InstanceID)
			if err != nil {
				return engine.Observed{}, err
			}
			az, status := faultkit.Str(in.AvailabilityZone), faultkit.Str(in.DBInstanceStatus)
			if az != s.AZ || status == "rebooting" {
				return engine.Observed{Affected: []string{s.InstanceID}, Detail: fmt.Sprintf("DB instance %s %s in %s (was in %s)", s.InstanceID, status, az, s.AZ)}, nil
			}
			return engine.Observed{Detail: fmt.Sprintf("DB instance %s still %s in %s", s.InstanceID, status, az)}, nil
		}
		c, err := readCluster(ctx, f.env, s.ClusterID)
		if err != nil {
			return engine.Observed{}, err
		}
		if c.Writer != "" && c.Writer != s.Writer {
			return engine.Observed{Affected: []string{s.ClusterID}, Detail: fmt.Sprintf("DB cluster %s writer %s (was %s)", s.ClusterID, c.Writer, s.Writer)}, nil
		}
		return engine.Observed{Detail: fmt.Sprintf("DB cluster %s writer still %s", s.ClusterID, c.Writer)}, nil
	})
}

// tag records the run and what to fail back to on the database.
func (f *failover) tag(ctx context.Context, s snapshot) error {
	back := s.Writer
	if s.InstanceID != "" {
		back = s.AZ
	}
	_, err := f.env.Clients.RDS.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: &s.ARN, Tags: []types.Tag{
		{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)},
		{Key: faultkit.Ptr(engine.TagFault), Value: faultkit.Ptr(f.env.FaultID)},
		{Key: faultkit.Ptr(engine.TagSnapshot), Value: faultkit.Ptr(back)},
	}})
	if err != nil {
		return fmt.Errorf("not failing over %s: tagging it with the run failed: %w", s.ARN, err)
	}
	return nil
}

// firstReader is the reader RDS would promote first: the lowest promotion
// tier, then the name, so that the choice is stable.
func firstReader(c clusterState) string {
	best, tier := "", int32(1<<30)
	for _, m := range c.Members {
		if m == c.Writer {
			continue
		}
		if t := c.Tiers[m]; best == "" || t < tier || (t == tier && m < best) {
			best, tier = m, c.Tiers[m]
		}
	}
	return best
}
