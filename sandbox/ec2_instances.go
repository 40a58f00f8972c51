package sandbox

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

var instanceFilters = []string{"instance-id", "instance-state-name", "instance-state-code", "availability-zone",
	"subnet-id", "vpc-id", "private-ip-address", "instance-type", "image-id", "reservation-id", "tag-key", "tag-value"}

func instanceFields(i *world.Instance) fields {
	return func(name string) []string {
		if v, ok := tagFields(i.Tags, name); ok {
			return v
		}
		switch name {
		case "instance-id":
			return []string{i.ID}
		case "instance-state-name":
			return []string{i.State}
		case "instance-state-code":
			return []string{strconv.Itoa(int(world.StateCode(i.State)))}
		case "availability-zone":
			return []string{i.AZ}
		case "subnet-id":
			return []string{i.SubnetID}
		case "vpc-id":
			return []string{i.VpcID}
		case "private-ip-address":
			return []string{i.PrivateIP}
		case "instance-type":
			return []string{i.InstanceType}
		case "image-id":
			return []string{i.ImageID}
		case "reservation-id":
			return []string{i.ReservationID}
		}
		return nil
	}
}

// DescribeInstances answers InstanceIds (one malformed or unknown id fails
// the call; MaxResults cannot be combined with them, as in EC2) and the
// filters listed in instanceFilters plus tag:K, in launch order, each
// instance in its own reservation (the group launches one at a time).
// MaxResults is 5..1000; without it at most 1000 are returned per page.
func (e *EC2) DescribeInstances(ctx context.Context, in *ec2.DescribeInstancesInput, _ ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if err := e.enter(ctx, "DescribeInstances", in.DryRun); err != nil {
		return nil, err
	}
	if len(in.InstanceIds) > 0 && in.MaxResults != nil {
		return nil, apisim.Error("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
	}
	size, err := pageSize(in.MaxResults, 5, 1000)
	if err != nil {
		return nil, err
	}
	if err := checkFilters(in.Filters, instanceFilters...); err != nil {
		return nil, err
	}
	all := e.w.Instances()
	var sel []world.Instance
	if len(in.InstanceIds) > 0 {
		by := make(map[string]int, len(all))
		for k := range all {
			by[all[k].ID] = k
		}
		var missing []string
		for _, id := range in.InstanceIds {
			if !world.ValidInstanceID(id) {
				return nil, apisim.Error("InvalidInstanceID.Malformed", "Invalid id: %q (expecting \"i-...\")", id)
			}
			k, ok := by[id]
			if !ok {
				missing = append(missing, id)
				continue
			}
			sel = append(sel, all[k])
		}
		switch len(missing) {
		case 0:
		case 1:
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", missing[0])
		default:
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance IDs '%s' do not exist", strings.Join(missing, ", "))
		}
	} else {
		sel = all
	}
	if len(in.Filters) > 0 {
		kept := sel[:0:0]
		for k := range sel {
			if matches(in.Filters, instanceFields(&sel[k])) {
				kept = append(kept, sel[k])
			}
		}
		sel = kept
	}
	lo, hi, next, err := apisim.Page(len(sel), aws.ToString(in.NextToken), size, size)
	if err != nil {
		return nil, err
	}
	out := &ec2.DescribeInstancesOutput{Reservations: make([]types.Reservation, 0, hi-lo)}
	for k := lo; k < hi; k++ {
		i := &sel[k]
		out.Reservations = append(out.Reservations, types.Reservation{
			ReservationId: aws.String(i.ReservationID),
			OwnerId:       aws.String(world.AccountID),
			Instances:     []types.Instance{ec2Instance(i)},
		})
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

func ec2Instance(i *world.Instance) types.Instance {
	v := types.Instance{
		InstanceId:            aws.String(i.ID),
		ImageId:               aws.String(i.ImageID),
		InstanceType:          types.InstanceType(i.InstanceType),
		State:                 stateOf(i.State),
		Placement:             &types.Placement{AvailabilityZone: aws.String(i.AZ), Tenancy: types.TenancyDefault},
		SubnetId:              aws.String(i.SubnetID),
		VpcId:                 aws.String(i.VpcID),
		PrivateIpAddress:      aws.String(i.PrivateIP),
		LaunchTime:            aws.Time(i.LaunchTime),
		Tags:                  ec2Tags(i.Tags),
		StateTransitionReason: aws.String(i.StateReason),
		Architecture:          types.ArchitectureValuesX8664,
	}
	switch i.State {
	case world.StateStopping, world.StateStopped, world.StateShuttingDown, world.StateTerminated:
		code := "Client.UserInitiatedShutdown"
		if strings.HasPrefix(i.StateReason, "Service") {
			code = "Client.InstanceInitiatedShutdown"
		}
		v.StateReason = &types.StateReason{Code: aws.String(code), Message: aws.String(code + ": " + i.StateReason)}
	}
	return v
}
