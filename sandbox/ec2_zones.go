package sandbox

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// DescribeAvailabilityZones answers the world's three AZs, all available.
// An unknown name in ZoneNames (or id in ZoneIds) fails the call with
// InvalidParameterValue, as in EC2: that is how a caller learns that a
// zone does not exist. Filters: zone-name, zone-id, state, region-name,
// zone-type, group-name, opt-in-status. AllAvailabilityZones changes
// nothing: the sandbox has no Local or Wavelength Zones.
func (e *EC2) DescribeAvailabilityZones(ctx context.Context, in *ec2.DescribeAvailabilityZonesInput, _ ...func(*ec2.Options)) (*ec2.DescribeAvailabilityZonesOutput, error) {
	if err := e.enter(ctx, "DescribeAvailabilityZones", in.DryRun); err != nil {
		return nil, err
	}
	if err := checkFilters(in.Filters, "zone-name", "zone-id", "state", "region-name", "zone-type", "group-name", "opt-in-status"); err != nil {
		return nil, err
	}
	azs := world.AZs()
	ids := make([]string, len(azs))
	for i, az := range azs {
		ids[i] = azID(az)
	}
	for _, n := range in.ZoneNames {
		if !slices.Contains(azs, n) {
			return nil, apisim.Error("InvalidParameterValue", "The zone '%s' does not exist.", n)
		}
	}
	for _, id := range in.ZoneIds {
		if !slices.Contains(ids, id) {
			return nil, apisim.Error("InvalidParameterValue", "The zone ID '%s' does not exist.", id)
		}
	}
	out := &ec2.DescribeAvailabilityZonesOutput{AvailabilityZones: []types.AvailabilityZone{}}
	for i, az := range azs {
		if len(in.ZoneNames)+len(in.ZoneIds) > 0 && !slices.Contains(in.ZoneNames, az) && !slices.Contains(in.ZoneIds, ids[i]) {
			continue
		}
		f := map[string]string{"zone-name": az, "zone-id": ids[i], "state": "available", "region-name": world.Region,
			"zone-type": "availability-zone", "group-name": world.Region, "opt-in-status": "opt-in-not-required"}
		if !matches(in.Filters, func(name string) []string { return []string{f[name]} }) {
			continue
		}
		out.AvailabilityZones = append(out.AvailabilityZones, types.AvailabilityZone{
			ZoneName: aws.String(az), ZoneId: aws.String(ids[i]), State: types.AvailabilityZoneStateAvailable,
			RegionName: aws.String(world.Region), ZoneType: aws.String("availability-zone"), GroupName: aws.String(world.Region),
			NetworkBorderGroup: aws.String(world.Region), OptInStatus: types.AvailabilityZoneOptInStatusOptInNotRequired,
			Messages: []types.AvailabilityZoneMessage{},
		})
	}
	return out, nil
}
