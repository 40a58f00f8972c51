//go:build conformance

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
	"github.com/gameday-dev/gameday/sandbox/world"
)

const (
	stateBucket = "gameday-state"
	statePrefix = "team/staging"
	stateURL    = "s3://" + stateBucket + "/" + statePrefix
)

// s3World is a sandbox served over loopback and a moto S3 holding the
// state, as seen by child gameday processes.
type s3World struct {
	sb    *sandbox.Sandbox
	srv   *remote.Server
	store state.Store
	env   []string
}

func newS3World(t *testing.T, ctx context.Context) *s3World {
	t.Helper()
	moto := statetest.StartMoto(t)
	client := statetest.MotoS3(t, moto, stateBucket)
	sb, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	srv, err := remote.Serve("127.0.0.1:0", sb.Clients(), sb.Vars())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &s3World{sb: sb, srv: srv, store: state.NewS3(client, stateBucket, statePrefix), env: []string{
		"AWS_ENDPOINT_URL_S3=" + moto, "AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing",
		"AWS_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"GAMEDAY_STATE=", "GAMEDAY_STATE_DIR=", "XDG_STATE_HOME=",
	}}
}

// cmd is gameday as a child process in its own empty working directory
// and HOME: nothing it needs may come from local disk.
func (w *s3World) cmd(t *testing.T, ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer, string) {
	dir := t.TempDir()
	c := gamedayCmd(ctx, args...)
	c.Dir = dir
	c.Env = append(c.Env, w.env...)
	c.Env = append(c.Env, "HOME="+dir)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	return c, &out, dir
}

// injected counts the injected records of every run in the S3 state.
func (w *s3World) injected(ctx context.Context) int {
	runs, err := journal.ListIn(ctx, w.store, nil)
	if err != nil {
		return 0
	}
	n := 0
	for _, ri := range runs {
		j, err := journal.ReadRunIn(ctx, w.store, ri.ID)
		if err != nil {
			continue
		}
		for _, r := range j.Records {
			if r.Type == journal.TypeInjected {
				n++
			}
		}
	}
	return n
}

func writeGameDay(t *testing.T) string {
	file := filepath.Join(t.TempDir(), "kill.hcl")
	if err := os.WriteFile(file, []byte(killGameDay), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func waitUntil(t *testing.T, what string, out *bytes.Buffer, child *exec.Cmd, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			_ = child.Process.Kill()
			t.Fatalf("%s did not happen in time; output:\n%s", what, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A runner with its state in S3 is SIGKILLed mid-fault; recover, run from
// a second process with a fresh working directory and HOME (another
// machine, as far as local disk goes), reverts everything from the S3
// journal and restores the sandbox exactly.
func TestConformanceS3StateRecoverAfterSIGKILL(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w := newS3World(t, ctx)
	wd := w.sb.World()
	before := routesSnapshot(wd)
	hcID := w.sb.Vars()["primary_health_check_id"].AsString()

	// A short lease, so that recover's wait for it to expire stays short.
	child, out, runDir := w.cmd(t, ctx, "run", "--sandbox-url", w.srv.URL(), "--state", stateURL, "--lock-ttl", "3s", "--plain", writeGameDay(t))
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "three faults journaled as injected in S3", out, child, func() bool { return w.injected(ctx) >= 3 })
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()

	if reflect.DeepEqual(before, routesSnapshot(wd)) {
		t.Fatal("the NAT route was not removed before the kill")
	}
	if !inverted(t, w.sb, hcID) {
		t.Fatal("the health check was not inverted before the kill")
	}
	if entries, _ := os.ReadDir(runDir); len(entries) != 0 {
		t.Errorf("the run wrote to its local directory: %v", entries)
	}
	runs, err := journal.ListIn(ctx, w.store, nil)
	if err != nil || len(runs) != 1 || runs[0].Pending == 0 {
		t.Fatalf("runs in S3 after the kill: %+v %v", runs, err)
	}
	if li, held, _ := state.ReadLock(ctx, w.store, "kill-me"); !held || li.RunID != runs[0].ID {
		t.Fatalf("the killed run's lock: %+v held=%v", li, held)
	}

	rec, rout, _ := w.cmd(t, ctx, "recover", "--state", stateURL, "--all", "--sandbox-url", w.srv.URL())
	if err := rec.Run(); err != nil {
		t.Fatalf("recover failed: %v\n%s", err, rout.String())
	}
	t.Logf("recover output:\n%s", rout.String())
	if !strings.Contains(rout.String(), "reverted and verified") {
		t.Errorf("recover did not say what it reverted:\n%s", rout.String())
	}
	if after := routesSnapshot(wd); !reflect.DeepEqual(before, after) {
		t.Errorf("routes not restored exactly:\nbefore %+v\nafter  %+v", before, after)
	}
	if inverted(t, w.sb, hcID) {
		t.Error("the health check is still inverted after recover")
	}
	for _, i := range wd.Instances() {
		if i.AZ == "us-east-1c" && i.State == world.StateRunning && !wd.Reachable(i.ID) {
			t.Errorf("instance %s in us-east-1c is still cut off after recover", i.ID)
		}
	}
	runs, _ = journal.ListIn(ctx, w.store, nil)
	if len(runs) != 1 || runs[0].Pending != 0 || runs[0].EndStatus != "recovered" {
		t.Errorf("run after recover: %+v", runs)
	}
	if li, held, _ := state.ReadLock(ctx, w.store, "kill-me"); held {
		t.Errorf("the dead run's lock is still there after recover: %+v", li)
	}
	// Idempotent: a second recover has nothing to do.
	again, aout, _ := w.cmd(t, ctx, "recover", "--state", stateURL, "--all", "--sandbox-url", w.srv.URL())
	if err := again.Run(); err != nil || strings.Contains(aout.String(), "reverted") {
		t.Errorf("second recover: %v\n%s", err, aout.String())
	}
}

// While a runner holds the game day's lock in S3, a second runner of the
// same game day is refused with exit 3 before touching anything; the first
// releases the lock when it ends (here on SIGTERM, after reverting).
func TestConformanceS3LockRefusesSecondRunner(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w := newS3World(t, ctx)
	file := writeGameDay(t)
	first, out, _ := w.cmd(t, ctx, "run", "--sandbox-url", w.srv.URL(), "--state", stateURL, "--plain", file)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the first run injecting", out, first, func() bool { return w.injected(ctx) >= 1 })

	second, sout, _ := w.cmd(t, ctx, "run", "--sandbox-url", w.srv.URL(), "--state", stateURL, "--plain", file)
	err := second.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || !strings.Contains(sout.String(), "locked by run") {
		t.Fatalf("second runner: %v (want exit 3, locked)\n%s", err, sout.String())
	}
	if runs, _ := journal.ListIn(ctx, w.store, nil); len(runs) != 1 {
		t.Errorf("the refused runner left a journal: %d runs", len(runs))
	}

	if err := first.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	if li, held, _ := state.ReadLock(ctx, w.store, "kill-me"); held {
		t.Errorf("the lock is still held after the first run ended: %+v\n%s", li, out.String())
	}
	runs, _ := journal.ListIn(ctx, w.store, nil)
	if len(runs) != 1 || runs[0].Pending != 0 || runs[0].Status != journal.StatusFinished {
		t.Errorf("first run after SIGTERM: %+v\n%s", runs, out.String())
	}
}
