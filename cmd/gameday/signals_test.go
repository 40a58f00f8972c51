package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

const signalGameDay = `
gameday "signals" {
  region = sandbox.region
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "hold" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "10m"
    }
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "10m"
    }
  }
}
`

// TestSignalsAbortAndRevert sends real signals to a running gameday in
// different phases: the run must exit 2 with the sandbox as it was, and a
// second Ctrl-C must not interrupt the revert.
func TestSignalsAbortAndRevert(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	cases := []struct {
		name    string
		sig     syscall.Signal
		when    func(state string) bool // send the signal once this holds
		twice   bool
		injects bool
	}{
		{"SIGTERM before injection", syscall.SIGTERM, func(string) bool { return true }, false, false},
		{"SIGINT while held", syscall.SIGINT, func(s string) bool { return injectedCount(nil, s) >= 2 }, false, true},
		{"SIGINT twice while held", syscall.SIGINT, func(s string) bool { return injectedCount(nil, s) >= 2 }, true, true},
		{"SIGTERM while held", syscall.SIGTERM, func(s string) bool { return injectedCount(nil, s) >= 2 }, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			sb, srv := servedSandbox(t, ctx)
			before := routesSnapshot(sb.World())
			hcID := sb.Vars()["primary_health_check_id"].AsString()
			child, out, state := childRun(t, ctx, srv.URL(), "signals.hcl", signalGameDay)
			if !tc.injects {
				// Wait until the run is past loading: its journal exists.
				waitFor(t, func() bool { m, _ := filepath.Glob(filepath.Join(state, "runs", "*.jsonl")); return len(m) > 0 }, out)
			}
			waitFor(t, func() bool { return tc.when(state) }, out)
			if tc.twice {
				// A slow API makes the revert last long enough for the
				// second signal to land in the middle of it.
				sb.Gate().SetKnobs(apisim.Knobs{Latency: 300 * time.Millisecond})
			}
			_ = child.Process.Signal(tc.sig)
			if tc.twice {
				time.Sleep(200 * time.Millisecond)
				_ = child.Process.Signal(tc.sig)
			}
			err := child.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("exit = %v, want status 2; output:\n%s", err, out.String())
			}
			if !reflect.DeepEqual(before, routesSnapshot(sb.World())) || inverted(t, sb, hcID) {
				t.Errorf("the sandbox was not restored; output:\n%s", out.String())
			}
			if tc.twice && !strings.Contains(out.String(), "reverting continues") {
				t.Errorf("the second signal was not acknowledged; output:\n%s", out.String())
			}
		})
	}
}

func waitFor(t *testing.T, cond func() bool, out *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out; output:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
