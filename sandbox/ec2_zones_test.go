package sandbox

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func zoneNames(out *ec2.DescribeAvailabilityZonesOutput) []string {
	var names []string
	for _, z := range out.AvailabilityZones {
		names = append(names, aws.ToString(z.ZoneName)+"="+aws.ToString(z.ZoneId))
	}
	return names
}

func TestDescribeAvailabilityZones(t *testing.T) {
	_, gate, c, _ := newAPI(t, 3)
	ctx := context.Background()

	all, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := zoneNames(all); len(got) != 3 || got[0] != "us-east-1a=use1-az1" || got[2] != "us-east-1c=use1-az3" {
		t.Fatalf("zones %v", got)
	}
	for _, z := range all.AvailabilityZones {
		if z.State != types.AvailabilityZoneStateAvailable || aws.ToString(z.RegionName) != "us-east-1" {
			t.Errorf("zone %s: state %s, region %s", aws.ToString(z.ZoneName), z.State, aws.ToString(z.RegionName))
		}
	}

	one, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1b"}})
	if got := zoneNames(one); err != nil || len(got) != 1 || got[0] != "us-east-1b=use1-az2" {
		t.Errorf("ZoneNames us-east-1b: %v %v", got, err)
	}
	_, err = c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1a", "us-east-1g"}})
	wantCode(t, "unknown zone name", err, "InvalidParameterValue")
	if err == nil || !strings.Contains(err.Error(), "The zone 'us-east-1g' does not exist.") {
		t.Errorf("unknown zone: %v", err)
	}
	_, err = c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az9"}})
	wantCode(t, "unknown zone id", err, "InvalidParameterValue")

	byFilter, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{
		filter("zone-name", "us-east-1a", "us-east-1c"), filter("state", "available")}})
	if got := zoneNames(byFilter); err != nil || len(got) != 2 || got[1] != "us-east-1c=use1-az3" {
		t.Errorf("zone-name and state filters: %v %v", got, err)
	}
	none, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("state", "impaired")}})
	if err != nil || len(none.AvailabilityZones) != 0 {
		t.Errorf("state=impaired: %v %v", zoneNames(none), err)
	}
	_, err = c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("zone-colour", "red")}})
	wantCode(t, "unknown filter", err, "InvalidParameterValue")

	_, err = c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{DryRun: aws.Bool(true)})
	wantCode(t, "DryRun", err, "DryRunOperation")
	gate.Deny("ec2:DescribeAvailabilityZones")
	_, err = c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	wantCode(t, "denied", err, "UnauthorizedOperation")
}
