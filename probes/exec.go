package probes

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// ExecSpec configures an exec probe: Command[0] runs with Command[1:] as
// arguments, without a shell, with the rights of the user running gameday
// (so a game-day file must be trusted like a script). Exit status 0 within
// the check's timeout passes.
type ExecSpec struct {
	Command []string
}

// execOutputLimit bounds the output kept from one run; Detail shows a
// shorter prefix still.
const execOutputLimit = 4 << 10

// execWaitDelay bounds how long a check waits for the output pipes after
// the command was killed or exited, when a grandchild keeps them open.
const execWaitDelay = 200 * time.Millisecond

type execProbe struct {
	argv []string
}

func newExecProbe(s ExecSpec) (*execProbe, error) {
	if len(s.Command) == 0 || s.Command[0] == "" {
		return nil, errors.New("not creating exec probe: the command is empty")
	}
	return &execProbe{argv: append([]string(nil), s.Command...)}, nil
}

// Check runs the command once. A command that cannot be started (not
// found, not executable) is inconclusive: the probe is misconfigured. A
// non-zero exit or running past the timeout fails.
func (p *execProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	cmd := exec.CommandContext(ctx, p.argv[0], p.argv[1:]...)
	var out limitedBuffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	cmd.WaitDelay = execWaitDelay
	killProcessGroup(cmd)
	err := cmd.Run()
	output := strings.TrimSpace(out.String())
	switch {
	case ctx.Err() == context.Canceled:
		return inconclusive(start, "", "check cancelled while the command ran")
	case ctx.Err() == context.DeadlineExceeded:
		return fail(start, "timeout", fmt.Sprintf("%s did not finish within the probe's timeout; output: %s", p.argv[0], output))
	case err == nil:
		return pass(start, "exit 0")
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return fail(start, exitStatus(exitErr), fmt.Sprintf("%s: %s; output: %s", p.argv[0], exitErr, output))
	}
	return inconclusive(start, "", fmt.Sprintf("%s not run: %v", p.argv[0], err))
}

func exitStatus(e *exec.ExitError) string {
	if c := e.ExitCode(); c >= 0 {
		return fmt.Sprintf("exit %d", c)
	}
	return e.String() // "signal: killed"
}

// limitedBuffer keeps the first execOutputLimit bytes written and discards
// the rest without blocking the command.
type limitedBuffer struct {
	mu  sync.Mutex
	buf []byte
	cut bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	room := execOutputLimit - len(b.buf)
	if room < len(p) {
		b.cut = true
		if room > 0 {
			b.buf = append(b.buf, p[:room]...)
		}
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cut {
		return string(b.buf) + "…(truncated)"
	}
	return string(b.buf)
}
