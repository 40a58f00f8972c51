package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

func TestAutoScalingDescribe(t *testing.T) {
	w, g, _, a := newAPI(t, 6)
	ctx := context.Background()
	out, err := a.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"sandbox-web"}})
	if err != nil || len(out.AutoScalingGroups) != 1 {
		t.Fatalf("%v %+v", err, out)
	}
	grp := out.AutoScalingGroups[0]
	if aws.ToInt32(grp.DesiredCapacity) != 6 || len(grp.Instances) != 6 || len(grp.AvailabilityZones) != 3 {
		t.Errorf("group: desired %d, %d instances, AZs %v", aws.ToInt32(grp.DesiredCapacity), len(grp.Instances), grp.AvailabilityZones)
	}
	for _, i := range grp.Instances {
		if i.LifecycleState != types.LifecycleStateInService || aws.ToString(i.HealthStatus) != "Healthy" || aws.ToString(i.AvailabilityZone) == "" {
			t.Errorf("member %s: %s %s %s", aws.ToString(i.InstanceId), i.LifecycleState, aws.ToString(i.HealthStatus), aws.ToString(i.AvailabilityZone))
		}
	}
	if none, _ := a.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"other"}}); len(none.AutoScalingGroups) != 0 {
		t.Error("an unknown group name matched")
	}
	tagged, _ := a.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{Filters: []types.Filter{{Name: aws.String("tag:Environment"), Values: []string{"staging"}}}})
	if len(tagged.AutoScalingGroups) != 1 {
		t.Error("tag filter did not match the group")
	}
	_, err = a.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(101)})
	wantCode(t, "MaxRecords 101", err, "ValidationError")
	g.Deny("autoscaling:DescribeAutoScalingGroups")
	_, err = a.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{})
	wantCode(t, "denied", err, "AccessDenied")
	g.Allow("autoscaling:DescribeAutoScalingGroups")

	victim := aws.ToString(grp.Instances[0].InstanceId)
	killed := time.Now()
	if _, err := w.Terminate([]string{victim}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	var launch *types.Activity
	for launch == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		var acts []types.Activity
		p := autoscaling.NewDescribeScalingActivitiesPaginator(a, &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("sandbox-web"), MaxRecords: aws.Int32(4)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			acts = append(acts, page.Activities...)
		}
		if len(acts) < 8 {
			continue
		}
		// Newest first: the replacement launch, then the termination.
		if acts[0].StatusCode == types.ScalingActivityStatusCodeSuccessful && acts[0].EndTime != nil && acts[1].EndTime != nil {
			launch = &acts[0]
			if d := aws.ToString(acts[1].Description); d != "Terminating EC2 instance: "+victim {
				t.Errorf("second newest activity %q", d)
			}
		}
	}
	if launch == nil {
		t.Fatal("no completed replacement launch activity within a second")
	}
	took := launch.EndTime.Sub(*launch.StartTime)
	if launch.StartTime.Before(killed) || took < w.Options().BootDelay-w.Options().Tick {
		t.Errorf("launch activity %v..%v: started before the kill or shorter than the boot delay", launch.StartTime, launch.EndTime)
	}
}
