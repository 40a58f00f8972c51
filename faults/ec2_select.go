package faults

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// tagASG is the tag Auto Scaling puts on the instances it launches.
const tagASG = "aws:autoscaling:groupName"

// Select lists running instances matching the selection (filters applied by
// EC2, every page followed), keeps only InService+Healthy members when an
// Auto Scaling group is named, then picks the amount at random with the
// recorded seed.
func (f *ec2Kill) Select(ctx context.Context) (engine.Selection, error) {
	var sel engine.Selection
	var members map[string]bool
	if f.spec.ASG != "" {
		m, notes, err := asgMembers(ctx, f.env, f.spec.ASG, f.spec.AZ)
		if err != nil {
			return sel, err
		}
		members, sel.Notes = m, notes
	}
	found := map[string]types.Instance{}
	for _, filters := range f.filterSets() {
		if err := describeInstances(ctx, f.env, filters, func(in types.Instance) {
			id := str(in.InstanceId)
			if members != nil && !members[id] {
				return
			}
			// EC2 filtered already; re-checking costs nothing and keeps a
			// lax emulator or a racing state change from widening the
			// blast radius.
			if in.State == nil || in.State.Name != types.InstanceStateNameRunning ||
				(f.spec.AZ != "" && (in.Placement == nil || str(in.Placement.AvailabilityZone) != f.spec.AZ)) {
				return
			}
			found[id] = in
		}); err != nil {
			return sel, fmt.Errorf("not selecting instances: %w", err)
		}
	}
	for _, id := range f.spec.InstanceIDs {
		if _, ok := found[id]; !ok {
			sel.Notes = append(sel.Notes, fmt.Sprintf("%s is not a running instance matching the selection: not selected", id))
		}
	}
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sel.Candidates = len(ids)
	k := f.spec.Amount.of(len(ids))
	switch {
	case len(ids) == 0:
		sel.Notes = append(sel.Notes, "no running instance matches the selection")
	case f.spec.Amount.Count > len(ids):
		sel.Notes = append(sel.Notes, fmt.Sprintf("count %d is more than the %d matching instance(s): all of them selected", f.spec.Amount.Count, len(ids)))
	}
	var chosen []string
	if k < len(ids) {
		sel.Seed = drawSeed(f.spec.Seed)
		chosen = choose(ids, k, sel.Seed)
	} else {
		chosen = choose(ids, k, 0)
	}
	for _, id := range chosen {
		sel.Targets = append(sel.Targets, instanceTarget(found[id]))
	}
	return sel, nil
}

// filterSets returns the DescribeInstances filter lists to query: one, or
// one per chunk of instance ids (a filter takes at most 200 values). Ids go
// in a filter rather than InstanceIds so that one unknown id does not fail
// the whole call.
func (f *ec2Kill) filterSets() [][]types.Filter {
	base := []types.Filter{{Name: ptr("instance-state-name"), Values: []string{"running"}}}
	keys := make([]string, 0, len(f.spec.Tags))
	for k := range f.spec.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		base = append(base, types.Filter{Name: ptr("tag:" + k), Values: []string{f.spec.Tags[k]}})
	}
	if f.spec.AZ != "" {
		base = append(base, types.Filter{Name: ptr("availability-zone"), Values: []string{f.spec.AZ}})
	}
	if f.spec.ASG != "" {
		base = append(base, types.Filter{Name: ptr("tag:" + tagASG), Values: []string{f.spec.ASG}})
	}
	if len(f.spec.InstanceIDs) == 0 {
		return [][]types.Filter{base}
	}
	var sets [][]types.Filter
	for lo := 0; lo < len(f.spec.InstanceIDs); lo += ec2MaxFilterValues {
		hi := min(lo+ec2MaxFilterValues, len(f.spec.InstanceIDs))
		set := append(append([]types.Filter(nil), base...),
			types.Filter{Name: ptr("instance-id"), Values: f.spec.InstanceIDs[lo:hi]})
		sets = append(sets, set)
	}
	return sets
}

// describeInstances calls DescribeInstances with filters, following every
// page.
func describeInstances(ctx context.Context, env engine.Env, filters []types.Filter, each func(types.Instance)) error {
	p := ec2.NewDescribeInstancesPaginator(env.Clients.EC2, &ec2.DescribeInstancesInput{
		Filters: filters, MaxResults: ptr(int32(ec2MaxPage)),
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeInstances failed: %w", err)
		}
		for _, r := range out.Reservations {
			for _, in := range r.Instances {
				each(in)
			}
		}
	}
	return nil
}

// asgMembers returns the InService and Healthy instances of the group (in
// az when given), and notes on the members left out.
func asgMembers(ctx context.Context, env engine.Env, name, az string) (map[string]bool, []string, error) {
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(env.Clients.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{
		AutoScalingGroupNames: []string{name},
	})
	members := map[string]bool{}
	seen, skipped := false, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("not selecting instances of Auto Scaling group %s: DescribeAutoScalingGroups failed: %w", name, err)
		}
		for _, g := range out.AutoScalingGroups {
			if str(g.AutoScalingGroupName) != name {
				continue
			}
			seen = true
			for _, in := range g.Instances {
				if az != "" && str(in.AvailabilityZone) != az {
					continue
				}
				if in.LifecycleState != astypes.LifecycleStateInService || str(in.HealthStatus) != "Healthy" {
					skipped++
					continue
				}
				members[str(in.InstanceId)] = true
			}
		}
	}
	if !seen {
		return nil, nil, fmt.Errorf("not selecting instances: Auto Scaling group %s does not exist", name)
	}
	var notes []string
	if skipped > 0 {
		notes = append(notes, fmt.Sprintf("%d member(s) of Auto Scaling group %s are not InService and Healthy: not selected", skipped, name))
	}
	return members, notes, nil
}

func instanceTarget(in types.Instance) engine.Target {
	t := engine.Target{ID: str(in.InstanceId), Resource: "ec2:instance"}
	if in.Placement != nil {
		t.AZ = str(in.Placement.AvailabilityZone)
	}
	for _, tag := range in.Tags {
		switch str(tag.Key) {
		case "Name":
			t.Labels = setLabel(t.Labels, "name", str(tag.Value))
		case tagASG:
			t.Labels = setLabel(t.Labels, "asg", str(tag.Value))
		}
	}
	return t
}

func setLabel(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}
