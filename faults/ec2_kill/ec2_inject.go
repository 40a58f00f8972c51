package ec2kill

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// ec2Snapshot is what revert needs: the action and, per instance, the Auto
// Scaling group it belonged to (a stopped group member may be replaced
// instead of restarted).
type ec2Snapshot struct {
	Action    string        `json:"action"`
	Instances []ec2Instance `json:"instances"`
}

type ec2Instance struct {
	ID  string `json:"id"`
	ASG string `json:"asg,omitempty"`
}

// ec2Result records the state changes EC2 reported.
type ec2Result struct {
	Action  string            `json:"action"`
	Changes map[string]string `json:"changes,omitempty"` // id -> "running->stopping"
	// Skipped are instances that were no longer running when the call was
	// made (id -> state or "gone"): left out rather than failing the batch.
	Skipped map[string]string `json:"skipped,omitempty"`
}

func (f *ec2Kill) actionName() string {
	switch f.spec.Action {
	case "terminate":
		return "ec2:TerminateInstances"
	case "stop":
		return "ec2:StopInstances"
	default:
		return "ec2:RebootInstances"
	}
}

// Preflight dry-runs the action on the first batch of targets (one call, so
// that the check does not double the calls of a large kill; IAM conditions
// on per-instance tags could still differ for later batches). Stop also
// checks what its revert needs: CreateTags and StartInstances.
func (f *ec2Kill) Preflight(ctx context.Context, g engine.Guarded) []engine.Check {
	batches := g.Batches(f.BatchSize())
	if len(batches) == 0 {
		return nil
	}
	ids := engine.TargetIDs(batches[0].Targets())
	ec := f.env.Clients.EC2
	checks := []engine.Check{faultkit.DryRun(f.env, f.actionName(), func() error { return f.call(ctx, ids, true) })}
	if f.spec.Action == "stop" {
		checks = append(checks, faultkit.DryRun(f.env, "ec2:CreateTags", func() error {
			_, err := ec.CreateTags(ctx, &ec2.CreateTagsInput{DryRun: faultkit.Ptr(true), Resources: ids,
				Tags: []types.Tag{{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)}}})
			return err
		}))
		checks = append(checks, faultkit.DryRun(f.env, "ec2:StartInstances", func() error {
			_, err := ec.StartInstances(ctx, &ec2.StartInstancesInput{DryRun: faultkit.Ptr(true), InstanceIds: ids})
			return err
		}))
	}
	return checks
}

// Snapshot records the action and group membership from the targets
// themselves: no API call.
func (f *ec2Kill) Snapshot(_ context.Context, batch engine.Batch) (json.RawMessage, error) {
	s := ec2Snapshot{Action: f.spec.Action}
	for _, t := range batch.Targets() {
		s.Instances = append(s.Instances, ec2Instance{ID: t.ID, ASG: asgOf(t)})
	}
	return faultkit.Encode(s)
}

// Inject runs the action on the batch in one call. Stopped instances are
// tagged first so that a crash right after the stop still leaves them
// findable by the scanner.
func (f *ec2Kill) Inject(ctx context.Context, batch engine.Batch, _ json.RawMessage) (json.RawMessage, error) {
	ids := engine.TargetIDs(batch.Targets())
	if len(ids) == 0 {
		return faultkit.Encode(ec2Result{Action: f.spec.Action})
	}
	res := ec2Result{Action: f.spec.Action, Changes: map[string]string{}}
	if f.spec.Action == "stop" {
		err := f.tag(ctx, ids)
		if awsapi.IsCode(err, "InvalidInstanceID.NotFound") {
			if ids, res.Skipped, err = f.stillRunning(ctx, ids); err == nil && len(ids) > 0 {
				err = f.tag(ctx, ids)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("not stopping %s: tagging them for recovery failed: %w", idList(ids), err)
		}
		if len(ids) == 0 {
			return faultkit.Encode(res)
		}
	}
	changes, err := f.act(ctx, ids)
	if awsapi.IsCode(err, "InvalidInstanceID.NotFound", "IncorrectInstanceState") {
		// One instance that vanished or changed state since Select fails
		// the whole call: re-read and retry once with those still running.
		var live []string
		var skipped map[string]string
		live, skipped, err = f.stillRunning(ctx, ids)
		if err == nil && len(live) > 0 {
			changes, err = f.act(ctx, live)
		}
		ids = live
		for id, st := range skipped {
			res.Skipped = setLabel(res.Skipped, id, st)
		}
	}
	if err != nil {
		hint := ""
		if f.spec.Action == "terminate" && awsapi.IsCode(err, "OperationNotPermitted") {
			hint = " (termination protection on one instance also blocks the others of its AZ in the same call)"
		}
		return nil, fmt.Errorf("not %s %s: %s failed%s: %w", gerund(f.spec.Action), idList(ids), f.actionName(), hint, err)
	}
	for _, c := range changes {
		res.Changes[faultkit.Str(c.InstanceId)] = stateName(c.PreviousState) + "->" + stateName(c.CurrentState)
	}
	return faultkit.Encode(res)
}

// tag marks stopped instances with the run so that the scanner finds them.
func (f *ec2Kill) tag(ctx context.Context, ids []string) error {
	_, err := f.env.Clients.EC2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids, Tags: []types.Tag{
		{Key: faultkit.Ptr(engine.TagRun), Value: faultkit.Ptr(f.env.RunID)},
		{Key: faultkit.Ptr(engine.TagFault), Value: faultkit.Ptr(f.env.FaultID)},
	}})
	return err
}

// act runs the action on ids in one call.
func (f *ec2Kill) act(ctx context.Context, ids []string) ([]types.InstanceStateChange, error) {
	ec := f.env.Clients.EC2
	switch f.spec.Action {
	case "terminate":
		out, err := ec.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids})
		if err != nil {
			return nil, err
		}
		return out.TerminatingInstances, nil
	case "stop":
		out, err := ec.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids, Force: faultkit.Ptr(f.spec.Force)})
		if err != nil {
			return nil, err
		}
		return out.StoppingInstances, nil
	default:
		_, err := ec.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: ids})
		return nil, err
	}
}

// stillRunning splits ids into those running now and the others (with
// their state, or "gone").
func (f *ec2Kill) stillRunning(ctx context.Context, ids []string) ([]string, map[string]string, error) {
	states, err := instanceStates(ctx, f.env, ids)
	if err != nil {
		return nil, nil, err
	}
	var live []string
	skipped := map[string]string{}
	for _, id := range ids {
		switch st, ok := states[id]; {
		case !ok:
			skipped[id] = "gone"
		case st == types.InstanceStateNameRunning:
			live = append(live, id)
		default:
			skipped[id] = string(st)
		}
	}
	if len(skipped) > 0 {
		f.env.Logf("not %s %d instance(s) no longer running: %v", gerund(f.spec.Action), len(skipped), skipped)
	}
	return live, skipped, nil
}

// call runs the action with DryRun (for Preflight).
func (f *ec2Kill) call(ctx context.Context, ids []string, dry bool) error {
	ec := f.env.Clients.EC2
	var err error
	switch f.spec.Action {
	case "terminate":
		_, err = ec.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids, DryRun: faultkit.Ptr(dry)})
	case "stop":
		_, err = ec.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids, DryRun: faultkit.Ptr(dry)})
	default:
		_, err = ec.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: ids, DryRun: faultkit.Ptr(dry)})
	}
	return err
}

func stateName(s *types.InstanceState) string {
	if s == nil {
		return "?"
	}
	return string(s.Name)
}

func gerund(action string) string {
	switch action {
	case "terminate":
		return "terminating"
	case "stop":
		return "stopping"
	default:
		return "rebooting"
	}
}

// idList names ids in an error, shortened for large batches.
func idList(ids []string) string {
	const show = 5
	if len(ids) <= show {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:show], ", "), len(ids)-show)
}
