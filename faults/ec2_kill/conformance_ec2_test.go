//go:build conformance

package ec2kill

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

func conformanceEC2Kill(t *testing.T, m *faulttest.Moto) {
	c := faulttest.MotoClients(m)
	cli := c.EC2.(*ec2.Client)
	ctx := faulttest.Ctx(t)
	web := faulttest.RunInstances(t, cli, 6, "us-east-1a", map[string]string{"app": "web"})
	faulttest.RunInstances(t, cli, 2, "us-east-1b", map[string]string{"app": "web"})
	db := faulttest.RunInstances(t, cli, 2, "us-east-1a", map[string]string{"app": "db"})
	env := faulttest.Env(c)

	t.Run("stop and start", func(t *testing.T) {
		// No AZ here: moto 5.2.1 matches DescribeInstances' documented
		// "availability-zone" filter against the wrong attribute and returns
		// nothing; the filter is right for AWS and covered by the unit tests.
		spec := EC2KillSpec{Action: "stop", Tags: map[string]string{"app": "web"}, Amount: Amount{Count: 2}, Seed: 7}
		fault := newFault(t, Name, spec, env)
		sel, err := faulttest.Pick(ctx, fault)
		if err != nil {
			t.Fatal(err)
		}
		if sel.Candidates != 8 || len(sel.Targets) != 2 || sel.Seed != 7 {
			t.Fatalf("selection: %d candidates, %d targets, seed %d", sel.Candidates, len(sel.Targets), sel.Seed)
		}
		again, _ := faulttest.Pick(ctx, newFault(t, Name, spec, env))
		if !reflect.DeepEqual(engine.TargetIDs(sel.Targets), engine.TargetIDs(again.Targets)) {
			t.Fatal("same seed, other instances")
		}
		// moto is not AWS: no DryRun call may reach it (it performs some),
		// and the permissions are said to be unverified.
		rec, recorder := awsapi.NewRecorder(c)
		renv := env
		renv.Clients = rec
		for _, ch := range newFault(t, Name, spec, renv).Preflight(ctx, sel.Guarded) {
			if ch.Verified || !strings.Contains(ch.Detail, "emulator") {
				t.Fatalf("preflight against moto: %+v", ch)
			}
		}
		if calls := recorder.Calls(); len(calls) != 0 {
			t.Fatalf("preflight sent %v to moto", calls)
		}
		ids := engine.TargetIDs(sel.Targets)
		d := faulttest.Inject(t, fault, sel.Guarded)[0]
		for id, st := range faulttest.States(t, cli, ids) {
			if st != types.InstanceStateNameStopped && st != types.InstanceStateNameStopping {
				t.Fatalf("%s is %s after stop", id, st)
			}
		}
		left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(ctx)
		if err != nil || len(left) != 1 || !reflect.DeepEqual(engine.TargetIDs(left[0].Targets), ids) {
			t.Fatalf("scan: %+v %v", left, err)
		}
		rev := reverter(t, Name, env)
		if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		for id, st := range faulttest.States(t, cli, ids) {
			if st != types.InstanceStateNameRunning && st != types.InstanceStateNamePending {
				t.Fatalf("%s is %s after revert", id, st)
			}
		}
		if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatalf("second revert: %v", err)
		}
		if left, _ := Kind(faulttest.FastOptions()).Scanner(env).Scan(ctx); len(left) != 0 {
			t.Fatalf("leftovers after revert: %+v", left)
		}
	})

	t.Run("terminate by ids", func(t *testing.T) {
		// An id that does not exist refuses the selection.
		_, err := faulttest.Pick(ctx, newFault(t, Name, EC2KillSpec{Action: "terminate", InstanceIDs: append([]string{"i-00000000000000000"}, db...), Amount: Amount{All: true}}, env))
		if err == nil || !strings.Contains(err.Error(), "i-00000000000000000") {
			t.Fatalf("unknown id: %v", err)
		}
		fault := newFault(t, Name, EC2KillSpec{Action: "terminate", InstanceIDs: db, Amount: Amount{All: true}}, env)
		sel, err := faulttest.Pick(ctx, fault)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(engine.TargetIDs(sel.Targets), db) {
			t.Fatalf("targets %v notes %v", engine.TargetIDs(sel.Targets), sel.Notes)
		}
		faulttest.Inject(t, fault, sel.Guarded)
		for id, st := range faulttest.States(t, cli, db) {
			if st != types.InstanceStateNameTerminated && st != types.InstanceStateNameShuttingDown {
				t.Fatalf("%s is %s after terminate", id, st)
			}
		}
	})

	t.Run("reboot", func(t *testing.T) {
		fault := newFault(t, Name, EC2KillSpec{Action: "reboot", InstanceIDs: web[:1], Amount: Amount{All: true}}, env)
		sel, _ := faulttest.Pick(ctx, fault)
		d := faulttest.Inject(t, fault, sel.Guarded)[0]
		if err := reverter(t, Name, env).Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("asg members", func(t *testing.T) {
		as := c.AutoScaling.(*autoscaling.Client)
		imgs, _ := cli.DescribeImages(ctx, &ec2.DescribeImagesInput{})
		lt, err := cli.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: faultkit.Ptr("web"),
			LaunchTemplateData: &types.RequestLaunchTemplateData{ImageId: imgs.Images[0].ImageId, InstanceType: types.InstanceTypeT3Micro}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = as.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{
			AutoScalingGroupName: faultkit.Ptr("web-asg"), MinSize: faultkit.Ptr(int32(3)), MaxSize: faultkit.Ptr(int32(3)), DesiredCapacity: faultkit.Ptr(int32(3)),
			AvailabilityZones: []string{"us-east-1a"},
			LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId},
		})
		if err != nil {
			t.Fatal(err)
		}
		sel, err := faulttest.Pick(ctx, newFault(t, Name, EC2KillSpec{Action: "terminate", ASG: "web-asg", Amount: Amount{Percent: 50}, Seed: 3}, env))
		if err != nil {
			t.Fatal(err)
		}
		if sel.Candidates != 3 || len(sel.Targets) != 2 || sel.Targets[0].Labels["asg"] != "web-asg" {
			t.Fatalf("asg selection %+v", sel)
		}
	})
}
