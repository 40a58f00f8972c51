package iampolicy

import (
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// fisActionID maps the fault's action names to FIS action ids (the same
// table as the fault kind's).
func fisActionID(name string) (string, bool) {
	switch name {
	case config.FISStopInstances:
		return "aws:ec2:stop-instances", true
	case config.FISDisruptConnectivity:
		return "aws:network:disrupt-connectivity", true
	case config.FISASGCapacityError:
		return "aws:ec2:asg-insufficient-instance-capacity-error", true
	case config.FISRDSFailover:
		return "aws:rds:failover-db-cluster", true
	}
	return "", false
}

// fisActions returns the fault's actions; none means all four, as the fault
// kind does.
func fisActions(s *config.FISAZBlackout) []string {
	if len(s.Actions) == 0 {
		return config.FISActions()
	}
	return s.Actions
}

// fisAZ: a generated template is created (with tags and the role passed to
// FIS), started (tagged), polled, stopped on abort and deleted; an existing
// template is read, started, polled and stopped. Reverting without a
// journaled result, and the recover scan, list templates and experiments.
func (b *builder) fisAZ(id string, words []string, s *config.FISAZBlackout) {
	experiments := b.sc.fis("experiment/*")
	templates := b.sc.fis("experiment-template/*")
	runTagged := func(st Statement) Statement {
		return st.with("Null", "aws:ResourceTag/"+engine.TagRun, "false")
	}
	b.allow(Statement{Sid: "FISList", Action: []string{"fis:ListExperiments", "fis:ListExperimentTemplates"}, Resource: []string{"*"},
		Why: "A revert without a journaled result, and `gameday recover --scan`, find gameday's experiments and templates by their tags through the List calls (no resource-level permissions)."})
	b.allow(Statement{Sid: "FISReadExperiments", Action: []string{"fis:GetExperiment"}, Resource: []string{experiments},
		Why: "The FIS fault polls its experiment's state until it ends, and again after stopping it."})
	b.allow(runTagged(Statement{Sid: "FISStopExperiments", Action: []string{"fis:StopExperiment"}, Resource: []string{experiments},
		Why: "On revert or abort the FIS fault stops the experiment it started; only experiments carrying gameday's run tag."}))
	if s.TemplateID != "" {
		tmpl := b.sc.fis("experiment-template/" + s.TemplateID)
		b.allow(Statement{Sid: faultSid(words, "Template"), Action: []string{"fis:GetExperimentTemplate", "fis:StartExperiment"},
			Resource: []string{tmpl},
			Why:      "Fault " + id + " checks that template " + s.TemplateID + " exists and starts it (never changes or deletes it)."})
		b.allow(Statement{Sid: faultSid(words, "Start"), Action: []string{"fis:StartExperiment"}, Resource: []string{experiments},
			Why: "StartExperiment is also authorized on the experiment it creates."})
		b.allow(Statement{Sid: "FISTagExperiments", Action: []string{"fis:TagResource"}, Resource: []string{experiments},
			Why: "Experiments are started with gameday's run and fault tags, which needs fis:TagResource; only those tag keys."}.
			with("ForAllValues:StringEquals", "aws:TagKeys", fisTagKeys()...))
		b.note("fault %s runs the existing FIS template %s: its experiment role is the template's own and is not derived here", id, s.TemplateID)
		b.slrNote()
		return
	}
	b.readAZs()
	b.fisReach(s)
	create := Statement{Sid: "FISCreateTemplates", Action: []string{"fis:CreateExperimentTemplate"}, Resource: []string{templates},
		Why: "The FIS fault generates its template with CreateExperimentTemplate, authorized on the template and on each FIS action it contains."}
	for _, a := range fisActions(s) {
		if aid, ok := fisActionID(a); ok {
			create.Resource = append(create.Resource, b.sc.fis("action/"+aid))
		}
	}
	b.allow(create)
	b.allow(Statement{Sid: "FISStartExperiments", Action: []string{"fis:StartExperiment"}, Resource: []string{templates, experiments},
		Why: "The FIS fault starts an experiment from the template it created (authorized on both the template and the new experiment)."})
	b.allow(Statement{Sid: "FISReadTemplates", Action: []string{"fis:GetExperimentTemplate"}, Resource: []string{templates},
		Why: "After the revert the FIS fault re-reads its template to verify that it is gone."})
	b.allow(runTagged(Statement{Sid: "FISDeleteTemplates", Action: []string{"fis:DeleteExperimentTemplate"}, Resource: []string{templates},
		Why: "The FIS fault deletes the template it created once the experiment has ended; only templates carrying gameday's run tag."}))
	b.allow(Statement{Sid: "FISTagResources", Action: []string{"fis:TagResource"}, Resource: []string{templates, experiments},
		Why: "Templates and experiments are created with gameday's run and fault tags (and a Name), which needs fis:TagResource; only those tag keys."}.
		with("ForAllValues:StringEquals", "aws:TagKeys", fisTagKeys()...))
	b.allow(Statement{Sid: faultSid(words, "PassRole"), Action: []string{"iam:PassRole"}, Resource: []string{s.RoleARN},
		Why: "Creating the template passes the experiment role " + s.RoleARN + " to FIS; iam:PassedToService keeps the role from being passed to any other service."}.
		with("StringEquals", "iam:PassedToService", "fis.amazonaws.com"))
	b.fisRole(id, s)
	b.slrNote()
}

// fisReach: a generated template names the resources it acts on by ARN,
// resolved (with their tags, for the guard) by the caller's own reads.
func (b *builder) fisReach(s *config.FISAZBlackout) {
	for _, a := range fisActions(s) {
		switch a {
		case config.FISStopInstances:
			b.allow(Statement{Sid: "ReadInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the instances its template names (by tag and AZ, with their tags for the guard) with DescribeInstances (no resource-level permissions)."})
		case config.FISDisruptConnectivity:
			b.allow(Statement{Sid: "ReadSubnets", Action: []string{"ec2:DescribeSubnets"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the subnets its template names (by tag and AZ, with their tags for the guard) with DescribeSubnets (no resource-level permissions)."})
		case config.FISASGCapacityError:
			b.allow(Statement{Sid: "ReadAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the Auto Scaling groups its template names (by tag, with their tags for the guard) with DescribeAutoScalingGroups (no resource-level permissions)."})
		case config.FISRDSFailover:
			b.allow(Statement{Sid: "ReadDBClusters", Action: []string{"rds:DescribeDBClusters"}, Resource: []string{"*"},
				Why: "The FIS fault resolves the DB clusters its template names (by tag, with their tags for the guard) with DescribeDBClusters."})
		}
	}
}

func (b *builder) slrNote() {
	b.note("the first FIS experiment in an account creates the service-linked role AWSServiceRoleForFIS; if it does not exist yet, allow iam:CreateServiceLinkedRole with iam:AWSServiceName = fis.amazonaws.com once, or create it beforehand")
}

// fisRole adds the fault's needs to its experiment role: the permissions
// the FIS actions reference lists for each action, scoped like the
// template's targets (resource tags, the AZ), and the trust policy.
func (b *builder) fisRole(id string, s *config.FISAZBlackout) {
	role := b.roles[s.RoleARN]
	if role == nil {
		role = &FISRole{RoleARN: s.RoleARN, Policy: Document{Version: PolicyVersion}, TrustPolicy: b.fisTrust()}
		b.roles[s.RoleARN] = role
	}
	role.Faults = append(role.Faults, id)
	if len(s.TargetTags) == 0 {
		b.note("fault %s has no target_tags: the fault refuses to generate a template without them, and the FIS role's statements below cannot be scoped by tag", id)
	}
	add := func(st Statement) { st.Effect = Allow; role.Policy.Statement = append(role.Policy.Statement, st) }
	tagged := func(st Statement, key string) Statement {
		for _, k := range sortedKeys(s.TargetTags) {
			st = st.with("StringEquals", key+k, s.TargetTags[k])
		}
		return st
	}
	for _, a := range fisActions(s) {
		switch a {
		case config.FISStopInstances:
			add(tagged(Statement{Sid: "StopStartInstances", Action: []string{"ec2:StopInstances", "ec2:StartInstances"},
				Resource: []string{b.sc.instances(nil)[0]},
				Why:      "aws:ec2:stop-instances stops the tagged instances of " + s.AZ + " and starts them again after the duration (startInstancesAfterDuration)."}, "ec2:ResourceTag/").
				with("StringEquals", "ec2:AvailabilityZone", s.AZ))
			add(Statement{Sid: "DescribeInstances", Action: []string{"ec2:DescribeInstances"}, Resource: []string{"*"},
				Why: "aws:ec2:stop-instances with completeIfInstancesTerminated checks the instances' state at the end."})
			b.note("FIS role %s: instances with encrypted EBS volumes also need kms:CreateGrant on their KMS key to be started again (or the role in the key policy)", s.RoleARN)
		case config.FISDisruptConnectivity:
			b.disruptConnectivity(add)
		case config.FISASGCapacityError:
			add(Statement{Sid: "InjectCapacityErrors", Action: []string{"ec2:InjectApiError"}, Resource: []string{"*"},
				Why: "aws:ec2:asg-insufficient-instance-capacity-error injects InsufficientInstanceCapacity errors into the groups' launches; ec2:FisActionId keeps it to that action."}.
				with("StringEquals", "ec2:FisActionId", "aws:ec2:asg-insufficient-instance-capacity-error"))
			add(Statement{Sid: "DescribeAutoScalingGroups", Action: []string{"autoscaling:DescribeAutoScalingGroups"}, Resource: []string{"*"},
				Why: "The capacity-error action resolves its Auto Scaling group targets."})
		case config.FISRDSFailover:
			add(tagged(Statement{Sid: "FailoverDBClusters", Action: []string{"rds:FailoverDBCluster"},
				Resource: []string{"arn:" + b.sc.partition + ":rds:" + b.sc.region + ":" + b.sc.account + ":cluster:*"},
				Why:      "aws:rds:failover-db-cluster fails over the tagged Aurora clusters whose writer is in " + s.AZ + "."}, "aws:ResourceTag/"))
			add(Statement{Sid: "DescribeDBClusters", Action: []string{"rds:DescribeDBClusters", "tag:GetResources"}, Resource: []string{"*"},
				Why: "The failover action resolves its cluster targets by tag (tag:GetResources) and reads them (rds:DescribeDBClusters)."})
		}
	}
}

// disruptConnectivity: the documented permissions of
// aws:network:disrupt-connectivity, scoped like AWS's managed policy
// AWSFaultInjectionSimulatorNetworkAccess (the cloned network ACL carries
// managedByFIS=true).
func (b *builder) disruptConnectivity(add func(Statement)) {
	nacls := b.sc.ec2("network-acl/*")
	vpcs := b.sc.ec2("vpc/*")
	add(Statement{Sid: "CreateFISNetworkAcl", Action: []string{"ec2:CreateNetworkAcl"}, Resource: []string{nacls},
		Why: "disrupt-connectivity clones the subnet's network ACL; only an ACL created with the tag managedByFIS=true."}.
		with("StringEquals", "aws:RequestTag/managedByFIS", "true"))
	add(Statement{Sid: "CreateNetworkAclInVpc", Action: []string{"ec2:CreateNetworkAcl"}, Resource: []string{vpcs},
		Why: "CreateNetworkAcl is also authorized on the VPC the ACL is created in."})
	add(Statement{Sid: "TagFISNetworkAcl", Action: []string{"ec2:CreateTags"}, Resource: []string{nacls},
		Why: "The managedByFIS=true tag is set when the ACL is created, and only then."}.
		with("StringEquals", "ec2:CreateAction", "CreateNetworkAcl").
		with("StringEquals", "aws:RequestTag/managedByFIS", "true"))
	add(Statement{Sid: "ChangeFISNetworkAcl", Action: []string{"ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"}, Resource: []string{nacls, vpcs},
		Why: "disrupt-connectivity adds its deny entries to the clone and deletes it at the end; only ACLs tagged managedByFIS=true."}.
		with("StringEquals", "ec2:ResourceTag/managedByFIS", "true"))
	add(Statement{Sid: "SwapNetworkAcl", Action: []string{"ec2:ReplaceNetworkAclAssociation"}, Resource: []string{b.sc.ec2("subnet/*"), nacls},
		Why: "disrupt-connectivity associates the clone with each target subnet and puts the original back at the end."})
	add(Statement{Sid: "DescribeNetwork", Action: []string{"ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets",
		"ec2:DescribeVpcs", "ec2:GetManagedPrefixListEntries"}, Resource: []string{"*"},
		Why: "disrupt-connectivity reads the subnets, their VPC, their ACLs and the prefix lists it denies."})
}

// fisTrust lets FIS assume the role for experiments of this account only
// (aws:SourceAccount, aws:SourceArn guard against the confused deputy).
func (b *builder) fisTrust() Document {
	st := Statement{Sid: "FISAssumeRole", Effect: Allow, Principal: map[string]string{"Service": "fis.amazonaws.com"},
		Action: []string{"sts:AssumeRole"},
		Why:    "Only AWS FIS may assume the role, and only for experiments of this account."}
	if b.sc.account != "*" {
		st = st.with("StringEquals", "aws:SourceAccount", b.sc.account)
	}
	st = st.with("ArnLike", "aws:SourceArn", b.sc.fis("experiment/*"))
	return Document{Version: PolicyVersion, Statement: []Statement{st}}
}
