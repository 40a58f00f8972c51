package iampolicy

import (
	"fmt"
	"sort"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// tagPrefix matches every tag key gameday writes (engine.TagRun,
// engine.TagFault, engine.TagSnapshot and "gameday:snapshot:<dest>").
const tagPrefix = "gameday:*"

// asgTag is the tag Auto Scaling puts on the instances it launches; an ASG
// selection is the same as a selection on this tag.
const asgTag = "aws:autoscaling:groupName"

func (b *builder) fault(sc *config.Scenario, f *config.Fault) error {
	id := fmt.Sprintf("%s/%s.%s", sc.Name, f.Kind, f.Name)
	words := []string{sc.Name, f.Name}
	switch spec := f.Spec.(type) {
	case *config.EC2Kill:
		b.ec2Kill(id, words, spec)
	case *config.NATRouteRemoval:
		b.natRoute(id, words, spec)
	case *config.Route53HealthFlip:
		b.r53Flip(id, words, spec)
	case *config.FISAZBlackout:
		b.fisAZ(id, words, spec)
	default:
		return fmt.Errorf("fault %s: kind %s has no known IAM actions; not emitting a policy that would miss them", id, f.Kind)
	}
	return nil
}

// ec2Kill: Select reads the group and the instances; Preflight dry-runs the
// action (DryRun needs the same permission as the call); Inject calls it;
// a stop also tags the instances, and its revert starts them and removes the
// tags. The recover scan lists instances by gameday's tag.
func (b *builder) ec2Kill(id string, words []string, s *config.EC2Kill) {
	read := Statement{Sid: "ReadInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
		Why: "ec2_kill selects, re-reads and verifies instances (and the recover scan finds stopped ones) with DescribeInstances, which has no resource-level permissions."}
	b.allow(read)
	b.allow(Statement{Sid: "ReadAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
		Why: "ec2_kill reads the tags of the Auto Scaling groups its instances belong to (the guard's protected_tags apply to them too) and keeps only InService and Healthy members of a named group, with DescribeAutoScalingGroups (no resource-level permissions)."})
	if s.Select.AZ != "" {
		b.readAZs()
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
	act := b.instanceScope(Statement{Sid: faultSid(words, "Instances"), Action: acts,
		Resource: b.sc.instances(s.Select.IDs),
		Why:      "Fault " + id + " " + why + " the selected instances; the resource and conditions repeat its selection so that nothing else can be hit."}, s)
	b.allow(act)
	if s.Action == "stop" {
		tags := b.instanceScope(Statement{Sid: faultSid(words, "Tags"), Action: []string{"ec2:CreateTags", "ec2:DeleteTags"},
			Resource: b.sc.instances(s.Select.IDs),
			Why:      "Fault " + id + " tags stopped instances with the run (so that `gameday recover --scan` finds them without the journal) and removes the tags after the restart; only gameday:* tag keys."}, s).
			with("ForAllValues:StringLike", "aws:TagKeys", tagPrefix)
		b.allow(tags)
	}
	b.protect(words, acts, b.sc.instances(nil))
}

// instanceScope adds the selection's tag, group and AZ as conditions.
func (b *builder) instanceScope(st Statement, s *config.EC2Kill) Statement {
	for _, k := range sortedKeys(s.Select.Tags) {
		st = st.with("StringEquals", "ec2:ResourceTag/"+k, s.Select.Tags[k])
	}
	if s.Select.ASG != "" {
		st = st.with("StringEquals", "ec2:ResourceTag/"+asgTag, s.Select.ASG)
	}
	if s.Select.AZ != "" {
		st = st.with("StringEquals", "ec2:AvailabilityZone", s.Select.AZ)
	}
	return st
}

// protect denies the mutating actions on resources carrying a protected tag:
// the guard's promise, enforced by IAM too.
func (b *builder) protect(words, actions, resources []string) {
	if b.gd.Guard == nil {
		return
	}
	for _, k := range sortedKeys(b.gd.Guard.ProtectedTags) {
		v := b.gd.Guard.ProtectedTags[k]
		b.deny(Statement{Sid: sid(append(append([]string{"Protect"}, words...), k)...), Action: actions, Resource: resources,
			Why: fmt.Sprintf("The guard's protected_tags: never change a resource tagged %s = %s, even if the selection were wrong.", k, v)}.
			with("StringEquals", "ec2:ResourceTag/"+k, v))
	}
}

// natRoute: Select reads NAT gateways, subnets and route tables; Preflight
// dry-runs DeleteRoute, CreateTags and CreateRoute; Inject tags the table and
// deletes the route; revert re-creates it (or replaces a route re-added
// elsewhere), re-reads and removes the tags.
func (b *builder) natRoute(id string, words []string, s *config.NATRouteRemoval) {
	b.allow(Statement{Sid: "ReadNetwork", Action: []string{"ec2:DescribeNatGateways", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"},
		Resource: []string{"*"},
		Why:      "nat_route_removal finds NAT gateways, their subnets' AZs and the route tables through them (and re-reads them on revert and in the recover scan); these Describe calls have no resource-level permissions."})
	if s.AZ != "" {
		b.readAZs()
	}
	tables := b.sc.routeTables(s.RouteTableIDs)
	routes := Statement{Sid: faultSid(words, "Routes"), Action: []string{"ec2:DeleteRoute", "ec2:CreateRoute", "ec2:ReplaceRoute"},
		Resource: tables,
		Why: "Fault " + id + " deletes the NAT routes (DryRun at preflight, then for real) and restores them with CreateRoute, or ReplaceRoute when someone re-added the route through another target; " +
			"scoped to route tables (the tables an AZ or subnet selection resolves to are only known at run time)."}
	if len(s.NATGatewayIDs) > 0 {
		routes.Why += " CreateRoute is also authorized on the NAT gateway it points to."
		for _, n := range s.NATGatewayIDs {
			routes.Resource = append(routes.Resource, b.sc.ec2("natgateway/"+n))
		}
	} else {
		routes.Resource = append(routes.Resource, b.sc.ec2("natgateway/*"))
	}
	b.allow(routes)
	b.allow(Statement{Sid: faultSid(words, "Tags"), Action: []string{"ec2:CreateTags", "ec2:DeleteTags"}, Resource: tables,
		Why: "Fault " + id + " records each removed route in a gameday:snapshot:* tag on its route table (so that `gameday recover --scan` restores it without the journal) and removes the tags after the restore; only gameday:* tag keys."}.
		with("ForAllValues:StringLike", "aws:TagKeys", tagPrefix))
	b.protect(words, []string{"ec2:DeleteRoute", "ec2:CreateRoute", "ec2:ReplaceRoute"}, b.sc.routeTables(nil))
}

// r53Flip: GetHealthCheck (select, snapshot, optimistic lock, verify),
// ChangeTagsForResource (run tags on, then off), UpdateHealthCheck (the flip
// and its revert). The recover scan lists every health check and its tags.
func (b *builder) r53Flip(id string, words []string, s *config.Route53HealthFlip) {
	b.allow(Statement{Sid: faultSid(words, "HealthCheck"),
		Action:   []string{"route53:GetHealthCheck", "route53:UpdateHealthCheck", "route53:ChangeTagsForResource"},
		Resource: []string{b.sc.healthCheck(s.HealthCheckID)},
		Why:      "Fault " + id + " reads the health check's version, tags it with the run, sets Inverted=true, and on revert sets it back and removes the tags; this health check only."})
	b.allow(Statement{Sid: faultSid(words, "HealthCheckTags"), Action: []string{"route53:ListTagsForResource"}, Resource: []string{b.sc.healthCheck(s.HealthCheckID)},
		Why: "Fault " + id + " reads the health check's tags so that the guard's protected_tags apply to it; read-only."})
	b.allow(Statement{Sid: "ScanHealthChecks", Action: []string{"route53:ListHealthChecks"}, Resource: []string{"*"},
		Why: "`gameday recover --scan` lists health checks to find those a lost run left flipped (ListHealthChecks has no resource-level permissions)."})
	b.allow(Statement{Sid: "ScanHealthCheckTags", Action: []string{"route53:ListTagsForResource"}, Resource: []string{b.sc.healthCheck("*")},
		Why: "`gameday recover --scan` reads each health check's tags to find gameday's run tag; read-only."})
}

// readAZs lets a fault check that the Availability Zone it names exists
// (a fault aimed at a missing zone would hit nothing and pass).
func (b *builder) readAZs() {
	b.allow(Statement{Sid: "ReadAvailabilityZones", Action: []string{"ec2:DescribeAvailabilityZones"}, Resource: []string{"*"},
		Why: "Faults that name an Availability Zone check that it exists with DescribeAvailabilityZones (no resource-level permissions)."})
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The tag keys FIS templates and experiments get from gameday.
func fisTagKeys() []string { return []string{engine.TagRun, engine.TagFault, "Name"} }
