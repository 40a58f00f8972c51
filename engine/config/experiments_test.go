package config_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"
	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	fisaz "github.com/gameday-dev/gameday/faults/fis_az_blackout"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"
	r53flip "github.com/gameday-dev/gameday/faults/route53_health_flip"

	"github.com/gameday-dev/gameday/engine/config"
)

// TestSandboxDemo pins the demo's shape: the sandbox demo and its tests
// depend on these exact scenarios.
func TestSandboxDemo(t *testing.T) {
	g := mustLoad(t, "../../experiments/sandbox-demo.hcl", config.LoadOptions{Registry: catalog.Registry()})
	if !g.UsesSandbox || g.Region != "us-east-1" || !reflect.DeepEqual(g.Guard.Accounts, []string{"123456789012"}) {
		t.Errorf("demo header: sandbox %v region %q guard %+v", g.UsesSandbox, g.Region, g.Guard)
	}
	kinds := map[string]string{}
	for _, sc := range g.Scenarios {
		if len(sc.Faults) != 1 || sc.Objectives == nil {
			t.Fatalf("scenario %s: %d faults, objectives %v", sc.Name, len(sc.Faults), sc.Objectives)
		}
		kinds[sc.Faults[0].Kind] = sc.Name
	}
	if len(kinds) != 4 {
		t.Fatalf("demo covers fault kinds %v, want all four", kinds)
	}
	for _, sc := range g.Scenarios {
		f := sc.Faults[0]
		switch spec := f.Spec.(type) {
		case *ec2kill.Config:
			if spec.Action != "terminate" || spec.Select.Count != 1 || spec.Select.ASG != "sandbox-web" {
				t.Errorf("ec2_kill = %+v", spec)
			}
		case *natroute.Config:
			if spec.AZ != "us-east-1a" || f.Duration != 10*time.Second {
				t.Errorf("nat = %+v, duration %v", spec, f.Duration)
			}
		case *r53flip.Config:
			if spec.HealthCheckID != config.SandboxPlaceholders()["primary_health_check_id"].AsString() || f.Duration != 15*time.Second {
				t.Errorf("route53 = %+v, duration %v", spec, f.Duration)
			}
		case *fisaz.Config:
			// The duration is tuned with the demo's stop condition, which
			// is meant to cut this scenario short; only require one.
			if spec.AZ != "us-east-1b" || !reflect.DeepEqual(spec.Actions, []string{"disrupt-connectivity", "rds-failover"}) || f.Duration <= 0 || spec.RoleARN != "arn:aws:iam::123456789012:role/sandbox-fis" {
				t.Errorf("fis = %+v, duration %v", spec, f.Duration)
			}
		}
	}
	var alarm, budget bool
	for _, s := range g.StopConditions {
		switch spec := s.Spec.(type) {
		case *config.CloudWatchAlarmStop:
			alarm = reflect.DeepEqual(spec.Alarms, []string{"sandbox-5xx"})
		case *config.ProbeBudgetStop:
			budget = g.Probe(spec.Probe) != nil
		}
	}
	if !alarm || !budget {
		t.Errorf("stop conditions: sandbox-5xx alarm %v, probe budget %v", alarm, budget)
	}
	if len(g.Canaries) != 1 || g.Canaries[0].Spec.(*config.HTTPCanary).WriteURL != config.SandboxPlaceholders()["canary_write_url"].AsString() {
		t.Errorf("canaries = %+v", g.Canaries)
	}
}

func TestStagingVarFile(t *testing.T) {
	opts := config.LoadOptions{Registry: catalog.Registry(), VarFiles: []string{"../../experiments/staging.vars.hcl"}}
	g := mustLoad(t, "../../experiments/staging-full.hcl", opts)
	if az := g.Scenarios[1].Faults[0].Spec.(*fisaz.Config).AZ; az != "us-east-1c" {
		t.Errorf("az from the var file = %q, want us-east-1c", az)
	}
	opts.Vars = []string{"az=us-east-1d"}
	g = mustLoad(t, "../../experiments/staging-full.hcl", opts)
	if az := g.Scenarios[1].Faults[1].Spec.(*natroute.Config).AZ; az != "us-east-1d" {
		t.Errorf("az with -var = %q, want us-east-1d", az)
	}
	// The validation rule of fis-az-blackout.hcl refuses another region's zone.
	_, diags := load(t, "../../experiments/fis-az-blackout.hcl", config.LoadOptions{Registry: catalog.Registry(), Vars: []string{"az=eu-west-1a"}})
	d := find(diags, "Invalid value for variable")
	if d == nil || d.Detail[:40] != "The zone must be one of us-east-1a to us" {
		t.Errorf("validation rule not applied:%s", describe(diags))
	}
}
