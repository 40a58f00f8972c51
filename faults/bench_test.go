package faults

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// killAll selects every tagged instance, preflights (one DryRun call) and
// terminates them batch by batch, as the runner would, and returns the API
// calls made and the minimum possible (one DescribeInstances page and one
// TerminateInstances call per 1000 instances; the DryRun is counted against
// the budget).
func killAll(tb testing.TB, n int) (calls, minimum int) {
	f, c := ec2World(n, map[string]string{"app": "web"})
	fault, err := KindsWith(fastOptions())[KindEC2Kill].New(EC2KillSpec{Action: "terminate", Tags: map[string]string{"app": "web"}, Amount: Amount{All: true}}, testEnv(c))
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	sel, err := fault.Select(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if len(sel.Targets) != n {
		tb.Fatalf("selected %d of %d", len(sel.Targets), n)
	}
	for _, ch := range fault.Preflight(ctx, sel.Targets) {
		if !ch.Allowed {
			tb.Fatalf("preflight %+v", ch)
		}
	}
	for _, b := range engine.Batches(sel.Targets, fault.BatchSize()) {
		snap, err := fault.Snapshot(ctx, b)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := fault.Inject(ctx, b, snap); err != nil {
			tb.Fatal(err)
		}
	}
	pages := (n + ec2MaxPage - 1) / ec2MaxPage
	return len(f.gate.Calls()), pages + (n+ec2MaxIDsPerCall-1)/ec2MaxIDsPerCall
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
