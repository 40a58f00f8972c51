//go:build conformance

package main

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// gameday processes with their history in S3 on moto, running the weekly
// example of the README (experiments/sandbox-weekly.hcl: a baseline of the
// last 5 comparable runs, at least 3): three runs against a sandbox, a
// fourth against one whose Auto Scaling group boots four times slower.
// The fourth regresses (exit 1), `gameday history` lists the four from S3
// and says so, and pruning to one keeps only the newest.
func TestConformanceS3HistoryRevealsARegression(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	w := newS3World(t, ctx)
	slow, err := sandbox.New(ctx, sandbox.Options{World: world.Options{BootDelay: 8 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slow.Close() })
	slowSrv, err := remote.Serve("127.0.0.1:0", slow.Clients(), slow.Vars())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slowSrv.Close() })
	file, err := filepath.Abs("../../experiments/sandbox-weekly.hcl")
	if err != nil {
		t.Fatal(err)
	}
	run := func(url string) (int, string) {
		c, out, _ := w.cmd(t, ctx, "run", "--sandbox-url", url, "--state", stateURL, "--plain", file)
		err := c.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return c.ProcessState.ExitCode(), out.String()
	}
	for i := range 3 {
		if code, out := run(w.srv.URL()); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i+1, code, out)
		}
	}
	code, out := run(slowSrv.URL())
	if code != 1 || !strings.Contains(out, "REGRESSED: replace-web-fleet: RTO") || !strings.Contains(out, "median of last 3") {
		t.Fatalf("the slower run: exit %d\n%s", code, out)
	}

	c, hout, _ := w.cmd(t, ctx, "history", "--state", stateURL, "sandbox-weekly")
	if err := c.Run(); err != nil {
		t.Fatalf("history: %v\n%s", err, hout)
	}
	if h := hout.String(); !strings.Contains(h, "4 run(s) stored") || strings.Count(h, "regressed") < 2 || !strings.Contains(h, "regressed in ") {
		t.Errorf("history from S3:\n%s", h)
	}
	c, pout, _ := w.cmd(t, ctx, "history", "--state", stateURL, "--prune", "--keep", "1", "sandbox-weekly")
	if err := c.Run(); err != nil || !strings.Contains(pout.String(), "removed 3 run(s)") {
		t.Fatalf("prune: %v\n%s", err, pout)
	}
	runs, err := history.Runs(ctx, w.store, "sandbox-weekly")
	if err != nil || len(runs) != 1 {
		t.Fatalf("after pruning: %v %v", runs, err)
	}
	keys, err := w.store.List(ctx, "runs/")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, "runs/"+runs[0]) {
			t.Errorf("a pruned run's object is left: %s", k)
		}
	}
}
