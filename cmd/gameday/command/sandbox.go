package command

import (
	"context"
	"time"

	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
)

// SandboxBackend starts the built-in sandbox (the Backends.Sandbox of main).
func SandboxBackend(ctx context.Context) (*Backend, error) {
	return SandboxBackendWith(sandbox.Options{})(ctx)
}

// SandboxBackendWith starts the built-in sandbox with opts (a slower Auto
// Scaling replacement, say).
func SandboxBackendWith(opts sandbox.Options) func(context.Context) (*Backend, error) {
	return func(ctx context.Context) (*Backend, error) { return startSandbox(ctx, opts) }
}

func startSandbox(ctx context.Context, opts sandbox.Options) (*Backend, error) {
	sb, err := sandbox.New(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Backend{
		Clients: sb.Clients(), Vars: sb.Vars(), Sandbox: true,
		Tuning: sandboxTuning(),
		Close:  func() { _ = sb.Close() },
	}, nil
}

// RemoteSandbox connects to a standing sandbox (`gameday sandbox`).
func RemoteSandbox(ctx context.Context, url string) (*Backend, error) {
	clients, vars, err := remote.Dial(ctx, url)
	if err != nil {
		return nil, err
	}
	return &Backend{Clients: clients, Vars: vars, Sandbox: true, Tuning: sandboxTuning(), Close: func() {}}, nil
}

// sandboxTuning shortens the runner's waits: the sandbox's clock runs in
// seconds where AWS's runs in minutes.
func sandboxTuning() Tuning {
	return Tuning{Baseline: 2 * time.Second, SteadyWarmup: 20 * time.Second,
		RecoveryTimeout: time.Minute, VerifyTimeout: 5 * time.Second}
}
