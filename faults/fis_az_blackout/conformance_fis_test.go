//go:build conformance

package fisaz

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// fisHTTPEnv points a real SDK FIS client at the loopback fake and the
// other clients at moto, where the blackout's instances live: two in
// us-east-1a carry the target tag, one of them also Environment=production
// (the guard must leave it out of the template), one is in us-east-1b.
func fisHTTPEnv(t *testing.T, f *fisHTTP, m *faulttest.Moto) (engine.Env, []string, string) {
	m.Reset(t)
	c := faulttest.MotoClients(m)
	c.FIS = awsapi.FromConfig(faulttest.SDKConfig(f.srv.URL), true).FIS
	cli := c.EC2.(*ec2.Client)
	staging := faulttest.RunInstances(t, cli, 1, "us-east-1a", map[string]string{"gameday": "yes"})
	prod := faulttest.RunInstances(t, cli, 1, "us-east-1a", map[string]string{"gameday": "yes", "Environment": "production"})
	faulttest.RunInstances(t, cli, 1, "us-east-1b", map[string]string{"gameday": "yes"})
	env := faulttest.Env(c)
	env.Duration = 2 * time.Minute
	env.StopAlarmARNs = func() []string { return []string{"arn:aws:cloudwatch:us-east-1:123456789012:alarm:staging-5xx"} }
	return env, staging, prod[0]
}

// guardedPick selects and guards like the runner, protecting
// Environment=production.
func guardedPick(t *testing.T, f engine.Fault) engine.Guarded {
	t.Helper()
	sel, err := f.Select(faulttest.Ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	g, err := engine.Guard(sel, engine.GuardPolicy{Protected: map[string]string{"Environment": "production"}, MaxTargets: 10})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func fisInstancesSpec() FISAZSpec {
	s := fisSpec()
	s.Actions = []string{FISStopInstances}
	return s
}

// TestConformanceFIS drives fis_az_blackout through the real SDK FIS client
// against the REST-JSON fake (moto has no experiments).
func TestConformanceFIS(t *testing.T) {
	m := faulttest.StartMoto(t)
	t.Run("completes by itself", func(t *testing.T) {
		srv := startFISHTTP(t, "running", "running", "completed")
		env, staging, prod := fisHTTPEnv(t, srv, m)
		fault := newFault(t, Name, fisInstancesSpec(), env)
		d := faulttest.Inject(t, fault, guardedPick(t, fault))[0]
		if len(srv.templates) != 1 {
			t.Fatalf("%d templates", len(srv.templates))
		}
		var body map[string]any
		for _, b := range srv.templates {
			body = b
		}
		raw, _ := json.Marshal(body)
		for _, want := range []string{`"aws:ec2:stop-instances"`, `"startInstancesAfterDuration":"PT2M"`, `"resourceArns":["arn:aws:ec2:us-east-1:`,
			"instance/" + staging[0] + `"]`, `"emptyTargetResolutionMode":"skip"`, `"source":"aws:cloudwatch:alarm"`, `"gameday:run":"run-1"`} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("template on the wire lacks %s:\n%s", want, raw)
			}
		}
		for _, never := range []string{prod, `"resourceTags"`, `"filters"`} {
			if strings.Contains(string(raw), never) {
				t.Errorf("template on the wire has %s: FIS could reach a protected resource:\n%s", never, raw)
			}
		}
		final, err := fault.(engine.Waiter).Wait(faulttest.Ctx(t), d.Batch, d.Result)
		if err != nil || final != "completed" {
			t.Fatalf("wait: %q %v", final, err)
		}
		rev := reverter(t, Name, env)
		if _, err := rev.Revert(faulttest.Ctx(t), d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		if srv.count("DELETE /experimentTemplates/"+mustResult(t, d.Result).TemplateID) != 1 || srv.count("DELETE /experiments/"+mustResult(t, d.Result).ExperimentID) != 0 {
			t.Fatalf("calls %v", srv.calls)
		}
		if err := rev.Verify(faulttest.Ctx(t), d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("stopped by revert, recovered by tags", func(t *testing.T) {
		srv := startFISHTTP(t, "running")
		env, _, _ := fisHTTPEnv(t, srv, m)
		fault := newFault(t, Name, fisInstancesSpec(), env)
		sel := guardedPick(t, fault)
		d := faulttest.Inject(t, fault, sel)[0]
		// A second template and experiment from another run, to make the
		// lookup by tags pick the right one across pages.
		other := env
		other.RunID = "run-0"
		f2 := newFault(t, Name, fisSpec(), other)
		faulttest.Inject(t, f2, sel)
		left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(faulttest.Ctx(t))
		if err != nil || len(left) != 2 {
			t.Fatalf("scan: %+v %v", left, err)
		}
		rev := reverter(t, Name, env)
		out, err := rev.Revert(faulttest.Ctx(t), d.Batch, d.Snapshot, nil)
		if err != nil {
			t.Fatal(err)
		}
		res := mustResult(t, d.Result)
		if srv.count("DELETE /experiments/"+res.ExperimentID) != 1 || srv.count("DELETE /experimentTemplates/"+res.TemplateID) != 1 {
			t.Fatalf("calls %v", srv.calls)
		}
		if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "ended stopped") {
			t.Fatalf("notes %q", out.Notes)
		}
		if len(srv.templates) != 1 {
			t.Fatalf("the other run's template was touched: %d left", len(srv.templates))
		}
		if err := rev.Verify(faulttest.Ctx(t), d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		if _, err := rev.Revert(faulttest.Ctx(t), d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatalf("second revert: %v", err)
		}
	})
}

func mustResult(t *testing.T, raw json.RawMessage) fisResult {
	t.Helper()
	var r fisResult
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// conformanceFISTemplateMoto sends the generated template to moto's
// CreateExperimentTemplate (which moto implements) and deletes it.
func conformanceFISTemplateMoto(t *testing.T, m *faulttest.Moto) {
	c := faulttest.MotoClients(m)
	faulttest.RunInstances(t, c.EC2.(*ec2.Client), 2, "us-east-1a", map[string]string{"gameday": "yes"})
	env := faulttest.Env(c)
	env.Duration = 5 * time.Minute
	fault := newFault(t, Name, fisSpec(), env)
	cli := c.FIS.(*fis.Client)
	g := guardedPick(t, fault)
	in, err := fault.(*fisAZ).templateInput(g.Batches(fault.BatchSize())[0])
	if err != nil {
		t.Fatal(err)
	}
	out, err := cli.CreateExperimentTemplate(faulttest.Ctx(t), in)
	if err != nil {
		t.Fatalf("moto refused the generated template: %v", err)
	}
	id := faultkit.Str(out.ExperimentTemplate.Id)
	if id == "" {
		t.Fatal("moto returned no template id")
	}
	if _, err := cli.DeleteExperimentTemplate(faulttest.Ctx(t), &fis.DeleteExperimentTemplateInput{Id: &id}); err != nil {
		t.Fatal(err)
	}
}

// conformanceFISScanMoto: moto lacks ListExperimentTemplates (it answers a
// bare HTTP 500). The recover scan must say it cannot check, never report
// a leftover or a failed revert.
func conformanceFISScanMoto(t *testing.T, m *faulttest.Moto) {
	env := faulttest.Env(faulttest.MotoClients(m))
	_, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(faulttest.Ctx(t))
	var ni *engine.NotImplementedError
	if !errors.As(err, &ni) || ni.API != "ListExperimentTemplates" {
		t.Fatalf("scan against moto: %v, want a NotImplementedError for ListExperimentTemplates", err)
	}
}
