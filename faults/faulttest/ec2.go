package faulttest

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/faults/faultkit"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// EC2 is an in-memory EC2 with the filters, pagination, DryRun and
// error codes the faults rely on. Every operation goes through an
// apisim.Gate, which records calls and answers DryRun and denials.
type EC2 struct {
	Gate *apisim.Gate
	Mu   sync.Mutex
	// instances by id.
	Inst map[string]*Instance
	// rtbs by id.
	Rtbs    map[string]*types.RouteTable
	Nats    map[string]*types.NatGateway
	Subnets map[string]*types.Subnet
	// hooks let a test act between calls (e.g. an ASG replacing an
	// instance); keyed by operation name, run before the operation.
	Hooks map[string]func()
}

type Instance struct {
	ID, AZ string
	State  types.InstanceStateName
	Tags   map[string]string
}

func NewEC2() *EC2 {
	return &EC2{Gate: apisim.NewGate(1), Inst: map[string]*Instance{}, Rtbs: map[string]*types.RouteTable{},
		Nats: map[string]*types.NatGateway{}, Subnets: map[string]*types.Subnet{}, Hooks: map[string]func(){}}
}

func (f *EC2) enter(ctx context.Context, op string, dry *bool) error {
	if h := f.Hooks[op]; h != nil {
		h()
	}
	return f.Gate.Enter(ctx, "ec2:"+op, "RequestLimitExceeded", dry != nil && *dry)
}

// count returns how many non-DryRun calls of op were made.
func (f *EC2) Count(op string) int {
	n := 0
	for _, c := range f.Gate.Calls() {
		if c.Action == "ec2:"+op && !c.DryRun {
			n++
		}
	}
	return n
}

func (f *EC2) AddInstance(id, az string, state types.InstanceStateName, tags map[string]string) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if tags == nil {
		tags = map[string]string{}
	}
	f.Inst[id] = &Instance{ID: id, AZ: az, State: state, Tags: tags}
}

func (f *EC2) State(id string) types.InstanceStateName {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if in := f.Inst[id]; in != nil {
		return in.State
	}
	return ""
}

func (f *EC2) SetState(id string, s types.InstanceStateName) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Inst[id].State = s
}

// match applies the filters the faults use; unknown filter names match
// nothing, so a typo in a fault's filter fails its test.
func matchFilters(filters []types.Filter, get func(name string) []string) bool {
	for _, fl := range filters {
		have := get(faultkit.Str(fl.Name))
		ok := false
		for _, v := range fl.Values {
			for _, h := range have {
				if v == h {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func tagValues(tags map[string]string, name string) ([]string, bool) {
	if k, ok := strings.CutPrefix(name, "tag:"); ok {
		if v, has := tags[k]; has {
			return []string{v}, true
		}
		return nil, true
	}
	if name == "tag-key" {
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		return keys, true
	}
	return nil, false
}

func (f *EC2) DescribeInstances(ctx context.Context, in *ec2.DescribeInstancesInput, _ ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if err := f.enter(ctx, "DescribeInstances", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	var ids []string
	for id, x := range f.Inst {
		if len(in.InstanceIds) > 0 && !slices.Contains(in.InstanceIds, id) {
			continue
		}
		if matchFilters(in.Filters, func(name string) []string {
			if v, ok := tagValues(x.Tags, name); ok {
				return v
			}
			switch name {
			case "instance-state-name":
				return []string{string(x.State)}
			case "availability-zone":
				return []string{x.AZ}
			case "instance-id":
				return []string{x.ID}
			}
			return nil
		}) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	lo, hi, next, err := apisim.Page(len(ids), faultkit.Str(in.NextToken), int(deref(in.MaxResults)), 1000)
	if err != nil {
		return nil, err
	}
	res := types.Reservation{}
	for _, id := range ids[lo:hi] {
		x := f.Inst[id]
		i := types.Instance{InstanceId: faultkit.Ptr(id), Placement: &types.Placement{AvailabilityZone: faultkit.Ptr(x.AZ)},
			State: &types.InstanceState{Name: x.State}}
		for k, v := range x.Tags {
			i.Tags = append(i.Tags, types.Tag{Key: faultkit.Ptr(k), Value: faultkit.Ptr(v)})
		}
		res.Instances = append(res.Instances, i)
	}
	out := &ec2.DescribeInstancesOutput{Reservations: []types.Reservation{res}}
	if next != "" {
		out.NextToken = faultkit.Ptr(next)
	}
	return out, nil
}

// transition moves instances, failing the whole call on one unknown id as
// EC2 does.
func (f *EC2) transition(ids []string, allowed func(types.InstanceStateName) bool, to types.InstanceStateName, code string) ([]types.InstanceStateChange, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	for _, id := range ids {
		x := f.Inst[id]
		if x == nil {
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", id)
		}
		if allowed != nil && !allowed(x.State) {
			return nil, apisim.Error(code, "The instance '%s' is not in a state from which it can be changed (%s)", id, x.State)
		}
	}
	var out []types.InstanceStateChange
	for _, id := range ids {
		x := f.Inst[id]
		out = append(out, types.InstanceStateChange{InstanceId: faultkit.Ptr(id),
			PreviousState: &types.InstanceState{Name: x.State}, CurrentState: &types.InstanceState{Name: to}})
		x.State = to
	}
	return out, nil
}

func (f *EC2) TerminateInstances(ctx context.Context, in *ec2.TerminateInstancesInput, _ ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	if err := f.enter(ctx, "TerminateInstances", in.DryRun); err != nil {
		return nil, err
	}
	ch, err := f.transition(in.InstanceIds, nil, types.InstanceStateNameTerminated, "")
	if err != nil {
		return nil, err
	}
	return &ec2.TerminateInstancesOutput{TerminatingInstances: ch}, nil
}

func (f *EC2) StopInstances(ctx context.Context, in *ec2.StopInstancesInput, _ ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
	if err := f.enter(ctx, "StopInstances", in.DryRun); err != nil {
		return nil, err
	}
	ch, err := f.transition(in.InstanceIds, func(s types.InstanceStateName) bool {
		return s == types.InstanceStateNameRunning || s == types.InstanceStateNameStopped || s == types.InstanceStateNameStopping
	}, types.InstanceStateNameStopped, "IncorrectInstanceState")
	if err != nil {
		return nil, err
	}
	return &ec2.StopInstancesOutput{StoppingInstances: ch}, nil
}

func (f *EC2) StartInstances(ctx context.Context, in *ec2.StartInstancesInput, _ ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
	if err := f.enter(ctx, "StartInstances", in.DryRun); err != nil {
		return nil, err
	}
	ch, err := f.transition(in.InstanceIds, func(s types.InstanceStateName) bool {
		return s == types.InstanceStateNameStopped || s == types.InstanceStateNameRunning || s == types.InstanceStateNamePending
	}, types.InstanceStateNamePending, "IncorrectInstanceState")
	if err != nil {
		return nil, err
	}
	return &ec2.StartInstancesOutput{StartingInstances: ch}, nil
}

func (f *EC2) RebootInstances(ctx context.Context, in *ec2.RebootInstancesInput, _ ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	if err := f.enter(ctx, "RebootInstances", in.DryRun); err != nil {
		return nil, err
	}
	_, err := f.transition(in.InstanceIds, func(s types.InstanceStateName) bool { return s == types.InstanceStateNameRunning },
		types.InstanceStateNameRunning, "IncorrectInstanceState")
	return &ec2.RebootInstancesOutput{}, err
}

func (f *EC2) CreateTags(ctx context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	if err := f.enter(ctx, "CreateTags", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	for _, r := range in.Resources {
		if strings.HasPrefix(r, "i-") && f.Inst[r] == nil {
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", r)
		}
	}
	for _, r := range in.Resources {
		for _, t := range in.Tags {
			f.SetTag(r, faultkit.Str(t.Key), faultkit.Str(t.Value), false)
		}
	}
	return &ec2.CreateTagsOutput{}, nil
}

func (f *EC2) DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	if err := f.enter(ctx, "DeleteTags", in.DryRun); err != nil {
		return nil, err
	}
	f.Mu.Lock()
	defer f.Mu.Unlock()
	for _, r := range in.Resources {
		for _, t := range in.Tags {
			f.SetTag(r, faultkit.Str(t.Key), "", true)
		}
	}
	return &ec2.DeleteTagsOutput{}, nil
}

func (f *EC2) SetTag(res, k, v string, del bool) {
	if x := f.Inst[res]; x != nil {
		if del {
			delete(x.Tags, k)
		} else {
			x.Tags[k] = v
		}
	}
	if t := f.Rtbs[res]; t != nil {
		var tags []types.Tag
		for _, old := range t.Tags {
			if faultkit.Str(old.Key) != k {
				tags = append(tags, old)
			}
		}
		if !del {
			tags = append(tags, types.Tag{Key: faultkit.Ptr(k), Value: faultkit.Ptr(v)})
		}
		t.Tags = tags
	}
}

func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

// fakeAZs are the fake region's Availability Zones.
var fakeAZs = []string{"us-east-1a", "us-east-1b", "us-east-1c"}

// DescribeAvailabilityZones answers fakeAZs; an unknown name in ZoneNames
// fails the call with InvalidParameterValue, as in EC2.
func (f *EC2) DescribeAvailabilityZones(ctx context.Context, in *ec2.DescribeAvailabilityZonesInput, _ ...func(*ec2.Options)) (*ec2.DescribeAvailabilityZonesOutput, error) {
	if err := f.enter(ctx, "DescribeAvailabilityZones", in.DryRun); err != nil {
		return nil, err
	}
	out := &ec2.DescribeAvailabilityZonesOutput{}
	for _, n := range in.ZoneNames {
		if !slices.Contains(fakeAZs, n) {
			return nil, apisim.Error("InvalidParameterValue", "The zone '%s' does not exist.", n)
		}
	}
	for _, az := range fakeAZs {
		if len(in.ZoneNames) > 0 && !slices.Contains(in.ZoneNames, az) {
			continue
		}
		out.AvailabilityZones = append(out.AvailabilityZones, types.AvailabilityZone{ZoneName: &az, State: types.AvailabilityZoneStateAvailable})
	}
	return out, nil
}

// Running is the state of a live instance, for the fakes' callers.
const Running = types.InstanceStateNameRunning
