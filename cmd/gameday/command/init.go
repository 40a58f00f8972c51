package command

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/discover"
)

// InitOptions are the inputs of `gameday init`.
type InitOptions struct {
	AWS        AWSFlags
	Select     map[string]string
	Protect    map[string]string
	Out        string // "" writes to standard output
	Force      bool   // replace an existing Out
	Name       string
	FISRoleARN string
	// Reach says whether an endpoint answers 200, and why not; nil: one
	// HTTP GET (reachURL). Tests replace it to keep every request on
	// loopback.
	Reach func(ctx context.Context, url string) error
	// args is the command line, quoted in the file's header.
	args []string
}

// fisRoleARN is the shape of an IAM role ARN, as fis_az_blackout checks it.
var fisRoleARN = regexp.MustCompile(`^arn:aws(-cn|-us-gov|-eusc)?:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$`)

// NewCmdInit returns the init verb.
func NewCmdInit(f *Factory, b *Backends, runF func(context.Context, *InitOptions) error) *cli.Command {
	opts := &InitOptions{}
	var sel, prot multiFlag
	return &cli.Command{
		Name:  "init",
		Usage: "write a first game day for an account from what it holds (read-only)",
		Description: "Reads the account (read calls only: Describe, Get, List) for Auto Scaling groups and\n" +
			"their instances, NAT gateways and the route tables that use them, Route 53 failover\n" +
			"records and their health checks, load balancers, CloudWatch alarms and RDS clusters,\n" +
			"and writes one commented game day: a guard for this account and region, stop alarms,\n" +
			"probes, and a scenario per fault that applies. What it cannot decide is a # TODO:\n" +
			"comment with the reason. It sends one GET to each endpoint it found, to tell whether\n" +
			"a probe of it can work from here.\n\n" +
			"It needs read permissions only: sts:GetCallerIdentity, ec2:DescribeInstances,\n" +
			"ec2:DescribeSubnets, ec2:DescribeNatGateways, ec2:DescribeRouteTables,\n" +
			"autoscaling:DescribeAutoScalingGroups, elasticloadbalancing:DescribeLoadBalancers,\n" +
			"elasticloadbalancing:DescribeListeners, elasticloadbalancing:DescribeTargetGroups,\n" +
			"elasticloadbalancing:DescribeTags, route53:ListHostedZones, route53:ListResourceRecordSets,\n" +
			"route53:ListHealthChecks, route53:ListTagsForResource, cloudwatch:DescribeAlarms,\n" +
			"rds:DescribeDBClusters and rds:DescribeDBInstances. What it may not read is a TODO.\n\n" +
			"--select KEY=VALUE keeps only resources carrying every such tag; --protect KEY=VALUE\n" +
			"leaves out every resource carrying one (they become the guard's protected_tags and\n" +
			"never appear in the file).\n\n" +
			"Exit status: 0, 2 when the account could not be read, 3 on a usage error (nothing read).\n\n" +
			"Examples:\n" +
			"   gameday init --profile staging --select Environment=staging --protect Environment=production --out staging.hcl\n" +
			"   gameday init --sandbox --out sandbox.hcl && gameday run --sandbox sandbox.hcl",
		Flags: append([]cli.Flag{
			&cli.GenericFlag{Name: "select", Value: &sel, Usage: "keep only resources tagged `KEY=VALUE` (repeatable: all must match)"},
			&cli.GenericFlag{Name: "protect", Value: &prot, Usage: "leave out resources tagged `KEY=VALUE` and protect them in the guard (repeatable)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Destination: &opts.Out, Usage: "write the game day to `FILE` (default: standard output)"},
			&cli.BoolFlag{Name: "force", Destination: &opts.Force, Usage: "replace --out FILE when it exists"},
			&cli.StringFlag{Name: "name", Value: "first-game-day", Destination: &opts.Name, Usage: "the game day's `NAME`"},
			&cli.StringFlag{Name: "fis-role-arn", Destination: &opts.FISRoleARN, Usage: "IAM role `ARN` FIS assumes for the AZ blackout (without it, that scenario is left commented out)"},
		}, opts.AWS.Flags()...),
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usageErrorf(f, "init", "init takes no argument, got %q; write the game day with --out FILE", c.Args().First())
			}
			problems := opts.AWS.check(c)
			var err error
			if opts.Select, err = discover.ParseTags("--select", sel.values); err != nil {
				problems = append(problems, err)
			}
			if opts.Protect, err = discover.ParseTags("--protect", prot.values); err != nil {
				problems = append(problems, err)
			}
			problems = append(problems, opts.check()...)
			if err := refuseFlags(f, "init", problems); err != nil {
				return err
			}
			opts.args = initArgs(c, sel.values, prot.values)
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runInit(c.Context, f, b, opts)
		},
	}
}

// check refuses flags that would make init fail after reading the
// account: an existing --out without --force, a malformed role ARN, a
// tag both selected and protected.
func (o *InitOptions) check() []error {
	var errs []error
	if o.Out != "" && !o.Force {
		if _, err := os.Lstat(o.Out); err == nil {
			errs = append(errs, fmt.Errorf("--out %s exists: give --force to replace it, or another file", o.Out))
		}
	}
	if o.FISRoleARN != "" && !fisRoleARN.MatchString(o.FISRoleARN) {
		errs = append(errs, fmt.Errorf("--fis-role-arn %q is not an IAM role ARN, such as arn:aws:iam::123456789012:role/gameday-fis", o.FISRoleARN))
	}
	if strings.TrimSpace(o.Name) == "" {
		errs = append(errs, fmt.Errorf("--name is empty: a game day needs a name"))
	}
	for k, v := range o.Select {
		if pv, ok := o.Protect[k]; ok && pv == v {
			errs = append(errs, fmt.Errorf("--select and --protect both name %s=%s: nothing selected could be used", k, v))
		}
	}
	return errs
}

// initArgs is the command line that discovered the account, without
// credentials (none are flags) and in a stable order.
func initArgs(c *cli.Context, sel, prot []string) []string {
	args := []string{"gameday", "init"}
	for _, name := range []string{"sandbox", "sandbox-url", "profile", "region", "role-arn", "fis-role-arn"} {
		if !c.IsSet(name) {
			continue
		}
		if name == "sandbox" {
			args = append(args, "--sandbox")
			continue
		}
		args = append(args, "--"+name+" "+c.String(name))
	}
	for _, s := range sel {
		args = append(args, "--select "+s)
	}
	for _, p := range prot {
		args = append(args, "--protect "+p)
	}
	return args
}
