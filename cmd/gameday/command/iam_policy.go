package command

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/iampolicy"
)

// IAMPolicyOptions are the inputs of `gameday iam-policy`.
type IAMPolicyOptions struct {
	File   string
	Load   config.LoadOptions
	Format string // json or text
	// State is the run-state location a run would use (--state); an
	// s3:// URL adds the state backend's S3 actions.
	State   string
	Account string
	Region  string
}

// NewCmdIAMPolicy returns the iam-policy verb.
func NewCmdIAMPolicy(f *Factory, runF func(*IAMPolicyOptions) error) *cli.Command {
	var lf LoadFlags
	opts := &IAMPolicyOptions{}
	return &cli.Command{
		Name:      "iam-policy",
		Usage:     "print the least-privilege IAM policy a game day needs",
		ArgsUsage: "FILE",
		Description: "Derives, without calling AWS, every IAM action the game day's faults, stop\n" +
			"conditions, probes, canaries, reporters and state backend call (including EC2 DryRun\n" +
			"checks, reverts and the recover scan), scoped to resource ARNs and tag conditions where\n" +
			"AWS allows it, plus the FIS experiment role's permissions and trust policies when a\n" +
			"fis_az_blackout fault generates its template. No action wildcard is ever emitted.\n\n" +
			"Examples:\n" +
			"   gameday iam-policy experiments/staging-full.hcl | jq .caller_policy\n" +
			"   gameday iam-policy --state s3://acme-gameday/state --format text staging.hcl",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "json", Destination: &opts.Format, Usage: "output `FORMAT`: json (IAM documents in sections) or text (each statement explained)"},
			&cli.StringFlag{Name: "state", Destination: &opts.State, EnvVars: []string{"GAMEDAY_STATE"}, Usage: "run-state `URL` a run will use; s3://BUCKET/PREFIX adds the S3 actions"},
			&cli.StringFlag{Name: "account", Destination: &opts.Account, Usage: "AWS account `ID` in ARNs (default: the guard's single account, else \"*\")"},
			&cli.StringFlag{Name: "region", Destination: &opts.Region, Usage: "AWS `REGION` in ARNs (default: the game day's region)"},
		}, lf.Flags()...),
		Action: func(c *cli.Context) error {
			arg, err := oneArg(f, "iam-policy", "game-day FILE", c.Args().Slice())
			if err != nil {
				return err
			}
			if opts.Format != "json" && opts.Format != "text" {
				return usageErrorf(f, "iam-policy", "unknown --format %q; use json or text", opts.Format)
			}
			opts.File, opts.Load = arg, lf.Options(f)
			if runF != nil {
				return runF(opts)
			}
			return runIAMPolicy(f, opts)
		},
	}
}

func runIAMPolicy(f *Factory, opts *IAMPolicyOptions) error {
	gd, err := loadGameDay(f, opts.Load, opts.File, nil)
	if err != nil {
		return err
	}
	rep, err := iampolicy.Build(gd, catalog.Kinds(), iampolicy.Options{Account: opts.Account, Region: opts.Region, StateURL: opts.State})
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("no policy for %s: %w", opts.File, err)}
	}
	if opts.Format == "text" {
		return rep.WriteText(f.IO.Out)
	}
	return rep.WriteJSON(f.IO.Out)
}
