package ec2kill

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// tagASG is the tag Auto Scaling puts on the instances it launches.
const tagASG = "aws:autoscaling:groupName"

// Select lists running instances matching the selection (filters applied by
// EC2, every page followed), keeps only InService+Healthy members when an
// Auto Scaling group is named, and reports each with its tags and those of
// its Auto Scaling group. The engine guards and chooses.
func (f *ec2Kill) Select(ctx context.Context) (engine.Selection, error) {
	sel := engine.Selection{Amount: f.spec.Amount, Seed: f.spec.Seed, MaxTargets: f.spec.MaxTargets, AllowEmpty: f.spec.AllowEmpty}
	if f.spec.AZ != "" {
		if err := faultkit.CheckAZ(ctx, f.env, f.spec.AZ); err != nil {
			return sel, fmt.Errorf("not selecting instances: %w", err)
		}
	}
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
		if err := faultkit.DescribeInstances(ctx, f.env, filters, func(in types.Instance) {
			id := faultkit.Str(in.InstanceId)
			if members != nil && !members[id] {
				return
			}
			// EC2 filtered already; re-checking costs nothing and keeps a
			// lax emulator or a racing state change from widening the
			// blast radius.
			if in.State == nil || in.State.Name != types.InstanceStateNameRunning ||
				(f.spec.AZ != "" && (in.Placement == nil || faultkit.Str(in.Placement.AvailabilityZone) != f.spec.AZ)) {
				return
			}
			found[id] = in
		}); err != nil {
			return sel, fmt.Errorf("not selecting instances: %w", err)
		}
	}
	notes, err := f.checkNamedIDs(ctx, found)
	if err != nil {
		return sel, err
	}
	sel.Notes = append(sel.Notes, notes...)
	if len(found) == 0 {
		sel.Notes = append(sel.Notes, "no running instance matches the selection")
	}
	groups := asgTagsOf(ctx, f.env, found)
	for _, id := range slices.Sorted(maps.Keys(found)) {
		in := found[id]
		c := engine.Candidate{Target: instanceTarget(in), Touches: []engine.Resource{{ID: id, Type: "ec2:instance", Tags: faultkit.TagMap(in.Tags)}}}
		if g := asgOf(c.Target); g != "" {
			c.Touches = append(c.Touches, groups[g])
		}
		sel.Candidates = append(sel.Candidates, c)
	}
	return sel, nil
}

// checkNamedIDs fails when an instance id the spec names does not exist,
// and notes those that exist but are not selected (not running, or outside
// the other selectors).
func (f *ec2Kill) checkNamedIDs(ctx context.Context, found map[string]types.Instance) ([]string, error) {
	var missing []string
	for _, id := range f.spec.InstanceIDs {
		if _, ok := found[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	states, err := instanceStates(ctx, f.env, missing)
	if err != nil {
		return nil, fmt.Errorf("not selecting instances: %w", err)
	}
	var notes, absent []string
	for _, id := range missing {
		st, ok := states[id]
		switch {
		case !ok:
			absent = append(absent, id)
		case st == types.InstanceStateNameRunning:
			notes = append(notes, fmt.Sprintf("%s does not match the other selectors: not selected", id))
		default:
			notes = append(notes, fmt.Sprintf("%s is %s, not running: not selected", id, st))
		}
	}
	if len(absent) > 0 {
		what := "instance " + absent[0] + " named in ids does not exist"
		if len(absent) > 1 {
			what = "instances " + strings.Join(absent, ", ") + " named in ids do not exist"
		}
		return nil, fmt.Errorf("not selecting instances: %s", what)
	}
	return notes, nil
}

// asgTagsOf reads the tags of the Auto Scaling groups the instances belong
// to. A group whose tags cannot be read is reported as such, so that the
// guard fails closed.
func asgTagsOf(ctx context.Context, env engine.Env, found map[string]types.Instance) map[string]engine.Resource {
	var names []string
	for _, in := range found {
		if g := faultkit.TagValue(in.Tags, tagASG); g != "" {
			names = append(names, g)
		}
	}
	names = faultkit.Dedupe(names)
	out := map[string]engine.Resource{}
	for _, n := range names {
		// A group that no longer exists carries no tag.
		out[n] = engine.Resource{ID: n, Type: "autoscaling:group", Tags: map[string]string{}}
	}
	for _, c := range faultkit.Chunk(names, 50) {
		p := autoscaling.NewDescribeAutoScalingGroupsPaginator(env.Clients.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: c})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				for _, n := range c {
					out[n] = engine.Resource{ID: n, Type: "autoscaling:group", TagsUnread: "DescribeAutoScalingGroups failed: " + err.Error()}
				}
				break
			}
			for _, g := range page.AutoScalingGroups {
				tags := map[string]string{}
				for _, t := range g.Tags {
					tags[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
				}
				out[faultkit.Str(g.AutoScalingGroupName)] = engine.Resource{ID: faultkit.Str(g.AutoScalingGroupName), Type: "autoscaling:group", Tags: tags}
			}
		}
	}
	return out
}

// filterSets returns the DescribeInstances filter lists to query: one, or
// one per chunk of instance ids (a filter takes at most 200 values). Ids go
// in a filter rather than InstanceIds so that one unknown id does not fail
// the whole call.
func (f *ec2Kill) filterSets() [][]types.Filter {
	base := []types.Filter{{Name: faultkit.Ptr("instance-state-name"), Values: []string{"running"}}}
	keys := make([]string, 0, len(f.spec.Tags))
	for k := range f.spec.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		base = append(base, types.Filter{Name: faultkit.Ptr("tag:" + k), Values: []string{f.spec.Tags[k]}})
	}
	if f.spec.AZ != "" && !f.env.Clients.Emulator {
		// Some emulators match this filter against the wrong attribute and
		// return nothing; there the AZ is checked on each instance only.
		base = append(base, types.Filter{Name: faultkit.Ptr("availability-zone"), Values: []string{f.spec.AZ}})
	}
	if f.spec.ASG != "" {
		base = append(base, types.Filter{Name: faultkit.Ptr("tag:" + tagASG), Values: []string{f.spec.ASG}})
	}
	if len(f.spec.InstanceIDs) == 0 {
		return [][]types.Filter{base}
	}
	var sets [][]types.Filter
	for lo := 0; lo < len(f.spec.InstanceIDs); lo += faultkit.EC2MaxFilterValues {
		hi := min(lo+faultkit.EC2MaxFilterValues, len(f.spec.InstanceIDs))
		set := append(append([]types.Filter(nil), base...),
			types.Filter{Name: faultkit.Ptr("instance-id"), Values: f.spec.InstanceIDs[lo:hi]})
		sets = append(sets, set)
	}
	return sets
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
			if faultkit.Str(g.AutoScalingGroupName) != name {
				continue
			}
			seen = true
			for _, in := range g.Instances {
				if az != "" && faultkit.Str(in.AvailabilityZone) != az {
					continue
				}
				if in.LifecycleState != astypes.LifecycleStateInService || faultkit.Str(in.HealthStatus) != "Healthy" {
					skipped++
					continue
				}
				members[faultkit.Str(in.InstanceId)] = true
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
	t := engine.Target{ID: faultkit.Str(in.InstanceId), Resource: "ec2:instance"}
	if in.Placement != nil {
		t.AZ = faultkit.Str(in.Placement.AvailabilityZone)
	}
	for _, tag := range in.Tags {
		switch faultkit.Str(tag.Key) {
		case "Name":
			t.Labels = setLabel(t.Labels, "name", faultkit.Str(tag.Value))
		case tagASG:
			t.Labels = setLabel(t.Labels, "asg", faultkit.Str(tag.Value))
			faultkit.SetData(&t, instanceData{ASG: faultkit.Str(tag.Value)})
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

// instanceData is what the kind keeps about an instance target: the Auto
// Scaling group it belongs to ("" for none).
type instanceData struct {
	ASG string `json:"asg,omitempty"`
}

// asgOf is the target's group; a target whose data cannot be read counts as
// in no group.
func asgOf(t engine.Target) string {
	d, _ := faultkit.DataOf[instanceData](t)
	return d.ASG
}
