package faulttest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/faults/faultkit"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// ASG serves DescribeAutoScalingGroups, one group per page so that
// pagination is followed.
type ASG struct {
	Gate   *apisim.Gate
	Groups []astypes.AutoScalingGroup
}

func (f *ASG) DescribeAutoScalingGroups(ctx context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	if err := f.Gate.Enter(ctx, "autoscaling:DescribeAutoScalingGroups", "Throttling", false); err != nil {
		return nil, err
	}
	var match []astypes.AutoScalingGroup
	for _, g := range f.Groups {
		if len(in.AutoScalingGroupNames) == 0 || slices.Contains(in.AutoScalingGroupNames, faultkit.Str(g.AutoScalingGroupName)) {
			match = append(match, g)
		}
	}
	lo, hi, next, err := apisim.Page(len(match), faultkit.Str(in.NextToken), 1, 1)
	if err != nil {
		return nil, err
	}
	out := &autoscaling.DescribeAutoScalingGroupsOutput{AutoScalingGroups: match[lo:hi]}
	if next != "" {
		out.NextToken = faultkit.Ptr(next)
	}
	return out, nil
}

func (f *ASG) DescribeScalingActivities(context.Context, *autoscaling.DescribeScalingActivitiesInput, ...func(*autoscaling.Options)) (*autoscaling.DescribeScalingActivitiesOutput, error) {
	return &autoscaling.DescribeScalingActivitiesOutput{}, nil
}

func ASGMember(id, az, lifecycle, health string) astypes.Instance {
	return astypes.Instance{InstanceId: faultkit.Ptr(id), AvailabilityZone: faultkit.Ptr(az),
		LifecycleState: astypes.LifecycleState(lifecycle), HealthStatus: faultkit.Ptr(health)}
}

func Env(c *awsapi.Clients) engine.Env {
	return engine.Env{Clients: c, RunID: "run-1", FaultID: "sc/kind.name", Logf: engine.NopLogf}
}

// FastOptions keeps waits in tests to milliseconds.
func FastOptions() faultkit.Options {
	return faultkit.Options{FISPollInterval: 5e6, FISStopTimeout: 2e9, RetryBackoff: 1e6, InstanceStopWait: 5e8, InstancePollInterval: 5e6, EffectWait: 5e8}
}
