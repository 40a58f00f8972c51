package ec2kill

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/faults/faultkit"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// killAll selects every tagged instance, preflights (one DryRun call) and
// terminates them batch by batch, as the runner would, and returns the API
// calls made and the minimum possible (one DescribeInstances page and one
// TerminateInstances call per 1000 instances; the DryRun is counted against
// the budget).
func killAll(tb testing.TB, n int) (calls, minimum int) {
	f, c := ec2World(n, map[string]string{"app": "web"})
	fault, err := Kind(faulttest.FastOptions()).New(EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, faulttest.Env(c))
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	sel, err := faulttest.Pick(ctx, fault)
	if err != nil {
		tb.Fatal(err)
	}
	if len(sel.Targets) != n {
		tb.Fatalf("selected %d of %d", len(sel.Targets), n)
	}
	for _, ch := range fault.Preflight(ctx, sel.Guarded) {
		if !ch.Allowed {
			tb.Fatalf("preflight %+v", ch)
		}
	}
	for _, b := range sel.Batches(fault.BatchSize()) {
		snap, err := fault.Snapshot(ctx, b)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := fault.Inject(ctx, b, snap); err != nil {
			tb.Fatal(err)
		}
	}
	pages := (n + faultkit.EC2MaxPage - 1) / faultkit.EC2MaxPage
	return len(f.Gate.Calls()), pages + (n+faultkit.EC2MaxIDsPerCall-1)/faultkit.EC2MaxIDsPerCall
}

// TestKill10000CallBudget holds the selection and kill of 10,000 instances
// to at most 1.2x the minimum number of API calls.
func TestKill10000CallBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 instances")
	}
	calls, minimum := killAll(t, 10000)
	if float64(calls) > 1.2*float64(minimum) {
		t.Fatalf("%d API calls, minimum %d: over the 1.2x budget", calls, minimum)
	}
	t.Logf("select+terminate 10,000 instances: %d API calls, minimum %d", calls, minimum)
}

func BenchmarkSelectKill10000(b *testing.B) {
	var calls, minimum int
	for i := 0; i < b.N; i++ {
		calls, minimum = killAll(b, 10000)
	}
	b.ReportMetric(float64(calls), "calls/op")
	b.ReportMetric(float64(calls)/float64(minimum), "x-minimum")
}

// sandboxKill selects every member of the sandbox's 10,000-instance Auto
// Scaling group (InService and Healthy), preflights and terminates them,
// counting the calls the sandbox's gate saw.
func sandboxKill(tb testing.TB) (calls, minimum int) {
	ctx := context.Background()
	w, err := world.New(ctx, world.Options{Instances: 10000, BootDelay: 10 * time.Millisecond, Tick: 10 * time.Millisecond}, world.ListenOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Close()
	gate := apisim.NewGate(1)
	c := &awsapi.Clients{EC2: sandbox.NewEC2(w, gate), AutoScaling: sandbox.NewAutoScaling(w, gate)}
	deadline := time.Now().Add(20 * time.Second)
	for running := 0; running < 10000; {
		running = 0
		for _, in := range w.Instances() {
			if in.State == "running" {
				running++
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("only %d of 10,000 sandbox instances running after 20s", running)
		}
		time.Sleep(20 * time.Millisecond)
	}
	fault, err := Kind(faulttest.FastOptions()).New(EC2KillSpec{Action: "terminate", ASG: world.ASGName, Amount: Amount{All: true}}, faulttest.Env(c))
	if err != nil {
		tb.Fatal(err)
	}
	gate.ResetCalls()
	sel, err := faulttest.Pick(ctx, fault)
	if err != nil {
		tb.Fatal(err)
	}
	if len(sel.Targets) != 10000 {
		tb.Fatalf("selected %d of 10,000 (notes %v)", len(sel.Targets), sel.Notes)
	}
	fault.Preflight(ctx, sel.Guarded)
	for _, b := range sel.Batches(fault.BatchSize()) {
		snap, _ := fault.Snapshot(ctx, b)
		if _, err := fault.Inject(ctx, b, snap); err != nil {
			tb.Fatal(err)
		}
	}
	return len(gate.Calls()), 20
}

// BenchmarkSandboxSelectKill10000 is the call budget against the sandbox's
// own EC2 and Auto Scaling with 10,000 instances (a benchmark rather than a
// test: building the world takes seconds).
func BenchmarkSandboxSelectKill10000(b *testing.B) {
	var calls, minimum int
	for i := 0; i < b.N; i++ {
		calls, minimum = sandboxKill(b)
	}
	if float64(calls) > 1.2*float64(minimum) {
		b.Fatalf("%d API calls, minimum %d: over the 1.2x budget", calls, minimum)
	}
	b.ReportMetric(float64(calls), "calls/op")
	b.ReportMetric(float64(calls)/float64(minimum), "x-minimum")
}
