package r53flip

import (
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

func TestR53FlipInjectRevertVerify(t *testing.T) {
	r := newFakeR53()
	r.add("hc-primary", false)
	c := &awsapi.Clients{Route53: r}
	env := faulttest.Env(c)
	fault := newFault(t, Name, &Config{HealthCheckID: "hc-primary"}, env)
	sel, err := faulttest.Pick(context.Background(), fault)
	if err != nil || len(sel.Targets) != 1 || sel.Targets[0].ID != "hc-primary" {
		t.Fatalf("select: %+v %v", sel, err)
	}
	for _, ch := range fault.Preflight(context.Background(), sel.Guarded) {
		if ch.Verified {
			t.Fatalf("check %+v claims verification; Route 53 has no dry run", ch)
		}
	}
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	if !r.inverted("hc-primary") {
		t.Fatal("health check not inverted")
	}
	if r.Tags["hc-primary"][engine.TagRun] != "run-1" || r.Tags["hc-primary"][engine.TagSnapshot] != "inverted=false" {
		t.Fatalf("tags %v", r.Tags["hc-primary"])
	}
	if d := r.Checks["hc-primary"].HealthCheckConfig.Disabled; d != nil {
		t.Fatal("the flip touched Disabled")
	}
	rev := reverter(t, Name, env)
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err == nil {
		t.Fatal("verify passed while inverted")
	}
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	if r.inverted("hc-primary") || len(r.Tags["hc-primary"]) != 0 {
		t.Fatalf("after revert: inverted=%t tags %v", r.inverted("hc-primary"), r.Tags["hc-primary"])
	}
	if err := rev.Verify(context.Background(), d.Batch, d.Snapshot, d.Result); err != nil {
		t.Fatal(err)
	}
	updates := r.Updates
	if _, err := rev.Revert(context.Background(), d.Batch, d.Snapshot, nil); err != nil || r.Updates != updates {
		t.Fatalf("second revert: %v, %d extra updates", err, r.Updates-updates)
	}
}

func TestR53FlipVersionMismatchRetries(t *testing.T) {
	r := newFakeR53()
	r.add("hc-1", false)
	c := &awsapi.Clients{Route53: r}
	fault := newFault(t, Name, R53FlipSpec{HealthCheckID: "hc-1"}, faulttest.Env(c))
	sel, _ := faulttest.Pick(context.Background(), fault)
	r.Conflicts = 2
	d := faulttest.Inject(t, fault, sel.Guarded)[0]
	if !r.inverted("hc-1") || r.Updates != 3 {
		t.Fatalf("inverted=%t after %d updates, want true after 3 (2 conflicts)", r.inverted("hc-1"), r.Updates)
	}
	r.Conflicts = 100
	_, err := reverter(t, Name, faulttest.Env(c)).Revert(context.Background(), d.Batch, d.Snapshot, d.Result)
	if err == nil || !strings.Contains(err.Error(), "HealthCheckVersionMismatch") || !strings.Contains(err.Error(), "not restoring health check hc-1") {
		t.Fatalf("endless conflicts: %v", err)
	}
	if r.Updates != 3+r53MaxAttempts {
		t.Fatalf("%d update attempts, want %d (bounded)", r.Updates-3, r53MaxAttempts)
	}
}

func TestR53FlipScannerAndOriginalInverted(t *testing.T) {
	r := newFakeR53()
	r.add("hc-a", false)
	r.add("hc-b", true) // already inverted by its owner: revert must keep it so
	r.add("hc-c", false)
	c := &awsapi.Clients{Route53: r}
	env := faulttest.Env(c)
	for _, id := range []string{"hc-a", "hc-b"} {
		fault := newFault(t, Name, R53FlipSpec{HealthCheckID: id}, env)
		sel, _ := faulttest.Pick(context.Background(), fault)
		if id == "hc-b" && !strings.Contains(strings.Join(sel.Notes, ""), "already inverted") {
			t.Fatalf("notes %v", sel.Notes)
		}
		faulttest.Inject(t, fault, sel.Guarded)
	}
	left, err := Kind(faulttest.FastOptions()).Scanner(env).Scan(context.Background())
	if err != nil || len(left) != 2 {
		t.Fatalf("scan: %+v %v", left, err)
	}
	rev := reverter(t, Name, env)
	for _, l := range left {
		if _, err := rev.Revert(context.Background(), l.Targets, l.Snapshot, nil); err != nil {
			t.Fatal(err)
		}
	}
	if r.inverted("hc-a") || !r.inverted("hc-b") || r.inverted("hc-c") {
		t.Fatalf("after scan revert: a=%t b=%t c=%t, want false true false", r.inverted("hc-a"), r.inverted("hc-b"), r.inverted("hc-c"))
	}
	if _, err := faulttest.Pick(context.Background(), newFault(t, Name, R53FlipSpec{HealthCheckID: "hc-nope"}, env)); err == nil || !strings.Contains(err.Error(), "hc-nope") {
		t.Fatalf("unknown check: %v", err)
	}
}
