package faults

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fakeEC2 is an in-memory EC2 with the filters, pagination, DryRun and
// error codes the faults rely on. Every operation goes through an
// apisim.Gate, which records calls and answers DryRun and denials.
type fakeEC2 struct {
	gate *apisim.Gate
	mu   sync.Mutex
	// instances by id.
	inst map[string]*fakeInstance
	// rtbs by id.
	rtbs    map[string]*types.RouteTable
	nats    map[string]*types.NatGateway
	subnets map[string]*types.Subnet
	// hooks let a test act between calls (e.g. an ASG replacing an
	// instance); keyed by operation name, run before the operation.
	hooks map[string]func()
}

type fakeInstance struct {
	id, az string
	state  types.InstanceStateName
	tags   map[string]string
}

func newFakeEC2() *fakeEC2 {
	return &fakeEC2{gate: apisim.NewGate(1), inst: map[string]*fakeInstance{}, rtbs: map[string]*types.RouteTable{},
		nats: map[string]*types.NatGateway{}, subnets: map[string]*types.Subnet{}, hooks: map[string]func(){}}
}

func (f *fakeEC2) enter(ctx context.Context, op string, dry *bool) error {
	if h := f.hooks[op]; h != nil {
		h()
	}
	return f.gate.Enter(ctx, "ec2:"+op, "RequestLimitExceeded", dry != nil && *dry)
}

// count returns how many non-DryRun calls of op were made.
func (f *fakeEC2) count(op string) int {
	n := 0
	for _, c := range f.gate.Calls() {
		if c.Action == "ec2:"+op && !c.DryRun {
			n++
		}
	}
	return n
}

func (f *fakeEC2) addInstance(id, az string, state types.InstanceStateName, tags map[string]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if tags == nil {
		tags = map[string]string{}
	}
	f.inst[id] = &fakeInstance{id: id, az: az, state: state, tags: tags}
}

func (f *fakeEC2) state(id string) types.InstanceStateName {
	f.mu.Lock()
	defer f.mu.Unlock()
	if in := f.inst[id]; in != nil {
		return in.state
	}
	return ""
}

func (f *fakeEC2) setState(id string, s types.InstanceStateName) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inst[id].state = s
}

// match applies the filters the faults use; unknown filter names match
// nothing, so a typo in a fault's filter fails its test.
func matchFilters(filters []types.Filter, get func(name string) []string) bool {
	for _, fl := range filters {
		have := get(str(fl.Name))
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

func (f *fakeEC2) DescribeInstances(ctx context.Context, in *ec2.DescribeInstancesInput, _ ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if err := f.enter(ctx, "DescribeInstances", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for id, x := range f.inst {
		if len(in.InstanceIds) > 0 && !contains(in.InstanceIds, id) {
			continue
		}
		if matchFilters(in.Filters, func(name string) []string {
			if v, ok := tagValues(x.tags, name); ok {
				return v
			}
			switch name {
			case "instance-state-name":
				return []string{string(x.state)}
			case "availability-zone":
				return []string{x.az}
			case "instance-id":
				return []string{x.id}
			}
			return nil
		}) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	lo, hi, next, err := apisim.Page(len(ids), str(in.NextToken), int(deref(in.MaxResults)), 1000)
	if err != nil {
		return nil, err
	}
	res := types.Reservation{}
	for _, id := range ids[lo:hi] {
		x := f.inst[id]
		i := types.Instance{InstanceId: ptr(id), Placement: &types.Placement{AvailabilityZone: ptr(x.az)},
			State: &types.InstanceState{Name: x.state}}
		for k, v := range x.tags {
			i.Tags = append(i.Tags, types.Tag{Key: ptr(k), Value: ptr(v)})
		}
		res.Instances = append(res.Instances, i)
	}
	out := &ec2.DescribeInstancesOutput{Reservations: []types.Reservation{res}}
	if next != "" {
		out.NextToken = ptr(next)
	}
	return out, nil
}

// transition moves instances, failing the whole call on one unknown id as
// EC2 does.
func (f *fakeEC2) transition(ids []string, allowed func(types.InstanceStateName) bool, to types.InstanceStateName, code string) ([]types.InstanceStateChange, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		x := f.inst[id]
		if x == nil {
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", id)
		}
		if allowed != nil && !allowed(x.state) {
			return nil, apisim.Error(code, "The instance '%s' is not in a state from which it can be changed (%s)", id, x.state)
		}
	}
	var out []types.InstanceStateChange
	for _, id := range ids {
		x := f.inst[id]
		out = append(out, types.InstanceStateChange{InstanceId: ptr(id),
			PreviousState: &types.InstanceState{Name: x.state}, CurrentState: &types.InstanceState{Name: to}})
		x.state = to
	}
	return out, nil
}

func (f *fakeEC2) TerminateInstances(ctx context.Context, in *ec2.TerminateInstancesInput, _ ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	if err := f.enter(ctx, "TerminateInstances", in.DryRun); err != nil {
		return nil, err
	}
	ch, err := f.transition(in.InstanceIds, nil, types.InstanceStateNameTerminated, "")
	if err != nil {
		return nil, err
	}
	return &ec2.TerminateInstancesOutput{TerminatingInstances: ch}, nil
}

func (f *fakeEC2) StopInstances(ctx context.Context, in *ec2.StopInstancesInput, _ ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
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

func (f *fakeEC2) StartInstances(ctx context.Context, in *ec2.StartInstancesInput, _ ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
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

func (f *fakeEC2) RebootInstances(ctx context.Context, in *ec2.RebootInstancesInput, _ ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	if err := f.enter(ctx, "RebootInstances", in.DryRun); err != nil {
		return nil, err
	}
	_, err := f.transition(in.InstanceIds, func(s types.InstanceStateName) bool { return s == types.InstanceStateNameRunning },
		types.InstanceStateNameRunning, "IncorrectInstanceState")
	return &ec2.RebootInstancesOutput{}, err
}

func (f *fakeEC2) CreateTags(ctx context.Context, in *ec2.CreateTagsInput, _ ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	if err := f.enter(ctx, "CreateTags", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range in.Resources {
		if strings.HasPrefix(r, "i-") && f.inst[r] == nil {
			return nil, apisim.Error("InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", r)
		}
	}
	for _, r := range in.Resources {
		for _, t := range in.Tags {
			f.setTag(r, str(t.Key), str(t.Value), false)
		}
	}
	return &ec2.CreateTagsOutput{}, nil
}

func (f *fakeEC2) DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, _ ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	if err := f.enter(ctx, "DeleteTags", in.DryRun); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range in.Resources {
		for _, t := range in.Tags {
			f.setTag(r, str(t.Key), "", true)
		}
	}
	return &ec2.DeleteTagsOutput{}, nil
}

func (f *fakeEC2) setTag(res, k, v string, del bool) {
	if x := f.inst[res]; x != nil {
		if del {
			delete(x.tags, k)
		} else {
			x.tags[k] = v
		}
	}
	if t := f.rtbs[res]; t != nil {
		var tags []types.Tag
		for _, old := range t.Tags {
			if str(old.Key) != k {
				tags = append(tags, old)
			}
		}
		if !del {
			tags = append(tags, types.Tag{Key: ptr(k), Value: ptr(v)})
		}
		t.Tags = tags
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
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
func (f *fakeEC2) DescribeAvailabilityZones(ctx context.Context, in *ec2.DescribeAvailabilityZonesInput, _ ...func(*ec2.Options)) (*ec2.DescribeAvailabilityZonesOutput, error) {
	if err := f.enter(ctx, "DescribeAvailabilityZones", in.DryRun); err != nil {
		return nil, err
	}
	out := &ec2.DescribeAvailabilityZonesOutput{}
	for _, n := range in.ZoneNames {
		if !contains(fakeAZs, n) {
			return nil, apisim.Error("InvalidParameterValue", "The zone '%s' does not exist.", n)
		}
	}
	for _, az := range fakeAZs {
		if len(in.ZoneNames) > 0 && !contains(in.ZoneNames, az) {
			continue
		}
		out.AvailabilityZones = append(out.AvailabilityZones, types.AvailabilityZone{ZoneName: &az, State: types.AvailabilityZoneStateAvailable})
	}
	return out, nil
}
