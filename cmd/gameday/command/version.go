package command

import (
	"fmt"
	"runtime"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

// VersionOptions are the inputs of `gameday version`.
type VersionOptions struct {
	Version string
}

// NewCmdVersion returns the version verb.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cli.Command {
	return &cli.Command{
		Name:        "version",
		Usage:       "print the gameday version and the Go version it was built with",
		Description: "The version is set at build time with -ldflags \"-X main.version=v1.2.3\"; \"dev\" otherwise.",
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usageErrorf(f, "version", "unexpected argument %q", c.Args().First())
			}
			opts := &VersionOptions{Version: f.Version}
			if runF != nil {
				return runF(opts)
			}
			return runVersion(f, opts)
		},
	}
}

func runVersion(f *Factory, opts *VersionOptions) error {
	v := opts.Version
	if v == "" {
		v = "dev"
	}
	_, err := fmt.Fprintf(f.IO.Out, "gameday %s (%s %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if err != nil {
		return &ExitError{Code: engine.ExitMissed, Err: fmt.Errorf("printing the version: %w", err)}
	}
	return nil
}
