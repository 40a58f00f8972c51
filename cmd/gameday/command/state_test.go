package command

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine/state"
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
