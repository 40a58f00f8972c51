package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
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
func (f *ec2Kill) Preflight(ctx context.Context, targets []engine.Target) []engine.Check {
	if len(targets) == 0 {
		return nil
	}
	ids := engine.TargetIDs(targets[:min(len(targets), f.BatchSize())])
	checks := []engine.Check{dryRunCheck(f.actionName(), f.call(ctx, ids, true))}
	if f.spec.Action == "stop" {
		ec := f.env.Clients.EC2
		_, err := ec.CreateTags(ctx, &ec2.CreateTagsInput{DryRun: ptr(true), Resources: ids,
			Tags: []types.Tag{{Key: ptr(engine.TagRun), Value: ptr(f.env.RunID)}}})
		checks = append(checks, dryRunCheck("ec2:CreateTags", err))
		_, err = ec.StartInstances(ctx, &ec2.StartInstancesInput{DryRun: ptr(true), InstanceIds: ids})
		checks = append(checks, dryRunCheck("ec2:StartInstances", err))
	}
	return checks
}

// Snapshot records the action and group membership from the targets
// themselves: no API call.
func (f *ec2Kill) Snapshot(_ context.Context, batch []engine.Target) (json.RawMessage, error) {
	s := ec2Snapshot{Action: f.spec.Action}
	for _, t := range batch {
		s.Instances = append(s.Instances, ec2Instance{ID: t.ID, ASG: t.Labels["asg"]})
	}
	return encode(s)
}

// Inject runs the action on the batch in one call. Stopped instances are
// tagged first so that a crash right after the stop still leaves them
// findable by the scanner.
func (f *ec2Kill) Inject(ctx context.Context, batch []engine.Target, _ json.RawMessage) (json.RawMessage, error) {
	ids := engine.TargetIDs(batch)
	if len(ids) == 0 {
		return encode(ec2Result{Action: f.spec.Action})
	}
	if f.spec.Action == "stop" {
		if _, err := f.env.Clients.EC2.CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids, Tags: []types.Tag{
			{Key: ptr(engine.TagRun), Value: ptr(f.env.RunID)},
			{Key: ptr(engine.TagFault), Value: ptr(f.env.FaultID)},
		}}); err != nil {
			return nil, fmt.Errorf("not stopping %s: tagging them for recovery failed: %w", idList(ids), err)
		}
	}
	res := ec2Result{Action: f.spec.Action, Changes: map[string]string{}}
	var changes []types.InstanceStateChange
	var err error
	switch f.spec.Action {
	case "terminate":
		var out *ec2.TerminateInstancesOutput
		if out, err = f.env.Clients.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids}); err == nil {
			changes = out.TerminatingInstances
		}
	case "stop":
		var out *ec2.StopInstancesOutput
		if out, err = f.env.Clients.EC2.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids, Force: ptr(f.spec.Force)}); err == nil {
			changes = out.StoppingInstances
		}
	default:
		_, err = f.env.Clients.EC2.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: ids})
	}
	if err != nil {
		return nil, fmt.Errorf("not %s %s: %s failed: %w", gerund(f.spec.Action), idList(ids), f.actionName(), err)
	}
	for _, c := range changes {
		res.Changes[str(c.InstanceId)] = stateName(c.PreviousState) + "->" + stateName(c.CurrentState)
	}
	return encode(res)
}

// call runs the action with DryRun (for Preflight).
func (f *ec2Kill) call(ctx context.Context, ids []string, dry bool) error {
	ec := f.env.Clients.EC2
	var err error
	switch f.spec.Action {
	case "terminate":
		_, err = ec.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids, DryRun: ptr(dry)})
	case "stop":
		_, err = ec.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids, DryRun: ptr(dry)})
	default:
		_, err = ec.RebootInstances(ctx, &ec2.RebootInstancesInput{InstanceIds: ids, DryRun: ptr(dry)})
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
