package iampolicy_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	"github.com/gameday-dev/gameday/internal/instruments"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/iampolicy"
	"github.com/gameday-dev/gameday/reporters/cwmetrics"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

const experimentsDir = "../experiments"

// notRecordedInDemo lists every action the demo's policy grants that the
// demo run (with its recover scan) does not call, with the code path that
// does. Keeping the list explicit is what makes "the policy covers exactly
// the recorded calls" checkable: an action neither recorded nor listed here
// is unjustified, and an action listed here but recorded must leave it.
// fis:TagResource and iam:PassRole have no call of their own: they come
// from the recorded CreateExperimentTemplate and StartExperiment calls
// through ActionsForCall.
var notRecordedInDemo = map[string]string{
	"ec2:ReplaceRoute": "nat_route_removal revert when the route was re-added through another target (CreateRoute answered RouteAlreadyExists)",
}

// recordedActions maps the sandbox's recorded calls to the IAM actions they
// need.
func recordedActions(calls []apisim.Call) map[string]bool {
	out := map[string]bool{}
	for _, c := range calls {
		for _, a := range iampolicy.ActionsForCall(c.Action) {
			out[a] = true
		}
	}
	return out
}

func startSandbox(t *testing.T) *sandbox.Sandbox {
	t.Helper()
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return sb
}

func load(t *testing.T, sb *sandbox.Sandbox, path string, vars ...string) *config.GameDay {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Sandbox: sb.Vars(), Vars: vars}).LoadSource(path, src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return gd
}

// checkCovered fails for every recorded action the policy does not grant.
func checkCovered(t *testing.T, what string, policy iampolicy.Document, recorded map[string]bool) {
	t.Helper()
	granted := map[string]bool{}
	for _, a := range policy.Actions() {
		granted[a] = true
	}
	for _, a := range keys(recorded) {
		if !granted[a] {
			t.Errorf("%s: the engine called %s but the policy does not grant it", what, a)
		}
	}
	if w := policy.WildcardActions(); len(w) > 0 {
		t.Errorf("%s: the policy has wildcard actions %v", what, w)
	}
}

// TestPolicyCoversDemoRunExactly runs the demo game day for real against
// the sandbox (every fault injected and reverted, one scenario aborted by a
// stop condition), then the recover scan of the kinds it uses and the
// CloudWatch metrics reporter, and compares
// the recorded calls with the derived policy both ways.
func TestPolicyCoversDemoRunExactly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo game day (about 45 s)")
	}
	sb := startSandbox(t)
	gd := load(t, sb, filepath.Join(experimentsDir, "sandbox-demo.hcl"))
	sb.Gate().ResetCalls()
	kinds := catalog.KindsWith(catalog.Options{FISPollInterval: 200 * time.Millisecond, InstancePollInterval: 200 * time.Millisecond, RetryBackoff: 50 * time.Millisecond})
	r, err := runner.New(runner.Options{GameDay: gd, Clients: sb.Clients(), Kinds: kinds, Instruments: instruments.All(), StateDir: t.TempDir(), Sandbox: true,
		Baseline: 2 * time.Second, SteadyWarmup: 20 * time.Second, RecoveryTimeout: time.Minute, VerifyTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Leftovers) > 0 {
		t.Fatalf("the demo left changes behind: %+v", res.Leftovers)
	}
	// What `gameday recover --scan` calls, for the kinds the file uses.
	used := map[string]bool{}
	for _, sc := range gd.Scenarios {
		for _, f := range sc.Faults {
			used[f.Kind] = true
		}
	}
	for name := range used {
		k := kinds[name]
		if k.Scanner == nil {
			continue
		}
		if found, err := k.Scanner(engine.Env{Clients: sb.Clients(), Logf: engine.NopLogf}).Scan(ctx); err != nil || len(found) > 0 {
			t.Fatalf("scan %s after the demo: %v, leftovers %+v", name, err, found)
		}
	}
	// The metrics reporter, as a report block `metrics { namespace =
	// "GameDay" }` runs it.
	gd.Report.Metrics = &config.Metrics{Namespace: config.DefaultMetricsNamespace}
	n, err := cwmetrics.Publish(ctx, sb.Clients().CloudWatch, record.Build(res, gd), gd.Report.Metrics.Namespace, nil)
	if err != nil || n == 0 {
		t.Fatalf("the metrics reporter published %d figures: %v", n, err)
	}
	recorded := recordedActions(sb.Gate().Calls())
	dry := 0
	for _, c := range sb.Gate().Calls() {
		if c.DryRun {
			dry++
		}
	}
	if dry == 0 || len(recorded) < 15 {
		t.Fatalf("the run recorded %d actions and %d DryRun calls: too few for the comparison to mean anything", len(recorded), dry)
	}

	rep, err := iampolicy.Build(gd, catalog.Kinds(), iampolicy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCovered(t, "demo run", rep.CallerPolicy, recorded)
	for _, a := range rep.CallerPolicy.Actions() {
		why, listed := notRecordedInDemo[a]
		switch {
		case recorded[a] && listed:
			t.Errorf("%s is listed as not recorded (%s) but the run called it: remove it from the list", a, why)
		case !recorded[a] && !listed:
			t.Errorf("the policy grants %s, which the run never called and no listed code path justifies", a)
		}
	}
	for a := range notRecordedInDemo {
		if !contains(rep.CallerPolicy.Actions(), a) {
			t.Errorf("%s is listed as not recorded but the policy does not even grant it: remove it from the list", a)
		}
	}
	t.Logf("recorded: %s", strings.Join(keys(recorded), " "))
	t.Logf("%d actions recorded, %d granted, %d justified without a recorded call", len(recorded), len(rep.CallerPolicy.Actions()), len(notRecordedInDemo))
}

// planVars make the example game days resolve against the sandbox where
// their variables allow it.
var planVars = map[string][]string{
	"ec2-kill.hcl":          {"asg=sandbox-web"},
	"fis-az-blackout.hcl":   {"fis_role_arn=" + sandbox.FISRoleARN},
	"staging-full.hcl":      {"fis_role_arn=" + sandbox.FISRoleARN},
	"nat-route-removal.hcl": {"az=us-east-1a"},
}

// TestPolicyCoversPlanOfEveryExample plans every example game day against
// the sandbox (resolution, DryRun permission checks, stop alarms) and checks
// that each file's policy grants every call its plan made, whether or not
// the file's targets exist in the sandbox (a failed call still needs its
// permission).
func TestPolicyCoversPlanOfEveryExample(t *testing.T) {
	paths, err := config.ExpandPaths([]string{experimentsDir}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 5 {
		t.Fatalf("found only %d example game days in %s", len(paths), experimentsDir)
	}
	sb := startSandbox(t)
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			gd := load(t, sb, path, planVars[filepath.Base(path)]...)
			sb.Gate().ResetCalls()
			r, err := runner.New(runner.Options{GameDay: gd, Clients: sb.Clients(), Kinds: catalog.Kinds(), Instruments: instruments.All(), StateDir: "-", Sandbox: true})
			if err != nil {
				t.Fatal(err)
			}
			p, err := r.Plan(context.Background(), false)
			if runner.IsRefused(err) {
				// The fault kinds refuse the file before any call (an
				// invalid fault spec): nothing was called, nothing to
				// compare.
				t.Skipf("the plan was refused before any fault call: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			recorded := recordedActions(sb.Gate().Calls())
			if !recorded["sts:GetCallerIdentity"] {
				t.Fatalf("the plan recorded no identity check: %v", keys(recorded))
			}
			rep, err := iampolicy.Build(gd, catalog.Kinds(), iampolicy.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCovered(t, "plan of "+path, rep.CallerPolicy, recorded)
			resolved := 0
			for _, sc := range p.Scenarios {
				for _, f := range sc.Faults {
					if f.Error == "" {
						resolved++
					}
				}
			}
			t.Logf("%d fault(s) resolved in the sandbox; calls: %s", resolved, strings.Join(keys(recorded), " "))
		})
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// stopGameDay stops one group member briefly: the stop path (tags, stop,
// start, untag) that the demo's terminate does not take.
const stopGameDay = `
gameday "stop" {
  region = sandbox.region
  guard { accounts = [sandbox.account_id] }
  scenario "stop-one" {
    fault "ec2_kill" "one" {
      action   = "stop"
      duration = "500ms"
      select {
        asg   = sandbox.asg_name
        count = 1
      }
      seed = 1
    }
  }
}
`

// notRecordedInStop is notRecordedInDemo for the stop run.
var notRecordedInStop = map[string]string{
	"ec2:DeleteTags": "the untag after a restart: the sandbox's Auto Scaling group replaces a stopped member before the revert can start it (StartInstances is then only dry-run at preflight); instances outside a group take this path",
}

// TestPolicyCoversStopRunExactly runs an ec2_kill stop for real and checks
// the policy both ways: every recorded call granted, every grant called.
func TestPolicyCoversStopRunExactly(t *testing.T) {
	sb := startSandbox(t)
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Sandbox: sb.Vars()}).LoadSource("stop.hcl", []byte(stopGameDay))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	sb.Gate().ResetCalls()
	kinds := catalog.KindsWith(catalog.Options{InstancePollInterval: 50 * time.Millisecond, RetryBackoff: 20 * time.Millisecond})
	r, err := runner.New(runner.Options{GameDay: gd, Clients: sb.Clients(), Kinds: kinds, Instruments: instruments.All(), StateDir: t.TempDir(), Sandbox: true,
		Baseline: 100 * time.Millisecond, SteadyWarmup: time.Second, RecoveryTimeout: 5 * time.Second, VerifyTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Leftovers) > 0 {
		t.Fatalf("the stop left changes behind: %+v", res.Leftovers)
	}
	if _, err := kinds[ec2kill.Name].Scanner(engine.Env{Clients: sb.Clients(), Logf: engine.NopLogf}).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	recorded := recordedActions(sb.Gate().Calls())
	rep, err := iampolicy.Build(gd, catalog.Kinds(), iampolicy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCovered(t, "stop run", rep.CallerPolicy, recorded)
	for _, a := range rep.CallerPolicy.Actions() {
		why, listed := notRecordedInStop[a]
		switch {
		case recorded[a] && listed:
			t.Errorf("%s is listed as not recorded (%s) but the run called it: remove it from the list", a, why)
		case !recorded[a] && !listed:
			t.Errorf("the policy grants %s, which the stop run never called and no listed code path justifies", a)
		}
	}
	t.Logf("recorded: %s", strings.Join(keys(recorded), " "))
}

// TestPolicyCoversRDSFailoverRun runs a database failover with failback
// against the sandbox and checks that the file's policy grants every call
// the run and the recover scan made, and nothing the run never called.
func TestPolicyCoversRDSFailoverRun(t *testing.T) {
	sb := startSandbox(t)
	gd := loadSource(t, `
gameday "db" {
  region = "us-east-1"
  guard {
    accounts       = ["123456789012"]
    protected_tags = { Environment = "production" }
  }
  scenario "failover" {
    fault "rds_failover" "writer" {
      cluster_id = "sandbox-db"
      failback   = true
      duration   = "1s"
    }
  }
}
`)
	sb.Gate().ResetCalls()
	kinds := catalog.KindsWith(catalog.Options{EffectWait: 2 * time.Second})
	r, err := runner.New(runner.Options{GameDay: gd, Clients: sb.Clients(), Kinds: kinds, Instruments: instruments.All(), StateDir: t.TempDir(), Sandbox: true,
		Baseline: 100 * time.Millisecond, SteadyWarmup: 5 * time.Second, RecoveryTimeout: 5 * time.Second, VerifyTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := r.Run(ctx)
	if err != nil || len(res.Leftovers) > 0 {
		t.Fatalf("run: %v, leftovers %+v", err, res.Leftovers)
	}
	if found, err := kinds["rds_failover"].Scanner(engine.Env{Clients: sb.Clients(), Logf: engine.NopLogf}).Scan(ctx); err != nil || len(found) > 0 {
		t.Fatalf("scan after the run: %v, leftovers %+v", err, found)
	}
	recorded := recordedActions(sb.Gate().Calls())
	for _, a := range []string{"rds:FailoverDBCluster", "rds:AddTagsToResource", "rds:RemoveTagsFromResource", "rds:ListTagsForResource"} {
		if !recorded[a] {
			t.Fatalf("the run never called %s: the comparison would mean nothing (recorded %v)", a, keys(recorded))
		}
	}
	rep, err := iampolicy.Build(gd, kinds, iampolicy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCovered(t, "rds_failover run", rep.CallerPolicy, recorded)
	for _, a := range rep.CallerPolicy.Actions() {
		if !recorded[a] {
			t.Errorf("the policy grants %s, which the run never called", a)
		}
	}
}
