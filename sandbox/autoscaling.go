package sandbox

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// TargetGroupARN is the load balancer target group the sandbox's group is
// attached to.
const TargetGroupARN = "arn:aws:elasticloadbalancing:" + world.Region + ":" + world.AccountID + ":targetgroup/sandbox-web/0123456789abcdef"

// AutoScaling implements awsapi.AutoScaling over the world.
type AutoScaling struct {
	w    *world.World
	gate *apisim.Gate
}

var _ awsapi.AutoScaling = (*AutoScaling)(nil)

// NewAutoScaling serves Auto Scaling over w; every call passes gate first.
func NewAutoScaling(w *world.World, gate *apisim.Gate) *AutoScaling {
	return &AutoScaling{w: w, gate: gate}
}

func maxRecords(n *int32, def int32) (int, error) {
	if n == nil {
		return int(def), nil
	}
	if *n < 1 || *n > 100 {
		return 0, apisim.Error("ValidationError", "1 validation error detected: Value '%d' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100", *n)
	}
	return int(*n), nil
}

// DescribeAutoScalingGroups answers the sandbox's one group when
// AutoScalingGroupNames is empty or names it (unknown names are omitted, as
// in AWS), and Filters tag:K, tag-key, tag-value. MaxRecords 1..100,
// default 50.
func (a *AutoScaling) DescribeAutoScalingGroups(ctx context.Context, in *autoscaling.DescribeAutoScalingGroupsInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeAutoScalingGroupsOutput, error) {
	if err := a.gate.Enter(ctx, "autoscaling:DescribeAutoScalingGroups", "Throttling", false); err != nil {
		return nil, err
	}
	size, err := maxRecords(in.MaxRecords, 50)
	if err != nil {
		return nil, err
	}
	g := a.w.Group()
	var groups []world.Group
	if len(in.AutoScalingGroupNames) == 0 || slices.Contains(in.AutoScalingGroupNames, g.Name) {
		groups = append(groups, g)
	}
	kept := groups[:0]
	for _, g := range groups {
		if groupMatches(g, in.Filters) {
			kept = append(kept, g)
		}
	}
	lo, hi, next, err := apisim.Page(len(kept), aws.ToString(in.NextToken), size, size)
	if err != nil {
		return nil, err
	}
	out := &autoscaling.DescribeAutoScalingGroupsOutput{}
	for _, g := range kept[lo:hi] {
		out.AutoScalingGroups = append(out.AutoScalingGroups, asgOf(g))
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

func groupMatches(g world.Group, filters []types.Filter) bool {
	for _, f := range filters {
		name := aws.ToString(f.Name)
		var have []string
		switch {
		case strings.HasPrefix(name, "tag:"):
			if v, ok := g.Tags[name[4:]]; ok {
				have = []string{v}
			}
		case name == "tag-key":
			for k := range g.Tags {
				have = append(have, k)
			}
		case name == "tag-value":
			for _, v := range g.Tags {
				have = append(have, v)
			}
		case name == "auto-scaling-group":
			have = []string{g.Name}
		}
		ok := false
		for _, v := range f.Values {
			ok = ok || slices.Contains(have, v)
		}
		if !ok {
			return false
		}
	}
	return true
}

func asgOf(g world.Group) types.AutoScalingGroup {
	out := types.AutoScalingGroup{
		AutoScalingGroupName:   aws.String(g.Name),
		AutoScalingGroupARN:    aws.String(g.ARN),
		MinSize:                aws.Int32(int32(g.Min)),
		MaxSize:                aws.Int32(int32(g.Max)),
		DesiredCapacity:        aws.Int32(int32(g.Desired)),
		DefaultCooldown:        aws.Int32(300),
		AvailabilityZones:      g.AZs,
		HealthCheckType:        aws.String(g.HealthCheckType),
		HealthCheckGracePeriod: aws.Int32(int32(math.Ceil(g.HealthCheckGracePeriod.Seconds()))),
		CreatedTime:            aws.Time(g.CreatedTime),
		VPCZoneIdentifier:      aws.String(strings.Join(g.SubnetIDs, ",")),
		TargetGroupARNs:        []string{TargetGroupARN},
		Instances:              make([]types.Instance, 0, len(g.Members)),
	}
	for _, m := range g.Members {
		out.Instances = append(out.Instances, types.Instance{
			InstanceId: aws.String(m.ID), AvailabilityZone: aws.String(m.AZ), InstanceType: aws.String(m.InstanceType),
			LifecycleState: types.LifecycleState(m.LifecycleState), HealthStatus: aws.String(m.HealthStatus),
			ProtectedFromScaleIn: aws.Bool(false),
		})
	}
	keys := make([]string, 0, len(g.Tags))
	for k := range g.Tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out.Tags = append(out.Tags, types.TagDescription{Key: aws.String(k), Value: aws.String(g.Tags[k]), ResourceId: aws.String(g.Name),
			ResourceType: aws.String("auto-scaling-group"), PropagateAtLaunch: aws.Bool(true)})
	}
	return out
}

// DescribeScalingActivities answers the group's activities newest first;
// another group name answers none. ActivityIds selects; MaxRecords 1..100,
// default 100.
func (a *AutoScaling) DescribeScalingActivities(ctx context.Context, in *autoscaling.DescribeScalingActivitiesInput, _ ...func(*autoscaling.Options)) (*autoscaling.DescribeScalingActivitiesOutput, error) {
	if err := a.gate.Enter(ctx, "autoscaling:DescribeScalingActivities", "Throttling", false); err != nil {
		return nil, err
	}
	size, err := maxRecords(in.MaxRecords, 100)
	if err != nil {
		return nil, err
	}
	var acts []world.Activity
	if n := aws.ToString(in.AutoScalingGroupName); n == "" || n == world.ASGName {
		acts = a.w.Activities()
	}
	if len(in.ActivityIds) > 0 {
		acts = slices.DeleteFunc(acts, func(x world.Activity) bool { return !slices.Contains(in.ActivityIds, x.ID) })
	}
	lo, hi, next, err := apisim.Page(len(acts), aws.ToString(in.NextToken), size, size)
	if err != nil {
		return nil, err
	}
	arn := a.w.GroupARN()
	out := &autoscaling.DescribeScalingActivitiesOutput{Activities: make([]types.Activity, 0, hi-lo)}
	for _, x := range acts[lo:hi] {
		act := types.Activity{
			ActivityId: aws.String(x.ID), AutoScalingGroupName: aws.String(world.ASGName), AutoScalingGroupARN: aws.String(arn),
			Cause: aws.String(x.Cause), Description: aws.String(x.Description), Details: aws.String(x.Details),
			StartTime: aws.Time(x.StartTime), StatusCode: types.ScalingActivityStatusCode(x.StatusCode), Progress: aws.Int32(x.Progress),
		}
		if !x.EndTime.IsZero() {
			act.EndTime = aws.Time(x.EndTime)
		}
		if x.StatusMessage != "" {
			act.StatusMessage = aws.String(x.StatusMessage)
		}
		out.Activities = append(out.Activities, act)
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}
