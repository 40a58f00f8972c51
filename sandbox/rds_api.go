package sandbox

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// rdsMatches applies RDS filter semantics: the names must be known, every
// filter must match, a filter matches when the resource has one of its
// values exactly (RDS has no wildcards).
func rdsMatches(filters []types.Filter, known map[string][]string) (bool, error) {
	ok := true
	for _, f := range filters {
		have, k := known[aws.ToString(f.Name)]
		if !k {
			return false, apisim.Error("InvalidParameterValue", "Unrecognized filter name: %s", aws.ToString(f.Name))
		}
		hit := false
		for _, v := range f.Values {
			hit = hit || slices.Contains(have, v)
		}
		ok = ok && hit
	}
	return ok, nil
}

// rdsPage checks MaxRecords (20..100, as RDS) and cuts one page by Marker.
func rdsPage(total int, marker *string, maxRecords *int32) (lo, hi int, next *string, err error) {
	size := 100
	if maxRecords != nil {
		if *maxRecords < 20 || *maxRecords > 100 {
			return 0, 0, nil, apisim.Error("InvalidParameterValue", "Invalid value %d for MaxRecords. Must be between 20 and 100", *maxRecords)
		}
		size = int(*maxRecords)
	}
	lo, hi, n, err := apisim.Page(total, aws.ToString(marker), size, size)
	if n != "" {
		next = aws.String(n)
	}
	return lo, hi, next, err
}

// DescribeDBClusters answers the sandbox's cluster, by DBClusterIdentifier
// (id or ARN; another answers DBClusterNotFoundFault) or the filters
// db-cluster-id (ids or ARNs), db-cluster-resource-id and engine.
func (r *RDS) DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, _ ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	if err := r.enter(ctx, "DescribeDBClusters"); err != nil {
		return nil, err
	}
	if id := aws.ToString(in.DBClusterIdentifier); id != "" && clusterID(id) == "" {
		return nil, clusterNotFound(id)
	}
	c := r.cluster()
	ok, err := rdsMatches(in.Filters, map[string][]string{
		"db-cluster-id":          {world.DBClusterID, world.ClusterARN(world.DBClusterID)},
		"db-cluster-resource-id": {aws.ToString(c.DbClusterResourceId)},
		"engine":                 {dbEngine},
	})
	if err != nil {
		return nil, err
	}
	var sel []types.DBCluster
	if ok {
		sel = append(sel, c)
	}
	lo, hi, next, err := rdsPage(len(sel), in.Marker, in.MaxRecords)
	if err != nil {
		return nil, err
	}
	return &rds.DescribeDBClustersOutput{DBClusters: sel[lo:hi], Marker: next}, nil
}

// DescribeDBInstances answers the cluster's instances, by
// DBInstanceIdentifier (id or ARN; another answers DBInstanceNotFound) or
// the filters db-cluster-id (ids or ARNs), db-instance-id (ids or ARNs),
// dbi-resource-id and engine.
func (r *RDS) DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	if err := r.enter(ctx, "DescribeDBInstances"); err != nil {
		return nil, err
	}
	want := aws.ToString(in.DBInstanceIdentifier)
	if _, found := member(want); want != "" && !found {
		return nil, instanceNotFound(want)
	}
	var sel []types.DBInstance
	for _, m := range dbMembers {
		if want != "" && want != m.id && want != DBInstanceARN(m.id) {
			continue
		}
		inst := r.instance(m, "available")
		ok, err := rdsMatches(in.Filters, map[string][]string{
			"db-cluster-id":   {world.DBClusterID, world.ClusterARN(world.DBClusterID)},
			"db-instance-id":  {m.id, DBInstanceARN(m.id)},
			"dbi-resource-id": {aws.ToString(inst.DbiResourceId)},
			"engine":          {dbEngine},
		})
		if err != nil {
			return nil, err
		}
		if ok {
			sel = append(sel, inst)
		}
	}
	lo, hi, next, err := rdsPage(len(sel), in.Marker, in.MaxRecords)
	if err != nil {
		return nil, err
	}
	return &rds.DescribeDBInstancesOutput{DBInstances: sel[lo:hi], Marker: next}, nil
}

// FailoverDBCluster promotes the reader (world.FailoverDBCluster): the
// acknowledged writes not yet replicated are lost, as in a real failover.
// A TargetDBInstanceIdentifier must be a member; naming the current writer
// changes nothing.
func (r *RDS) FailoverDBCluster(ctx context.Context, in *rds.FailoverDBClusterInput, _ ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	if err := r.enter(ctx, "FailoverDBCluster"); err != nil {
		return nil, err
	}
	id := aws.ToString(in.DBClusterIdentifier)
	if id == "" {
		return nil, apisim.Error("MissingParameter", "The request must contain the parameter DBClusterIdentifier")
	}
	if clusterID(id) == "" {
		return nil, clusterNotFound(id)
	}
	if t := aws.ToString(in.TargetDBInstanceIdentifier); t != "" {
		m, found := member(t)
		if !found {
			return nil, instanceNotFound(t)
		}
		if m.id == r.w.DBPrimary() {
			c := r.cluster()
			return &rds.FailoverDBClusterOutput{DBCluster: &c}, nil
		}
	}
	if err := r.w.FailoverDBCluster(world.DBClusterID); err != nil {
		return nil, apisim.ServerError("InternalFailure", "%v", err)
	}
	c := r.cluster()
	return &rds.FailoverDBClusterOutput{DBCluster: &c}, nil
}

// RebootDBInstance accepts a reboot of a member and answers it "rebooting".
// The world's database has no reboot, so nothing else happens: faults that
// need an outage use FailoverDBCluster. ForceFailover applies to Multi-AZ
// instances, not to cluster members, which RDS refuses.
func (r *RDS) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, _ ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	if err := r.enter(ctx, "RebootDBInstance"); err != nil {
		return nil, err
	}
	id := aws.ToString(in.DBInstanceIdentifier)
	if id == "" {
		return nil, apisim.Error("MissingParameter", "The request must contain the parameter DBInstanceIdentifier")
	}
	m, found := member(id)
	if !found {
		return nil, instanceNotFound(id)
	}
	if aws.ToBool(in.ForceFailover) {
		return nil, apisim.Error("InvalidParameterCombination", "ForceFailover cannot be used with a DB instance of a DB cluster (%s)", m.id)
	}
	inst := r.instance(m, "rebooting")
	return &rds.RebootDBInstanceOutput{DBInstance: &inst}, nil
}
