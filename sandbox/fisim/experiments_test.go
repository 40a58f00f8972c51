package fisim

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/fis/types"

	"github.com/gameday-dev/gameday/awsapi"
)

var _ awsapi.FIS = (*Service)(nil)

const (
	role     = "arn:aws:iam::123456789012:role/sandbox-fis"
	alarmARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sandbox-5xx"
)

func newService(t *testing.T) (*Service, *fakeWorld, *fakeAlarms) {
	t.Helper()
	w := newFakeWorld()
	a := &fakeAlarms{states: map[string]string{alarmARN: "OK"}}
	s := New(Options{World: w, Alarms: a, PendingDelay: 20 * time.Millisecond, InitiatingDelay: 20 * time.Millisecond,
		StopConditionTick: 10 * time.Millisecond, Seed: 1})
	t.Cleanup(s.Close)
	return s, w, a
}

// azBlackout is the shape the fis_az_blackout fault sends: stop instances
// of the AZ, disrupt its subnets after a short wait, capacity errors.
func azBlackout(token, disrupt string) *fis.CreateExperimentTemplateInput {
	return &fis.CreateExperimentTemplateInput{
		ClientToken: aws.String(token), Description: aws.String("az blackout"), RoleArn: aws.String(role),
		StopConditions: []types.CreateExperimentTemplateStopConditionInput{{Source: aws.String("aws:cloudwatch:alarm"), Value: aws.String(alarmARN)}},
		Targets: map[string]types.CreateExperimentTemplateTargetInput{
			"instances": {ResourceType: aws.String(ResourceInstance), SelectionMode: aws.String("ALL"),
				ResourceTags: map[string]string{"App": "web"},
				Filters: []types.ExperimentTemplateTargetInputFilter{
					{Path: aws.String("Placement.AvailabilityZone"), Values: []string{"us-east-1a"}},
					{Path: aws.String("State.Name"), Values: []string{"running"}}}},
			"subnets": {ResourceType: aws.String(ResourceSubnet), SelectionMode: aws.String("ALL"),
				ResourceTags: map[string]string{"Tier": "private"},
				Filters:      []types.ExperimentTemplateTargetInputFilter{{Path: aws.String("AvailabilityZone"), Values: []string{"us-east-1a"}}}},
			"asg": {ResourceType: aws.String(ResourceASG), SelectionMode: aws.String("ALL"),
				ResourceArns: []string{"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/sandbox-web"}},
		},
		Actions: map[string]types.CreateExperimentTemplateActionInput{
			"stop": {ActionId: aws.String("aws:ec2:stop-instances"), Targets: map[string]string{"Instances": "instances"},
				Parameters: map[string]string{"startInstancesAfterDuration": "PT0.2S", "completeIfInstancesTerminated": "true"}},
			"wait": {ActionId: aws.String("aws:fis:wait"), Parameters: map[string]string{"duration": "PT0.1S"}},
			"disrupt": {ActionId: aws.String("aws:network:disrupt-connectivity"), Targets: map[string]string{"Subnets": "subnets"},
				Parameters: map[string]string{"duration": disrupt, "scope": "availability-zone"}, StartAfter: []string{"wait"}},
			"capacity": {ActionId: aws.String("aws:ec2:asg-insufficient-instance-capacity-error"),
				Targets:    map[string]string{"AutoScalingGroups": "asg"},
				Parameters: map[string]string{"availabilityZoneIdentifiers": "us-east-1a", "percentage": "100", "duration": "PT0.2S"}},
		},
	}
}

func start(t *testing.T, s *Service, tpl *fis.CreateExperimentTemplateInput, token string) string {
	t.Helper()
	ctx := context.Background()
	ct, err := s.CreateExperimentTemplate(ctx, tpl)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: ct.ExperimentTemplate.Id, ClientToken: aws.String(token)})
	if err != nil {
		t.Fatal(err)
	}
	return *out.Experiment.Id
}

// follow polls the experiment until it ends, returning the statuses seen in
// order and the final experiment.
func follow(t *testing.T, s *Service, id string, within time.Duration, each func(types.ExperimentStatus)) ([]types.ExperimentStatus, *types.Experiment) {
	t.Helper()
	var seen []types.ExperimentStatus
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		out, err := s.GetExperiment(context.Background(), &fis.GetExperimentInput{Id: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		st := out.Experiment.State.Status
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
			if each != nil {
				each(st)
			}
		}
		if terminal(st) {
			return seen, out.Experiment
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("experiment %s did not end within %s; statuses %v", id, within, seen)
	return nil, nil
}

func TestExperimentRunsActsInOrderAndRestores(t *testing.T) {
	s, w, _ := newService(t)
	id := start(t, s, azBlackout("t1", "PT0.3S"), "e1")
	seen, e := follow(t, s, id, 3*time.Second, nil)
	if !slices.Equal(seen, []types.ExperimentStatus{"pending", "initiating", "running", "completed"}) {
		t.Fatalf("statuses %v", seen)
	}
	for name, a := range e.Actions {
		if a.State.Status != types.ExperimentActionStatusCompleted || a.StartTime == nil || a.EndTime == nil {
			t.Errorf("action %s: %+v", name, a.State)
		}
	}
	if !e.Actions["disrupt"].StartTime.After(*e.Actions["wait"].EndTime) && !e.Actions["disrupt"].StartTime.Equal(*e.Actions["wait"].EndTime) {
		t.Errorf("disrupt started %v before wait ended %v", e.Actions["disrupt"].StartTime, e.Actions["wait"].EndTime)
	}
	ops := w.ops()
	for _, op := range []string{"StopInstances", "StartInstances", "DisruptConnectivity", "RestoreConnectivity", "InjectCapacityError", "RestoreCapacity"} {
		if !slices.Contains(ops, op) {
			t.Errorf("world never saw %s; calls %v", op, ops)
		}
	}
	d, _ := w.callAt("DisruptConnectivity")
	r, _ := w.callAt("RestoreConnectivity")
	if held := r.Sub(d); held < 300*time.Millisecond || held > time.Second {
		t.Errorf("connectivity disrupted for %s, want the 0.3 s duration", held)
	}
	if got := w.calls[slices.Index(ops, "DisruptConnectivity")].arg; got != "subnet-a availability-zone" {
		t.Errorf("disrupt arg %q", got)
	}
	var inst resolveCall
	for _, rc := range w.resolves {
		// The target resolution, not the restart's wait for stopped instances.
		if rc.resourceType == ResourceInstance && rc.tags != nil {
			inst = rc
		}
	}
	if inst.tags["App"] != "web" || !slices.Equal(inst.filters["Placement.AvailabilityZone"], []string{"us-east-1a"}) {
		t.Errorf("instances resolved with %+v", inst)
	}
	if e.EndTime == nil || !strings.HasPrefix(*e.Arn, "arn:aws:fis:us-east-1:123456789012:experiment/EXP") {
		t.Errorf("experiment %+v", e)
	}
	var kinds []string
	for _, ev := range s.Events() {
		if ev.Experiment == id && ev.Kind == "restored" {
			kinds = append(kinds, ev.Action)
		}
	}
	slices.Sort(kinds)
	if !slices.Equal(kinds, []string{"capacity", "disrupt"}) {
		t.Errorf("restored events for %v", kinds)
	}
}

func TestStopConditionStopsAndRestores(t *testing.T) {
	s, w, alarms := newService(t)
	id := start(t, s, azBlackout("t1", "PT10S"), "e1")
	var alarmedAt time.Time
	seen, e := follow(t, s, id, 3*time.Second, func(st types.ExperimentStatus) {
		if st == types.ExperimentStatusRunning {
			time.Sleep(150 * time.Millisecond) // let the disruption start
			alarmedAt = time.Now()
			alarms.set(alarmARN, "ALARM")
		}
	})
	if seen[len(seen)-1] != types.ExperimentStatusStopped || !strings.Contains(*e.State.Reason, alarmARN) {
		t.Fatalf("statuses %v, reason %q", seen, *e.State.Reason)
	}
	if took := e.EndTime.Sub(alarmedAt); took > 500*time.Millisecond {
		t.Errorf("stopped %s after the alarm; the tick is 10 ms", took)
	}
	if e.Actions["disrupt"].State.Status != types.ExperimentActionStatusStopped {
		t.Errorf("disrupt %s, want stopped", e.Actions["disrupt"].State.Status)
	}
	if !slices.Contains(w.ops(), "RestoreConnectivity") {
		t.Errorf("connectivity not restored: %v", w.ops())
	}
}

func TestStopConditionAlreadyInAlarmPreventsActions(t *testing.T) {
	s, w, alarms := newService(t)
	alarms.set(alarmARN, "ALARM")
	id := start(t, s, azBlackout("t1", "PT1S"), "e1")
	_, e := follow(t, s, id, 2*time.Second, nil)
	if e.State.Status != types.ExperimentStatusStopped || len(w.ops()) != 0 {
		t.Fatalf("status %s, world calls %v", e.State.Status, w.ops())
	}
	for name, a := range e.Actions {
		if a.State.Status != types.ExperimentActionStatusCancelled {
			t.Errorf("action %s %s, want cancelled", name, a.State.Status)
		}
	}
}

func TestStopExperimentRestores(t *testing.T) {
	s, w, _ := newService(t)
	tpl := azBlackout("t1", "PT10S")
	a := tpl.Actions["stop"]
	a.Parameters = map[string]string{"startInstancesAfterDuration": "PT10S"}
	tpl.Actions["stop"] = a
	id := start(t, s, tpl, "e1")
	seen, e := follow(t, s, id, 3*time.Second, func(st types.ExperimentStatus) {
		if st != types.ExperimentStatusRunning {
			return
		}
		time.Sleep(150 * time.Millisecond)
		out, err := s.StopExperiment(context.Background(), &fis.StopExperimentInput{Id: aws.String(id)})
		if err != nil || out.Experiment.State.Status != types.ExperimentStatusStopping {
			t.Errorf("StopExperiment: %v %+v", err, out)
		}
	})
	if seen[len(seen)-1] != types.ExperimentStatusStopped {
		t.Fatalf("statuses %v", seen)
	}
	var states []string
	for _, ev := range s.Events() {
		if ev.Experiment == id && ev.Kind == "state" {
			states = append(states, strings.SplitN(ev.Detail, ":", 2)[0])
		}
	}
	if !slices.Equal(states[len(states)-2:], []string{"stopping", "stopped"}) {
		t.Fatalf("recorded states %v", states)
	}
	for _, op := range []string{"RestoreConnectivity", "StartInstances"} {
		if !slices.Contains(w.ops(), op) {
			t.Errorf("%s missing after stop: %v", op, w.ops())
		}
	}
	if *e.State.Reason != "Experiment stopped by user." {
		t.Errorf("reason %q", *e.State.Reason)
	}
	// Stopping again answers the final state.
	out, err := s.StopExperiment(context.Background(), &fis.StopExperimentInput{Id: aws.String(id)})
	if err != nil || out.Experiment.State.Status != types.ExperimentStatusStopped {
		t.Fatalf("second stop: %v %+v", err, out.Experiment.State)
	}
}

func TestIdempotentClientTokensAndQuota(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	a, err := s.CreateExperimentTemplate(ctx, azBlackout("same", "PT10S"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateExperimentTemplate(ctx, azBlackout("same", "PT10S"))
	if err != nil || *a.ExperimentTemplate.Id != *b.ExperimentTemplate.Id {
		t.Fatalf("same token: %v %s %s", err, *a.ExperimentTemplate.Id, *b.ExperimentTemplate.Id)
	}
	tid := a.ExperimentTemplate.Id
	first, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tid, ClientToken: aws.String("run-1")})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tid, ClientToken: aws.String("run-1")})
	if err != nil || *again.Experiment.Id != *first.Experiment.Id {
		t.Fatalf("same start token: %v", err)
	}
	for i := 2; i <= 5; i++ {
		if _, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tid, ClientToken: aws.String("run-" + string(rune('0'+i)))}); err != nil {
			t.Fatalf("experiment %d: %v", i, err)
		}
	}
	if _, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tid, ClientToken: aws.String("run-6")}); !awsapi.IsCode(err, "ServiceQuotaExceededException") {
		t.Fatalf("sixth active experiment: %v", err)
	}
	list, err := s.ListExperiments(ctx, &fis.ListExperimentsInput{ExperimentTemplateId: tid})
	if err != nil || len(list.Experiments) != 5 {
		t.Fatalf("list: %v, %d experiments", err, len(list.Experiments))
	}
	if _, err := s.StopExperiment(ctx, &fis.StopExperimentInput{Id: first.Experiment.Id}); err != nil {
		t.Fatal(err)
	}
	follow(t, s, *first.Experiment.Id, 2*time.Second, nil)
	if _, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tid, ClientToken: aws.String("run-6")}); err != nil {
		t.Fatalf("after one ended, a new one should start: %v", err)
	}
}

func TestEmptyTargetResolution(t *testing.T) {
	for _, mode := range []types.EmptyTargetResolutionMode{types.EmptyTargetResolutionModeFail, types.EmptyTargetResolutionModeSkip} {
		t.Run(string(mode), func(t *testing.T) {
			s, w, _ := newService(t)
			w.ids[ResourceCluster] = nil
			tpl := &fis.CreateExperimentTemplateInput{RoleArn: aws.String(role),
				StopConditions:    []types.CreateExperimentTemplateStopConditionInput{{Source: aws.String("none")}},
				ExperimentOptions: &types.CreateExperimentTemplateExperimentOptionsInput{EmptyTargetResolutionMode: mode},
				Targets: map[string]types.CreateExperimentTemplateTargetInput{"db": {ResourceType: aws.String(ResourceCluster),
					SelectionMode: aws.String("ALL"), ResourceTags: map[string]string{"App": "db"}}},
				Actions: map[string]types.CreateExperimentTemplateActionInput{
					"failover": {ActionId: aws.String("aws:rds:failover-db-cluster"), Targets: map[string]string{"Clusters": "db"}},
					// "after" sorts before "failover": it must still start
					// once the failover is skipped.
					"after": {ActionId: aws.String("aws:fis:wait"), Parameters: map[string]string{"duration": "PT0.05S"},
						StartAfter: []string{"failover"}},
				}}
			_, e := follow(t, s, start(t, s, tpl, "e"), 2*time.Second, nil)
			if mode == types.EmptyTargetResolutionModeFail {
				if e.State.Status != types.ExperimentStatusFailed || !strings.Contains(*e.State.Reason, "resolved no resources") {
					t.Fatalf("fail mode: %s %q", e.State.Status, *e.State.Reason)
				}
				return
			}
			if e.State.Status != types.ExperimentStatusCompleted || e.Actions["failover"].State.Status != types.ExperimentActionStatusSkipped ||
				e.Actions["after"].State.Status != types.ExperimentActionStatusCompleted {
				t.Fatalf("skip mode: %s, failover %s, after %s", e.State.Status, e.Actions["failover"].State.Status, e.Actions["after"].State.Status)
			}
		})
	}
}

func TestFailoverAndActionFailure(t *testing.T) {
	s, w, _ := newService(t)
	tpl := &fis.CreateExperimentTemplateInput{RoleArn: aws.String(role),
		Targets: map[string]types.CreateExperimentTemplateTargetInput{
			"db":      {ResourceType: aws.String(ResourceCluster), SelectionMode: aws.String("ALL"), ResourceArns: []string{"arn:aws:rds:us-east-1:123456789012:cluster:sandbox-db"}},
			"subnets": {ResourceType: aws.String(ResourceSubnet), SelectionMode: aws.String("ALL"), ResourceTags: map[string]string{"a": "b"}}},
		Actions: map[string]types.CreateExperimentTemplateActionInput{
			"failover": {ActionId: aws.String("aws:rds:failover-db-cluster"), Targets: map[string]string{"Clusters": "db"}},
			"disrupt": {ActionId: aws.String("aws:network:disrupt-connectivity"), Targets: map[string]string{"Subnets": "subnets"},
				Parameters: map[string]string{"duration": "PT1S"}, StartAfter: []string{"failover"}},
		}}
	w.disruptErr = errBoom
	_, e := follow(t, s, start(t, s, tpl, "e"), 2*time.Second, nil)
	if e.State.Status != types.ExperimentStatusFailed || e.Actions["disrupt"].State.Status != types.ExperimentActionStatusFailed ||
		e.Actions["failover"].State.Status != types.ExperimentActionStatusCompleted {
		t.Fatalf("status %s, actions %+v %+v", e.State.Status, e.Actions["disrupt"].State, e.Actions["failover"].State)
	}
	if got := w.ops(); !slices.Equal(got, []string{"FailoverDBCluster"}) {
		t.Fatalf("world calls %v", got)
	}
}

func TestCompleteIfInstancesTerminated(t *testing.T) {
	for _, complete := range []bool{true, false} {
		s, w, _ := newService(t)
		w.terminated["i-2"] = true // replaced by the Auto Scaling group meanwhile
		tpl := &fis.CreateExperimentTemplateInput{RoleArn: aws.String(role),
			Targets: map[string]types.CreateExperimentTemplateTargetInput{"i": {ResourceType: aws.String(ResourceInstance),
				SelectionMode: aws.String("ALL"), ResourceTags: map[string]string{"App": "web"}}},
			Actions: map[string]types.CreateExperimentTemplateActionInput{"stop": {ActionId: aws.String("aws:ec2:stop-instances"),
				Targets: map[string]string{"Instances": "i"}, Parameters: map[string]string{"startInstancesAfterDuration": "PT0.05S",
					"completeIfInstancesTerminated": map[bool]string{true: "true", false: "false"}[complete]}}}}
		_, e := follow(t, s, start(t, s, tpl, "e"), 2*time.Second, nil)
		want := map[bool]types.ExperimentStatus{true: "completed", false: "failed"}[complete]
		if e.State.Status != want {
			t.Fatalf("completeIfInstancesTerminated=%v: %s (%s)", complete, e.State.Status, *e.State.Reason)
		}
		if complete {
			var started []string
			for _, c := range w.calls {
				if c.op == "StartInstances" {
					started = append(started, c.arg)
				}
			}
			if !slices.Equal(started, []string{"i-1,i-3"}) {
				t.Fatalf("restarted %v, want the survivors i-1,i-3", started)
			}
		}
	}
}

func TestSelectionModes(t *testing.T) {
	s, _, _ := newService(t)
	ids := []string{"i-1", "i-2", "i-3", "i-4"}
	if got := s.selectIDs(ids, "COUNT(1)"); len(got) != 1 || !slices.Contains(ids, got[0]) {
		t.Errorf("COUNT(1) = %v", got)
	}
	if got := s.selectIDs(ids, "PERCENT(50)"); len(got) != 2 {
		t.Errorf("PERCENT(50) = %v", got)
	}
	if got := s.selectIDs(ids, "PERCENT(10)"); len(got) != 1 {
		t.Errorf("PERCENT(10) = %v (rounded up)", got)
	}
	if got := s.selectIDs(ids, "ALL"); len(got) != 4 {
		t.Errorf("ALL = %v", got)
	}
}

func TestStartRefusedWhenStopAlarmVanished(t *testing.T) {
	s, w, alarms := newService(t)
	ctx := context.Background()
	ct, err := s.CreateExperimentTemplate(ctx, azBlackout("t", "PT1S"))
	if err != nil {
		t.Fatal(err)
	}
	alarms.mu.Lock()
	delete(alarms.states, alarmARN)
	alarms.mu.Unlock()
	if _, err := s.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: ct.ExperimentTemplate.Id}); !awsapi.IsCode(err, "ValidationException") {
		t.Fatalf("start with a deleted stop alarm: %v", err)
	}
	if len(w.ops()) != 0 {
		t.Fatalf("the world was touched: %v", w.ops())
	}
}
