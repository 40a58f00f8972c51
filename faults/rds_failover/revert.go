package rdsfailover

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

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
	out, err := r.failback(ctx, s)
	if err != nil {
		return out, err
	}
	// The tags stay until the original writer is back: they are what
	// `recover --scan` finds when the journal is lost.
	if err := r.Verify(ctx, nil, snap, nil); err != nil && !errors.Is(err, errTagsLeft) {
		return out, err
	}
	if _, err := r.env.Clients.RDS.RemoveTagsFromResource(ctx, &rds.RemoveTagsFromResourceInput{ResourceName: &s.ARN,
		TagKeys: []string{engine.TagRun, engine.TagFault, engine.TagSnapshot}}); err != nil {
		return out, fmt.Errorf("failed back, but removing the run's tags from %s failed: %w", s.ARN, err)
	}
	return out, nil
}

// failback puts the original writer back (nothing when it already is).
func (r *reverter) failback(ctx context.Context, s snapshot) (engine.RevertOutcome, error) {
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
	if !slices.Contains(c.Members, s.Writer) {
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
	return r.tagsGone(ctx, s)
}

// errTagsLeft is Verify's answer when the database is back but still
// carries the run's tags: cleanup is not finished.
var errTagsLeft = errors.New("cleanup not finished")

func (r *reverter) tagsGone(ctx context.Context, s snapshot) error {
	if s.ARN == "" {
		return nil
	}
	out, err := r.env.Clients.RDS.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: &s.ARN})
	if err != nil {
		return fmt.Errorf("cannot verify that the run's tags are gone from %s: %w", s.ARN, err)
	}
	if v, ok := rdsTags(out.TagList)[engine.TagRun]; ok {
		return fmt.Errorf("%w: %s still carries %s=%s", errTagsLeft, s.ARN, engine.TagRun, v)
	}
	return nil
}
