package faults

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeASG serves DescribeAutoScalingGroups, one group per page so that
// pagination is followed.
type fakeASG struct {
	gate   *apisim.Gate
	groups []astypes.AutoScalingGroup
}

func (f *fakeASG) DescribeAutoScalingGroups(ctx context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	if err := f.gate.Enter(ctx, "autoscaling:DescribeAutoScalingGroups", "Throttling", false); err != nil {
		return nil, err
	}
	var match []astypes.AutoScalingGroup
	for _, g := range f.groups {
		if len(in.AutoScalingGroupNames) == 0 || contains(in.AutoScalingGroupNames, str(g.AutoScalingGroupName)) {
			match = append(match, g)
		}
	}
	lo, hi, next, err := apisim.Page(len(match), str(in.NextToken), 1, 1)
	if err != nil {
		return nil, err
	}
	out := &autoscaling.DescribeAutoScalingGroupsOutput{AutoScalingGroups: match[lo:hi]}
	if next != "" {
		out.NextToken = ptr(next)
	}
	return out, nil
}

func (f *fakeASG) DescribeScalingActivities(context.Context, *autoscaling.DescribeScalingActivitiesInput, ...func(*autoscaling.Options)) (*autoscaling.DescribeScalingActivitiesOutput, error) {
	return &autoscaling.DescribeScalingActivitiesOutput{}, nil
}

func asgMember(id, az, lifecycle, health string) astypes.Instance {
	return astypes.Instance{InstanceId: ptr(id), AvailabilityZone: ptr(az),
		LifecycleState: astypes.LifecycleState(lifecycle), HealthStatus: ptr(health)}
}

func testEnv(c *awsapi.Clients) engine.Env {
	return engine.Env{Clients: c, RunID: "run-1", FaultID: "sc/kind.name", Logf: engine.NopLogf}
}

// fastOptions keeps waits in tests to milliseconds.
func fastOptions() Options {
	return Options{FISPollInterval: 5e6, FISStopTimeout: 2e9, RetryBackoff: 1e6, InstanceStopWait: 5e8, InstancePollInterval: 5e6}
}
