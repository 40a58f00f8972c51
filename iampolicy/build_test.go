package iampolicy_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/iampolicy"
)

func loadSource(t *testing.T, src string) *config.GameDay {
	t.Helper()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("test.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return gd
}

func build(t *testing.T, src string, o iampolicy.Options) *iampolicy.Report {
	t.Helper()
	rep, err := iampolicy.Build(loadSource(t, src), catalog.Kinds(), o)
	if err != nil {
		t.Fatal(err)
	}
	if w := rep.CallerPolicy.WildcardActions(); len(w) > 0 {
		t.Fatalf("wildcard actions %v", w)
	}
	return rep
}

// statementFor returns the Allow statement granting action on resource.
func statementFor(d iampolicy.Document, effect, action, resource string) *iampolicy.Statement {
	for i, s := range d.Statement {
		if s.Effect == effect && contains(s.Action, action) && contains(s.Resource, resource) {
			return &d.Statement[i]
		}
	}
	return nil
}

const stopByTags = `
gameday "g" {
  region = "eu-west-1"
  guard {
    accounts       = ["111122223333"]
    protected_tags = { Environment = "production" }
  }
  stop_when "cloudwatch_alarm" "slo" { alarms = ["a-5xx"] }
  scenario "s" {
    fault "ec2_kill" "web" {
      action   = "stop"
      duration = "1m"
      select {
        tags  = { Team = "web" }
        az    = "eu-west-1a"
        count = 1
      }
    }
  }
}
`

func TestEC2StopIsScopedBySelection(t *testing.T) {
	rep := build(t, stopByTags, iampolicy.Options{})
	d := rep.CallerPolicy
	inst := "arn:aws:ec2:eu-west-1:111122223333:instance/*"
	st := statementFor(d, iampolicy.Allow, "ec2:StopInstances", inst)
	if st == nil {
		t.Fatalf("no statement allows ec2:StopInstances on %s: %+v", inst, d.Statement)
	}
	if !contains(st.Action, "ec2:StartInstances") {
		t.Errorf("the revert's StartInstances is not granted with the stop: %v", st.Action)
	}
	eq := st.Condition["StringEquals"]
	if got := eq["ec2:ResourceTag/Team"]; len(got) != 1 || got[0] != "web" {
		t.Errorf("tag condition = %v, want Team = web", got)
	}
	if got := eq["ec2:AvailabilityZone"]; len(got) != 1 || got[0] != "eu-west-1a" {
		t.Errorf("AZ condition = %v", got)
	}
	if contains(d.Actions(), "ec2:TerminateInstances") {
		t.Errorf("a stop by tags does not need TerminateInstances: %v", d.Actions())
	}
	// The guard judges an instance by its Auto Scaling group's tags too.
	if !contains(d.Actions(), "autoscaling:DescribeAutoScalingGroups") {
		t.Errorf("the groups' tags cannot be read for the guard: %v", d.Actions())
	}
	tags := statementFor(d, iampolicy.Allow, "ec2:CreateTags", inst)
	if tags == nil || tags.Condition["ForAllValues:StringLike"]["aws:TagKeys"][0] != "gameday:*" {
		t.Errorf("CreateTags is not limited to gameday's tag keys: %+v", tags)
	}
	deny := statementFor(d, iampolicy.Deny, "ec2:StopInstances", inst)
	if deny == nil || deny.Condition["StringEquals"]["ec2:ResourceTag/Environment"][0] != "production" {
		t.Errorf("protected tags are not denied: %+v", deny)
	}
	if statementFor(d, iampolicy.Allow, "cloudwatch:DescribeAlarms", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a-5xx") == nil {
		t.Error("the stop alarm is not readable by its ARN")
	}
	if len(rep.FISRoles) != 0 {
		t.Errorf("no FIS fault, but FIS roles %+v", rep.FISRoles)
	}
}

func TestExplicitIDsAndHealthCheckAreExactARNs(t *testing.T) {
	rep := build(t, `
gameday "g" {
  region = "us-east-1"
  guard { accounts = ["111122223333"] }
  scenario "s" {
    fault "ec2_kill" "two" {
      action = "terminate"
      select { ids = ["i-0123456a", "i-0123456b"] }
    }
    fault "route53_health_flip" "p" {
      health_check_id = "hc-1"
      duration        = "1m"
    }
  }
}`, iampolicy.Options{})
	d := rep.CallerPolicy
	for _, id := range []string{"i-0123456a", "i-0123456b"} {
		if statementFor(d, iampolicy.Allow, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/"+id) == nil {
			t.Errorf("TerminateInstances not granted on %s", id)
		}
	}
	if statementFor(d, iampolicy.Allow, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*") != nil {
		t.Error("explicit ids must not widen to every instance")
	}
	if statementFor(d, iampolicy.Allow, "route53:UpdateHealthCheck", "arn:aws:route53:::healthcheck/hc-1") == nil {
		t.Error("UpdateHealthCheck is not granted on the health check's ARN")
	}
	if statementFor(d, iampolicy.Allow, "route53:UpdateHealthCheck", "arn:aws:route53:::healthcheck/*") != nil {
		t.Error("UpdateHealthCheck must not be granted on every health check")
	}
}

const fisGenerated = `
gameday "g" {
  region = "us-east-1"
  guard { accounts = ["111122223333"] }
  scenario "s" {
    fault "fis_az_blackout" "z" {
      az          = "us-east-1b"
      actions     = ["stop-instances", "asg-capacity-error"]
      target_tags = { GameDay = "on" }
      role_arn    = "arn:aws:iam::111122223333:role/fis"
      duration    = "5m"
    }
  }
}`

func TestFISGeneratedTemplateRoleAndTrust(t *testing.T) {
	rep := build(t, fisGenerated, iampolicy.Options{})
	pass := statementFor(rep.CallerPolicy, iampolicy.Allow, "iam:PassRole", "arn:aws:iam::111122223333:role/fis")
	if pass == nil || pass.Condition["StringEquals"]["iam:PassedToService"][0] != "fis.amazonaws.com" {
		t.Fatalf("PassRole not granted on the role with iam:PassedToService: %+v", pass)
	}
	create := statementFor(rep.CallerPolicy, iampolicy.Allow, "fis:CreateExperimentTemplate", "arn:aws:fis:us-east-1:111122223333:action/aws:ec2:stop-instances")
	if create == nil || contains(create.Resource, "arn:aws:fis:us-east-1:111122223333:action/aws:rds:failover-db-cluster") {
		t.Errorf("CreateExperimentTemplate must name exactly the template's FIS actions: %+v", create)
	}
	if len(rep.FISRoles) != 1 {
		t.Fatalf("FIS roles = %+v, want one", rep.FISRoles)
	}
	role := rep.FISRoles[0]
	if w := role.Policy.WildcardActions(); len(w) > 0 {
		t.Errorf("role wildcard actions %v", w)
	}
	got := strings.Join(role.Policy.Actions(), " ")
	want := "autoscaling:DescribeAutoScalingGroups ec2:DescribeInstances ec2:InjectApiError ec2:StartInstances ec2:StopInstances"
	if got != want {
		t.Errorf("role actions\n got %s\nwant %s", got, want)
	}
	stop := statementFor(role.Policy, iampolicy.Allow, "ec2:StopInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*")
	if stop == nil || stop.Condition["StringEquals"]["ec2:ResourceTag/GameDay"][0] != "on" ||
		stop.Condition["StringEquals"]["ec2:AvailabilityZone"][0] != "us-east-1b" {
		t.Errorf("the role's stop is not scoped like the template's targets: %+v", stop)
	}
	inject := statementFor(role.Policy, iampolicy.Allow, "ec2:InjectApiError", "*")
	if inject == nil || inject.Condition["StringEquals"]["ec2:FisActionId"][0] != "aws:ec2:asg-insufficient-instance-capacity-error" {
		t.Errorf("InjectApiError is not limited to the FIS action: %+v", inject)
	}
	trust := role.TrustPolicy.Statement
	if len(trust) != 1 || trust[0].Principal["Service"] != "fis.amazonaws.com" ||
		trust[0].Condition["StringEquals"]["aws:SourceAccount"][0] != "111122223333" {
		t.Errorf("trust policy = %+v", trust)
	}
}

func TestFISExistingTemplateHasNoRoleAndNoCreate(t *testing.T) {
	rep := build(t, `
gameday "g" {
  region = "us-east-1"
  guard { accounts = ["111122223333"] }
  scenario "s" {
    fault "fis_az_blackout" "z" {
      template_id = "EXT123"
      duration    = "5m"
    }
  }
}`, iampolicy.Options{})
	acts := rep.CallerPolicy.Actions()
	for _, a := range []string{"fis:CreateExperimentTemplate", "fis:DeleteExperimentTemplate", "iam:PassRole"} {
		if contains(acts, a) {
			t.Errorf("an existing template is never created, deleted or given a role, but %s is granted", a)
		}
	}
	if statementFor(rep.CallerPolicy, iampolicy.Allow, "fis:StartExperiment", "arn:aws:fis:us-east-1:111122223333:experiment-template/EXT123") == nil {
		t.Error("StartExperiment is not granted on the named template")
	}
	if len(rep.FISRoles) != 0 {
		t.Errorf("the existing template's role is not derived, got %+v", rep.FISRoles)
	}
}

func TestStateMetricsCanaryAndUnknownAccount(t *testing.T) {
	rep := build(t, `
gameday "g" {
  region = "us-east-1"
  probe "cloudwatch_metric" "m" {
    namespace   = "AWS/ApplicationELB"
    metric_name = "HTTPCode_Target_5XX_Count"
    statistic   = "Sum"
    threshold   = 1
    comparison  = "LessThanThreshold"
  }
  canary "dynamodb" "orders" { table = "canary" }
  scenario "s" {
    fault "route53_health_flip" "p" {
      health_check_id = "hc-1"
      duration        = "1m"
    }
  }
  report {
    metrics { namespace = "Acme/GameDay" }
  }
}`, iampolicy.Options{StateURL: "s3://acme-state/gameday/prod"})
	d := rep.CallerPolicy
	if rep.Account != "*" || len(rep.Notes) == 0 || !strings.Contains(strings.Join(rep.Notes, "\n"), "account") {
		t.Errorf("without a guard account the ARNs use * and a note says so: account %q notes %v", rep.Account, rep.Notes)
	}
	if statementFor(d, iampolicy.Allow, "s3:PutObject", "arn:aws:s3:::acme-state/gameday/prod/*") == nil {
		t.Error("state objects not writable under the prefix")
	}
	list := statementFor(d, iampolicy.Allow, "s3:ListBucket", "arn:aws:s3:::acme-state")
	if list == nil || !contains(list.Condition["StringLike"]["s3:prefix"], "gameday/prod/*") {
		t.Errorf("ListBucket not limited to the prefix: %+v", list)
	}
	put := statementFor(d, iampolicy.Allow, "cloudwatch:PutMetricData", "*")
	if put == nil || put.Condition["StringEquals"]["cloudwatch:namespace"][0] != "Acme/GameDay" {
		t.Errorf("PutMetricData not limited to the namespace: %+v", put)
	}
	if statementFor(d, iampolicy.Allow, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:*:table/canary") == nil {
		t.Error("the canary table is not writable")
	}
	if !contains(d.Actions(), "cloudwatch:GetMetricData") {
		t.Error("the metric probe's GetMetricData is missing")
	}
	// Without --state s3:// and without a metrics block, neither appears.
	plain := build(t, stopByTags, iampolicy.Options{StateURL: "/var/lib/gameday"})
	for _, a := range plain.CallerPolicy.Actions() {
		if strings.HasPrefix(a, "s3:") || a == "cloudwatch:PutMetricData" {
			t.Errorf("%s granted without an S3 state or a metrics block", a)
		}
	}
}

func TestBadStateURL(t *testing.T) {
	if _, err := iampolicy.Build(loadSource(t, stopByTags), catalog.Kinds(), iampolicy.Options{StateURL: "s3:///nobucket"}); err == nil {
		t.Error("an s3 URL without a bucket must be refused")
	}
}

func TestActionsForCall(t *testing.T) {
	cases := map[string]string{
		"ec2:TerminateInstances":       "ec2:TerminateInstances",
		"fis:CreateExperimentTemplate": "fis:CreateExperimentTemplate fis:TagResource iam:PassRole",
		"fis:StartExperiment":          "fis:StartExperiment fis:TagResource",
		"s3:ListObjectsV2":             "s3:ListBucket",
		"garbage":                      "",
	}
	for call, want := range cases {
		if got := strings.Join(iampolicy.ActionsForCall(call), " "); got != want {
			t.Errorf("ActionsForCall(%q) = %q, want %q", call, got, want)
		}
	}
}

func TestOutputs(t *testing.T) {
	rep := build(t, fisGenerated, iampolicy.Options{})
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		CallerPolicy struct {
			Version   string
			Statement []map[string]any
		} `json:"caller_policy"`
		Roles []map[string]json.RawMessage `json:"fis_experiment_roles"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.CallerPolicy.Version != iampolicy.PolicyVersion || len(back.CallerPolicy.Statement) == 0 || len(back.Roles) != 1 {
		t.Fatalf("JSON sections missing: %s", buf.String())
	}
	for _, st := range back.CallerPolicy.Statement {
		for k := range st {
			switch k {
			case "Sid", "Effect", "Action", "Resource", "Condition":
			default:
				t.Errorf("statement element %q is not IAM policy grammar", k)
			}
		}
	}
	buf.Reset()
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Caller policy", "FIS experiment role arn:aws:iam::111122223333:role/fis", "trust policy", "why:", "iam:PassedToService"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text output lacks %q", want)
		}
	}
}
