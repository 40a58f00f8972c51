package fisaz

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
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/gameday-dev/gameday/engine"
)

// A generated template names its targets by ARN, never by tag, so that FIS
// cannot pull a resource the guard removed back in at run time. FIS takes
// at most 5 ARNs per target and 20 actions per template (defaults AWS can
// raise on request): a blackout reaching more resources than fit is
// refused rather than truncated.
const (
	fisMaxARNsPerTarget = 5
	fisMaxActions       = 20
)

// Target labels of a blackout's resources.
const (
	labelARN       = "arn"
	labelFISAction = "fis_action"
)

// Select resolves what the blackout would reach: for each action, the
// resources of its type in the AZ that carry every target tag, each with
// its own tags for the guard. An existing template is one candidate whose
// reach is read from its targets.
func (f *fisAZ) Select(ctx context.Context) (engine.Selection, error) {
	sel := engine.Selection{Amount: engine.Amount{All: true}}
	if err := f.spec.checkStopAlarms(f.env); err != nil {
		return sel, fmt.Errorf("fis_az_blackout %s: %w", f.env.FaultID, err)
	}
	if f.spec.TemplateID != "" {
		c, err := f.existingTemplate(ctx)
		if err != nil {
			return sel, err
		}
		sel.Candidates = []engine.Candidate{c}
		return sel, nil
	}
	if err := faultkit.CheckAZ(ctx, f.env, f.spec.AZ); err != nil {
		return sel, fmt.Errorf("not selecting the AZ blackout: %w", err)
	}
	actions := 0
	for _, a := range f.spec.actions() {
		cands, note, err := f.reach(ctx, a)
		if err != nil {
			return sel, fmt.Errorf("not selecting the AZ blackout of %s: %w", f.spec.AZ, err)
		}
		if note != "" {
			sel.Notes = append(sel.Notes, note)
		}
		if len(cands) == 0 {
			sel.Notes = append(sel.Notes, fmt.Sprintf("%s: no resource in %s carries the target tags: the action is left out", a, f.spec.AZ))
		}
		actions += (len(cands) + fisMaxARNsPerTarget - 1) / fisMaxARNsPerTarget
		sel.Candidates = append(sel.Candidates, cands...)
	}
	if actions > fisMaxActions {
		return sel, fmt.Errorf("not selecting the AZ blackout of %s: it reaches %d resources, which need %d FIS actions of at most %d resources each; a template takes %d: narrow target_tags or give template_id",
			f.spec.AZ, len(sel.Candidates), actions, fisMaxARNsPerTarget, fisMaxActions)
	}
	return sel, nil
}

// reach lists the candidates one action would act on.
func (f *fisAZ) reach(ctx context.Context, action string) ([]engine.Candidate, string, error) {
	switch action {
	case FISStopInstances:
		return f.reachInstances(ctx)
	case FISDisruptConnectivity:
		return f.reachSubnets(ctx)
	case FISASGCapacityError:
		return f.reachGroups(ctx)
	case FISRDSFailover:
		return f.reachClusters(ctx)
	}
	return nil, "", fmt.Errorf("unknown action %q", action)
}

func (f *fisAZ) candidate(action, id, resource, arn string, tags map[string]string) engine.Candidate {
	t := engine.Target{ID: id, Resource: resource, AZ: f.spec.AZ,
		Labels: map[string]string{labelARN: arn, labelFISAction: action}}
	faultkit.SetData(&t, fisTarget{Action: action, ARN: arn})
	return engine.Candidate{Target: t, Touches: []engine.Resource{{ID: id, Type: resource, Tags: tags}}}
}

// hasTags reports whether tags carry every target tag.
func (f *fisAZ) hasTags(tags map[string]string) bool {
	for k, v := range f.spec.TargetTags {
		if got, ok := tags[k]; !ok || got != v {
			return false
		}
	}
	return true
}

func (f *fisAZ) tagFilters() []types.Filter {
	var out []types.Filter
	for _, k := range slices.Sorted(maps.Keys(f.spec.TargetTags)) {
		out = append(out, types.Filter{Name: faultkit.Ptr("tag:" + k), Values: []string{f.spec.TargetTags[k]}})
	}
	return out
}

// reachInstances: running instances in the AZ with the target tags. The AZ
// is checked on each instance rather than by filter (some emulators ignore
// the availability-zone filter of DescribeInstances).
func (f *fisAZ) reachInstances(ctx context.Context) ([]engine.Candidate, string, error) {
	filters := append(f.tagFilters(), types.Filter{Name: faultkit.Ptr("instance-state-name"), Values: []string{"running"}})
	var out []engine.Candidate
	p := ec2.NewDescribeInstancesPaginator(f.env.Clients.EC2, &ec2.DescribeInstancesInput{Filters: filters, MaxResults: faultkit.Ptr(int32(faultkit.EC2MaxPage))})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, "", fmt.Errorf("DescribeInstances failed: %w", err)
		}
		for _, r := range page.Reservations {
			for _, in := range r.Instances {
				tags := faultkit.TagMap(in.Tags)
				if in.Placement == nil || faultkit.Str(in.Placement.AvailabilityZone) != f.spec.AZ || !f.hasTags(tags) ||
					in.State == nil || in.State.Name != types.InstanceStateNameRunning {
					continue
				}
				id := faultkit.Str(in.InstanceId)
				arn := fmt.Sprintf("arn:%s:ec2:%s:%s:instance/%s", partition(f.env.Clients.Region), f.env.Clients.Region, faultkit.Str(r.OwnerId), id)
				out = append(out, f.candidate(FISStopInstances, id, "ec2:instance", arn, tags))
			}
		}
	}
	return out, "", nil
}

// reachSubnets: subnets in the AZ with the target tags.
func (f *fisAZ) reachSubnets(ctx context.Context) ([]engine.Candidate, string, error) {
	var out []engine.Candidate
	p := ec2.NewDescribeSubnetsPaginator(f.env.Clients.EC2, &ec2.DescribeSubnetsInput{Filters: f.tagFilters(), MaxResults: faultkit.Ptr(int32(1000))})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, "", fmt.Errorf("DescribeSubnets failed: %w", err)
		}
		for _, s := range page.Subnets {
			tags := faultkit.TagMap(s.Tags)
			if faultkit.Str(s.AvailabilityZone) != f.spec.AZ || !f.hasTags(tags) {
				continue
			}
			id := faultkit.Str(s.SubnetId)
			arn := faultkit.Str(s.SubnetArn)
			if arn == "" {
				arn = fmt.Sprintf("arn:%s:ec2:%s:%s:subnet/%s", partition(f.env.Clients.Region), f.env.Clients.Region, faultkit.Str(s.OwnerId), id)
			}
			out = append(out, f.candidate(FISDisruptConnectivity, id, "ec2:subnet", arn, tags))
		}
	}
	return out, "", nil
}

// reachGroups: Auto Scaling groups with the target tags that span the AZ.
func (f *fisAZ) reachGroups(ctx context.Context) ([]engine.Candidate, string, error) {
	var filters []astypes.Filter
	for _, k := range slices.Sorted(maps.Keys(f.spec.TargetTags)) {
		filters = append(filters, astypes.Filter{Name: faultkit.Ptr("tag:" + k), Values: []string{f.spec.TargetTags[k]}})
	}
	var out []engine.Candidate
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(f.env.Clients.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{Filters: filters})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, "", fmt.Errorf("DescribeAutoScalingGroups failed: %w", err)
		}
		for _, g := range page.AutoScalingGroups {
			tags := map[string]string{}
			for _, t := range g.Tags {
				tags[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
			}
			if !f.hasTags(tags) || (len(g.AvailabilityZones) > 0 && !slices.Contains(g.AvailabilityZones, f.spec.AZ)) {
				continue
			}
			out = append(out, f.candidate(FISASGCapacityError, faultkit.Str(g.AutoScalingGroupName), "autoscaling:group", faultkit.Str(g.AutoScalingGroupARN), tags))
		}
	}
	return out, "", nil
}

// reachClusters: DB clusters with the target tags. An endpoint without RDS
// leaves the action out (the template names no cluster, so FIS touches
// none), with a note.
func (f *fisAZ) reachClusters(ctx context.Context) ([]engine.Candidate, string, error) {
	if f.env.Clients.RDS == nil {
		return nil, "rds-failover: no RDS client: the action is left out", nil
	}
	var out []engine.Candidate
	p := rds.NewDescribeDBClustersPaginator(f.env.Clients.RDS, &rds.DescribeDBClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			if faultkit.IsNotImplemented(f.env, err) {
				return nil, "rds-failover: the endpoint does not implement DescribeDBClusters: the action is left out", nil
			}
			return nil, "", fmt.Errorf("DescribeDBClusters failed: %w", err)
		}
		for _, c := range page.DBClusters {
			tags := map[string]string{}
			for _, t := range c.TagList {
				tags[faultkit.Str(t.Key)] = faultkit.Str(t.Value)
			}
			if !f.hasTags(tags) {
				continue
			}
			out = append(out, f.candidate(FISRDSFailover, faultkit.Str(c.DBClusterIdentifier), "rds:cluster", faultkit.Str(c.DBClusterArn), tags))
		}
	}
	return out, "", nil
}

// existingTemplate reads a user's template. Its reach is known only when
// every target names resources by ARN; a target that selects by tags or
// filters is decided by FIS at run time, so the guard cannot vouch for it
// (the tags of what it touches are "unread": refused when tags are
// protected).
func (f *fisAZ) existingTemplate(ctx context.Context) (engine.Candidate, error) {
	id := f.spec.TemplateID
	out, err := f.env.Clients.FIS.GetExperimentTemplate(ctx, &fis.GetExperimentTemplateInput{Id: &id})
	if err != nil {
		return engine.Candidate{}, fmt.Errorf("not selecting FIS template %s: GetExperimentTemplate failed: %w", id, err)
	}
	c := engine.Candidate{Target: engine.Target{ID: id, Resource: "fis:experiment-template", AZ: f.spec.AZ}}
	tpl := out.ExperimentTemplate
	if tpl == nil {
		return c, fmt.Errorf("not selecting FIS template %s: GetExperimentTemplate returned no template", id)
	}
	c.Target.Labels = map[string]string{"description": faultkit.Str(tpl.Description)}
	c.Touches = append(c.Touches, engine.Resource{ID: id, Type: "fis:experiment-template", Tags: tpl.Tags})
	names := make([]string, 0, len(tpl.Targets))
	for n := range tpl.Targets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := tpl.Targets[n]
		if len(t.ResourceArns) == 0 || len(t.ResourceTags) > 0 || len(t.Filters) > 0 {
			c.Touches = append(c.Touches, engine.Resource{ID: id + "/" + n, Type: faultkit.Str(t.ResourceType),
				TagsUnread: "the template's target " + n + " selects by tags or filters when the experiment starts, so what it reaches cannot be guarded in advance"})
			continue
		}
		for _, arn := range t.ResourceArns {
			c.Touches = append(c.Touches, f.arnTags(ctx, arn))
		}
	}
	return c, nil
}

// arnTags reads the tags of a resource named by ARN in a template, for the
// resource types a blackout uses.
func (f *fisAZ) arnTags(ctx context.Context, arn string) engine.Resource {
	r := engine.Resource{ID: arn, Type: "arn"}
	id := arn[strings.LastIndexAny(arn, "/:")+1:]
	var err error
	switch {
	case strings.Contains(arn, ":instance/"):
		r.Type = "ec2:instance"
		var tags map[string]map[string]string
		if tags, err = faultkit.InstanceTags(ctx, f.env, []string{id}); err == nil {
			r.Tags = tags[id]
		}
	case strings.Contains(arn, ":subnet/"):
		r.Type = "ec2:subnet"
		var subnets map[string]types.Subnet
		if subnets, err = faultkit.DescribeSubnets(ctx, f.env, []string{id}); err == nil {
			if s, ok := subnets[id]; ok {
				r.Tags = faultkit.TagMap(s.Tags)
			}
		}
	default:
		r.TagsUnread = "gameday does not read the tags of this resource type"
		return r
	}
	if err != nil {
		r.TagsUnread = err.Error()
	} else if r.Tags == nil {
		r.Tags = map[string]string{} // gone: it carries no tag
	}
	return r
}

// partition is the ARN partition of a region.
func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// fisTarget is what the kind keeps about a resource a generated template
// names: the action it is a target of and its ARN.
type fisTarget struct {
	Action string `json:"action"`
	ARN    string `json:"arn"`
}
