package remote

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// The reads the guard needs (zones, tags) and the RDS operations work over
// the wire, and the remote sandbox is trusted like the in-process one.
func TestRemoteGuardReadsAndRDS(t *testing.T) {
	sb, c, url := serve(t)
	ctx := context.Background()
	if !c.Sandbox || !c.DryRunTrusted() || !strings.Contains(c.EndpointNote, url) {
		t.Errorf("remote clients: Sandbox %v, note %q", c.Sandbox, c.EndpointNote)
	}

	zones, err := c.EC2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil || len(zones.AvailabilityZones) != 3 {
		t.Errorf("DescribeAvailabilityZones = %+v, %v", zones, err)
	}
	_, err = c.EC2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1g"}})
	if awsapi.ErrorCode(err) != "InvalidParameterValue" {
		t.Errorf("unknown zone answered %v", err)
	}

	hc := sb.Vars()["primary_health_check_id"].AsString()
	if _, err := c.Route53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: r53types.TagResourceTypeHealthcheck,
		ResourceId: aws.String(hc), AddTags: []r53types.Tag{{Key: aws.String("Environment"), Value: aws.String("staging")}}}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: r53types.TagResourceTypeHealthcheck, ResourceId: aws.String(hc)})
	found := false
	for _, tg := range tags.ResourceTagSet.Tags {
		found = found || aws.ToString(tg.Key) == "Environment" && aws.ToString(tg.Value) == "staging"
	}
	if err != nil || !found {
		t.Errorf("health check tags = %+v, %v", tags, err)
	}

	clusters, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
	if err != nil || len(clusters.DBClusters) != 1 || len(clusters.DBClusters[0].TagList) == 0 {
		t.Fatalf("DescribeDBClusters = %+v, %v", clusters, err)
	}
	insts, err := c.RDS.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{})
	if err != nil || len(insts.DBInstances) != 2 {
		t.Fatalf("DescribeDBInstances = %+v, %v", insts, err)
	}
	rtags, err := c.RDS.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: clusters.DBClusters[0].DBClusterArn})
	if err != nil || len(rtags.TagList) != len(clusters.DBClusters[0].TagList) {
		t.Errorf("cluster tags = %+v, %v", rtags, err)
	}
	primary := sb.World().DBPrimary()
	if _, err := c.RDS.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: clusters.DBClusters[0].DBClusterIdentifier}); err != nil {
		t.Fatal(err)
	}
	if sb.World().DBPrimary() == primary {
		t.Error("a remote FailoverDBCluster did not fail the world's database over")
	}
	_, err = c.RDS.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("prod-db-1")})
	if awsapi.ErrorCode(err) != "DBInstanceNotFound" {
		t.Errorf("reboot of an unknown instance answered %v", err)
	}
}
