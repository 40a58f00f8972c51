package probes

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// Every probe kind against the running sandbox, before and after the
// sandbox really breaks: the probes must see what happened.
func TestProbesAgainstTheSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the sandbox")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sb, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	v := sb.Vars()
	lb, _ := url.Parse(v["url"].AsString())
	b := NewBuilder(sb.Clients())
	defer b.CloseIdleConnections()
	build := func(kind string, spec any) engine.Probe {
		t.Helper()
		p, err := b.New(kind, spec)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		return p
	}
	lbDim := map[string]string{"LoadBalancer": "app/sandbox-lb/0123456789abcdef"}
	probes := map[string]engine.Probe{
		"http":              build(KindHTTP, HTTPSpec{URL: v["url"].AsString() + "/health"}),
		"tcp":               build(KindTCP, TCPSpec{Address: lb.Host}),
		"dns":               build(KindDNS, DNSSpec{Name: v["dns_name"].AsString(), Type: "A", Resolver: v["dns_server"].AsString(), ExpectAnswers: []string{"127.0.0.1"}}),
		"cloudwatch_alarm":  build(KindCloudWatchAlarm, CloudWatchAlarmSpec{AlarmName: "sandbox-healthy-hosts"}),
		"cloudwatch_metric": build(KindCloudWatchMetric, CloudWatchMetricSpec{Namespace: "AWS/ApplicationELB", MetricName: "HealthyHostCount", Dimensions: lbDim, Statistic: "Minimum", Period: time.Second, Threshold: 1, Comparison: "GreaterThanOrEqualToThreshold"}),
		"exec":              build(KindExec, ExecSpec{Command: []string{"true"}}),
	}
	// Healthy world: every probe passes (alarms and metrics need a few
	// seconds of data first).
	waitAll(t, ctx, probes, true, nil)

	// Stop every instance: the service, the alarm and the metric all see
	// it. Invert the primary's health check: DNS fails over (the group's
	// replacements would heal the primary too soon to rely on the outage).
	// The local command and the listener itself are unaffected.
	hcID := v["primary_health_check_id"].AsString()
	hc, err := sb.Clients().Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: &hcID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Clients().Route53.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: &hcID,
		HealthCheckVersion: hc.HealthCheck.HealthCheckVersion, Inverted: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, i := range sb.World().Instances() {
		if i.State == world.StateRunning {
			ids = append(ids, i.ID)
		}
	}
	if err := sb.World().StopInstances(ids); err != nil {
		t.Fatal(err)
	}
	waitAll(t, ctx, probes, false, map[string]bool{"exec": true, "tcp": true})
}

// waitAll waits until every probe but the excepted ones gives want
// (conclusively), re-checking each second.
func waitAll(t *testing.T, ctx context.Context, probes map[string]engine.Probe, want bool, except map[string]bool) {
	t.Helper()
	pending := map[string]engine.ProbeResult{}
	for kind := range probes {
		if !except[kind] {
			pending[kind] = engine.ProbeResult{}
		}
	}
	for len(pending) > 0 {
		for kind := range pending {
			cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			r := probes[kind].Check(cctx)
			cancel()
			if !r.Inconclusive && r.OK == want {
				delete(pending, kind)
			} else {
				pending[kind] = r
			}
		}
		if len(pending) == 0 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("probes never gave ok=%v: %+v", want, pending)
		case <-time.After(time.Second):
		}
	}
}
