package sandbox

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// ec2Throttle is EC2's throttling answer.
const ec2Throttle = "RequestLimitExceeded"

// EC2 implements awsapi.EC2 over the world.
type EC2 struct {
	w    *world.World
	gate *apisim.Gate
}

var _ awsapi.EC2 = (*EC2)(nil)

// NewEC2 serves EC2 over w; every call passes gate first.
func NewEC2(w *world.World, gate *apisim.Gate) *EC2 { return &EC2{w: w, gate: gate} }

func (e *EC2) enter(ctx context.Context, op string, dryRun *bool) error {
	return e.gate.Enter(ctx, "ec2:"+op, ec2Throttle, aws.ToBool(dryRun))
}

func stateOf(name string) *types.InstanceState {
	return &types.InstanceState{Code: aws.Int32(world.StateCode(name)), Name: types.InstanceStateName(name)}
}

func changes(cs []world.StateChange) []types.InstanceStateChange {
	out := make([]types.InstanceStateChange, len(cs))
	for i, c := range cs {
		out[i] = types.InstanceStateChange{InstanceId: aws.String(c.ID), PreviousState: stateOf(c.Previous), CurrentState: stateOf(c.Current)}
	}
	return out
}

func needIDs(ids []string) error {
	if len(ids) == 0 {
		return apisim.Error("MissingParameter", "The request must contain the parameter InstanceId")
	}
	if len(ids) > 1000 {
		return apisim.Error("InvalidParameterValue", "not more than 1000 instance ids per call (got %d)", len(ids))
	}
	return nil
}

// TerminateInstances terminates; one unknown id fails the whole call;
// termination protection answers OperationNotPermitted (instances in other
// AZs are terminated all the same, as in EC2).
func (e *EC2) TerminateInstances(ctx context.Context, in *ec2.TerminateInstancesInput, _ ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	if err := e.enter(ctx, "TerminateInstances", in.DryRun); err != nil {
		return nil, err
	}
	if err := needIDs(in.InstanceIds); err != nil {
		return nil, err
	}
	cs, err := e.w.Terminate(in.InstanceIds)
	if err != nil {
		return nil, err
	}
	return &ec2.TerminateInstancesOutput{TerminatingInstances: changes(cs)}, nil
}

// StopInstances stops; Force and Hibernate change nothing in the sandbox.
func (e *EC2) StopInstances(ctx context.Context, in *ec2.StopInstancesInput, _ ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
	if err := e.enter(ctx, "StopInstances", in.DryRun); err != nil {
		return nil, err
	}
	if err := needIDs(in.InstanceIds); err != nil {
		return nil, err
	}
	cs, err := e.w.Stop(in.InstanceIds)
	if err != nil {
		return nil, err
	}
	return &ec2.StopInstancesOutput{StoppingInstances: changes(cs)}, nil
}

// StartInstances starts stopped instances.
func (e *EC2) StartInstances(ctx context.Context, in *ec2.StartInstancesInput, _ ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
	if err := e.enter(ctx, "StartInstances", in.DryRun); err != nil {
		return nil, err
	}
	if err := needIDs(in.InstanceIds); err != nil {
		return nil, err
	}
	cs, err := e.w.Start(in.InstanceIds)
	if err != nil {
		return nil, err
	}
	return &ec2.StartInstancesOutput{StartingInstances: changes(cs)}, nil
}

// RebootInstances reboots running instances.
func (e *EC2) RebootInstances(ctx context.Context, in *ec2.RebootInstancesInput, _ ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	if err := e.enter(ctx, "RebootInstances", in.DryRun); err != nil {
		return nil, err
	}
	if err := needIDs(in.InstanceIds); err != nil {
		return nil, err
	}
	if err := e.w.Reboot(in.InstanceIds); err != nil {
		return nil, err
	}
	return &ec2.RebootInstancesOutput{}, nil
}

// CreateTags adds tags to instances, subnets, NAT gateways, route tables
// or the VPC.
func (e *EC2) CreateTags(ctx context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	if err := e.enter(ctx, "CreateTags", in.DryRun); err != nil {
		return nil, err
	}
	if len(in.Resources) == 0 || len(in.Tags) == 0 {
		return nil, apisim.Error("MissingParameter", "The request must contain the parameters ResourceId and Tag")
	}
	tags := map[string]string{}
	for _, t := range in.Tags {
		if aws.ToString(t.Key) == "" {
			return nil, apisim.Error("InvalidParameterValue", "Tag key must not be empty")
		}
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	if err := e.w.CreateTags(in.Resources, tags); err != nil {
		return nil, err
	}
	return &ec2.CreateTagsOutput{}, nil
}

// DeleteTags removes tags (a tag without a value removes the key whatever
// its value; no tags removes all of them).
func (e *EC2) DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	if err := e.enter(ctx, "DeleteTags", in.DryRun); err != nil {
		return nil, err
	}
	if len(in.Resources) == 0 {
		return nil, apisim.Error("MissingParameter", "The request must contain the parameter ResourceId")
	}
	tags := map[string]*string{}
	for _, t := range in.Tags {
		tags[aws.ToString(t.Key)] = t.Value
	}
	if err := e.w.DeleteTags(in.Resources, tags); err != nil {
		return nil, err
	}
	return &ec2.DeleteTagsOutput{}, nil
}
