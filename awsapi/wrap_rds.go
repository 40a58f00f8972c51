package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// rdsHooked runs a Hook around every RDS call.
type rdsHooked struct {
	inner RDS
	hook  Hook
}

func (w rdsHooked) DescribeDBClusters(ctx context.Context, params *rds.DescribeDBClustersInput, optFns ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "DescribeDBClusters", params), func(ctx context.Context) (*rds.DescribeDBClustersOutput, error) {
		return w.inner.DescribeDBClusters(ctx, params, optFns...)
	})
}

func (w rdsHooked) DescribeDBInstances(ctx context.Context, params *rds.DescribeDBInstancesInput, optFns ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "DescribeDBInstances", params), func(ctx context.Context) (*rds.DescribeDBInstancesOutput, error) {
		return w.inner.DescribeDBInstances(ctx, params, optFns...)
	})
}

func (w rdsHooked) FailoverDBCluster(ctx context.Context, params *rds.FailoverDBClusterInput, optFns ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "FailoverDBCluster", params), func(ctx context.Context) (*rds.FailoverDBClusterOutput, error) {
		return w.inner.FailoverDBCluster(ctx, params, optFns...)
	})
}

func (w rdsHooked) RebootDBInstance(ctx context.Context, params *rds.RebootDBInstanceInput, optFns ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "RebootDBInstance", params), func(ctx context.Context) (*rds.RebootDBInstanceOutput, error) {
		return w.inner.RebootDBInstance(ctx, params, optFns...)
	})
}

func (w rdsHooked) ListTagsForResource(ctx context.Context, params *rds.ListTagsForResourceInput, optFns ...func(*rds.Options)) (*rds.ListTagsForResourceOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "ListTagsForResource", params), func(ctx context.Context) (*rds.ListTagsForResourceOutput, error) {
		return w.inner.ListTagsForResource(ctx, params, optFns...)
	})
}

func (w rdsHooked) AddTagsToResource(ctx context.Context, params *rds.AddTagsToResourceInput, optFns ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "AddTagsToResource", params), func(ctx context.Context) (*rds.AddTagsToResourceOutput, error) {
		return w.inner.AddTagsToResource(ctx, params, optFns...)
	})
}

func (w rdsHooked) RemoveTagsFromResource(ctx context.Context, params *rds.RemoveTagsFromResourceInput, optFns ...func(*rds.Options)) (*rds.RemoveTagsFromResourceOutput, error) {
	return invoke(ctx, w.hook, newCall("rds", "RemoveTagsFromResource", params), func(ctx context.Context) (*rds.RemoveTagsFromResourceOutput, error) {
		return w.inner.RemoveTagsFromResource(ctx, params, optFns...)
	})
}
