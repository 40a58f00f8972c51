package sandbox

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	fistypes "github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/miekg/dns"

	"github.com/gameday-dev/gameday/sandbox/world"
)

func newSandbox(t *testing.T) *Sandbox {
	t.Helper()
	s, err := New(context.Background(), Options{
		World: world.Options{Instances: 6, BootDelay: 200 * time.Millisecond, StopDelay: 30 * time.Millisecond,
			HealthInterval: 50 * time.Millisecond, MetricsInterval: 250 * time.Millisecond, Tick: 10 * time.Millisecond},
		HealthCheckInterval: 50 * time.Millisecond, AlarmTick: 100 * time.Millisecond, FISDelay: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func resolveA(t *testing.T, server, name string) string {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), dns.TypeA)
	in, _, err := (&dns.Client{Timeout: time.Second}).Exchange(m, server)
	if err != nil {
		t.Fatalf("DNS query to %s: %v", server, err)
	}
	for _, rr := range in.Answer {
		if a, ok := rr.(*dns.A); ok {
			return a.A.String()
		}
	}
	return ""
}

func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) time.Time {
	t.Helper()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if cond() {
			return time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v", what, d)
	return time.Time{}
}

func TestAssembledIdentitiesAndDNSFailover(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	c := s.Clients()
	vars := s.Vars()
	for _, k := range []string{"url", "egress_url", "canary_write_url", "canary_read_url", "dns_server", "dns_name", "region", "account_id", "asg_name", "primary_health_check_id"} {
		if v, ok := vars[k]; !ok || v.AsString() == "" {
			t.Errorf("Vars has no %q", k)
		}
	}
	id, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(id.Account) != vars["account_id"].AsString() {
		t.Errorf("caller identity %v %v", id, err)
	}
	resp, err := http.Get(s.StandbyURL() + "/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get(StandbyHeader) != "1" || !strings.HasPrefix(s.StandbyURL(), "http://127.0.0.2:") {
		t.Errorf("standby at %s: %d %q", s.StandbyURL(), resp.StatusCode, body)
	}
	if strings.TrimPrefix(s.StandbyURL(), "http://127.0.0.2") != strings.TrimPrefix(vars["url"].AsString(), "http://127.0.0.1") {
		t.Errorf("standby %s and balancer %s are not on the same port", s.StandbyURL(), vars["url"].AsString())
	}

	waitFor(t, 3*time.Second, "every sandbox alarm OK in steady state", func() bool {
		for _, a := range []string{"sandbox-5xx", "sandbox-p99", "sandbox-healthy-hosts", "sandbox-service-down"} {
			if st, ok := s.CloudWatch().AlarmState(a); !ok || st != "OK" {
				return false
			}
		}
		return true
	})
	for _, tn := range s.Truth().Alarms {
		if tn.To == cwtypes.StateValueAlarm {
			t.Errorf("steady state: %s went to ALARM (%s)", tn.Alarm, tn.Reason)
		}
	}

	server, name := vars["dns_server"].AsString(), vars["dns_name"].AsString()
	waitFor(t, 3*time.Second, "primary answered", func() bool { return resolveA(t, server, name) == "127.0.0.1" })
	hcID := vars["primary_health_check_id"].AsString()
	hc, err := c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(hcID)})
	if err != nil {
		t.Fatal(err)
	}
	flipped := time.Now()
	if _, err := c.Route53.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String(hcID),
		HealthCheckVersion: hc.HealthCheck.HealthCheckVersion, Inverted: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	moved := waitFor(t, 3*time.Second, "answer moved to the secondary", func() bool { return resolveA(t, server, name) == "127.0.0.2" })
	hc, _ = c.Route53.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(hcID)})
	c.Route53.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String(hcID),
		HealthCheckVersion: hc.HealthCheck.HealthCheckVersion, Inverted: aws.Bool(false)})
	waitFor(t, 3*time.Second, "answer back to the primary", func() bool { return resolveA(t, server, name) == "127.0.0.1" })

	// Ground truth saw the answer change between the flip and our observation.
	var at time.Time
	for _, e := range s.Truth().DNS {
		if e.Kind == "answer" && e.Answer == "127.0.0.2" && at.IsZero() {
			at = e.At
		}
	}
	if at.IsZero() || at.Before(flipped) || at.After(moved) {
		t.Errorf("truth has the answer change at %v, flip at %v, client saw it at %v", at, flipped, moved)
	}
	// The service itself never went down.
	if u := s.Truth().Unavailable; len(u) != 0 {
		t.Errorf("unavailable %v during a DNS flip", u)
	}
}

// load sends requests to the balancer until stop closes and records when
// each one failed.
func load(url string, stop <-chan struct{}) (wait func() []time.Time) {
	var mu sync.Mutex
	var fails []time.Time
	done := make(chan struct{})
	client := &http.Client{Timeout: time.Second}
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			at := time.Now()
			resp, err := client.Get(url)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if err != nil || resp.StatusCode >= 500 {
				mu.Lock()
				fails = append(fails, at)
				mu.Unlock()
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	return func() []time.Time {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return fails
	}
}

// TestFISExperimentStopsOnAlarm runs an AZ disruption through FIS with
// sandbox-5xx as stop condition, then takes the other AZs down: the 5xx
// burst drives the alarm, FIS stops and restores its disruption.
func TestFISExperimentStopsOnAlarm(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	c, w := s.Clients(), s.World()
	alarmARN := "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sandbox-5xx"
	tpl, err := c.FIS.CreateExperimentTemplate(ctx, &fis.CreateExperimentTemplateInput{
		ClientToken: aws.String("e2e"), Description: aws.String("AZ a disruption"), RoleArn: aws.String(FISRoleARN),
		StopConditions: []fistypes.CreateExperimentTemplateStopConditionInput{{Source: aws.String("aws:cloudwatch:alarm"), Value: aws.String(alarmARN)}},
		Targets: map[string]fistypes.CreateExperimentTemplateTargetInput{"subnets": {ResourceType: aws.String("aws:ec2:subnet"), SelectionMode: aws.String("ALL"),
			ResourceTags: map[string]string{"Environment": "staging"},
			Filters:      []fistypes.ExperimentTemplateTargetInputFilter{{Path: aws.String("AvailabilityZone"), Values: []string{"us-east-1a"}}}}},
		Actions: map[string]fistypes.CreateExperimentTemplateActionInput{"disrupt": {ActionId: aws.String("aws:network:disrupt-connectivity"),
			Targets: map[string]string{"Subnets": "subnets"}, Parameters: map[string]string{"duration": "PT60S", "scope": "all"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 3*time.Second, "sandbox-5xx OK before the experiment", func() bool {
		st, _ := s.CloudWatch().AlarmState(alarmARN)
		return st == "OK"
	})
	exp, err := c.FIS.StartExperiment(ctx, &fis.StartExperimentInput{ExperimentTemplateId: tpl.ExperimentTemplate.Id, ClientToken: aws.String("e2e-run")})
	if err != nil {
		t.Fatal(err)
	}
	status := func() fistypes.ExperimentStatus {
		out, err := c.FIS.GetExperiment(ctx, &fis.GetExperimentInput{Id: exp.Experiment.Id})
		if err != nil {
			t.Fatal(err)
		}
		return out.Experiment.State.Status
	}
	a := inService(w, "us-east-1a")
	waitFor(t, 3*time.Second, "FIS disrupted us-east-1a", func() bool { return status() == fistypes.ExperimentStatusRunning && !w.Reachable(a) })
	// Until the balancer marks us-east-1a's targets unhealthy, requests
	// routed there fail although the service is up (partial failure, not
	// an outage): start the load once they are out of rotation.
	waitFor(t, time.Second, "us-east-1a out of rotation", func() bool { return !w.TargetHealth()[a] })

	stop := make(chan struct{})
	wait := load(s.World().URL()+"/", stop)
	time.Sleep(200 * time.Millisecond)
	var others []string
	for _, az := range []string{"us-east-1b", "us-east-1c"} {
		sub, _ := w.PrivateSubnet(az)
		others = append(others, sub.ID)
	}
	restore, err := w.DisruptConnectivity(others, world.ScopeAll)
	if err != nil {
		t.Fatal(err)
	}
	downAt := time.Now()
	waitFor(t, 8*time.Second, "experiment stopped by the alarm", func() bool { return status() == fistypes.ExperimentStatusStopped })
	restore()
	waitFor(t, 3*time.Second, "service back", func() bool {
		resp, err := http.Get(s.World().URL() + "/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	time.Sleep(100 * time.Millisecond)
	close(stop)
	fails := wait()

	tr := s.Truth()
	var alarmed time.Time
	for _, tn := range tr.Alarms {
		if tn.Alarm == "sandbox-5xx" && tn.To == cwtypes.StateValueAlarm {
			alarmed = tn.At
		}
	}
	if alarmed.IsZero() || alarmed.Before(downAt) {
		t.Errorf("sandbox-5xx went to ALARM at %v, the outage began at %v", alarmed, downAt)
	}
	if !w.Reachable(a) {
		t.Error("FIS did not restore us-east-1a after stopping")
	}
	if len(tr.EventsOf("restore-connectivity")) < 3 {
		t.Errorf("restores recorded: %v", tr.EventsOf("restore-connectivity"))
	}
	if len(tr.Unavailable) != 1 || tr.Unavailable[0].End.IsZero() {
		t.Fatalf("truth: %+v, want one closed outage", tr.Unavailable)
	}
	out := tr.Unavailable[0]
	if d := out.Start.Sub(downAt); d > 0 || d < -50*time.Millisecond {
		t.Errorf("outage starts %v from the disruption of the last AZs", d)
	}
	// What the independent client saw agrees with the truth: failures only
	// inside the outage (a margin covers a request's own time on a busy
	// machine).
	if len(fails) == 0 {
		t.Fatal("the client saw no failure")
	}
	for _, f := range fails {
		if f.Before(out.Start.Add(-50*time.Millisecond)) || f.After(out.End.Add(50*time.Millisecond)) {
			t.Errorf("client failure at %v outside the outage %v..%v", f, out.Start, out.End)
		}
	}
	if first := fails[0].Sub(out.Start); first > 100*time.Millisecond {
		t.Errorf("client saw the outage %v after it started", first)
	}
	hist, err := c.CloudWatch.DescribeAlarmHistory(ctx, &cloudwatch.DescribeAlarmHistoryInput{AlarmName: aws.String("sandbox-5xx")})
	if err != nil || len(hist.AlarmHistoryItems) == 0 {
		t.Errorf("alarm history: %v %d items", err, len(hist.AlarmHistoryItems))
	}
}

func inService(w *world.World, az string) string {
	for _, m := range w.Group().Members {
		if m.AZ == az && m.LifecycleState == world.LifecycleInService {
			return m.ID
		}
	}
	return ""
}
