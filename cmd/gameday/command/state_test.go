package command

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

func TestStateFlag(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ []string
		args    []string
		want    string
	}{
		{"default", []string{"HOME=/home/u"}, nil, "/home/u/.local/state/gameday"},
		{"xdg", []string{"HOME=/home/u", "XDG_STATE_HOME=/x"}, nil, "/x/gameday"},
		{"legacy env", []string{"GAMEDAY_STATE_DIR=/old"}, nil, "/old"},
		{"env wins over legacy", []string{"GAMEDAY_STATE=s3://b/p", "GAMEDAY_STATE_DIR=/old"}, nil, "s3://b/p"},
		{"flag", []string{"GAMEDAY_STATE=/env"}, []string{"--state", "s3://bucket/team"}, "s3://bucket/team"},
		{"alias", nil, []string{"--state-dir", "/dir"}, "/dir"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tio := newTestIO(tc.environ...)
			var got *RecoverOptions
			cmd := NewCmdRecover(tio.f, &Backends{}, func(_ context.Context, o *RecoverOptions) error { got = o; return nil })
			if code := tio.run(t, []*cli.Command{cmd}, append([]string{"recover"}, tc.args...)...); code != 0 || got == nil {
				t.Fatalf("exit %d: %s", code, tio.err.String())
			}
			if got.StateDir != tc.want {
				t.Errorf("state = %q, want %q", got.StateDir, tc.want)
			}
		})
	}
}

func TestRunLockFlags(t *testing.T) {
	tio := newTestIO()
	var got *RunOptions
	cmd := NewCmdRun(tio.f, &Backends{}, func(_ context.Context, o *RunOptions) error { got = o; return nil })
	if code := tio.run(t, []*cli.Command{cmd}, "run", "--force-unlock", "--lock-ttl", "2m", "gd.hcl"); code != 0 {
		t.Fatalf("exit %d: %s", code, tio.err.String())
	}
	if !got.Lock.ForceUnlock || got.Lock.TTL != 2*time.Minute {
		t.Errorf("lock flags %+v", got.Lock)
	}
}

func TestOpenStateRefusesUnknownSchemes(t *testing.T) {
	if _, err := openState(context.Background(), "gs://bucket/p"); err == nil || !strings.Contains(err.Error(), "s3://") {
		t.Errorf("openState(gs://) = %v", err)
	}
	st, err := openState(context.Background(), "file://"+t.TempDir())
	if _, ok := st.(*state.Dir); err != nil || !ok {
		t.Errorf("openState(file://) = %T %v", st, err)
	}
}

// A run on another machine cannot be checked by pid: while its game day's
// lock is leased to it, recover watches the lease. Renewed: the run is
// alive and left alone. Expired: the run is dead and recovered.
func TestSettleLeases(t *testing.T) {
	ctx := context.Background()
	for _, renew := range []bool{true, false} {
		st := state.NewS3(statetest.NewS3(), "b", "")
		w, err := journal.CreateIn(ctx, st, journal.Start{RunID: "far", GameDay: "gd"})
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		owner := state.LockInfo{GameDay: "gd", RunID: "far", Host: "another-host", PID: 1}
		release := func() {}
		if renew {
			lk, err := state.AcquireLock(ctx, st, owner, state.LockOptions{TTL: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			release = func() { _ = lk.Release(ctx) }
		} else {
			// The holder died: its lock stays, no longer renewed.
			deadLock(t, st, owner, 300*time.Millisecond)
		}
		// The journal was written by this process: judge it as from
		// another machine, where the pid says nothing.
		runs, _ := journal.ListIn(ctx, st, func(string, int) bool { return false })
		if runs[0].Status != journal.StatusCrashed {
			t.Fatalf("journal status %s, want crashed (other host)", runs[0].Status)
		}
		listed := append([]journal.RunInfo(nil), runs...)
		tio := newTestIO()
		settleLeases(ctx, tio.f, st, listed, false)
		if listed[0].Status != journal.StatusRunning {
			t.Errorf("listing: a run holding a live lease shows %s, want running", listed[0].Status)
		}
		settleLeases(ctx, tio.f, st, runs, true)
		want := journal.StatusCrashed
		if renew {
			want = journal.StatusRunning
		}
		if runs[0].Status != want {
			t.Errorf("renew=%v: status %s after watching the lease, want %s\n%s", renew, runs[0].Status, want, tio.out.String())
		}
		release()
	}
}

// deadLock writes the lock a holder that died left behind.
func deadLock(t *testing.T, st state.Store, li state.LockInfo, lease time.Duration) {
	t.Helper()
	li.Acquired, li.Expires = time.Now(), time.Now().Add(lease)
	b, _ := json.Marshal(li)
	if err := st.Create(context.Background(), state.LockKey(li.GameDay), b); err != nil {
		t.Fatal(err)
	}
}

func TestReleaseDeadLock(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(filepath.Join(t.TempDir(), "s"))
	deadLock(t, st, state.LockInfo{GameDay: "gd", RunID: "dead"}, time.Minute)
	tio := newTestIO()
	releaseDeadLock(ctx, tio.f, st, journal.RunInfo{ID: "other", GameDay: "gd"})
	if _, held, _ := state.ReadLock(ctx, st, "gd"); !held {
		t.Fatal("released the lock of another run")
	}
	releaseDeadLock(ctx, tio.f, st, journal.RunInfo{ID: "dead", GameDay: "gd"})
	if _, held, _ := state.ReadLock(ctx, st, "gd"); held {
		t.Fatal("the recovered run's lock is still there")
	}
}
