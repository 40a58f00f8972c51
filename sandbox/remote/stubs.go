// Code generated from the awsapi interfaces; keep in step with them.

package remote

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type eC2Client struct{ c *conn }

func (x eC2Client) DescribeAvailabilityZones(ctx context.Context, in *ec2.DescribeAvailabilityZonesInput, _ ...func(*ec2.Options)) (*ec2.DescribeAvailabilityZonesOutput, error) {
	return call[ec2.DescribeAvailabilityZonesOutput](ctx, x.c, "EC2", "DescribeAvailabilityZones", in)
}

func (x eC2Client) DescribeInstances(ctx context.Context, in *ec2.DescribeInstancesInput, _ ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	return call[ec2.DescribeInstancesOutput](ctx, x.c, "EC2", "DescribeInstances", in)
}

func (x eC2Client) TerminateInstances(ctx context.Context, in *ec2.TerminateInstancesInput, _ ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	return call[ec2.TerminateInstancesOutput](ctx, x.c, "EC2", "TerminateInstances", in)
}

func (x eC2Client) StopInstances(ctx context.Context, in *ec2.StopInstancesInput, _ ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
	return call[ec2.StopInstancesOutput](ctx, x.c, "EC2", "StopInstances", in)
}

func (x eC2Client) StartInstances(ctx context.Context, in *ec2.StartInstancesInput, _ ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
	return call[ec2.StartInstancesOutput](ctx, x.c, "EC2", "StartInstances", in)
}

func (x eC2Client) RebootInstances(ctx context.Context, in *ec2.RebootInstancesInput, _ ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	return call[ec2.RebootInstancesOutput](ctx, x.c, "EC2", "RebootInstances", in)
}

func (x eC2Client) DescribeSubnets(ctx context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	return call[ec2.DescribeSubnetsOutput](ctx, x.c, "EC2", "DescribeSubnets", in)
}

func (x eC2Client) DescribeNatGateways(ctx context.Context, in *ec2.DescribeNatGatewaysInput, _ ...func(*ec2.Options)) (*ec2.DescribeNatGatewaysOutput, error) {
	return call[ec2.DescribeNatGatewaysOutput](ctx, x.c, "EC2", "DescribeNatGateways", in)
}

func (x eC2Client) DescribeRouteTables(ctx context.Context, in *ec2.DescribeRouteTablesInput, _ ...func(*ec2.Options)) (*ec2.DescribeRouteTablesOutput, error) {
	return call[ec2.DescribeRouteTablesOutput](ctx, x.c, "EC2", "DescribeRouteTables", in)
}

func (x eC2Client) CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, _ ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	return call[ec2.CreateRouteOutput](ctx, x.c, "EC2", "CreateRoute", in)
}

func (x eC2Client) ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, _ ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	return call[ec2.ReplaceRouteOutput](ctx, x.c, "EC2", "ReplaceRoute", in)
}

func (x eC2Client) DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	return call[ec2.DeleteRouteOutput](ctx, x.c, "EC2", "DeleteRoute", in)
}

func (x eC2Client) CreateTags(ctx context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	return call[ec2.CreateTagsOutput](ctx, x.c, "EC2", "CreateTags", in)
}

func (x eC2Client) DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	return call[ec2.DeleteTagsOutput](ctx, x.c, "EC2", "DeleteTags", in)
}

type autoScalingClient struct{ c *conn }

func (x autoScalingClient) DescribeAutoScalingGroups(ctx context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	return call[autoscaling.DescribeAutoScalingGroupsOutput](ctx, x.c, "AutoScaling", "DescribeAutoScalingGroups", in)
}

func (x autoScalingClient) DescribeScalingActivities(ctx context.Context, in *autoscaling.DescribeScalingActivitiesInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeScalingActivitiesOutput, error) {
	return call[autoscaling.DescribeScalingActivitiesOutput](ctx, x.c, "AutoScaling", "DescribeScalingActivities", in)
}

type route53Client struct{ c *conn }

func (x route53Client) GetHealthCheck(ctx context.Context, in *route53.GetHealthCheckInput, _ ...func(*route53.Options)) (*route53.GetHealthCheckOutput, error) {
	return call[route53.GetHealthCheckOutput](ctx, x.c, "Route53", "GetHealthCheck", in)
}

func (x route53Client) UpdateHealthCheck(ctx context.Context, in *route53.UpdateHealthCheckInput, _ ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	return call[route53.UpdateHealthCheckOutput](ctx, x.c, "Route53", "UpdateHealthCheck", in)
}

func (x route53Client) GetHealthCheckStatus(ctx context.Context, in *route53.GetHealthCheckStatusInput, _ ...func(*route53.Options)) (*route53.GetHealthCheckStatusOutput, error) {
	return call[route53.GetHealthCheckStatusOutput](ctx, x.c, "Route53", "GetHealthCheckStatus", in)
}

func (x route53Client) ListHealthChecks(ctx context.Context, in *route53.ListHealthChecksInput, _ ...func(*route53.Options)) (*route53.ListHealthChecksOutput, error) {
	return call[route53.ListHealthChecksOutput](ctx, x.c, "Route53", "ListHealthChecks", in)
}

func (x route53Client) ListResourceRecordSets(ctx context.Context, in *route53.ListResourceRecordSetsInput, _ ...func(*route53.Options)) (*route53.ListResourceRecordSetsOutput, error) {
	return call[route53.ListResourceRecordSetsOutput](ctx, x.c, "Route53", "ListResourceRecordSets", in)
}

func (x route53Client) ChangeTagsForResource(ctx context.Context, in *route53.ChangeTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	return call[route53.ChangeTagsForResourceOutput](ctx, x.c, "Route53", "ChangeTagsForResource", in)
}

func (x route53Client) ListTagsForResource(ctx context.Context, in *route53.ListTagsForResourceInput, _ ...func(*route53.Options)) (*route53.ListTagsForResourceOutput, error) {
	return call[route53.ListTagsForResourceOutput](ctx, x.c, "Route53", "ListTagsForResource", in)
}

type cloudWatchClient struct{ c *conn }

func (x cloudWatchClient) DescribeAlarms(ctx context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	return call[cloudwatch.DescribeAlarmsOutput](ctx, x.c, "CloudWatch", "DescribeAlarms", in)
}

func (x cloudWatchClient) DescribeAlarmHistory(ctx context.Context, in *cloudwatch.DescribeAlarmHistoryInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmHistoryOutput, error) {
	return call[cloudwatch.DescribeAlarmHistoryOutput](ctx, x.c, "CloudWatch", "DescribeAlarmHistory", in)
}

func (x cloudWatchClient) GetMetricData(ctx context.Context, in *cloudwatch.GetMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error) {
	return call[cloudwatch.GetMetricDataOutput](ctx, x.c, "CloudWatch", "GetMetricData", in)
}

func (x cloudWatchClient) PutMetricData(ctx context.Context, in *cloudwatch.PutMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	return call[cloudwatch.PutMetricDataOutput](ctx, x.c, "CloudWatch", "PutMetricData", in)
}

func (x cloudWatchClient) SetAlarmState(ctx context.Context, in *cloudwatch.SetAlarmStateInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error) {
	return call[cloudwatch.SetAlarmStateOutput](ctx, x.c, "CloudWatch", "SetAlarmState", in)
}

type fISClient struct{ c *conn }

func (x fISClient) CreateExperimentTemplate(ctx context.Context, in *fis.CreateExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	return call[fis.CreateExperimentTemplateOutput](ctx, x.c, "FIS", "CreateExperimentTemplate", in)
}

func (x fISClient) GetExperimentTemplate(ctx context.Context, in *fis.GetExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.GetExperimentTemplateOutput, error) {
	return call[fis.GetExperimentTemplateOutput](ctx, x.c, "FIS", "GetExperimentTemplate", in)
}

func (x fISClient) DeleteExperimentTemplate(ctx context.Context, in *fis.DeleteExperimentTemplateInput, _ ...func(*fis.Options)) (*fis.DeleteExperimentTemplateOutput, error) {
	return call[fis.DeleteExperimentTemplateOutput](ctx, x.c, "FIS", "DeleteExperimentTemplate", in)
}

func (x fISClient) ListExperimentTemplates(ctx context.Context, in *fis.ListExperimentTemplatesInput, _ ...func(*fis.Options)) (*fis.ListExperimentTemplatesOutput, error) {
	return call[fis.ListExperimentTemplatesOutput](ctx, x.c, "FIS", "ListExperimentTemplates", in)
}

func (x fISClient) StartExperiment(ctx context.Context, in *fis.StartExperimentInput, _ ...func(*fis.Options)) (*fis.StartExperimentOutput, error) {
	return call[fis.StartExperimentOutput](ctx, x.c, "FIS", "StartExperiment", in)
}

func (x fISClient) GetExperiment(ctx context.Context, in *fis.GetExperimentInput, _ ...func(*fis.Options)) (*fis.GetExperimentOutput, error) {
	return call[fis.GetExperimentOutput](ctx, x.c, "FIS", "GetExperiment", in)
}

func (x fISClient) StopExperiment(ctx context.Context, in *fis.StopExperimentInput, _ ...func(*fis.Options)) (*fis.StopExperimentOutput, error) {
	return call[fis.StopExperimentOutput](ctx, x.c, "FIS", "StopExperiment", in)
}

func (x fISClient) ListExperiments(ctx context.Context, in *fis.ListExperimentsInput, _ ...func(*fis.Options)) (*fis.ListExperimentsOutput, error) {
	return call[fis.ListExperimentsOutput](ctx, x.c, "FIS", "ListExperiments", in)
}

type sTSClient struct{ c *conn }

func (x sTSClient) GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, _ ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	return call[sts.GetCallerIdentityOutput](ctx, x.c, "STS", "GetCallerIdentity", in)
}

type dynamoDBClient struct{ c *conn }

func (x dynamoDBClient) PutItem(ctx context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return call[dynamodb.PutItemOutput](ctx, x.c, "DynamoDB", "PutItem", in)
}

func (x dynamoDBClient) GetItem(ctx context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return call[dynamodb.GetItemOutput](ctx, x.c, "DynamoDB", "GetItem", in)
}

func (x dynamoDBClient) Query(ctx context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return call[dynamodb.QueryOutput](ctx, x.c, "DynamoDB", "Query", in)
}

func (x dynamoDBClient) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	return call[dynamodb.DescribeTableOutput](ctx, x.c, "DynamoDB", "DescribeTable", in)
}

type rDSClient struct{ c *conn }

func (x rDSClient) DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, _ ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	return call[rds.DescribeDBClustersOutput](ctx, x.c, "RDS", "DescribeDBClusters", in)
}

func (x rDSClient) DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, _ ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	return call[rds.DescribeDBInstancesOutput](ctx, x.c, "RDS", "DescribeDBInstances", in)
}

func (x rDSClient) FailoverDBCluster(ctx context.Context, in *rds.FailoverDBClusterInput, _ ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	return call[rds.FailoverDBClusterOutput](ctx, x.c, "RDS", "FailoverDBCluster", in)
}

func (x rDSClient) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, _ ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	return call[rds.RebootDBInstanceOutput](ctx, x.c, "RDS", "RebootDBInstance", in)
}

func (x rDSClient) ListTagsForResource(ctx context.Context, in *rds.ListTagsForResourceInput, _ ...func(*rds.Options)) (*rds.ListTagsForResourceOutput, error) {
	return call[rds.ListTagsForResourceOutput](ctx, x.c, "RDS", "ListTagsForResource", in)
}

func (x rDSClient) AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, _ ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	return call[rds.AddTagsToResourceOutput](ctx, x.c, "RDS", "AddTagsToResource", in)
}

func (x rDSClient) RemoveTagsFromResource(ctx context.Context, in *rds.RemoveTagsFromResourceInput, _ ...func(*rds.Options)) (*rds.RemoveTagsFromResourceOutput, error) {
	return call[rds.RemoveTagsFromResourceOutput](ctx, x.c, "RDS", "RemoveTagsFromResource", in)
}
