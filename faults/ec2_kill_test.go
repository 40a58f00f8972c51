package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

const running = types.InstanceStateNameRunning

func ec2World(n int, tags map[string]string) (*fakeEC2, *awsapi.Clients) {
	f := newFakeEC2()
	for i := 0; i < n; i++ {
		az := []string{"us-east-1a", "us-east-1b", "us-east-1c"}[i%3]
		t := map[string]string{}
		for k, v := range tags {
			t[k] = v
		}
		f.addInstance(fmt.Sprintf("i-%05d", i), az, running, t)
	}
	return f, &awsapi.Clients{EC2: f, AutoScaling: &fakeASG{gate: f.gate}}
}

func newFault(t *testing.T, kind string, spec any, env engine.Env) engine.Fault {
	t.Helper()
	k, err := KindsWith(fastOptions()).Get(kind)
	if err != nil {
		t.Fatal(err)
	}
	f, err := k.New(spec, env)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func reverter(t *testing.T, kind string, env engine.Env) engine.Reverter {
	t.Helper()
	k, err := KindsWith(fastOptions()).Get(kind)
	if err != nil {
		t.Fatal(err)
	}
	return k.Reverter(env)
}

type injected struct {
	batch            []engine.Target
	snapshot, result json.RawMessage
}

// inject runs the runner's part: batches, Snapshot, Inject.
func inject(t *testing.T, f engine.Fault, g engine.Guarded) []injected {
	t.Helper()
	var out []injected
	for _, b := range g.Batches(f.BatchSize()) {
		snap, err := f.Snapshot(context.Background(), b)
		if err != nil {
			t.Fatalf("Snapshot: %v", err)
		}
		res, err := f.Inject(context.Background(), b, snap)
		if err != nil {
			t.Fatalf("Inject: %v", err)
		}
		out = append(out, injected{b.Targets(), snap, res})
	}
	return out
}

// picked is a selection after the engine's guard (no protected tags, no
// target cap), as the runner hands it to a kind.
type picked struct {
	engine.Guarded
	Targets []engine.Target
	Raw     engine.Selection
}

// pick runs Select and the engine's guard, like the runner does.
func pick(ctx context.Context, f engine.Fault) (picked, error) {
	sel, err := f.Select(ctx)
	if err != nil {
		return picked{Raw: sel}, err
	}
	yes := true
	sel.AllowEmpty = &yes
	g, err := engine.Guard(sel, engine.GuardPolicy{MaxTargets: 1 << 20})
	return picked{Guarded: g, Targets: g.Targets(), Raw: sel}, err
}

// only keeps the targets of p with the given ids (as a guard would).
func only(t *testing.T, p picked, ids ...string) engine.Guarded {
	t.Helper()
	var cs []engine.Candidate
	for _, c := range p.Raw.Candidates {
		for _, id := range ids {
			if c.Target.ID == id {
				cs = append(cs, c)
			}
		}
	}
	g, err := engine.Guard(engine.Selection{Amount: engine.Amount{All: true}, Candidates: cs}, engine.GuardPolicy{MaxTargets: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestEC2KillSelectTagsCountSeedPagination(t *testing.T) {
	f, c := ec2World(2500, map[string]string{"app": "web"})
	f.addInstance("i-other", "us-east-1a", running, map[string]string{"app": "db"})
	f.addInstance("i-stopped", "us-east-1a", types.InstanceStateNameStopped, map[string]string{"app": "web"})
	spec := EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{Count: 5}, Seed: 42}
	sel, err := pick(context.Background(), newFault(t, KindEC2Kill, spec, testEnv(c)))
	if err != nil {
		t.Fatal(err)
	}
	if sel.Candidates != 2500 || len(sel.Targets) != 5 || sel.Seed != 42 {
		t.Fatalf("candidates %d targets %d seed %d; want 2500, 5, 42", sel.Candidates, len(sel.Targets), sel.Seed)
	}
	if n := f.count("DescribeInstances"); n != 3 {
		t.Fatalf("DescribeInstances calls = %d, want 3 pages of 1000", n)
	}
	for _, tg := range sel.Targets {
		if tg.ID == "i-other" || tg.ID == "i-stopped" {
			t.Fatalf("selected %s, which does not match", tg.ID)
		}
	}
	again, _ := pick(context.Background(), newFault(t, KindEC2Kill, spec, testEnv(c)))
	if !reflect.DeepEqual(engine.TargetIDs(sel.Targets), engine.TargetIDs(again.Targets)) {
		t.Fatalf("same seed chose %v then %v", engine.TargetIDs(sel.Targets), engine.TargetIDs(again.Targets))
	}
	spec.Seed = 43
	other, _ := pick(context.Background(), newFault(t, KindEC2Kill, spec, testEnv(c)))
	if reflect.DeepEqual(engine.TargetIDs(sel.Targets), engine.TargetIDs(other.Targets)) {
		t.Fatalf("seeds 42 and 43 chose the same instances")
	}
	spec.Seed = 0
	drawn, _ := pick(context.Background(), newFault(t, KindEC2Kill, spec, testEnv(c)))
	if drawn.Seed == 0 {
		t.Fatal("no seed recorded when one was drawn")
	}
	spec.Seed = drawn.Seed
	replay, _ := pick(context.Background(), newFault(t, KindEC2Kill, spec, testEnv(c)))
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
		sel, err := pick(context.Background(), newFault(t, KindEC2Kill, EC2KillSpec{Action: "reboot", Tags: map[string]string{"app": "web"}, AZ: tc.az, Amount: tc.amount}, testEnv(c)))
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
	k := KindsWith(fastOptions())[KindEC2Kill]
	for _, bad := range []EC2KillSpec{
		{Action: "explode", Tags: map[string]string{"a": "b"}},
		{Action: "stop"},
		{Action: "stop", ASG: "web", Amount: Amount{Count: 1, All: true}},
		{Action: "stop", ASG: "web", Amount: Amount{Percent: 101}},
	} {
		if _, err := k.New(bad, testEnv(c)); err == nil {
			t.Errorf("New(%+v) accepted an invalid spec", bad)
		}
	}
	if _, err := k.New("nonsense", testEnv(c)); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("New with a string spec: %v", err)
	}
}

func TestEC2KillSelectASGMembersOnly(t *testing.T) {
	f, c := ec2World(0, nil)
	asgTag := map[string]string{tagASG: "web"}
	for _, id := range []string{"i-a", "i-b", "i-c", "i-d", "i-e"} {
		f.addInstance(id, "us-east-1a", running, map[string]string{tagASG: "web"})
	}
	f.addInstance("i-f", "us-east-1b", running, asgTag)
	f.addInstance("i-lone", "us-east-1a", running, nil)
	c.AutoScaling = &fakeASG{gate: f.gate, groups: []astypes.AutoScalingGroup{
		{AutoScalingGroupName: ptr("other"), Instances: []astypes.Instance{asgMember("i-lone", "us-east-1a", "InService", "Healthy")}},
		{AutoScalingGroupName: ptr("web"), Instances: []astypes.Instance{
			asgMember("i-a", "us-east-1a", "InService", "Healthy"),
			asgMember("i-b", "us-east-1a", "Pending", "Healthy"),
			asgMember("i-c", "us-east-1a", "InService", "Unhealthy"),
			asgMember("i-d", "us-east-1a", "InService", "Healthy"),
			asgMember("i-f", "us-east-1b", "InService", "Healthy"),
		}},
	}}
	sel, err := pick(context.Background(), newFault(t, KindEC2Kill, EC2KillSpec{Action: "stop", ASG: "web", AZ: "us-east-1a", Amount: Amount{All: true}}, testEnv(c)))
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
	_, err = pick(context.Background(), newFault(t, KindEC2Kill, EC2KillSpec{Action: "stop", ASG: "nope", Amount: Amount{All: true}}, testEnv(c)))
	if err == nil || !strings.Contains(err.Error(), "nope does not exist") {
		t.Fatalf("unknown group: %v", err)
	}
}

func TestEC2KillSelectIDsNotes(t *testing.T) {
	f, c := ec2World(3, nil)
	f.setState("i-00001", types.InstanceStateNameStopped)
	sel, err := pick(context.Background(), newFault(t, KindEC2Kill, &config.EC2Kill{Action: "terminate", Select: config.EC2Selector{IDs: []string{"i-00000", "i-00001"}}}, testEnv(c)))
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
	_, err = pick(context.Background(), newFault(t, KindEC2Kill, &config.EC2Kill{Action: "terminate", Select: config.EC2Selector{IDs: []string{"i-00000", "i-nope"}}}, testEnv(c)))
	if err == nil || !strings.Contains(err.Error(), "i-nope") || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("unknown id: %v", err)
	}
}

func TestEC2KillTerminateBatchesAndIrreversible(t *testing.T) {
	f, c := ec2World(2500, map[string]string{"app": "web"})
	fault := newFault(t, KindEC2Kill, EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, testEnv(c))
	sel, _ := pick(context.Background(), fault)
	if fault.Effect().Reversible {
		t.Fatal("terminate claims to be reversible")
	}
	done := inject(t, fault, sel.Guarded)
	if n := f.count("TerminateInstances"); n != 3 || len(done) != 3 {
		t.Fatalf("TerminateInstances calls %d (batches %d), want 3", n, len(done))
	}
	if st := f.state("i-02499"); st != types.InstanceStateNameTerminated {
		t.Fatalf("i-02499 is %s", st)
	}
	out, err := reverter(t, KindEC2Kill, testEnv(c)).Revert(context.Background(), done[0].batch, done[0].snapshot, done[0].result)
	if err != nil || !out.Irreversible {
		t.Fatalf("revert of terminate: %+v %v, want Irreversible", out, err)
	}
	var res ec2Result
	_ = json.Unmarshal(done[0].result, &res)
	if res.Changes["i-00000"] != "running->terminated" {
		t.Fatalf("result changes %v", res.Changes)
	}
}

func TestEC2KillPreflightDryRun(t *testing.T) {
	f, c := ec2World(3, map[string]string{"app": "web"})
	fault := newFault(t, KindEC2Kill, EC2KillSpec{Action: "stop", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, testEnv(c))
	sel, _ := pick(context.Background(), fault)
	f.gate.Deny("ec2:StartInstances")
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
	if n := f.count("StopInstances"); n != 0 || f.state("i-00000") != running {
		t.Fatal("preflight stopped instances")
	}
}

func TestEC2KillStopRevertIdempotentAndASGReplacement(t *testing.T) {
	f, c := ec2World(0, nil)
	f.addInstance("i-web1", "us-east-1a", running, map[string]string{"app": "web", tagASG: "web"})
	f.addInstance("i-web2", "us-east-1a", running, map[string]string{"app": "web", tagASG: "web"})
	f.addInstance("i-solo", "us-east-1a", running, map[string]string{"app": "web"})
	env := testEnv(c)
	fault := newFault(t, KindEC2Kill, EC2KillSpec{Action: "stop", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, env)
	sel, _ := pick(context.Background(), fault)
	done := inject(t, fault, sel.Guarded)
	for _, id := range []string{"i-web1", "i-web2", "i-solo"} {
		if f.state(id) != types.InstanceStateNameStopped || f.inst[id].tags[engine.TagRun] != "run-1" {
			t.Fatalf("%s: state %s tags %v, want stopped and tagged", id, f.state(id), f.inst[id].tags)
		}
	}
	// The scanner finds them without the journal.
	left, err := KindsWith(fastOptions())[KindEC2Kill].Scanner(env).Scan(context.Background())
	if err != nil || len(left) != 1 || len(left[0].Targets) != 3 || left[0].Run != "run-1" {
		t.Fatalf("scan: %+v %v", left, err)
	}
	// The group replaced one member meanwhile.
	f.setState("i-web2", types.InstanceStateNameTerminated)
	rev := reverter(t, KindEC2Kill, env)
	d := done[0]
	out, err := rev.Revert(context.Background(), d.batch, d.snapshot, d.result)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Notes) != 1 || out.Notes[0] != "not starting i-web2: its Auto Scaling group replaced it" {
		t.Fatalf("notes %q", out.Notes)
	}
	if f.state("i-web1") != types.InstanceStateNamePending || f.state("i-solo") != types.InstanceStateNamePending {
		t.Fatal("stopped instances were not started")
	}
	if _, tagged := f.inst["i-solo"].tags[engine.TagRun]; tagged {
		t.Fatal("run tag left after revert")
	}
	if err := rev.Verify(context.Background(), d.batch, d.snapshot, d.result); err != nil {
		t.Fatalf("verify: %v", err)
	}
	starts := f.count("StartInstances")
	if _, err := rev.Revert(context.Background(), d.batch, d.snapshot, nil); err != nil {
		t.Fatalf("second revert: %v", err)
	}
	if f.count("StartInstances") != starts {
		t.Fatal("second revert called StartInstances again")
	}
	if left, _ := KindsWith(fastOptions())[KindEC2Kill].Scanner(env).Scan(context.Background()); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
	// An instance outside any group that vanished is a failed revert.
	f.setState("i-solo", types.InstanceStateNameTerminated)
	if err := rev.Verify(context.Background(), d.batch, d.snapshot, nil); err == nil || !strings.Contains(err.Error(), "i-solo") {
		t.Fatalf("verify with i-solo terminated: %v", err)
	}
	if _, err := rev.Revert(context.Background(), d.batch, d.snapshot, nil); err == nil || !strings.Contains(err.Error(), "not starting i-solo") {
		t.Fatalf("revert with i-solo terminated: %v", err)
	}
}

func TestEC2KillRevertWaitsForStopping(t *testing.T) {
	f, c := ec2World(1, nil)
	f.setState("i-00000", types.InstanceStateNameStopping)
	calls := 0
	f.hooks["DescribeInstances"] = func() {
		calls++
		if calls == 3 {
			f.inst["i-00000"].state = types.InstanceStateNameStopped
		}
	}
	snap, _ := encode(ec2Snapshot{Action: "stop", Instances: []ec2Instance{{ID: "i-00000"}}})
	if _, err := reverter(t, KindEC2Kill, testEnv(c)).Revert(context.Background(), nil, snap, nil); err != nil {
		t.Fatal(err)
	}
	if f.state("i-00000") != types.InstanceStateNamePending {
		t.Fatalf("state %s, want pending after the stop finished", f.state("i-00000"))
	}
}

func TestEC2KillSkipsInstancesGoneSinceSelect(t *testing.T) {
	for _, action := range []string{"stop", "terminate"} {
		t.Run(action, func(t *testing.T) {
			f, c := ec2World(4, map[string]string{"app": "web"})
			fault := newFault(t, KindEC2Kill, EC2KillSpec{Action: action, Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, testEnv(c))
			sel, _ := pick(context.Background(), fault)
			f.mu.Lock()
			delete(f.inst, "i-00001")
			f.inst["i-00002"].state = types.InstanceStateNameStopped
			f.mu.Unlock()
			d := inject(t, fault, sel.Guarded)[0]
			var res ec2Result
			if err := json.Unmarshal(d.result, &res); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"i-00001": "gone", "i-00002": "stopped"}
			if !reflect.DeepEqual(res.Skipped, want) || len(res.Changes) != 2 {
				t.Fatalf("result %+v, want skipped %v and 2 changes", res, want)
			}
			for _, id := range []string{"i-00000", "i-00003"} {
				if f.state(id) == running {
					t.Fatalf("%s still running", id)
				}
			}
			if action != "stop" {
				return
			}
			if _, err := reverter(t, KindEC2Kill, testEnv(c)).Revert(context.Background(), d.batch, d.snapshot, d.result); err != nil {
				t.Fatal(err)
			}
			if f.state("i-00002") != types.InstanceStateNameStopped || f.state("i-00000") != types.InstanceStateNamePending {
				t.Fatalf("after revert: i-00002 %s (stopped by someone else: must stay), i-00000 %s", f.state("i-00002"), f.state("i-00000"))
			}
		})
	}
}

func TestEC2KillRevertRetriesThrottledStart(t *testing.T) {
	f, c := ec2World(2, nil)
	f.setState("i-00000", types.InstanceStateNameStopped)
	f.setState("i-00001", types.InstanceStateNameStopped)
	throttled := 0
	f.hooks["StartInstances"] = func() {
		if throttled < 3 {
			throttled++
			f.gate.SetKnobs(apisim.Knobs{ThrottleRate: 1})
		} else {
			f.gate.SetKnobs(apisim.Knobs{})
		}
	}
	snap, _ := encode(ec2Snapshot{Action: "stop", Instances: []ec2Instance{{ID: "i-00000"}, {ID: "i-00001"}}})
	if _, err := reverter(t, KindEC2Kill, testEnv(c)).Revert(context.Background(), nil, snap, nil); err != nil {
		t.Fatal(err)
	}
	if f.state("i-00000") != types.InstanceStateNamePending || throttled != 3 {
		t.Fatalf("state %s after %d throttled starts", f.state("i-00000"), throttled)
	}
}
