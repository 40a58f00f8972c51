package sandbox

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

func newRDS(t *testing.T) (*world.World, *apisim.Gate, *RDS) {
	t.Helper()
	w, g, _, _ := newAPI(t, 3)
	return w, g, NewRDS(w, g)
}

func rdsFilter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func tagMap(tags []types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// writer returns the member the cluster answers as writer, and the reader.
func writer(t *testing.T, c types.DBCluster) (w, r string) {
	t.Helper()
	for _, m := range c.DBClusterMembers {
		if aws.ToBool(m.IsClusterWriter) {
			w = aws.ToString(m.DBInstanceIdentifier)
		} else {
			r = aws.ToString(m.DBInstanceIdentifier)
		}
	}
	if len(c.DBClusterMembers) != 2 || w == "" || r == "" {
		t.Fatalf("members %+v: want one writer and one reader", c.DBClusterMembers)
	}
	return w, r
}

func TestDescribeDBClusters(t *testing.T) {
	w, gate, api := newRDS(t)
	ctx := context.Background()

	out, err := api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
	if err != nil || len(out.DBClusters) != 1 {
		t.Fatalf("DescribeDBClusters: %+v %v", out, err)
	}
	c := out.DBClusters[0]
	if aws.ToString(c.DBClusterIdentifier) != "sandbox-db" || aws.ToString(c.DBClusterArn) != world.ClusterARN("sandbox-db") ||
		aws.ToString(c.Status) != "available" || len(c.AvailabilityZones) != 3 {
		t.Errorf("cluster %+v", c)
	}
	if tags := tagMap(c.TagList); len(tags) != 2 || tags["Name"] != "sandbox-db" || tags["Environment"] != "staging" {
		t.Errorf("cluster tags %v", tags)
	}
	if wr, _ := writer(t, c); wr != w.DBPrimary() {
		t.Errorf("writer %s, the world's primary is %s", wr, w.DBPrimary())
	}

	for _, in := range []*rds.DescribeDBClustersInput{
		{DBClusterIdentifier: aws.String("sandbox-db")},
		{DBClusterIdentifier: aws.String(world.ClusterARN("sandbox-db"))},
		{Filters: []types.Filter{rdsFilter("db-cluster-id", "other", world.ClusterARN("sandbox-db")), rdsFilter("engine", "aurora-postgresql")}},
	} {
		if out, err := api.DescribeDBClusters(ctx, in); err != nil || len(out.DBClusters) != 1 {
			t.Errorf("%+v: %v %v", in, out, err)
		}
	}
	if out, err := api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{Filters: []types.Filter{rdsFilter("engine", "mysql")}}); err != nil || len(out.DBClusters) != 0 {
		t.Errorf("engine=mysql: %+v %v", out, err)
	}
	_, err = api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String("prod-db")})
	wantCode(t, "unknown cluster", err, "DBClusterNotFoundFault")
	_, err = api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{Filters: []types.Filter{rdsFilter("colour", "red")}})
	wantCode(t, "unknown filter", err, "InvalidParameterValue")
	_, err = api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{MaxRecords: aws.Int32(5)})
	wantCode(t, "MaxRecords 5", err, "InvalidParameterValue")

	gate.Deny("rds:DescribeDBClusters")
	_, err = api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
	wantCode(t, "denied", err, "AccessDenied")
}

func TestDescribeDBInstancesAndTags(t *testing.T) {
	_, _, api := newRDS(t)
	ctx := context.Background()

	out, err := api.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{Filters: []types.Filter{rdsFilter("db-cluster-id", "sandbox-db")}})
	if err != nil || len(out.DBInstances) != 2 {
		t.Fatalf("instances of sandbox-db: %+v %v", out, err)
	}
	azs := map[string]bool{}
	for _, i := range out.DBInstances {
		azs[aws.ToString(i.AvailabilityZone)] = true
		if aws.ToString(i.DBClusterIdentifier) != "sandbox-db" || aws.ToString(i.DBInstanceStatus) != "available" {
			t.Errorf("instance %+v", i)
		}
		tags, err := api.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: i.DBInstanceArn})
		if err != nil || tagMap(tags.TagList)["Name"] != aws.ToString(i.DBInstanceIdentifier) {
			t.Errorf("tags of %s: %+v %v", aws.ToString(i.DBInstanceArn), tags, err)
		}
	}
	if len(azs) != 2 {
		t.Errorf("the writer and the reader share an AZ: %v", azs)
	}

	one, err := api.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: out.DBInstances[1].DBInstanceIdentifier})
	if err != nil || len(one.DBInstances) != 1 || aws.ToString(one.DBInstances[0].DBInstanceIdentifier) != aws.ToString(out.DBInstances[1].DBInstanceIdentifier) {
		t.Errorf("by identifier: %+v %v", one, err)
	}
	_, err = api.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("prod-db-1")})
	wantCode(t, "unknown instance", err, "DBInstanceNotFound")

	tags, err := api.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String(world.ClusterARN("sandbox-db"))})
	if got := tagMap(tags.TagList); err != nil || got["Environment"] != "staging" || got["Name"] != "sandbox-db" {
		t.Errorf("cluster tags: %v %v", got, err)
	}
	_, err = api.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String(world.ClusterARN("prod-db"))})
	wantCode(t, "unknown cluster ARN", err, "DBClusterNotFoundFault")
	_, err = api.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String(DBInstanceARN("prod-db-1"))})
	wantCode(t, "unknown instance ARN", err, "DBInstanceNotFound")
	_, err = api.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: aws.String("sandbox-db")})
	wantCode(t, "not an ARN", err, "InvalidParameterValue")
}

func TestFailoverDBClusterPromotesTheReader(t *testing.T) {
	w, gate, api := newRDS(t)
	ctx := context.Background()
	before, _ := api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
	oldWriter, oldReader := writer(t, before.DBClusters[0])

	// Naming the current writer as target changes nothing.
	if _, err := api.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db"),
		TargetDBInstanceIdentifier: aws.String(oldWriter)}); err != nil || w.DBPrimary() != oldWriter {
		t.Fatalf("failover to the writer: %v, primary %s", err, w.DBPrimary())
	}
	out, err := api.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db")})
	if err != nil {
		t.Fatal(err)
	}
	if nw, nr := writer(t, *out.DBCluster); nw != oldReader || nr != oldWriter || w.DBPrimary() != oldReader {
		t.Errorf("after failover: writer %s reader %s, world primary %s; before: writer %s", nw, nr, w.DBPrimary(), oldWriter)
	}
	failovers := 0
	for _, e := range w.Truth().Events {
		if e.What == "db-failover" {
			failovers++
		}
	}
	if failovers != 1 {
		t.Errorf("%d failovers in the ground truth, want 1", failovers)
	}

	_, err = api.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("prod-db")})
	wantCode(t, "unknown cluster", err, "DBClusterNotFoundFault")
	_, err = api.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db"), TargetDBInstanceIdentifier: aws.String("x")})
	wantCode(t, "unknown target", err, "DBInstanceNotFound")
	gate.Deny("rds:FailoverDBCluster")
	_, err = api.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db")})
	wantCode(t, "denied", err, "AccessDenied")
	if w.DBPrimary() != oldReader {
		t.Error("a refused failover failed over")
	}
	calls := 0
	for _, c := range gate.Calls() {
		if c.Action == "rds:FailoverDBCluster" {
			calls++
		}
	}
	if calls != 5 {
		t.Errorf("the gate recorded %d FailoverDBCluster calls, want 5", calls)
	}
}

func TestRebootDBInstance(t *testing.T) {
	w, _, api := newRDS(t)
	ctx := context.Background()
	primary := w.DBPrimary()
	out, err := api.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String(primary)})
	if err != nil || aws.ToString(out.DBInstance.DBInstanceStatus) != "rebooting" || aws.ToString(out.DBInstance.DBInstanceIdentifier) != primary {
		t.Errorf("reboot: %+v %v", out, err)
	}
	if w.DBPrimary() != primary {
		t.Error("a reboot failed the cluster over")
	}
	_, err = api.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String(primary), ForceFailover: aws.Bool(true)})
	wantCode(t, "ForceFailover on a cluster member", err, "InvalidParameterCombination")
	_, err = api.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("prod-db-1")})
	wantCode(t, "unknown instance", err, "DBInstanceNotFound")
}
