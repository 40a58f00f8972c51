package command

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// SandboxOptions are the inputs of `gameday sandbox`.
type SandboxOptions struct {
	Listen string
	// BootDelay is how long a launched instance takes to boot (the Auto
	// Scaling group's replacement time); zero: the sandbox's default.
	BootDelay time.Duration
}

// --boot-delay's default (the world's) and bound: the runner waits a
// minute for recovery on the sandbox.
const (
	defaultBootDelay = 2 * time.Second
	maxBootDelay     = 50 * time.Second
)

// NewCmdSandbox returns the sandbox verb.
func NewCmdSandbox(f *Factory, runF func(context.Context, *SandboxOptions) error) *cli.Command {
	opts := &SandboxOptions{}
	return &cli.Command{
		Name:  "sandbox",
		Usage: "keep a sandbox running for other gameday commands (--sandbox-url)",
		Description: "Starts the built-in sandbox and serves its API on a loopback address until Ctrl-C, so\n" +
			"that several commands can share it: `gameday run --sandbox-url URL FILE` rehearses a game\n" +
			"day, and if that run is killed, `gameday recover --sandbox-url URL --all` reverts what it\n" +
			"left, exactly as against AWS. The sandbox.* values game days use are printed at start.\n\n" +
			"--boot-delay makes the Auto Scaling group's replacements slower, to rehearse a regression:\n" +
			"a game day with a baseline on its RTO then says \"regressed\".",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:0", Destination: &opts.Listen, Usage: "loopback `ADDR` to serve on"},
			&cli.DurationFlag{Name: "boot-delay", Destination: &opts.BootDelay, Value: defaultBootDelay, Usage: "`DURATION` a launched instance takes to boot, up to 50s: longer is a slower Auto Scaling replacement"},
		},
		Action: func(c *cli.Context) error {
			if opts.BootDelay <= 0 || opts.BootDelay > maxBootDelay {
				return usageErrorf(f, "sandbox", "--boot-delay %s: give a duration above 0s and up to %s", opts.BootDelay, maxBootDelay)
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runSandbox(c.Context, f, opts)
		},
	}
}

func runSandbox(ctx context.Context, f *Factory, opts *SandboxOptions) error {
	sb, err := sandbox.New(ctx, sandbox.Options{World: world.Options{BootDelay: opts.BootDelay}})
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("the sandbox did not start: %w", err)}
	}
	defer sb.Close()
	srv, err := remote.Serve(opts.Listen, sb.Clients(), sb.Vars())
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	defer srv.Close()
	fmt.Fprintf(f.IO.Out, "sandbox serving at %s\n", srv.URL())
	fmt.Fprintf(f.IO.Out, "  export GAMEDAY_SANDBOX_URL=%s\n", srv.URL())
	vars := sb.Vars()
	for _, k := range slices.Sorted(maps.Keys(vars)) {
		fmt.Fprintf(f.IO.Out, "  sandbox.%-24s %s\n", k, vars[k].AsString())
	}
	fmt.Fprintln(f.IO.Out, "press Ctrl-C to stop")
	<-ctx.Done()
	return nil
}
