package world

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
)

// fast are knobs that keep tests at tens of milliseconds.
func fast(o Options) Options {
	if o.Instances == 0 {
		o.Instances = 6
	}
	o.BootDelay = nz(o.BootDelay, 150*time.Millisecond)
	o.StopDelay = nz(o.StopDelay, 30*time.Millisecond)
	o.HealthInterval = nz(o.HealthInterval, 40*time.Millisecond)
	o.MetricsInterval = nz(o.MetricsInterval, 100*time.Millisecond)
	o.ReplicationLag = nz(o.ReplicationLag, 200*time.Millisecond)
	o.RebootDelay = nz(o.RebootDelay, 100*time.Millisecond)
	o.Tick = nz(o.Tick, 10*time.Millisecond)
	o.EgressTimeout = nz(o.EgressTimeout, 20*time.Millisecond)
	return o
}

func nz(d, v time.Duration) time.Duration {
	if d == 0 {
		return v
	}
	return d
}

func newWorld(t *testing.T, o Options) *World {
	t.Helper()
	w, err := New(context.Background(), fast(o), ListenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

var client = &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

// get returns status, serving instance and body; status 0 on a transport error.
func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		return 0, "", err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get(InstanceHeader), string(b)
}

// eventually polls cond every 5 ms until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < d {
		if cond() {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v", what, d)
	return 0
}

func inAZ(w *World, az string) []Instance {
	var out []Instance
	for _, i := range w.Group().Members {
		if i.AZ == az && i.LifecycleState == LifecycleInService {
			out = append(out, i)
		}
	}
	return out
}

func TestSteadyState(t *testing.T) {
	w := newWorld(t, Options{})
	g := w.Group()
	if len(g.Members) != 6 {
		t.Fatalf("group has %d members, want 6", len(g.Members))
	}
	per := map[string]int{}
	for _, m := range g.Members {
		per[m.AZ]++
		if m.State != StateRunning || m.LifecycleState != LifecycleInService || !m.TargetHealthy {
			t.Errorf("%s: %s/%s healthy=%v, want running/InService/healthy", m.ID, m.State, m.LifecycleState, m.TargetHealthy)
		}
		if !ValidInstanceID(m.ID) || len(m.ID) != 19 {
			t.Errorf("instance id %q does not look like EC2's", m.ID)
		}
	}
	for _, az := range AZs() {
		if per[az] != 2 {
			t.Errorf("%s has %d instances, want 2", az, per[az])
		}
	}
	seen := map[string]bool{}
	for k := 0; k < 12; k++ {
		code, id, _ := get(t, w.URL()+"/")
		if code != 200 {
			t.Fatalf("GET / through the balancer: %d", code)
		}
		seen[id] = true
	}
	if len(seen) != 6 {
		t.Errorf("round robin reached %d instances in 12 requests, want 6", len(seen))
	}
	if tr := w.Truth(); len(tr.Unavailable) != 0 {
		t.Errorf("steady state recorded unavailability %v", tr.Unavailable)
	}
}

func TestSameSeedSameIDs(t *testing.T) {
	a := newWorld(t, Options{Seed: 7, Instances: 3})
	b := newWorld(t, Options{Seed: 7, Instances: 3})
	c := newWorld(t, Options{Seed: 8, Instances: 3})
	ia, ib, ic := a.Instances(), b.Instances(), c.Instances()
	for k := range ia {
		if ia[k].ID != ib[k].ID {
			t.Errorf("same seed, instance %d: %s vs %s", k, ia[k].ID, ib[k].ID)
		}
	}
	if ia[0].ID == ic[0].ID || a.VPC().ID == c.VPC().ID {
		t.Error("different seeds gave the same ids")
	}
}

func TestTerminateIsReplacedAndRoutedAround(t *testing.T) {
	w := newWorld(t, Options{})
	o := w.Options()
	victim := w.Group().Members[0]
	killed := time.Now()
	if _, err := w.Terminate([]string{victim.ID}); err != nil {
		t.Fatal(err)
	}
	// The group takes it out (and the balancer deregisters it) at its next tick.
	eventually(t, 3*o.Tick+20*time.Millisecond, "victim deregistered", func() bool {
		_, registered := w.TargetHealth()[victim.ID]
		return !registered
	})
	for k := 0; k < 10; k++ {
		code, id, body := get(t, w.URL()+"/")
		if code != 200 || id == victim.ID {
			t.Fatalf("after deregistration: %d from %q (%s)", code, id, body)
		}
	}
	// A replacement is launched in the same AZ and is in service after the
	// boot delay, and in rotation after HealthyThreshold health rounds.
	var repl string
	eventually(t, o.BootDelay+o.HealthInterval+50*time.Millisecond, "replacement in service", func() bool {
		for _, m := range w.Group().Members {
			if m.ID != victim.ID && m.AZ == victim.AZ && m.LaunchTime.After(victim.LaunchTime) && m.LifecycleState == LifecycleInService {
				repl = m.ID
				return true
			}
		}
		return false
	})
	if inService := time.Since(killed); inService < o.BootDelay {
		t.Errorf("replacement in service after %v, before the boot delay %v", inService, o.BootDelay)
	}
	eventually(t, time.Duration(o.HealthyThreshold+1)*o.HealthInterval+50*time.Millisecond, "replacement healthy", func() bool {
		return w.TargetHealth()[repl]
	})
	acts := w.Activities()
	var launched, terminated bool
	for _, a := range acts {
		if a.Description == "Launching a new EC2 instance: "+repl && a.StatusCode == "Successful" && !a.EndTime.Before(a.StartTime) {
			launched = true
		}
		if a.Description == "Terminating EC2 instance: "+victim.ID && a.StatusCode == "Successful" {
			terminated = true
		}
	}
	if !launched || !terminated {
		t.Errorf("activities: launch %v, terminate %v; want both successful", launched, terminated)
	}
	if v, _ := w.Instance(victim.ID); v.State != StateTerminated {
		t.Errorf("victim is %s, want terminated (and still visible)", v.State)
	}
	if n := len(w.Truth().Unavailable); n != 0 {
		t.Errorf("one of six instances lost made the service unavailable %d times", n)
	}
}

func TestStopInGroupIsReplaced(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	victim := w.Group().Members[1]
	if err := w.StopInstances([]string{victim.ID}); err != nil {
		t.Fatal(err)
	}
	eventually(t, time.Second, "stopped instance terminated by the group", func() bool {
		v, _ := w.Instance(victim.ID)
		return v.State == StateTerminated
	})
	eventually(t, time.Second, "capacity restored", func() bool { return len(inAZ(w, victim.AZ)) == 1 })
	if err := w.StartInstances([]string{victim.ID}); err == nil {
		t.Error("starting an instance the group terminated succeeded")
	}
}

func TestAZDisruption(t *testing.T) {
	w := newWorld(t, Options{})
	o := w.Options()
	sub, _ := w.PrivateSubnet("us-east-1a")
	a, b := inAZ(w, "us-east-1a"), inAZ(w, "us-east-1b")
	restore, err := w.DisruptConnectivity([]string{sub.ID}, ScopeAll)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, w.InstanceURL(a[0].ID)+"/health"); code != 0 {
		t.Errorf("instance in the disrupted AZ answered %d, want no answer", code)
	}
	if code, _, _ := get(t, w.InstanceURL(b[0].ID)+"/health"); code != 200 {
		t.Errorf("instance in another AZ answered %d, want 200", code)
	}
	eventually(t, time.Duration(o.UnhealthyThreshold+1)*o.HealthInterval+50*time.Millisecond, "AZ a out of rotation", func() bool {
		code, _, _ := get(t, w.URL()+"/health?az=us-east-1a")
		return code == 503
	})
	for k := 0; k < 8; k++ {
		code, id, _ := get(t, w.URL()+"/")
		if code != 200 || id == a[0].ID || id == a[1].ID {
			t.Fatalf("during the disruption: %d from %s", code, id)
		}
	}
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	restore() // a second call changes nothing
	eventually(t, time.Duration(o.HealthyThreshold+1)*o.HealthInterval+50*time.Millisecond, "AZ a back", func() bool {
		code, _, _ := get(t, w.URL()+"/health?az=us-east-1a")
		return code == 200
	})
	if ev := w.Truth().EventsOf("restore-connectivity"); len(ev) != 1 {
		t.Errorf("restore recorded %d times, want once", len(ev))
	}
	if len(w.Truth().Unavailable) != 0 {
		t.Error("losing one AZ of three made the service unavailable")
	}
}

func TestNATRouteRemovalBreaksEgressOfOneAZ(t *testing.T) {
	w := newWorld(t, Options{})
	rt, _ := w.PrivateRouteTable("us-east-1a")
	var nat string
	for _, r := range rt.Routes {
		if r.DestinationCIDR == "0.0.0.0/0" {
			nat = r.NatGatewayID
		}
	}
	if nat == "" {
		t.Fatalf("private route table %s has no NAT route: %+v", rt.ID, rt.Routes)
	}
	for _, az := range AZs() {
		if code, _, body := get(t, w.URL()+"/egress?az="+az); code != 200 {
			t.Fatalf("egress %s before the fault: %d %s", az, code, body)
		}
	}
	if err := w.DeleteRoute(rt.ID, "0.0.0.0/0"); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, w.URL()+"/egress?az=us-east-1a"); code != 504 {
		t.Errorf("egress of us-east-1a without its NAT route: %d, want 504", code)
	}
	for _, az := range []string{"us-east-1b", "us-east-1c"} {
		if code, _, _ := get(t, w.URL()+"/egress?az="+az); code != 200 {
			t.Errorf("egress of %s: %d, want 200", az, code)
		}
	}
	if err := w.DeleteRoute(rt.ID, "0.0.0.0/0"); awsapi.ErrorCode(err) != "InvalidRoute.NotFound" {
		t.Errorf("deleting a missing route: %v, want InvalidRoute.NotFound", err)
	}
	if err := w.CreateRoute(rt.ID, "0.0.0.0/0", RouteTarget{NatGatewayID: nat}); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, w.URL()+"/egress?az=us-east-1a"); code != 200 {
		t.Errorf("egress after restoring the route: %d, want 200", code)
	}
	if err := w.CreateRoute(rt.ID, "0.0.0.0/0", RouteTarget{NatGatewayID: nat}); awsapi.ErrorCode(err) != "RouteAlreadyExists" {
		t.Errorf("re-adding the route: %v, want RouteAlreadyExists", err)
	}
	if err := w.DeleteRoute(rt.ID, VPCCIDR); awsapi.ErrorCode(err) != "InvalidParameterValue" {
		t.Errorf("deleting the local route: %v, want InvalidParameterValue", err)
	}

	// The NAT gateway disappears meanwhile: the route is a blackhole and
	// cannot be recreated to it.
	if err := w.DeleteNatGateway(nat); err != nil {
		t.Fatal(err)
	}
	rt, _ = w.PrivateRouteTable("us-east-1a")
	for _, r := range rt.Routes {
		if r.NatGatewayID == nat && r.State != "blackhole" {
			t.Errorf("route to a deleted NAT is %s, want blackhole", r.State)
		}
	}
	if code, _, _ := get(t, w.URL()+"/egress?az=us-east-1a"); code != 504 {
		t.Errorf("egress through a deleted NAT: %d, want 504", code)
	}
	w.DeleteRoute(rt.ID, "0.0.0.0/0")
	if err := w.CreateRoute(rt.ID, "0.0.0.0/0", RouteTarget{NatGatewayID: nat}); awsapi.ErrorCode(err) != "InvalidNatGatewayID.NotFound" {
		t.Errorf("route to a deleted NAT: %v, want InvalidNatGatewayID.NotFound", err)
	}
	other, err := w.AddNatGateway("us-east-1a")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.CreateRoute(rt.ID, "0.0.0.0/0", RouteTarget{NatGatewayID: other}); err != nil {
		t.Fatal(err)
	}
	if code, _, body := get(t, w.URL()+"/egress?az=us-east-1a"); code != 200 {
		t.Errorf("egress through the substitute NAT: %d %s", code, body)
	}
}

func TestInstanceStateErrors(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	ids := []string{}
	for _, m := range w.Group().Members {
		ids = append(ids, m.ID)
	}
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"malformed", func() error { _, err := w.Terminate([]string{"i-nothex"}); return err }(), "InvalidInstanceID.Malformed"},
		{"unknown", func() error { _, err := w.Terminate([]string{ids[0], "i-0123456789abcdef0"}); return err }(), "InvalidInstanceID.NotFound"},
		{"reboot stopped", func() error {
			w.Stop(ids[:1])
			time.Sleep(50 * time.Millisecond)
			return w.Reboot(ids[:1])
		}(), "IncorrectInstanceState"},
	} {
		if awsapi.ErrorCode(c.err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, c.err, c.code)
		}
	}
	if v, _ := w.Instance(ids[1]); v.State != StateRunning {
		t.Errorf("a call failing on one unknown id changed %s to %s", ids[1], v.State)
	}
}

func TestTerminationProtectionBlocksItsAZ(t *testing.T) {
	w := newWorld(t, Options{})
	a, b := inAZ(w, "us-east-1a"), inAZ(w, "us-east-1b")
	if err := w.SetTerminationProtection(a[0].ID, true); err != nil {
		t.Fatal(err)
	}
	changes, err := w.Terminate([]string{a[0].ID, a[1].ID, b[0].ID})
	if awsapi.ErrorCode(err) != "OperationNotPermitted" {
		t.Fatalf("terminate with a protected instance: %v, want OperationNotPermitted", err)
	}
	if len(changes) != 1 || changes[0].ID != b[0].ID {
		t.Errorf("changes %+v, want only %s", changes, b[0].ID)
	}
	if v, _ := w.Instance(a[1].ID); v.State != StateRunning {
		t.Errorf("unprotected instance in the protected AZ is %s, want running", v.State)
	}
}

func TestCapacityErrorLaunchesElsewhere(t *testing.T) {
	w := newWorld(t, Options{})
	restore, err := w.InjectCapacityError([]string{ASGName}, []string{"us-east-1a"}, 100)
	if err != nil {
		t.Fatal(err)
	}
	victim := inAZ(w, "us-east-1a")[0]
	w.Terminate([]string{victim.ID})
	eventually(t, time.Second, "replacement launched in another AZ", func() bool {
		n := 0
		for _, m := range w.Group().Members {
			if m.LifecycleState == LifecycleInService {
				n++
			}
		}
		return n == 6 && len(inAZ(w, "us-east-1a")) == 1
	})
	failed := 0
	for _, a := range w.Activities() {
		if a.StatusCode == "Failed" {
			failed++
		}
	}
	if failed == 0 {
		t.Error("no Failed scaling activity for the capacity error")
	}
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.InjectCapacityError([]string{"nope"}, []string{"us-east-1a"}, 50); err == nil {
		t.Error("capacity error on an unknown group accepted")
	}
}

type sink struct {
	mu   sync.Mutex
	sums map[string]float64
	last map[string]float64
}

func (s *sink) PutMetric(ns, name string, dims map[string]string, at time.Time, v float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ns != "AWS/ApplicationELB" || dims["LoadBalancer"] != LoadBalancerID {
		return
	}
	s.sums[name] += v
	s.last[name] = v
}

func TestMetricsPublished(t *testing.T) {
	s := &sink{sums: map[string]float64{}, last: map[string]float64{}}
	w := newWorld(t, Options{Metrics: s, Instances: 3})
	for k := 0; k < 5; k++ {
		get(t, w.URL()+"/")
	}
	get(t, w.URL()+"/egress?az=nowhere") // 503 from the balancer
	time.Sleep(3 * w.Options().MetricsInterval)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sums["RequestCount"] != 6 || s.sums["HTTPCode_ELB_5XX_Count"] != 1 || s.last["HealthyHostCount"] != 3 || s.last["UnHealthyHostCount"] != 0 {
		t.Errorf("metrics %v / last %v: want 6 requests, 1 ELB 5xx, 3 healthy, 0 unhealthy", s.sums, s.last)
	}
	if s.sums["TargetResponseTime"] <= 0 {
		t.Error("no TargetResponseTime published")
	}
}
