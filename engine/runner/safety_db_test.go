package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/gameday-dev/gameday/awsapi"
)

// safetyDBState is what a protected DB cluster must keep: its writer and
// its tags (the state the safety matrix compares before and after).
func safetyDBState(t *testing.T, ctx context.Context, c awsapi.RDS, id string) string {
	t.Helper()
	out, err := c.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(id)})
	if err != nil || len(out.DBClusters) != 1 {
		t.Fatalf("reading DB cluster %s: %v", id, err)
	}
	writer := ""
	for _, m := range out.DBClusters[0].DBClusterMembers {
		if aws.ToBool(m.IsClusterWriter) {
			writer = aws.ToString(m.DBInstanceIdentifier)
		}
	}
	tags := map[string]string{}
	for _, tg := range out.DBClusters[0].TagList {
		tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	return fmt.Sprintf("writer=%s %v", writer, sortedTags(tags))
}
