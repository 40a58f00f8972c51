package command

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
)

// SandboxOptions are the inputs of `gameday sandbox`.
type SandboxOptions struct {
	Listen string
}

// NewCmdSandbox returns the sandbox verb.
func NewCmdSandbox(f *Factory, runF func(context.Context, *SandboxOptions) error) *cli.Command {
	opts := &SandboxOptions{}
	return &cli.Command{
		Name:  "sandbox",
		Usage: "keep a sandbox running for other gameday commands (--sandbox-url)",
		Description: "Starts the built-in sandbox and serves its API on a loopback address until Ctrl-C, so\n" +
			"that several commands can share it: `gameday run --sandbox-url URL FILE` rehearses a game\n" +
			"day, and if that run is killed, `gameday recover --sandbox-url URL --all` reverts what it\n" +
			"left, exactly as against AWS. The sandbox.* values game days use are printed at start.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:0", Destination: &opts.Listen, Usage: "loopback `ADDR` to serve on"},
		},
		Action: func(c *cli.Context) error {
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runSandbox(c.Context, f, opts)
		},
	}
}

func runSandbox(ctx context.Context, f *Factory, opts *SandboxOptions) error {
	sb, err := sandbox.New(ctx, sandbox.Options{})
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
