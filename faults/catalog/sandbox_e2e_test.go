package catalog

import (
	"context"
	"strings"
	"testing"
	"time"

	ec2kill "github.com/gameday-dev/gameday/faults/ec2_kill"
	fisaz "github.com/gameday-dev/gameday/faults/fis_az_blackout"
	natroute "github.com/gameday-dev/gameday/faults/nat_route_removal"
	r53flip "github.com/gameday-dev/gameday/faults/route53_health_flip"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// These tests run each fault's Select/Inject/Revert/Verify against the
// in-process sandbox, whose world reacts (instances stop and boot, the Auto
// Scaling group replaces, routes carry traffic, FIS acts on the world).

func newTestSandbox(t *testing.T) *sandbox.Sandbox {
	t.Helper()
	s, err := sandbox.New(context.Background(), sandbox.Options{
		World: world.Options{Instances: 6, BootDelay: 100 * time.Millisecond, StopDelay: 20 * time.Millisecond,
			HealthInterval: 50 * time.Millisecond, MetricsInterval: 250 * time.Millisecond, Tick: 10 * time.Millisecond},
		HealthCheckInterval: 50 * time.Millisecond, AlarmTick: 100 * time.Millisecond, FISDelay: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sandboxEnv(s *sandbox.Sandbox) engine.Env {
	env := faulttest.Env(s.Clients())
	env.Duration = 300 * time.Millisecond
	return env
}

func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func runningCount(s *sandbox.Sandbox) int {
	n := 0
	for _, in := range s.World().Instances() {
		if in.State == "running" {
			n++
		}
	}
	return n
}

func TestSandboxEC2Kill(t *testing.T) {
	s := newTestSandbox(t)
	ctx := context.Background()
	env := sandboxEnv(s)
	eventually(t, 5*time.Second, "6 instances running", func() bool { return runningCount(s) == 6 })

	t.Run("stop and start", func(t *testing.T) {
		fault := newFault(t, ec2kill.Name, ec2kill.EC2KillSpec{Action: "stop", ASG: world.ASGName, AZ: "us-east-1b", Amount: engine.Amount{All: true}}, env)
		sel, err := pick(ctx, fault)
		if err != nil {
			t.Fatal(err)
		}
		if len(sel.Targets) != 2 {
			t.Fatalf("%d targets in us-east-1b, want 2", len(sel.Targets))
		}
		for _, ch := range fault.Preflight(ctx, sel.Guarded) {
			if !ch.Allowed || !ch.Verified {
				t.Fatalf("preflight %+v", ch)
			}
		}
		d := inject(t, fault, sel.Guarded)[0]
		rev := reverter(t, ec2kill.Name, env)
		out, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range out.Notes {
			if !strings.Contains(n, "its Auto Scaling group replaced it") {
				t.Fatalf("note %q", n)
			}
		}
		if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, "6 instances running again", func() bool { return runningCount(s) == 6 })
	})

	t.Run("terminate one, the group replaces it", func(t *testing.T) {
		fault := newFault(t, ec2kill.Name, ec2kill.EC2KillSpec{Action: "terminate", ASG: world.ASGName, Amount: engine.Amount{Count: 1}, Seed: 1}, env)
		sel, err := pick(ctx, fault)
		if err != nil || len(sel.Targets) != 1 {
			t.Fatalf("select: %+v %v", sel, err)
		}
		inject(t, fault, sel.Guarded)
		victim := sel.Targets[0].ID
		eventually(t, 5*time.Second, "victim gone and capacity back", func() bool {
			in, ok := s.World().Instance(victim)
			return (!ok || in.State == "terminated" || in.State == "shutting-down") && runningCount(s) == 6
		})
	})
}

func TestSandboxNATRoute(t *testing.T) {
	s := newTestSandbox(t)
	ctx := context.Background()
	env := sandboxEnv(s)
	before, ok := s.World().PrivateRouteTable("us-east-1a")
	if !ok {
		t.Fatal("no private route table in us-east-1a")
	}
	fault := newFault(t, natroute.Name, natroute.NATRouteSpec{AZ: "us-east-1a"}, env)
	sel, err := pick(ctx, fault)
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Targets) != 1 || !strings.HasPrefix(sel.Targets[0].ID, before.ID+"|") {
		t.Fatalf("targets %+v notes %v, want the default route of %s", sel.Targets, sel.Notes, before.ID)
	}
	d := inject(t, fault, sel.Guarded)[0]
	during, _ := s.World().PrivateRouteTable("us-east-1a")
	for _, r := range during.Routes {
		if r.NatGatewayID != "" {
			t.Fatalf("route through %s still in %s", r.NatGatewayID, during.ID)
		}
	}
	left, err := KindsWith(faulttest.FastOptions())[natroute.Name].Scanner(env).Scan(ctx)
	if err != nil || len(left) != 1 {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, natroute.Name, env)
	if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	after, _ := s.World().PrivateRouteTable("us-east-1a")
	if !sameRoutes(before.Routes, after.Routes) {
		t.Fatalf("routes after revert %+v, before %+v", after.Routes, before.Routes)
	}
}

func sameRoutes(a, b []world.Route) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[world.Route]int{}
	for _, r := range a {
		m[r]++
	}
	for _, r := range b {
		m[r]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestSandboxR53Flip(t *testing.T) {
	s := newTestSandbox(t)
	ctx := context.Background()
	env := sandboxEnv(s)
	id := s.Vars()["primary_health_check_id"].AsString()
	fault := newFault(t, r53flip.Name, r53flip.R53FlipSpec{HealthCheckID: id}, env)
	sel, err := pick(ctx, fault)
	if err != nil {
		t.Fatal(err)
	}
	d := inject(t, fault, sel.Guarded)[0]
	rev := reverter(t, r53flip.Name, env)
	if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err == nil {
		t.Fatal("verify passed while the health check is inverted")
	}
	if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
}

func TestSandboxFISAZBlackout(t *testing.T) {
	s := newTestSandbox(t)
	ctx := context.Background()
	env := sandboxEnv(s)
	spec := fisaz.FISAZSpec{AZ: "us-east-1a", TargetTags: map[string]string{"Environment": "staging"}, RoleARN: sandbox.FISRoleARN}
	eventually(t, 5*time.Second, "6 instances running", func() bool { return runningCount(s) == 6 })

	t.Run("runs to completion", func(t *testing.T) {
		fault := newFault(t, fisaz.Name, spec, env)
		sel, _ := pick(ctx, fault)
		d := inject(t, fault, sel.Guarded)[0]
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		final, err := fault.(engine.Waiter).Wait(wctx, d.Batch, d.Result)
		if err != nil || final != "completed" {
			t.Fatalf("wait: %q %v", final, err)
		}
		rev := reverter(t, fisaz.Name, env)
		if _, err := rev.Revert(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("stopped early", func(t *testing.T) {
		long := env
		long.RunID = "run-2"
		long.Duration = time.Minute
		fault := newFault(t, fisaz.Name, spec, long)
		sel, _ := pick(ctx, fault)
		d := inject(t, fault, sel.Guarded)[0]
		rev := reverter(t, fisaz.Name, long)
		out, err := rev.Revert(ctx, d.Batch, d.Snapshot, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Notes) != 1 || !strings.Contains(out.Notes[0], "ended stopped") {
			t.Fatalf("notes %q", out.Notes)
		}
		if err := rev.Verify(ctx, d.Batch, d.Snapshot, d.Result); err != nil {
			t.Fatal(err)
		}
		eventually(t, 5*time.Second, "capacity back after the blackout", func() bool { return runningCount(s) == 6 })
	})
}

// The end-to-end tests drive the kinds through the catalog, as a run does.
func newFault(t *testing.T, kind string, spec any, env engine.Env) engine.Fault {
	t.Helper()
	k, err := KindsWith(faulttest.FastOptions()).Get(kind)
	if err != nil {
		t.Fatal(err)
	}
	return faulttest.NewFault(t, k, spec, env)
}

func reverter(t *testing.T, kind string, env engine.Env) engine.Reverter {
	t.Helper()
	k, err := KindsWith(faulttest.FastOptions()).Get(kind)
	if err != nil {
		t.Fatal(err)
	}
	return k.Reverter(env)
}

func pick(ctx context.Context, f engine.Fault) (faulttest.Picked, error) {
	return faulttest.Pick(ctx, f)
}

func inject(t *testing.T, f engine.Fault, g engine.Guarded) []faulttest.Injected {
	t.Helper()
	return faulttest.Inject(t, f, g)
}
