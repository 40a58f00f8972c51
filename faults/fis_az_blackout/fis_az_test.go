package fisaz

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	fistypes "github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

const (
	stRunning   = fistypes.ExperimentStatusRunning
	stCompleted = fistypes.ExperimentStatusCompleted
)

// fisEnv serves FIS from f and a small region to black out: in
// us-east-1a two instances and a subnet carry the target tag gameday=yes,
// one of the instances also Environment=production; us-east-1b has the
// same without production; an Auto Scaling group spans both zones.
func fisEnv(f *fakeFIS) engine.Env {
	ec := faulttest.NewEC2()
	yes := map[string]string{"gameday": "yes"}
	ec.AddInstance("i-a1", "us-east-1a", faulttest.Running, yes)
	ec.AddInstance("i-ap", "us-east-1a", faulttest.Running, map[string]string{"gameday": "yes", "Environment": "production"})
	ec.AddInstance("i-a-other", "us-east-1a", faulttest.Running, map[string]string{"gameday": "no"})
	ec.AddInstance("i-b1", "us-east-1b", faulttest.Running, yes)
	ec.AddSubnet("subnet-a", "vpc-1", "us-east-1a")
	ec.TagSubnet("subnet-a", yes)
	ec.AddSubnet("subnet-b", "vpc-1", "us-east-1b")
	ec.TagSubnet("subnet-b", yes)
	asg := &faulttest.ASG{Gate: apisim.NewGate(1), Groups: []astypes.AutoScalingGroup{{AutoScalingGroupName: faultkit.Ptr("web"),
		AutoScalingGroupARN: faultkit.Ptr("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:u:autoScalingGroupName/web"),
		AvailabilityZones:   []string{"us-east-1a", "us-east-1b"},
		Tags:                []astypes.TagDescription{{Key: faultkit.Ptr("gameday"), Value: faultkit.Ptr("yes")}}}}}
	env := faulttest.Env(&awsapi.Clients{Region: "us-east-1", FIS: f, EC2: ec, AutoScaling: asg})
	env.Duration = 5 * time.Minute
	return env
}

func fisSpec() FISAZSpec {
	return FISAZSpec{AZ: "us-east-1a", TargetTags: map[string]string{"gameday": "yes"},
		RoleARN: "arn:aws:iam::123456789012:role/fis"}
}

func TestISODuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Minute: "PT5M", 90 * time.Second: "PT1M30S", time.Hour + 30*time.Minute: "PT1H30M",
		12 * time.Hour: "PT12H", 30 * time.Second: "PT30S", 0: "PT0S", 300 * time.Millisecond: "PT0.3S",
		time.Minute + 1500*time.Millisecond: "PT1M1.5S",
	} {
		if got := isoDuration(d); got != want {
			t.Errorf("isoDuration(%s) = %s, want %s", d, got, want)
		}
	}
}

func TestFISTemplateNamesTheGuardedResourcesByARN(t *testing.T) {
	f := newFakeFIS(stCompleted)
	env := fisEnv(f)
	env.StopAlarmARNs = func() []string {
		return []string{"arn:aws:cloudwatch:us-east-1:1:alarm:b", "arn:aws:cloudwatch:us-east-1:1:alarm:a"}
	}
	fault := newFault(t, Name, &Config{AZ: "us-east-1a", Actions: FISActions(),
		TargetTags: map[string]string{"gameday": "yes"}, RoleARN: "arn:aws:iam::123456789012:role/fis", MirrorStopAlarms: true}, env)
	sel, err := fault.Select(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g, err := engine.Guard(sel, engine.GuardPolicy{Protected: map[string]string{"Environment": "production"}, MaxTargets: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Excluded) != 1 || g.Excluded[0].Target != "i-ap" {
		t.Fatalf("excluded %+v, want the production instance", g.Excluded)
	}
	in, err := fault.(*fisAZ).templateInput(g.Batches(fault.BatchSize())[0])
	if err != nil {
		t.Fatal(err)
	}
	// No RDS client: the rds-failover action is left out, never targeted by tag.
	if len(in.Actions) != 3 || len(in.Targets) != 3 {
		t.Fatalf("%d actions, %d targets: %+v", len(in.Actions), len(in.Targets), in.Targets)
	}
	for name, tg := range in.Targets {
		if len(tg.ResourceTags) != 0 || len(tg.Filters) != 0 || len(tg.ResourceArns) == 0 {
			t.Errorf("target %s selects by tags or filters (%+v): FIS could pull a protected resource back in", name, tg)
		}
	}
	stop := in.Actions[FISStopInstances+"-1"]
	if faultkit.Str(stop.ActionId) != "aws:ec2:stop-instances" || stop.Parameters["startInstancesAfterDuration"] != "PT5M" ||
		stop.Parameters["completeIfInstancesTerminated"] != "true" || stop.Targets["Instances"] != FISStopInstances+"-1" {
		t.Fatalf("stop-instances action %+v", stop)
	}
	inst := in.Targets[FISStopInstances+"-1"]
	if want := []string{"arn:aws:ec2:us-east-1::instance/i-a1"}; faultkit.Str(inst.ResourceType) != "aws:ec2:instance" || !reflect.DeepEqual(inst.ResourceArns, want) {
		t.Fatalf("instances target %+v, want exactly %v", inst, want)
	}
	net := in.Actions[FISDisruptConnectivity+"-1"]
	if faultkit.Str(net.ActionId) != "aws:network:disrupt-connectivity" || net.Parameters["scope"] != "availability-zone" || net.Parameters["duration"] != "PT5M" {
		t.Fatalf("disrupt-connectivity %+v", net)
	}
	if sn := in.Targets[FISDisruptConnectivity+"-1"]; faultkit.Str(sn.ResourceType) != "aws:ec2:subnet" || len(sn.ResourceArns) != 1 || !strings.HasSuffix(sn.ResourceArns[0], "subnet/subnet-a") {
		t.Fatalf("subnets target %+v", sn)
	}
	if asg := in.Actions[FISASGCapacityError+"-1"]; faultkit.Str(asg.ActionId) != "aws:ec2:asg-insufficient-instance-capacity-error" ||
		asg.Parameters["availabilityZoneIdentifiers"] != "us-east-1a" {
		t.Fatalf("asg action %+v", asg)
	}
	if len(in.StopConditions) != 2 || faultkit.Str(in.StopConditions[0].Source) != "aws:cloudwatch:alarm" || !strings.HasSuffix(faultkit.Str(in.StopConditions[0].Value), ":a") {
		t.Fatalf("stop conditions %+v", in.StopConditions)
	}
	if in.ExperimentOptions.EmptyTargetResolutionMode != fistypes.EmptyTargetResolutionModeSkip || in.Tags[engine.TagRun] != "run-1" {
		t.Fatalf("options %+v tags %v", in.ExperimentOptions, in.Tags)
	}
	if faultkit.Str(in.ClientToken) != clientToken("run-1", "sc/kind.name", "template") || faultkit.Str(in.ClientToken) == clientToken("run-2", "sc/kind.name", "template") {
		t.Fatal("client token is not derived from the run and fault")
	}
	if len(sel.Notes) == 0 || !strings.Contains(strings.Join(sel.Notes, " "), "rds-failover") {
		t.Errorf("notes %v do not say the rds-failover action is left out", sel.Notes)
	}
}

func TestFISTemplateChunksARNsFivePerTarget(t *testing.T) {
	f := newFakeFIS(stCompleted)
	env := fisEnv(f)
	ec := env.Clients.EC2.(*faulttest.EC2)
	for i := range 6 {
		ec.AddInstance(fmt.Sprintf("i-x%d", i), "us-east-1a", faulttest.Running, map[string]string{"gameday": "yes"})
	}
	fault := newFault(t, Name, FISAZSpec{AZ: "us-east-1a", Actions: []string{FISStopInstances},
		TargetTags: map[string]string{"gameday": "yes"}, RoleARN: "r"}, env)
	sel, err := faulttest.Pick(context.Background(), fault)
	if err != nil {
		t.Fatal(err)
	}
	in, err := fault.(*fisAZ).templateInput(sel.Batches(fault.BatchSize())[0])
	if err != nil {
		t.Fatal(err)
	}
	// 8 instances (i-a1, i-ap and six more): two actions of 5 and 3.
	if len(in.Actions) != 2 || len(in.Targets[FISStopInstances+"-1"].ResourceArns) != 5 || len(in.Targets[FISStopInstances+"-2"].ResourceArns) != 3 {
		t.Fatalf("actions %d, targets %+v", len(in.Actions), in.Targets)
	}
}

func TestFISSelectRefusesAnAZThatDoesNotExist(t *testing.T) {
	f := newFakeFIS(stCompleted)
	fault := newFault(t, Name, FISAZSpec{AZ: "us-east-1g", TargetTags: map[string]string{"gameday": "yes"}, RoleARN: "r"}, fisEnv(f))
	if _, err := fault.Select(context.Background()); err == nil || !strings.Contains(err.Error(), "us-east-1g does not exist") {
		t.Fatalf("select in a missing AZ: %v", err)
	}
}

func TestFISExistingTemplateSelectingByTagsIsRefusedUnderProtection(t *testing.T) {
	f := newFakeFIS(stRunning)
	tpl := templateStub()
	tpl.Targets = map[string]fistypes.CreateExperimentTemplateTargetInput{"web": {ResourceType: faultkit.Ptr("aws:ec2:instance"),
		SelectionMode: faultkit.Ptr("ALL"), ResourceTags: map[string]string{"App": "web"}}}
	f.Templates["EXTtags"] = tpl
	fault := newFault(t, Name, &Config{TemplateID: "EXTtags"}, fisEnv(f))
	sel, err := fault.Select(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, err = engine.Guard(sel, engine.GuardPolicy{Protected: map[string]string{"Environment": "production"}, MaxTargets: 10})
	if err == nil || !strings.Contains(err.Error(), "cannot be guarded") {
		t.Fatalf("guard over a tag-selecting template: %v", err)
	}
}

func TestFISTemplateStopConditionsAndSpecChecks(t *testing.T) {
	f := newFakeFIS(stCompleted)
	env := fisEnv(f)
	noAlarmsFault := newFault(t, Name, FISAZSpec{AZ: "us-east-1a", Actions: []string{FISDisruptConnectivity},
		TargetTags: map[string]string{"gameday": "yes"}, RoleARN: "r", IgnoreStopAlarms: true}, env)
	nsel, _ := faulttest.Pick(context.Background(), noAlarmsFault)
	noAlarms, err := noAlarmsFault.(*fisAZ).templateInput(nsel.Batches(noAlarmsFault.BatchSize())[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(noAlarms.StopConditions) != 1 || faultkit.Str(noAlarms.StopConditions[0].Source) != "none" || len(noAlarms.Actions) != 1 {
		t.Fatalf("without alarms: %+v", noAlarms.StopConditions)
	}
	env.StopAlarmARNs = func() []string { return []string{"1", "2", "3", "4", "5", "6"} }
	if _, err := Kind(faulttest.FastOptions()).New(fisSpec(), env); err == nil || !strings.Contains(err.Error(), "at most 5") {
		t.Fatalf("6 stop alarms: %v", err)
	}
	if _, err := Kind(faulttest.FastOptions()).New(FISAZSpec{AZ: "us-east-1a", RoleARN: "r"}, fisEnv(f)); err == nil || !strings.Contains(err.Error(), "target_tags") {
		t.Fatalf("no target tags: %v", err)
	}
}

func TestFISInjectWaitFollowsStates(t *testing.T) {
	f := newFakeFIS(fistypes.ExperimentStatusInitiating, stRunning, stRunning, stCompleted)
	env := fisEnv(f)
	fault := newFault(t, Name, fisSpec(), env)
	sel, _ := faulttest.Pick(context.Background(), fault)
	for _, ch := range fault.Preflight(context.Background(), sel.Guarded) {
		if ch.Verified {
			t.Fatalf("check %+v verified without a dry run", ch)
		}
	}
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	var res fisResult
	_ = json.Unmarshal(d.Result, &res)
	if !res.CreatedTemplate || res.TemplateID == "" || res.ExperimentID == "" {
		t.Fatalf("result %+v", res)
	}
	// A retried inject reuses the same template and experiment.
	again := faulttest.Inject(t, fault, sel.Guarded)[0]
	if string(again.Result) != string(d.Result) || len(f.Templates) != 1 {
		t.Fatalf("retry created new resources: %s vs %s", again.Result, d.Result)
	}
	final, err := fault.(engine.Waiter).Wait(context.Background(), d.Batch, d.Result)
	if err != nil || final != "completed" {
		t.Fatalf("wait: %q %v", final, err)
	}
	if n := f.Count("GetExperiment"); n != 5 {
		t.Fatalf("%d GetExperiment calls, want 5 (pending, initiating, running, running, completed)", n)
	}
	rev := reverter(t, Name, env)
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if f.Count("StopExperiment") != 0 || len(f.Templates) != 0 {
		t.Fatalf("after a completed experiment: %d stops, %d templates", f.Count("StopExperiment"), len(f.Templates))
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatalf("second revert (template already gone): %v", err)
	}
}

func TestFISWaitUnknownStateIsTerminal(t *testing.T) {
	f := newFakeFIS(stRunning, "exploded")
	fault := newFault(t, Name, fisSpec(), fisEnv(f))
	sel, _ := faulttest.Pick(context.Background(), fault)
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	final, err := fault.(engine.Waiter).Wait(context.Background(), d.Batch, d.Result)
	if err != nil || !strings.HasPrefix(final, "exploded") {
		t.Fatalf("wait: %q %v", final, err)
	}
}

func TestFISRevertStopsRunningExperimentWithoutResult(t *testing.T) {
	f := newFakeFIS(stRunning)
	env := fisEnv(f)
	fault := newFault(t, Name, fisSpec(), env)
	sel, _ := faulttest.Pick(context.Background(), fault)
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(context.Background())
	if err != nil || len(left) != 1 || left[0].Run != "run-1" || !strings.Contains(left[0].Detail, "still active") {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, Name, env)
	// The run died before journaling the result: revert finds it by tags.
	out, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Count("StopExperiment") != 1 || len(f.Templates) != 0 {
		t.Fatalf("%d stops, %d templates left", f.Count("StopExperiment"), len(f.Templates))
	}
	if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "ended stopped") {
		t.Fatalf("notes %q", out.Notes)
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if left, _ := Kind(faulttest.FastOptions()).Scanner(env).Scan(context.Background()); len(left) != 0 {
		t.Fatalf("leftovers after revert: %+v", left)
	}
}

func TestFISStopTimeoutIsBounded(t *testing.T) {
	f := newFakeFIS(stRunning)
	env := fisEnv(f)
	o := faulttest.FastOptions()
	o.FISStopTimeout = 30 * time.Millisecond
	k := Kind(o)
	fault, _ := k.New(fisSpec(), env)
	sel, _ := faulttest.Pick(context.Background(), fault)
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	var res fisResult
	_ = json.Unmarshal(d.Result, &res)
	f.Mu.Lock()
	f.Exps[res.ExperimentID].stuck = true
	f.Mu.Unlock()
	_, err := k.Reverter(env).Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
	if err == nil || !strings.Contains(err.Error(), "still stopping after 30ms") {
		t.Fatalf("revert of a stuck experiment: %v", err)
	}
	if len(f.Templates) != 1 {
		t.Fatal("template deleted while its experiment may still run")
	}
}

func TestFISExistingTemplateNeverDeleted(t *testing.T) {
	f := newFakeFIS(stRunning)
	f.Templates["EXTmine"] = templateStub()
	env := fisEnv(f)
	fault := newFault(t, Name, &Config{TemplateID: "EXTmine"}, env)
	sel, err := faulttest.Pick(context.Background(), fault)
	if err != nil || sel.Targets[0].ID != "EXTmine" {
		t.Fatalf("select: %+v %v", sel, err)
	}
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	if f.Count("CreateExperimentTemplate") != 0 {
		t.Fatal("created a template though one was given")
	}
	if _, err := reverter(t, Name, env).Revert(context.Background(), d.Batch, d.Snapshot, nil); err != nil {
		t.Fatal(err)
	}
	if f.Templates["EXTmine"] == nil || f.Count("DeleteExperimentTemplate") != 0 || f.Count("StopExperiment") != 1 {
		t.Fatalf("the user's template was touched (deletes %d) or the experiment not stopped (%d)", f.Count("DeleteExperimentTemplate"), f.Count("StopExperiment"))
	}
	if _, err := faulttest.Pick(context.Background(), newFault(t, Name, FISAZSpec{TemplateID: "EXTnope"}, env)); err == nil || !strings.Contains(err.Error(), "EXTnope") {
		t.Fatalf("unknown template: %v", err)
	}
}

func TestFISStartFailureDeletesCreatedTemplate(t *testing.T) {
	f := newFakeFIS(stRunning)
	f.Gate.Deny("fis:StartExperiment")
	fault := newFault(t, Name, fisSpec(), fisEnv(f))
	sel, _ := faulttest.Pick(context.Background(), fault)
	b := sel.Batches(fault.BatchSize())[0]
	snap, _ := fault.Snapshot(context.Background(), b)
	_, err := fault.Inject(context.Background(), b, snap)
	if err == nil || !strings.Contains(err.Error(), "not starting FIS experiment from template") {
		t.Fatalf("inject with StartExperiment denied: %v", err)
	}
	if len(f.Templates) != 0 || f.Count("DeleteExperimentTemplate") != 1 {
		t.Fatalf("%d templates left after a failed start", len(f.Templates))
	}
}
