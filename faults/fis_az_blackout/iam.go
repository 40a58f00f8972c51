package fisaz

import (
	"maps"
	"slices"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/iam"
	"github.com/gameday-dev/gameday/faults/faultkit"
)

// fisActions returns the fault's actions; none means all four, as the fault
// kind does.
func fisActions(s *Config) []string {
	if len(s.Actions) == 0 {
		return FISActions()
	}
	return s.Actions
}

// grant: a generated template is created (with tags and the role passed to
// FIS), started (tagged), polled, stopped on abort and deleted; an existing
// template is read, started, polled and stopped. Reverting without a
// journaled result, and the recover scan, list templates and experiments.
func grant(spec any, f iam.Fault, g *iam.Grant) error {
	s, ok := spec.(*Config)
	if !ok || s == nil {
		return faultkit.SpecError(Name, spec)
	}
	experiments := g.Scope.FIS("experiment/*")
	templates := g.Scope.FIS("experiment-template/*")
	runTagged := func(st iam.Statement) iam.Statement {
		return st.With("Null", "aws:ResourceTag/"+engine.TagRun, "false")
	}
	g.Allow(iam.Statement{Sid: "FISList", Action: []string{"fis:ListExperiments", "fis:ListExperimentTemplates"}, Resource: []string{"*"},
		Why: "A revert without a journaled result, and `gameday recover --scan`, find gameday's experiments and templates by their tags through the List calls (no resource-level permissions)."})
	g.Allow(iam.Statement{Sid: "FISReadExperiments", Action: []string{"fis:GetExperiment"}, Resource: []string{experiments},
		Why: "The FIS fault polls its experiment's state until it ends, and again after stopping it."})
	g.Allow(runTagged(iam.Statement{Sid: "FISStopExperiments", Action: []string{"fis:StopExperiment"}, Resource: []string{experiments},
		Why: "On revert or abort the FIS fault stops the experiment it started; only experiments carrying gameday's run tag."}))
	if s.TemplateID != "" {
		tmpl := g.Scope.FIS("experiment-template/" + s.TemplateID)
		g.Allow(iam.Statement{Sid: f.Sid("Template"), Action: []string{"fis:GetExperimentTemplate", "fis:StartExperiment"},
			Resource: []string{tmpl},
			Why:      "Fault " + f.ID + " checks that template " + s.TemplateID + " exists and starts it (never changes or deletes it)."})
		g.Allow(iam.Statement{Sid: f.Sid("Start"), Action: []string{"fis:StartExperiment"}, Resource: []string{experiments},
			Why: "StartExperiment is also authorized on the experiment it creates."})
		g.Allow(iam.Statement{Sid: "FISTagExperiments", Action: []string{"fis:TagResource"}, Resource: []string{experiments},
			Why: "Experiments are started with gameday's run and fault tags, which needs fis:TagResource; only those tag keys."}.
			With("ForAllValues:StringEquals", "aws:TagKeys", fisTagKeys()...))
		g.Note("fault %s runs the existing FIS template %s: its experiment role is the template's own and is not derived here", f.ID, s.TemplateID)
		slrNote(g)
		return nil
	}
	g.ReadAZs()
	fisReach(g, s)
	create := iam.Statement{Sid: "FISCreateTemplates", Action: []string{"fis:CreateExperimentTemplate"}, Resource: []string{templates},
		Why: "The FIS fault generates its template with CreateExperimentTemplate, authorized on the template and on each FIS action it contains."}
	for _, a := range fisActions(s) {
		if aid, ok := fisActionID(a); ok {
			create.Resource = append(create.Resource, g.Scope.FIS("action/"+aid))
		}
	}
	g.Allow(create)
	g.Allow(iam.Statement{Sid: "FISStartExperiments", Action: []string{"fis:StartExperiment"}, Resource: []string{templates, experiments},
		Why: "The FIS fault starts an experiment from the template it created (authorized on both the template and the new experiment)."})
	g.Allow(iam.Statement{Sid: "FISReadTemplates", Action: []string{"fis:GetExperimentTemplate"}, Resource: []string{templates},
		Why: "After the revert the FIS fault re-reads its template to verify that it is gone."})
	g.Allow(runTagged(iam.Statement{Sid: "FISDeleteTemplates", Action: []string{"fis:DeleteExperimentTemplate"}, Resource: []string{templates},
		Why: "The FIS fault deletes the template it created once the experiment has ended; only templates carrying gameday's run tag."}))
	g.Allow(iam.Statement{Sid: "FISTagResources", Action: []string{"fis:TagResource"}, Resource: []string{templates, experiments},
		Why: "Templates and experiments are created with gameday's run and fault tags (and a Name), which needs fis:TagResource; only those tag keys."}.
		With("ForAllValues:StringEquals", "aws:TagKeys", fisTagKeys()...))
	g.Allow(iam.Statement{Sid: f.Sid("PassRole"), Action: []string{"iam:PassRole"}, Resource: []string{s.RoleARN},
		Why: "Creating the template passes the experiment role " + s.RoleARN + " to FIS; iam:PassedToService keeps the role from being passed to any other service."}.
		With("StringEquals", "iam:PassedToService", "fis.amazonaws.com"))
	fisRole(g, f.ID, s)
	slrNote(g)
	return nil
}

// fisReach: a generated template names the resources it acts on by ARN,
// resolved (with their tags, for the guard) by the caller's own reads.
func fisReach(g *iam.Grant, s *Config) {
	for _, a := range fisActions(s) {
		switch a {
		case FISStopInstances:
			g.Allow(iam.Statement{Sid: "ReadInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the instances its template names (by tag and AZ, with their tags for the guard) with DescribeInstances (no resource-level permissions)."})
		case FISDisruptConnectivity:
			g.Allow(iam.Statement{Sid: "ReadSubnets", Action: []string{"ec2:DescribeSubnets"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the subnets its template names (by tag and AZ, with their tags for the guard) with DescribeSubnets (no resource-level permissions)."})
		case FISASGCapacityError:
			g.Allow(iam.Statement{Sid: "ReadAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the Auto Scaling groups its template names (by tag, with their tags for the guard) with DescribeAutoScalingGroups (no resource-level permissions)."})
		case FISRDSFailover:
			g.Allow(iam.Statement{Sid: "ReadDBClusters", Action: []string{"rds:DescribeDBClusters"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the DB clusters its template names (by tag, with their tags for the guard) with DescribeDBClusters."})
		}
	}
}

func slrNote(g *iam.Grant) {
	g.Note("the first FIS experiment in an account creates the service-linked role AWSServiceRoleForFIS; if it does not exist yet, allow iam:CreateServiceLinkedRole with iam:AWSServiceName = fis.amazonaws.com once, or create it beforehand")
}

// fisRole adds the fault's needs to its experiment role: the permissions
// the FIS actions reference lists for each action, scoped like the
// template's targets (resource tags, the AZ), and the trust policy.
func fisRole(g *iam.Grant, id string, s *Config) {
	role := g.Role(s.RoleARN, id, func() iam.Document { return fisTrust(g.Scope) })
	if len(s.TargetTags) == 0 {
		g.Note("fault %s has no target_tags: the fault refuses to generate a template without them, and the FIS role's statements below cannot be scoped by tag", id)
	}
	add := role.Add
	tagged := func(st iam.Statement, key string) iam.Statement {
		for _, k := range slices.Sorted(maps.Keys(s.TargetTags)) {
			st = st.With("StringEquals", key+k, s.TargetTags[k])
		}
		return st
	}
	for _, a := range fisActions(s) {
		switch a {
		case FISStopInstances:
			add(tagged(iam.Statement{Sid: "StopStartInstances", Action: []string{"ec2:StopInstances", "ec2:StartInstances"},
				Resource: []string{g.Scope.Instances(nil)[0]},
				Why:      "aws:ec2:stop-instances stops the tagged instances of " + s.AZ + " and starts them again after the duration (startInstancesAfterDuration)."}, "ec2:ResourceTag/").
				With("StringEquals", "ec2:AvailabilityZone", s.AZ))
			add(iam.Statement{Sid: "DescribeInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
				Why: "aws:ec2:stop-instances with completeIfInstancesTerminated checks the instances' state at the end."})
			g.Note("FIS role %s: instances with encrypted EBS volumes also need kms:CreateGrant on their KMS key to be started again (or the role in the key policy)", s.RoleARN)
		case FISDisruptConnectivity:
			disruptConnectivity(g.Scope, add)
		case FISASGCapacityError:
			add(iam.Statement{Sid: "InjectCapacityErrors", Action: []string{"ec2:InjectApiError"}, Resource: []string{"*"},
				Why: "aws:ec2:asg-insufficient-instance-capacity-error injects InsufficientInstanceCapacity errors into the groups' launches; ec2:FisActionId keeps it to that action."}.
				With("StringEquals", "ec2:FisActionId", "aws:ec2:asg-insufficient-instance-capacity-error"))
			add(iam.Statement{Sid: "DescribeAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
				Why: "The capacity-error action resolves its Auto Scaling group targets."})
		case FISRDSFailover:
			add(tagged(iam.Statement{Sid: "FailoverDBClusters", Action: []string{"rds:FailoverDBCluster"},
				Resource: []string{g.Scope.RDS("cluster:*")},
				Why:      "aws:rds:failover-db-cluster fails over the tagged Aurora clusters whose writer is in " + s.AZ + "."}, "aws:ResourceTag/"))
			add(iam.Statement{Sid: "DescribeDBClusters", Action: []string{"rds:DescribeDBClusters", "tag:GetResources"}, Resource: []string{"*"},
				Why: "The failover action resolves its cluster targets by tag (tag:GetResources) and reads them (rds:DescribeDBClusters)."})
		}
	}
}

// disruptConnectivity: the documented permissions of
// aws:network:disrupt-connectivity, scoped like AWS's managed policy
// AWSFaultInjectionSimulatorNetworkAccess (the cloned network ACL carries
// managedByFIS=true).
func disruptConnectivity(sc iam.Scope, add func(iam.Statement)) {
	nacls := sc.EC2("network-acl/*")
	vpcs := sc.EC2("vpc/*")
	add(iam.Statement{Sid: "CreateFISNetworkAcl", Action: []string{"ec2:CreateNetworkAcl"}, Resource: []string{nacls},
		Why: "disrupt-connectivity clones the subnet's network ACL; only an ACL created with the tag managedByFIS=true."}.
		With("StringEquals", "aws:RequestTag/managedByFIS", "true"))
	add(iam.Statement{Sid: "CreateNetworkAclInVpc", Action: []string{"ec2:CreateNetworkAcl"}, Resource: []string{vpcs},
		Why: "CreateNetworkAcl is also authorized on the VPC the ACL is created in."})
	add(iam.Statement{Sid: "TagFISNetworkAcl", Action: []string{"ec2:CreateTags"}, Resource: []string{nacls},
		Why: "The managedByFIS=true tag is set when the ACL is created, and only then."}.
		With("StringEquals", "ec2:CreateAction", "CreateNetworkAcl").
		With("StringEquals", "aws:RequestTag/managedByFIS", "true"))
	add(iam.Statement{Sid: "ChangeFISNetworkAcl", Action: []string{"ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"}, Resource: []string{nacls, vpcs},
		Why: "disrupt-connectivity adds its deny entries to the clone and deletes it at the end; only ACLs tagged managedByFIS=true."}.
		With("StringEquals", "ec2:ResourceTag/managedByFIS", "true"))
	add(iam.Statement{Sid: "SwapNetworkAcl", Action: []string{"ec2:ReplaceNetworkAclAssociation"}, Resource: []string{sc.EC2("subnet/*"), nacls},
		Why: "disrupt-connectivity associates the clone with each target subnet and puts the original back at the end."})
	add(iam.Statement{Sid: "DescribeNetwork", Action: []string{"ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets",
		"ec2:DescribeVpcs", "ec2:GetManagedPrefixListEntries"}, Resource: []string{"*"},
		Why: "disrupt-connectivity reads the subnets, their VPC, their ACLs and the prefix lists it denies."})
}

// fisTrust lets FIS assume the role for experiments of this account only
// (aws:SourceAccount, aws:SourceArn guard against the confused deputy).
func fisTrust(sc iam.Scope) iam.Document {
	st := iam.Statement{Sid: "FISAssumeRole", Effect: iam.Allow, Principal: map[string]string{"Service": "fis.amazonaws.com"},
		Action: []string{"sts:AssumeRole"},
		Why:    "Only AWS FIS may assume the role, and only for experiments of this account."}
	if sc.Account != "*" {
		st = st.With("StringEquals", "aws:SourceAccount", sc.Account)
	}
	st = st.With("ArnLike", "aws:SourceArn", sc.FIS("experiment/*"))
	return iam.Document{Version: iam.PolicyVersion, Statement: []iam.Statement{st}}
}

// The tag keys FIS templates and experiments get from gameday.
func fisTagKeys() []string { return []string{engine.TagRun, engine.TagFault, "Name"} }
