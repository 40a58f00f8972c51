package command

import (
	"context"
	"time"

	"github.com/gameday-dev/gameday/sandbox"
)

// SandboxBackend starts the built-in sandbox (the Backends.Sandbox of main).
func SandboxBackend(ctx context.Context) (*Backend, error) {
	sb, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		return nil, err
	}
	return &Backend{
		Clients: sb.Clients(), Vars: sb.Vars(), Sandbox: true,
		// The sandbox's clock runs in seconds: shorter waits than AWS needs.
		Tuning: Tuning{Baseline: 2 * time.Second, SteadyWarmup: 20 * time.Second,
			RecoveryTimeout: time.Minute, VerifyTimeout: 5 * time.Second},
		Close: func() { _ = sb.Close() },
	}, nil
}
