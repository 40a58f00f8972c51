package config_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/catalog"
	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	fisaz "github.com/gameday-dev/gameday/faults/fis_az_blackout"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"

	"github.com/gameday-dev/gameday/engine/config"
)

func TestDecodedFaults(t *testing.T) {
	g := mustLoad(t, "../../testdata/valid/ec2-kill-selectors.hcl", config.LoadOptions{Registry: catalog.Registry()})
	faults := map[string]*config.Fault{}
	for _, s := range g.Scenarios {
		for _, f := range s.Faults {
			faults[s.Name] = f
		}
	}
	k := faults["by-asg"].Spec.(*ec2kill.Config)
	if k.Action != "terminate" || k.Select.ASG != "web" || k.Select.Count != 2 || k.Seed == nil || *k.Seed != 7 || k.MaxTargets != 5 || k.AllowEmpty != nil {
		t.Errorf("by-asg decoded as %+v / %+v", k, k.Select)
	}
	stop := faults["by-tags-in-az"]
	sk := stop.Spec.(*ec2kill.Config)
	if stop.Duration != 3*time.Minute || stop.StartAfter != 30*time.Second || sk.Select.Percent != 50 || sk.Select.AZ != "eu-west-1b" ||
		!reflect.DeepEqual(sk.Select.Tags, map[string]string{"Service": "checkout", "Tier": "web"}) || sk.AllowEmpty == nil || !*sk.AllowEmpty {
		t.Errorf("by-tags-in-az decoded as %+v / %+v", stop, sk.Select)
	}
	if !faults["everything-in-az"].Spec.(*ec2kill.Config).Select.All {
		t.Error("all = true not decoded")
	}
	if ids := faults["explicit"].Spec.(*ec2kill.Config).Select.IDs; !reflect.DeepEqual(ids, []string{"i-0123456789abcdef0", "i-12345678"}) {
		t.Errorf("ids = %v", ids)
	}
	if g.Guard.MaxTargets != 20 || g.Guard.AllowEmptySelection {
		t.Errorf("guard = %+v", g.Guard)
	}
	// Ranges point at the source so run-time errors can too.
	if r := k.AttrRanges["seed"]; r.Start.Line != 16 || !strings.HasSuffix(r.Filename, "ec2-kill-selectors.hcl") {
		t.Errorf("seed range = %v, want line 16", r)
	}
	if faults["by-asg"].DeclRange.Start.Line != 10 {
		t.Errorf("fault DeclRange = %v, want line 10", faults["by-asg"].DeclRange)
	}

	g = mustLoad(t, "../../testdata/valid/fis.hcl", config.LoadOptions{Registry: catalog.Registry()})
	gen := g.Scenarios[0].Faults[0].Spec.(*fisaz.Config)
	if gen.AZ != "us-west-2b" || !reflect.DeepEqual(gen.Actions, []string{"stop-instances", "disrupt-connectivity"}) || !gen.MirrorStopAlarms || gen.RoleARN == "" {
		t.Errorf("generated FIS = %+v", gen)
	}
	all := g.Scenarios[1].Faults[0].Spec.(*fisaz.Config)
	if !reflect.DeepEqual(all.Actions, fisaz.FISActions()) || all.MirrorStopAlarms {
		t.Errorf("FIS defaults: actions %v (want all), mirror %v (want false as set)", all.Actions, all.MirrorStopAlarms)
	}
	if tpl := g.Scenarios[2].Faults[0].Spec.(*fisaz.Config); tpl.TemplateID != "EXT2Ab3Cd4Ef5Gh6" || tpl.Actions != nil {
		t.Errorf("template FIS = %+v", tpl)
	}

	g = mustLoad(t, "../../testdata/valid/nat.hcl", config.LoadOptions{Registry: catalog.Registry()})
	nats := []*natroute.Config{}
	for _, s := range g.Scenarios {
		nats = append(nats, s.Faults[0].Spec.(*natroute.Config))
	}
	if nats[0].AZ != "us-east-1a" || nats[0].OnMissingNAT != natroute.OnMissingNATSubstitute || nats[1].OnMissingNAT != natroute.OnMissingNATFail ||
		len(nats[1].NATGatewayIDs) != 1 || len(nats[2].SubnetIDs) != 2 || len(nats[3].RouteTableIDs) != 1 {
		t.Errorf("NAT faults decoded as %+v %+v %+v %+v", nats[0], nats[1], nats[2], nats[3])
	}
	if d := g.Scenarios[3].Faults[0].Duration; d != 90*time.Second {
		t.Errorf("90s parsed as %v", d)
	}
}

func TestDecodedProbesAndObjectives(t *testing.T) {
	g := mustLoad(t, "../../testdata/valid/probes.hcl", config.LoadOptions{Registry: catalog.Registry()})
	h := g.Probes[0].Spec.(*config.HTTPProbe)
	if g.Probes[0].Interval != 500*time.Millisecond || g.Probes[0].Timeout != 500*time.Millisecond || g.Probes[0].Mode != config.ProbeContinuous {
		t.Errorf("common probe fields = %+v", g.Probes[0])
	}
	if h.Method != "POST" || h.Headers["X-Probe"] != "gameday" || !reflect.DeepEqual(h.Expect.Status, []int{200, 201, 202}) || h.Expect.MaxLatency != 800*time.Millisecond {
		t.Errorf("http probe = %+v", h)
	}
	if h.Expect.BodyRegex == nil || !h.Expect.BodyRegex.MatchString(`{"status": "degraded"}`) || h.Expect.BodyRegex.MatchString(`{"status": "down"}`) {
		t.Errorf("body_regex not compiled as written: %v", h.Expect.BodyRegex)
	}
	if h.Expect.JSONPath != "data.items.0.state" || h.Expect.JSONValue.AsString() != "ready" {
		t.Errorf("json expectations = %q %#v", h.Expect.JSONPath, h.Expect.JSONValue)
	}
	abs, _ := filepath.Abs("../../testdata/valid/files/ca.pem")
	if h.TLS == nil || h.TLS.CAFile != abs || h.TLS.ServerName != "staging.internal" {
		t.Errorf("tls = %+v, want ca_file resolved to %s", h.TLS, abs)
	}
	if g.Probes[1].Mode != config.ProbeSteadyState || !g.Probes[1].Spec.(*config.HTTPProbe).TLS.InsecureSkipVerify {
		t.Errorf("insecure probe = %+v", g.Probes[1])
	}
	if dns := g.Probes[3].Spec.(*config.DNSProbe); dns.Type != "A" || dns.Resolver != "" {
		t.Errorf("dns defaults = %+v", dns)
	}
	if m := g.Probes[5].Spec.(*config.CloudWatchMetricProbe); m.Statistic != "Sum" || m.Period != time.Minute || m.Threshold != 5 || m.Comparison != "LessThanThreshold" {
		t.Errorf("metric probe = %+v", m)
	}
	if m := g.Probes[6].Spec.(*config.CloudWatchMetricProbe); m.Statistic != "p99.9" || m.Threshold != 0.8 {
		t.Errorf("percentile metric probe = %+v", m)
	}
	if e := g.Probes[7].Spec.(*config.ExecProbe); !reflect.DeepEqual(e.Command, []string{"./smoke-test.sh", "--quick"}) || g.Probes[7].Timeout != 10*time.Second {
		t.Errorf("exec probe = %+v", e)
	}

	g = mustLoad(t, "../../testdata/valid/objectives.hcl", config.LoadOptions{Registry: catalog.Registry()})
	o := g.Scenarios[0].Objectives
	if *o.RTO != 3*time.Minute || *o.RPO != 0 || *o.TimeToDetect != time.Minute || *o.Failback != 5*time.Minute || *o.MinAvailability != 0.95 || o.ConsecutiveSuccesses != 5 {
		t.Errorf("objectives = %+v", o)
	}
	if o.RecoveryProbe == nil || o.RecoveryProbe.String() != "probe.http.checkout" {
		t.Errorf("recovery probe not implied from the only continuous probe: %v", o.RecoveryProbe)
	}
	o2 := g.Scenarios[1].Objectives
	if o2.MinAvailability == nil || fmt.Sprintf("%.4f", *o2.MinAvailability) != "0.9950" || o2.RTO != nil || o2.ConsecutiveSuccesses != config.DefaultConsecutiveSuccesses {
		t.Errorf("percent objectives = %+v", o2)
	}
}

func TestDecodedStopsCanariesReport(t *testing.T) {
	g := mustLoad(t, "../../testdata/valid/stop-conditions.hcl", config.LoadOptions{Registry: catalog.Registry()})
	cw := g.StopConditions[0].Spec.(*config.CloudWatchAlarmStop)
	pb := g.StopConditions[1].Spec.(*config.ProbeBudgetStop)
	md := g.StopConditions[2].Spec.(*config.MaxDurationStop)
	if len(cw.Alarms) != 3 || cw.PollInterval != 2*time.Second || pb.Probe.String() != "probe.http.checkout" || pb.MaxFailureRatio != 0.25 || pb.Window != 2*time.Minute || md.Duration != 30*time.Minute {
		t.Errorf("stops = %+v %+v %+v", cw, pb, md)
	}
	if g.Probe(pb.Probe) != g.Probes[0] {
		t.Error("GameDay.Probe does not resolve the budget's reference")
	}

	g = mustLoad(t, "../../testdata/valid/canaries.hcl", config.LoadOptions{Registry: catalog.Registry()})
	pg := g.Canaries[1].Spec.(*config.PostgresCanary)
	if g.Canaries[0].Interval != 250*time.Millisecond || g.Canaries[1].Interval != config.DefaultCanaryInterval || pg.Table != "gameday.canary" {
		t.Errorf("canaries = %+v %+v", g.Canaries[0], pg)
	}
	if !strings.Contains(pg.PrimaryDSN.Reveal(), "secret@") || strings.Contains(fmt.Sprintf("%v %+v %#v %s", pg.PrimaryDSN, pg, pg, pg.PrimaryDSN), "secret@") {
		t.Error("a DSN must be revealed on request and redacted in formatting")
	}

	g = mustLoad(t, "../../testdata/valid/report.hcl", config.LoadOptions{Registry: catalog.Registry(), Environ: testEnviron()})
	if g.Report.Dir != "out/reports" || len(g.Report.Formats) != 5 || g.Report.Slack == nil || g.Report.Slack.WebhookURL.Reveal() != "https://hooks.slack.com/services/T0/B0/XYZ" {
		t.Errorf("report = %+v", g.Report)
	}
	b, err := json.Marshal(g.Report.Slack)
	if err != nil || strings.Contains(string(b), "hooks.slack.com") {
		t.Errorf("webhook URL leaked into JSON: %s (%v)", b, err)
	}
	// Without the variable, env(..., "") disables Slack rather than fail.
	g = mustLoad(t, "../../experiments/staging-full.hcl", config.LoadOptions{Registry: catalog.Registry()})
	if g.Report.Slack != nil {
		t.Errorf("empty webhook should disable Slack, got %+v", g.Report.Slack)
	}
	if g = mustLoad(t, "../../testdata/valid/minimal.hcl", config.LoadOptions{Registry: catalog.Registry()}); g.Report == nil || !reflect.DeepEqual(g.Report.Formats, []string{"console"}) || g.Guard != nil {
		t.Errorf("defaults for a minimal file: report %+v guard %+v", g.Report, g.Guard)
	}
}

// lambdaThrottle is a kind registered by a test, as later features will.
type lambdaThrottle struct {
	Function string
	Rate     float64
}

func TestRegistryAddsKinds(t *testing.T) {
	reg := catalog.Registry()
	err := reg.Register(config.ClassFault, config.Kind{
		Name:   "lambda_throttle",
		Schema: config.Schema([]string{"function!", "rate"}),
		Decode: func(b config.KindBody) any {
			return &lambdaThrottle{Function: b.Args.String("function"), Rate: b.Args.Ratio("rate", 1)}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Register(config.ClassFault, config.Kind{Name: "ec2_kill", Schema: config.Schema(nil), Decode: func(config.KindBody) any { return nil }}); err == nil {
		t.Error("registering ec2_kill twice was accepted")
	}
	dir := writeFiles(t, map[string]string{"gd.hcl": `
gameday "custom" {
  scenario "throttle" {
    fault "lambda_throttle" "orders" {
      function = "orders-api"
      rate     = 0.5
      duration = "1m"
    }
  }
}`, "bad.hcl": `
gameday "custom" {
  scenario "throttle" {
    fault "lambda_throttle" "orders" {
      functon = "orders-api"
    }
  }
}`})
	g := mustLoad(t, filepath.Join(dir, "gd.hcl"), config.LoadOptions{Registry: reg})
	f := g.Scenarios[0].Faults[0]
	if lt, ok := f.Spec.(*lambdaThrottle); !ok || lt.Function != "orders-api" || lt.Rate != 0.5 || f.Duration != time.Minute {
		t.Errorf("custom fault = %+v / %#v", f, f.Spec)
	}
	_, diags := load(t, filepath.Join(dir, "bad.hcl"), config.LoadOptions{Registry: reg})
	if d := find(diags, "Unsupported argument"); d == nil || !strings.Contains(d.Detail, `Did you mean "function"?`) {
		t.Errorf("custom kind's schema not applied:%s", describe(diags))
	}
	if !hasSummary(diags, "Missing required argument") {
		t.Errorf("custom kind's required argument not enforced:%s", describe(diags))
	}
	// The default registry does not know the kind: no global state leaked.
	_, diags = load(t, filepath.Join(dir, "gd.hcl"), config.LoadOptions{Registry: catalog.Registry()})
	if !hasSummary(diags, "Unknown fault kind") {
		t.Errorf("kind leaked into another registry:%s", describe(diags))
	}
}

func TestExpandPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.hcl":           "",
		"sub/b.hcl":       "",
		"sub/c.vars.hcl":  "",
		".hidden/d.hcl":   "",
		"notes.txt":       "",
		"empty/README.md": "",
	})
	got, err := config.ExpandPaths([]string{dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.hcl"), filepath.Join(dir, "sub/b.hcl")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ExpandPaths = %v, want %v", got, want)
	}
	got, _ = config.ExpandPaths([]string{dir}, true)
	if len(got) != 3 {
		t.Errorf("with var files: %v", got)
	}
	// A file named explicitly is kept whatever its name.
	if got, _ := config.ExpandPaths([]string{filepath.Join(dir, "notes.txt")}, false); len(got) != 1 {
		t.Errorf("explicit file dropped: %v", got)
	}
	if _, err := config.ExpandPaths([]string{filepath.Join(dir, "missing")}, false); err == nil {
		t.Error("a missing path was accepted")
	}
	if _, err := config.ExpandPaths([]string{filepath.Join(dir, "empty")}, false); err == nil {
		t.Error("a directory without game days was accepted")
	}
}
