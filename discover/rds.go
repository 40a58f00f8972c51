package discover

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/awsapi"
)

func rdsTags(tags []types.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		out[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return out
}

// readClusters keeps the DB clusters that can fail over: at least two
// members, one of them the writer.
func readClusters(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.RDS == nil {
		return errNoClient("RDS")
	}
	p := rds.NewDescribeDBClustersPaginator(c.RDS, &rds.DescribeDBClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeDBClusters failed: %w", err)
		}
		for _, cl := range page.DBClusters {
			tags := rdsTags(cl.TagList)
			id := aws.ToString(cl.DBClusterIdentifier)
			if !a.keep(tags) {
				if a.Filter.Protected(tags) {
					a.protect(id)
				}
				continue
			}
			dc := DBCluster{ID: id, Engine: aws.ToString(cl.Engine), Tags: tags}
			for _, m := range cl.DBClusterMembers {
				dc.Members = append(dc.Members, DBMember{ID: aws.ToString(m.DBInstanceIdentifier), Writer: aws.ToBool(m.IsClusterWriter)})
			}
			a.Clusters = append(a.Clusters, dc)
		}
	}
	return nil
}

// readDBInstances keeps the Multi-AZ DB instances outside any cluster: a
// reboot with failover moves them to their standby.
func readDBInstances(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.RDS == nil {
		return errNoClient("RDS")
	}
	p := rds.NewDescribeDBInstancesPaginator(c.RDS, &rds.DescribeDBInstancesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeDBInstances failed: %w", err)
		}
		for _, in := range page.DBInstances {
			tags := rdsTags(in.TagList)
			id := aws.ToString(in.DBInstanceIdentifier)
			if !a.keep(tags) {
				if a.Filter.Protected(tags) {
					a.protect(id)
				}
				continue
			}
			if in.DBClusterIdentifier != nil || !aws.ToBool(in.MultiAZ) || !strings.EqualFold(aws.ToString(in.DBInstanceStatus), "available") {
				continue
			}
			a.DBInstances = append(a.DBInstances, DBInstance{ID: id, Engine: aws.ToString(in.Engine), Tags: tags})
		}
	}
	return nil
}
