package probes

import (
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/probing"
	"github.com/miekg/dns"
)

// The registry builds every kind from the spec the HCL loader decodes.
func TestKindsBuildEveryLoaderSpec(t *testing.T) {
	kinds := Kinds()
	env := engine.ProbeEnv{Clients: &awsapi.Clients{CloudWatch: &fakeCW{}}}
	if len(kinds) != len(KindNames()) {
		t.Fatalf("registry has %d kinds, want %v", len(kinds), KindNames())
	}
	build := func(kind string, spec any) (engine.Probe, error) {
		k, err := kinds.Get(kind)
		if err != nil {
			return nil, err
		}
		return k.New(spec, env)
	}
	mk := func(kind string, spec any) probing.Entry {
		t.Helper()
		p, err := build(kind, spec)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		e := probing.EntryOf(&config.Probe{Kind: kind, Name: "n", Interval: 2 * time.Second, Timeout: time.Second, Mode: config.ProbeDuringFaults, Spec: spec}, p)
		if e.Name != kind+".n" || e.Interval != 2*time.Second || e.Timeout != time.Second || e.Mode != probing.DuringFaults {
			t.Fatalf("%s: entry %+v", kind, e)
		}
		return e
	}
	h := mk("http", &config.HTTPProbe{URL: "https://127.0.0.1:1/x", Method: "HEAD", Headers: map[string]string{"A": "b"},
		Expect: config.HTTPExpect{Status: []int{204}, MaxLatency: time.Second},
		TLS:    &config.TLSConfig{InsecureSkipVerify: true, ServerName: "app.test"}}).Probe.(*httpProbe)
	if h.method != "HEAD" || h.spec.Expect.Status[0] != 204 || h.spec.Expect.MaxLatency != time.Second || h.spec.Expect.HasJSONValue || h.spec.TLS.ServerName != "app.test" || !h.spec.TLS.InsecureSkipVerify {
		t.Errorf("http spec %+v", h.spec)
	}
	if p := mk("tcp", &config.TCPProbe{Address: "127.0.0.1:5432"}).Probe.(*tcpProbe); p.addr != "127.0.0.1:5432" {
		t.Errorf("tcp %+v", p)
	}
	d := mk("dns", &config.DNSProbe{Name: "app.test", Type: "AAAA", Resolver: "127.0.0.1:53", ExpectAnswers: []string{"::1"}}).Probe.(*dnsProbe)
	if d.fqdn != "app.test." || d.qtype != dns.TypeAAAA || d.resolver != "127.0.0.1:53" || d.expect[0] != "::1" || d.policy != ResolverFails {
		t.Errorf("dns %+v", d)
	}
	if a := mk("cloudwatch_alarm", &config.CloudWatchAlarmProbe{AlarmName: "x", ExpectState: "ALARM"}).Probe.(*cloudWatchAlarmProbe); a.name != "x" || a.expect != "ALARM" {
		t.Errorf("alarm %+v", a)
	}
	m := mk("cloudwatch_metric", &config.CloudWatchMetricProbe{Namespace: "N", MetricName: "M", Statistic: "p99", Period: time.Minute, Threshold: 0.5, Comparison: "LessThanThreshold"}).Probe.(*cloudWatchMetricProbe)
	if m.stat != "p99" || m.period != time.Minute || m.spec.Threshold != 0.5 {
		t.Errorf("metric %+v", m)
	}
	if e := mk("exec", &config.ExecProbe{Command: []string{"true", "x"}}).Probe.(*execProbe); len(e.argv) != 2 {
		t.Errorf("exec %+v", e)
	}
	if _, err := build("http", &config.TCPProbe{Address: "a:1"}); err == nil {
		t.Error("a tcp spec was accepted for an http probe")
	}
	if _, err := build("smtp", struct{}{}); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if _, err := build("dns", (*config.DNSProbe)(nil)); err == nil {
		t.Error("a nil spec was accepted")
	}
}
