package ec2kill

import (
	"maps"
	"slices"

	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// asgTag is the tag Auto Scaling puts on the instances it launches; an ASG
// selection is the same as a selection on this tag.
const asgTag = "aws:autoscaling:groupName"

// grant: Select reads the group and the instances; Preflight dry-runs the
// action (DryRun needs the same permission as the call); Inject calls it;
// a stop also tags the instances, and its revert starts them and removes the
// tags. The recover scan lists instances by gameday's tag.
func grant(spec any, f iam.Fault, g *iam.Grant) error {
	s, ok := spec.(*Config)
	if !ok || s == nil {
		return faultkit.SpecError(Name, spec)
	}
	g.Allow(iam.Statement{Sid: "ReadInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
		Why: "ec2_kill selects, re-reads and verifies instances (and the recover scan finds stopped ones) with DescribeInstances, which has no resource-level permissions."})
	g.Allow(iam.Statement{Sid: "ReadAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
		Why: "ec2_kill reads the tags of the Auto Scaling groups its instances belong to (the guard's protected_tags apply to them too) and keeps only InService and Healthy members of a named group, with DescribeAutoScalingGroups (no resource-level permissions)."})
	if s.Select.AZ != "" {
		g.ReadAZs()
	}
	var acts []string
	var why string
	switch s.Action {
	case "terminate":
		acts, why = []string{"ec2:TerminateInstances"}, "terminates (DryRun at preflight, then for real)"
	case "stop":
		acts, why = []string{"ec2:StopInstances", "ec2:StartInstances"}, "stops (DryRun at preflight, then for real) and, on revert, starts again"
	default:
		acts, why = []string{"ec2:RebootInstances"}, "reboots (DryRun at preflight, then for real)"
	}
	g.Allow(instanceScope(iam.Statement{Sid: f.Sid("Instances"), Action: acts,
		Resource: g.Scope.Instances(s.Select.IDs),
		Why:      "Fault " + f.ID + " " + why + " the selected instances; the resource and conditions repeat its selection so that nothing else can be hit."}, s))
	if s.Action == "stop" {
		g.Allow(instanceScope(iam.Statement{Sid: f.Sid("Tags"), Action: []string{"ec2:CreateTags", "ec2:DeleteTags"},
			Resource: g.Scope.Instances(s.Select.IDs),
			Why:      "Fault " + f.ID + " tags stopped instances with the run (so that `gameday recover --scan` finds them without the journal) and removes the tags after the restart; only gameday:* tag keys."}, s).
			With("ForAllValues:StringLike", "aws:TagKeys", iam.TagPrefix))
	}
	g.Protect(f.Words, acts, g.Scope.Instances(nil), "ec2:ResourceTag/")
	return nil
}

// instanceScope adds the selection's tag, group and AZ as conditions.
func instanceScope(st iam.Statement, s *Config) iam.Statement {
	for _, k := range slices.Sorted(maps.Keys(s.Select.Tags)) {
		st = st.With("StringEquals", "ec2:ResourceTag/"+k, s.Select.Tags[k])
	}
	if s.Select.ASG != "" {
		st = st.With("StringEquals", "ec2:ResourceTag/"+asgTag, s.Select.ASG)
	}
	if s.Select.AZ != "" {
		st = st.With("StringEquals", "ec2:AvailabilityZone", s.Select.AZ)
	}
	return st
}
