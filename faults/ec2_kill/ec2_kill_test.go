package ec2kill

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

func ec2World(n int, tags map[string]string) (*faulttest.EC2, *awsapi.Clients) {
	f := faulttest.NewEC2()
	for i := 0; i < n; i++ {
		az := []string{"us-east-1a", "us-east-1b", "us-east-1c"}[i%3]
		t := map[string]string{}
		for k, v := range tags {
			t[k] = v
		}
		f.AddInstance(fmt.Sprintf("i-%05d", i), az, faulttest.Running, t)
	}
	return f, &awsapi.Clients{EC2: f, AutoScaling: &faulttest.ASG{Gate: f.Gate}}
}

func TestEC2KillSelectTagsCountSeedPagination(t *testing.T) {
	f, c := ec2World(2500, map[string]string{"app": "web"})
	f.AddInstance("i-other", "us-east-1a", faulttest.Running, map[string]string{"app": "db"})
	f.AddInstance("i-stopped", "us-east-1a", types.InstanceStateNameStopped, map[string]string{"app": "web"})
	spec := EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{Count: 5}, Seed: 42}
	sel, err := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if err != nil {
		t.Fatal(err)
	}
	if sel.Candidates != 2500 || len(sel.Targets) != 5 || sel.Seed != 42 {
		t.Fatalf("candidates %d targets %d seed %d; want 2500, 5, 42", sel.Candidates, len(sel.Targets), sel.Seed)
	}
	if n := f.Count("DescribeInstances"); n != 3 {
		t.Fatalf("DescribeInstances calls = %d, want 3 pages of 1000", n)
	}
	for _, tg := range sel.Targets {
		if tg.ID == "i-other" || tg.ID == "i-stopped" {
			t.Fatalf("selected %s, which does not match", tg.ID)
		}
	}
	again, _ := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if !reflect.DeepEqual(engine.TargetIDs(sel.Targets), engine.TargetIDs(again.Targets)) {
		t.Fatalf("same seed chose %v then %v", engine.TargetIDs(sel.Targets), engine.TargetIDs(again.Targets))
	}
	spec.Seed = 43
	other, _ := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if reflect.DeepEqual(engine.TargetIDs(sel.Targets), engine.TargetIDs(other.Targets)) {
		t.Fatalf("seeds 42 and 43 chose the same instances")
	}
	spec.Seed = 0
	drawn, _ := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if drawn.Seed == 0 {
		t.Fatal("no seed recorded when one was drawn")
	}
	spec.Seed = drawn.Seed
	replay, _ := faulttest.Pick(context.Background(), newFault(t, Name, spec, faulttest.Env(c)))
	if !reflect.DeepEqual(engine.TargetIDs(drawn.Targets), engine.TargetIDs(replay.Targets)) {
		t.Fatal("replaying the recorded seed chose other instances")
	}
}

func TestEC2KillAmounts(t *testing.T) {
	_, c := ec2World(10, map[string]string{"app": "web"})
	for _, tc := range []struct {
		amount Amount
		az     string
		want   int
	}{
		{Amount{Percent: 25}, "", 3}, {Amount{All: true}, "", 10}, {Amount{}, "", 1},
		{Amount{Count: 50}, "", 10}, {Amount{All: true}, "us-east-1b", 3},
	} {
		sel, err := faulttest.Pick(context.Background(), newFault(t, Name, EC2KillSpec{Action: "reboot", Tags: map[string]string{"app": "web"}, AZ: tc.az, Amount: tc.amount}, faulttest.Env(c)))
		if err != nil {
			t.Fatal(err)
		}
		if len(sel.Targets) != tc.want {
			t.Errorf("%+v az %q: %d targets, want %d", tc.amount, tc.az, len(sel.Targets), tc.want)
		}
		for _, tg := range sel.Targets {
			if tc.az != "" && tg.AZ != tc.az {
				t.Errorf("target %s in %s, want %s", tg.ID, tg.AZ, tc.az)
			}
		}
		if tc.amount.All && sel.Seed != 0 {
			t.Errorf("all: seed %d recorded though nothing was chosen at random", sel.Seed)
		}
	}
	k := Kind(faulttest.FastOptions())
	for _, bad := range []EC2KillSpec{
		{Action: "explode", Tags: map[string]string{"a": "b"}},
		{Action: "stop"},
		{Action: "stop", ASG: "web", Amount: Amount{Count: 1, All: true}},
		{Action: "stop", ASG: "web", Amount: Amount{Percent: 101}},
	} {
		if _, err := k.New(bad, faulttest.Env(c)); err == nil {
			t.Errorf("New(%+v) accepted an invalid spec", bad)
		}
	}
	if _, err := k.New("nonsense", faulttest.Env(c)); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("New with a string spec: %v", err)
	}
}

func TestEC2KillSelectASGMembersOnly(t *testing.T) {
	f, c := ec2World(0, nil)
	asgTag := map[string]string{tagASG: "web"}
	for _, id := range []string{"i-a", "i-b", "i-c", "i-d", "i-e"} {
		f.AddInstance(id, "us-east-1a", faulttest.Running, map[string]string{tagASG: "web"})
	}
	f.AddInstance("i-f", "us-east-1b", faulttest.Running, asgTag)
	f.AddInstance("i-lone", "us-east-1a", faulttest.Running, nil)
	c.AutoScaling = &faulttest.ASG{Gate: f.Gate, Groups: []astypes.AutoScalingGroup{
		{AutoScalingGroupName: faultkit.Ptr("other"), Instances: []astypes.Instance{faulttest.ASGMember("i-lone", "us-east-1a", "InService", "Healthy")}},
		{AutoScalingGroupName: faultkit.Ptr("web"), Instances: []astypes.Instance{
			faulttest.ASGMember("i-a", "us-east-1a", "InService", "Healthy"),
			faulttest.ASGMember("i-b", "us-east-1a", "Pending", "Healthy"),
			faulttest.ASGMember("i-c", "us-east-1a", "InService", "Unhealthy"),
			faulttest.ASGMember("i-d", "us-east-1a", "InService", "Healthy"),
			faulttest.ASGMember("i-f", "us-east-1b", "InService", "Healthy"),
		}},
	}}
	sel, err := faulttest.Pick(context.Background(), newFault(t, Name, EC2KillSpec{Action: "stop", ASG: "web", AZ: "us-east-1a", Amount: Amount{All: true}}, faulttest.Env(c)))
	if err != nil {
		t.Fatal(err)
	}
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, []string{"i-a", "i-d"}) {
		t.Fatalf("targets %v, want [i-a i-d] (InService+Healthy in us-east-1a)", got)
	}
	if sel.Targets[0].Labels["asg"] != "web" {
		t.Fatalf("labels %v lack the group", sel.Targets[0].Labels)
	}
	if len(sel.Notes) == 0 || !strings.Contains(sel.Notes[0], "2 member(s)") {
		t.Fatalf("notes %v do not mention the 2 skipped members", sel.Notes)
	}
	_, err = faulttest.Pick(context.Background(), newFault(t, Name, EC2KillSpec{Action: "stop", ASG: "nope", Amount: Amount{All: true}}, faulttest.Env(c)))
	if err == nil || !strings.Contains(err.Error(), "nope does not exist") {
		t.Fatalf("unknown group: %v", err)
	}
}

func TestEC2KillSelectIDsNotes(t *testing.T) {
	f, c := ec2World(3, nil)
	f.SetState("i-00001", types.InstanceStateNameStopped)
	sel, err := faulttest.Pick(context.Background(), newFault(t, Name, &Config{Action: "terminate", Select: Selector{IDs: []string{"i-00000", "i-00001"}}}, faulttest.Env(c)))
	if err != nil {
		t.Fatal(err)
	}
	if got := engine.TargetIDs(sel.Targets); !reflect.DeepEqual(got, []string{"i-00000"}) {
		t.Fatalf("targets %v, want [i-00000]", got)
	}
	if len(sel.Notes) != 1 || !strings.Contains(sel.Notes[0], "i-00001 is stopped") {
		t.Fatalf("notes %v should say i-00001 is stopped", sel.Notes)
	}
	// An id that does not exist refuses the selection.
	_, err = faulttest.Pick(context.Background(), newFault(t, Name, &Config{Action: "terminate", Select: Selector{IDs: []string{"i-00000", "i-nope"}}}, faulttest.Env(c)))
	if err == nil || !strings.Contains(err.Error(), "i-nope") || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("unknown id: %v", err)
	}
}

func TestEC2KillTerminateBatchesAndIrreversible(t *testing.T) {
	f, c := ec2World(2500, map[string]string{"app": "web"})
	fault := newFault(t, Name, EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	if fault.Effect().Reversible {
		t.Fatal("terminate claims to be reversible")
	}
	done := faulttest.Inject(t, fault, sel.Guarded)
	if n := f.Count("TerminateInstances"); n != 3 || len(done) != 3 {
		t.Fatalf("TerminateInstances calls %d (batches %d), want 3", n, len(done))
	}
	if st := f.State("i-02499"); st != types.InstanceStateNameTerminated {
		t.Fatalf("i-02499 is %s", st)
	}
	out, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), done[0].Batch, done[0].Snapshot, done[0].Result)
	if err != nil || !out.Irreversible {
		t.Fatalf("revert of terminate: %+v %v, want Irreversible", out, err)
	}
	var res ec2Result
	_ = json.Unmarshal(done[0].Result, &res)
	if res.Changes["i-00000"] != "running->terminated" {
		t.Fatalf("result changes %v", res.Changes)
	}
}

func TestEC2KillPreflightDryRun(t *testing.T) {
	f, c := ec2World(3, map[string]string{"app": "web"})
	fault := newFault(t, Name, EC2KillSpec{Action: "stop", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	f.Gate.Deny("ec2:StartInstances")
	checks := fault.Preflight(context.Background(), sel.Guarded)
	want := map[string]bool{"ec2:StopInstances": true, "ec2:CreateTags": true, "ec2:StartInstances": false}
	if len(checks) != 3 {
		t.Fatalf("checks %+v", checks)
	}
	for _, ch := range checks {
		if !ch.Verified || ch.Allowed != want[ch.Action] {
			t.Errorf("check %+v, want verified and allowed=%t", ch, want[ch.Action])
		}
	}
	if n := f.Count("StopInstances"); n != 0 || f.State("i-00000") != faulttest.Running {
		t.Fatal("preflight stopped instances")
	}
}

func TestEC2KillStopRevertIdempotentAndASGReplacement(t *testing.T) {
	f, c := ec2World(0, nil)
	f.AddInstance("i-web1", "us-east-1a", faulttest.Running, map[string]string{"app": "web", tagASG: "web"})
	f.AddInstance("i-web2", "us-east-1a", faulttest.Running, map[string]string{"app": "web", tagASG: "web"})
	f.AddInstance("i-solo", "us-east-1a", faulttest.Running, map[string]string{"app": "web"})
	env := faulttest.Env(c)
	fault := newFault(t, Name, EC2KillSpec{Action: "stop", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, env)
	sel, _ := faulttest.Pick(context.Background(), fault)
	done := faulttest.Inject(t, fault, sel.Guarded)
	for _, id := range []string{"i-web1", "i-web2", "i-solo"} {
		if f.State(id) != types.InstanceStateNameStopped || f.Inst[id].Tags[engine.TagRun] != "run-1" {
			t.Fatalf("%s: state %s tags %v, want stopped and tagged", id, f.State(id), f.Inst[id].Tags)
		}
	}
	// The scanner finds them without the journal.
	left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(context.Background())
	if err != nil || len(left) != 1 || len(left[0].Targets) != 3 || left[0].Run != "run-1" {
		t.Fatalf("scan: %+v %v", left, err)
	}
	// The group replaced one member meanwhile.
	f.SetState("i-web2", types.InstanceStateNameTerminated)
	rev := reverter(t, Name, env)
	d := done[0]
	out, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Notes) != 1 || out.Notes[0] != "not starting i-web2: its Auto Scaling group replaced it" {
		t.Fatalf("notes %q", out.Notes)
	}
	if f.State("i-web1") != types.InstanceStateNamePending || f.State("i-solo") != types.InstanceStateNamePending {
		t.Fatal("stopped instances were not started")
	}
	if _, tagged := f.Inst["i-solo"].Tags[engine.TagRun]; tagged {
		t.Fatal("run tag left after revert")
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatalf("verify: %v", err)
	}
	starts := f.Count("StartInstances")
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, nil); err != nil {
		t.Fatalf("second revert: %v", err)
	}
	if f.Count("StartInstances") != starts {
		t.Fatal("second revert called StartInstances again")
	}
	if left, _ := Kind(faulttest.FastOptions()).Scanner(env).Scan(context.Background()); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
	// An instance outside any group that vanished is a failed revert.
	f.SetState("i-solo", types.InstanceStateNameTerminated)
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, nil); err == nil || !strings.Contains(err.Error(), "i-solo") {
		t.Fatalf("verify with i-solo terminated: %v", err)
	}
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, nil); err == nil || !strings.Contains(err.Error(), "not starting i-solo") {
		t.Fatalf("revert with i-solo terminated: %v", err)
	}
}

func TestEC2KillRevertWaitsForStopping(t *testing.T) {
	f, c := ec2World(1, nil)
	f.SetState("i-00000", types.InstanceStateNameStopping)
	calls := 0
	f.Hooks["DescribeInstances"] = func() {
		calls++
		if calls == 3 {
			f.Inst["i-00000"].State = types.InstanceStateNameStopped
		}
	}
	snap, _ := faultkit.Encode(ec2Snapshot{Action: "stop", Instances: []ec2Instance{{ID: "i-00000"}}})
	if _, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), nil, snap, nil); err != nil {
		t.Fatal(err)
	}
	if f.State("i-00000") != types.InstanceStateNamePending {
		t.Fatalf("state %s, want pending after the stop finished", f.State("i-00000"))
	}
}

func TestEC2KillSkipsInstancesGoneSinceSelect(t *testing.T) {
	for _, action := range []string{"stop", "terminate"} {
		t.Run(action, func(t *testing.T) {
			f, c := ec2World(4, map[string]string{"app": "web"})
			fault := newFault(t, Name, EC2KillSpec{Action: action, Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, faulttest.Env(c))
			sel, _ := faulttest.Pick(context.Background(), fault)
			f.Mu.Lock()
			delete(f.Inst, "i-00001")
			f.Inst["i-00002"].State = types.InstanceStateNameStopped
			f.Mu.Unlock()
			d := faulttest.Inject(t, fault, sel.Guarded)[0]
			var res ec2Result
			if err := json.Unmarshal(d.Result, &res); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"i-00001": "gone", "i-00002": "stopped"}
			if !reflect.DeepEqual(res.Skipped, want) || len(res.Changes) != 2 {
				t.Fatalf("result %+v, want skipped %v and 2 changes", res, want)
			}
			for _, id := range []string{"i-00000", "i-00003"} {
				if f.State(id) == faulttest.Running {
					t.Fatalf("%s still running", id)
				}
			}
			if action != "stop" {
				return
			}
			if _, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
				t.Fatal(err)
			}
			if f.State("i-00002") != types.InstanceStateNameStopped || f.State("i-00000") != types.InstanceStateNamePending {
				t.Fatalf("after revert: i-00002 %s (stopped by someone else: must stay), i-00000 %s", f.State("i-00002"), f.State("i-00000"))
			}
		})
	}
}

func TestEC2KillRevertRetriesThrottledStart(t *testing.T) {
	f, c := ec2World(2, nil)
	f.SetState("i-00000", types.InstanceStateNameStopped)
	f.SetState("i-00001", types.InstanceStateNameStopped)
	throttled := 0
	f.Hooks["StartInstances"] = func() {
		if throttled < 3 {
			throttled++
			f.Gate.SetKnobs(apisim.Knobs{ThrottleRate: 1})
		} else {
			f.Gate.SetKnobs(apisim.Knobs{})
		}
	}
	snap, _ := faultkit.Encode(ec2Snapshot{Action: "stop", Instances: []ec2Instance{{ID: "i-00000"}, {ID: "i-00001"}}})
	if _, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), nil, snap, nil); err != nil {
		t.Fatal(err)
	}
	if f.State("i-00000") != types.InstanceStateNamePending || throttled != 3 {
		t.Fatalf("state %s after %d throttled starts", f.State("i-00000"), throttled)
	}
}
