package iampolicy_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/iampolicy"
	"github.com/gameday-dev/gameday/internal/instruments"
)

// allowed is a small IAM evaluator for the operators the package emits:
// an explicit Deny wins, else some Allow must match the action, the
// resource (glob) and every condition. keys holds the request's condition
// keys; a key absent from the request fails a StringEquals/ArnLike and
// passes a ForAllValues (IAM's semantics for an empty set).
func allowed(d iampolicy.Document, action, resource string, keys map[string]string) bool {
	match := func(s iampolicy.Statement) bool {
		if !contains(s.Action, action) {
			return false
		}
		res := false
		for _, r := range s.Resource {
			if glob(r, resource) {
				res = true
			}
		}
		if !res {
			return false
		}
		for op, m := range s.Condition {
			for k, want := range m {
				got, has := keys[k]
				switch op {
				case "StringEquals", "ArnEquals":
					if !has || !contains(want, got) {
						return false
					}
				case "StringLike", "ArnLike":
					ok := false
					for _, w := range want {
						if has && glob(w, got) {
							ok = true
						}
					}
					if !ok {
						return false
					}
				case "Null":
					if (want[0] == "false") != has {
						return false
					}
				case "ForAllValues:StringLike", "ForAllValues:StringEquals":
					// Only requests that carry tag keys are evaluated
					// here through keys["aws:TagKeys"] (comma-joined).
					for _, v := range strings.Split(got, ",") {
						if v == "" {
							continue
						}
						ok := false
						for _, w := range want {
							if glob(w, v) {
								ok = true
							}
						}
						if !ok {
							return false
						}
					}
				default:
					return false
				}
			}
		}
		return true
	}
	ok := false
	for _, s := range d.Statement {
		if !match(s) {
			continue
		}
		if s.Effect == iampolicy.Deny {
			return false
		}
		ok = true
	}
	return ok
}

// TestScopedStatementsAdmitTheResolvedTargets resolves the demo's targets
// in the sandbox (plan) and checks that the policy's resource ARNs and tag
// conditions admit exactly those: each target's mutation is allowed with
// its real tags, and refused for an instance outside the group, in another
// account, or carrying a protected tag.
func TestScopedStatementsAdmitTheResolvedTargets(t *testing.T) {
	sb := startSandbox(t)
	gd := load(t, sb, filepath.Join(experimentsDir, "sandbox-demo.hcl"))
	r, err := runner.New(runner.Options{GameDay: gd, Clients: sb.Clients(), Kinds: catalog.Kinds(), Instruments: instruments.All(), StateDir: "-", Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := r.Plan(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := iampolicy.Build(gd, catalog.Kinds(), iampolicy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := rep.CallerPolicy
	acct := "arn:aws:ec2:us-east-1:" + rep.Account + ":"
	checked := 0
	for _, sc := range p.Scenarios {
		for _, f := range sc.Faults {
			for _, tg := range f.Targets {
				resource := tg.Resource
				if tg.Labels["fis_action"] != "" {
					// A blackout's targets are what its template names;
					// gameday's own calls are on the template and experiment.
					resource = "fis:experiment"
				}
				switch resource {
				case "ec2:instance":
					keys := instanceKeys(ctx, t, sb.Clients().EC2, tg.ID)
					arn := acct + "instance/" + tg.ID
					if !allowed(d, "ec2:TerminateInstances", arn, keys) {
						t.Errorf("target %s (tags %v) is not allowed to be terminated", tg.ID, keys)
					}
					outside := copyKeys(keys)
					outside["ec2:ResourceTag/aws:autoscaling:groupName"] = "some-other-group"
					if allowed(d, "ec2:TerminateInstances", arn, outside) {
						t.Error("an instance of another Auto Scaling group may be terminated")
					}
					protected := copyKeys(keys)
					protected["ec2:ResourceTag/Environment"] = "production"
					if allowed(d, "ec2:TerminateInstances", arn, protected) {
						t.Error("an instance tagged Environment = production may be terminated")
					}
					if allowed(d, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:999999999999:instance/"+tg.ID, keys) {
						t.Error("an instance of another account may be terminated")
					}
					checked++
				case "ec2:route":
					rtb, _, _ := strings.Cut(tg.ID, "|")
					arn := acct + "route-table/" + rtb
					for _, a := range []string{"ec2:DeleteRoute", "ec2:CreateRoute"} {
						if !allowed(d, a, arn, nil) {
							t.Errorf("%s is not allowed on route table %s", a, rtb)
						}
					}
					tagKeys := map[string]string{"aws:TagKeys": "gameday:run,gameday:fault,gameday:snapshot:0.0.0.0/0"}
					if !allowed(d, "ec2:CreateTags", arn, tagKeys) {
						t.Errorf("gameday's tags may not be put on %s", rtb)
					}
					if allowed(d, "ec2:CreateTags", arn, map[string]string{"aws:TagKeys": "Owner"}) {
						t.Error("any tag key may be put on a route table")
					}
					checked++
				case "route53:healthcheck":
					arn := "arn:aws:route53:::healthcheck/" + tg.ID
					if !allowed(d, "route53:UpdateHealthCheck", arn, nil) {
						t.Errorf("health check %s may not be updated", tg.ID)
					}
					if allowed(d, "route53:UpdateHealthCheck", "arn:aws:route53:::healthcheck/another", nil) {
						t.Error("another health check may be updated")
					}
					checked++
				case "fis:experiment":
					tagged := map[string]string{"aws:ResourceTag/gameday:run": "run-1"}
					if !allowed(d, "fis:StopExperiment", "arn:aws:fis:us-east-1:"+rep.Account+":experiment/EXP1", tagged) {
						t.Error("gameday's experiment may not be stopped")
					}
					if allowed(d, "fis:StopExperiment", "arn:aws:fis:us-east-1:"+rep.Account+":experiment/EXP2", nil) {
						t.Error("an experiment gameday did not tag may be stopped")
					}
					if !allowed(d, "iam:PassRole", gdRoleARN(rep), map[string]string{"iam:PassedToService": "fis.amazonaws.com"}) ||
						allowed(d, "iam:PassRole", gdRoleARN(rep), map[string]string{"iam:PassedToService": "ec2.amazonaws.com"}) {
						t.Error("the FIS role must be passable to FIS and to FIS only")
					}
					checked++
				}
			}
		}
	}
	if checked < 4 {
		t.Fatalf("checked %d targets, want one per demo fault at least", checked)
	}
}

func gdRoleARN(rep *iampolicy.Report) string {
	if len(rep.FISRoles) == 0 {
		return ""
	}
	return rep.FISRoles[0].RoleARN
}

// instanceKeys reads an instance's tags and AZ as IAM condition keys.
func instanceKeys(ctx context.Context, t *testing.T, c interface {
	DescribeInstances(context.Context, *ec2.DescribeInstancesInput, ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error)
}, id string) map[string]string {
	t.Helper()
	out, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{{Name: strPtr("instance-id"), Values: []string{id}}}})
	if err != nil || len(out.Reservations) == 0 || len(out.Reservations[0].Instances) == 0 {
		t.Fatalf("reading instance %s: %v", id, err)
	}
	in := out.Reservations[0].Instances[0]
	keys := map[string]string{"ec2:AvailabilityZone": *in.Placement.AvailabilityZone}
	for _, tag := range in.Tags {
		keys["ec2:ResourceTag/"+*tag.Key] = *tag.Value
	}
	return keys
}

func copyKeys(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func strPtr(s string) *string { return &s }

// glob matches IAM's wildcards: "*" any run of characters (slashes
// included), "?" one character.
func glob(pattern, s string) bool {
	re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(pattern)) + "$"
	return regexp.MustCompile(re).MatchString(s)
}
