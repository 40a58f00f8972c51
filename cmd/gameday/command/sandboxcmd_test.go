package command

import (
	"context"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

func TestSandboxBootDelayFlag(t *testing.T) {
	for _, bad := range []string{"0s", "2m", "-1s"} {
		tio := newTestIO()
		called := false
		code := tio.run(t, []*cli.Command{NewCmdSandbox(tio.f, func(context.Context, *SandboxOptions) error { called = true; return nil })},
			"sandbox", "--boot-delay", bad)
		if code != engine.ExitInvalid || called || !strings.Contains(tio.err.String(), "--boot-delay") {
			t.Errorf("--boot-delay %s: exit %d, called %v: %s", bad, code, called, tio.err.String())
		}
	}
	tio := newTestIO()
	var got *SandboxOptions
	if code := tio.run(t, []*cli.Command{NewCmdSandbox(tio.f, func(_ context.Context, o *SandboxOptions) error { got = o; return nil })},
		"sandbox", "--boot-delay", "8s"); code != engine.ExitOK || got.BootDelay.String() != "8s" {
		t.Errorf("exit %d %+v", code, got)
	}
}
