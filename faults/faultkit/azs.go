package faultkit

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// CheckAZ fails when az is not an Availability Zone of the region: a fault
// aimed at a zone that does not exist would hit nothing and "pass".
func CheckAZ(ctx context.Context, env engine.Env, az string) error {
	out, err := env.Clients.EC2.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{az}})
	if awsapi.IsCode(err, "InvalidParameterValue") {
		return fmt.Errorf("availability zone %s does not exist in %s", az, env.Clients.Region)
	}
	if err != nil {
		return fmt.Errorf("cannot check that availability zone %s exists: DescribeAvailabilityZones failed: %w", az, err)
	}
	for _, z := range out.AvailabilityZones {
		if Str(z.ZoneName) == az {
			return nil
		}
	}
	return fmt.Errorf("availability zone %s does not exist in %s", az, env.Clients.Region)
}
