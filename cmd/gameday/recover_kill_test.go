package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// TestMain lets the test binary act as the gameday command in a child
// process, so that a test can SIGKILL a real run.
func TestMain(m *testing.M) {
	if os.Getenv("GAMEDAY_TEST_AS_MAIN") == "1" {
		os.Exit(run())
	}
	os.Exit(m.Run())
}

func gamedayCmd(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Args[0] = "gameday"
	cmd.Env = append(os.Environ(), "GAMEDAY_TEST_AS_MAIN=1")
	return cmd
}

const killGameDay = `
gameday "kill-me" {
  region = sandbox.region
  guard {
    accounts = ["123456789012"]
  }
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "everything-at-once" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "10m"
    }
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "10m"
    }
    fault "fis_az_blackout" "c" {
      az          = "us-east-1c"
      actions     = ["disrupt-connectivity"]
      role_arn    = "arn:aws:iam::123456789012:role/sandbox-fis"
      target_tags = { Environment = "staging" }
      duration    = "10m"
    }
  }
}
`

// routesSnapshot is what a restored route table must equal.
func routesSnapshot(w *world.World) map[string][]world.Route {
	out := map[string][]world.Route{}
	for _, t := range w.RouteTables() {
		out[t.ID] = t.Routes
	}
	return out
}

func TestRecoverAfterSIGKILLRestoresTheSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sb, srv := servedSandbox(t, ctx)
	w := sb.World()
	before := routesSnapshot(w)
	hcID := sb.Vars()["primary_health_check_id"].AsString()

	child, out, state := childRun(t, ctx, srv.URL(), "kill.hcl", killGameDay)
	// Kill it once all three faults are journaled as injected.
	waitFor(t, func() bool { return injectedCount(t, state) >= 3 }, out)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()

	// The damage is really there.
	if reflect.DeepEqual(before, routesSnapshot(w)) {
		t.Fatal("the NAT route was not removed before the kill")
	}
	if !inverted(t, sb, hcID) {
		t.Fatal("the health check was not inverted before the kill")
	}

	var rout bytes.Buffer
	rec := gamedayCmd(ctx, "recover", "--sandbox-url", srv.URL(), "--state-dir", state, "--all")
	rec.Stdout, rec.Stderr = &rout, &rout
	if err := rec.Run(); err != nil {
		t.Fatalf("recover failed: %v\n%s", err, rout.String())
	}
	t.Logf("recover output:\n%s", rout.String())
	if after := routesSnapshot(w); !reflect.DeepEqual(before, after) {
		t.Errorf("routes not restored exactly:\nbefore %+v\nafter  %+v", before, after)
	}
	if inverted(t, sb, hcID) {
		t.Error("the health check is still inverted after recover")
	}
	for _, i := range w.Instances() {
		if i.AZ == "us-east-1c" && i.State == world.StateRunning && !w.Reachable(i.ID) {
			t.Errorf("instance %s in us-east-1c is still cut off after recover", i.ID)
		}
	}
	// Recover is idempotent: a second run has nothing to do.
	again := gamedayCmd(ctx, "recover", "--sandbox-url", srv.URL(), "--state-dir", state, "--all")
	if b, err := again.CombinedOutput(); err != nil || strings.Contains(string(b), "reverted") {
		t.Errorf("second recover: %v\n%s", err, b)
	}
}

func injectedCount(_ *testing.T, state string) int {
	matches, _ := filepath.Glob(filepath.Join(state, "runs", "*.jsonl"))
	n := 0
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			continue
		}
		n += strings.Count(string(b), `"type":"injected"`)
	}
	return n
}

func inverted(t *testing.T, sb *sandbox.Sandbox, id string) bool {
	t.Helper()
	out, err := sb.Clients().Route53.GetHealthCheck(context.Background(), &route53.GetHealthCheckInput{HealthCheckId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToBool(out.HealthCheck.HealthCheckConfig.Inverted)
}
