package rdsfailover

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// clusterState is a cluster as read now: its writer and its members.
type clusterState struct {
	ARN     string
	Writer  string
	Members []string
	Tiers   map[string]int32 // promotion tier per member
	Tags    map[string]string
	Status  string
}

func readCluster(ctx context.Context, env engine.Env, id string) (clusterState, error) {
	out, err := env.Clients.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: &id})
	if err != nil {
		return clusterState{}, fmt.Errorf("DescribeDBClusters %s failed: %w", id, err)
	}
	if len(out.DBClusters) == 0 {
		return clusterState{}, fmt.Errorf("DB cluster %s does not exist", id)
	}
	c := out.DBClusters[0]
	st := clusterState{ARN: faultkit.Str(c.DBClusterArn), Tags: rdsTags(c.TagList), Status: faultkit.Str(c.Status), Tiers: map[string]int32{}}
	for _, m := range c.DBClusterMembers {
		st.Members = append(st.Members, faultkit.Str(m.DBInstanceIdentifier))
		if m.PromotionTier != nil {
			st.Tiers[faultkit.Str(m.DBInstanceIdentifier)] = *m.PromotionTier
		}
		if m.IsClusterWriter != nil && *m.IsClusterWriter {
			st.Writer = faultkit.Str(m.DBInstanceIdentifier)
		}
	}
	return st, nil
}

func readInstance(ctx context.Context, env engine.Env, id string) (types.DBInstance, error) {
	out, err := env.Clients.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &id})
	if err != nil {
		return types.DBInstance{}, fmt.Errorf("DescribeDBInstances %s failed: %w", id, err)
	}
	if len(out.DBInstances) == 0 {
		return types.DBInstance{}, fmt.Errorf("DB instance %s does not exist", id)
	}
	return out.DBInstances[0], nil
}

// rdsTags turns RDS tags into a map (never nil: the tags were read).
func rdsTags(tags []types.Tag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
	}
	return m
}

// instanceTags reads a member's tags for the guard; an unreadable member
// is reported, never taken as untagged.
func instanceTags(ctx context.Context, env engine.Env, id string) engine.Resource {
	r := engine.Resource{ID: id, Type: "rds:db"}
	in, err := readInstance(ctx, env, id)
	if err != nil {
		r.TagsUnread = err.Error()
		return r
	}
	r.Tags = rdsTags(in.TagList)
	return r
}
