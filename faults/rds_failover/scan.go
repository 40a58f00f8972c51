package rdsfailover

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

type scanner struct{ env engine.Env }

// Scan finds databases a run failed over and has not failed back: they
// carry the run's tags and, in gameday:snapshot, the writer (or AZ) to
// return to.
func (sc *scanner) Scan(ctx context.Context) ([]engine.Leftover, error) {
	var out []engine.Leftover
	cp := rds.NewDescribeDBClustersPaginator(sc.env.Clients.RDS, &rds.DescribeDBClustersInput{})
	for cp.HasMorePages() {
		page, err := cp.NextPage(ctx)
		if err != nil {
			return out, fmt.Errorf("DescribeDBClusters failed: %w", err)
		}
		for _, c := range page.DBClusters {
			tags := rdsTags(c.TagList)
			if tags[engine.TagRun] == "" {
				continue
			}
			s := snapshot{ClusterID: faultkit.Str(c.DBClusterIdentifier), ARN: faultkit.Str(c.DBClusterArn), Writer: tags[engine.TagSnapshot], Failback: true}
			l, err := leftover(tags, s, engine.Target{ID: s.ClusterID, Resource: "rds:cluster"}, "DB cluster "+s.ClusterID+" not failed back to "+s.Writer)
			if err != nil {
				return out, err
			}
			out = append(out, l)
		}
	}
	ip := rds.NewDescribeDBInstancesPaginator(sc.env.Clients.RDS, &rds.DescribeDBInstancesInput{})
	for ip.HasMorePages() {
		page, err := ip.NextPage(ctx)
		if err != nil {
			return out, fmt.Errorf("DescribeDBInstances failed: %w", err)
		}
		for _, in := range page.DBInstances {
			tags := rdsTags(in.TagList)
			if tags[engine.TagRun] == "" || in.DBClusterIdentifier != nil {
				continue // cluster members are covered by their cluster
			}
			s := snapshot{InstanceID: faultkit.Str(in.DBInstanceIdentifier), ARN: faultkit.Str(in.DBInstanceArn), AZ: tags[engine.TagSnapshot], Failback: true}
			l, err := leftover(tags, s, engine.Target{ID: s.InstanceID, Resource: "rds:db"}, "DB instance "+s.InstanceID+" not failed back to "+s.AZ)
			if err != nil {
				return out, err
			}
			out = append(out, l)
		}
	}
	return out, nil
}

func leftover(tags map[string]string, s snapshot, t engine.Target, detail string) (engine.Leftover, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return engine.Leftover{}, err
	}
	return engine.Leftover{Run: tags[engine.TagRun], Kind: Name, Targets: []engine.Target{t}, Snapshot: raw, Detail: detail}, nil
}
