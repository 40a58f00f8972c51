package command

import (
	"context"
	"fmt"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/experiments"
	"github.com/gameday-dev/gameday/reporters/dispatch"
)

// DemoOptions are the inputs of `gameday demo`.
type DemoOptions struct {
	StateDir string
	Plain    bool
	// Reports: every format under reports/ unless --report or --report-dir
	// say otherwise.
	Reports ReportOptions
}

// DemoReportDir is where the demo writes its reports, relative to the
// working directory, so that they are easy to find and open.
const DemoReportDir = "reports"

// NewCmdDemo returns the demo verb.
func NewCmdDemo(f *Factory, b *Backends, runF func(context.Context, *DemoOptions) error) *cli.Command {
	opts := &DemoOptions{}
	return &cli.Command{
		Name:  "demo",
		Usage: "run the bundled game day against the built-in sandbox (about a minute)",
		Description: "Starts the sandbox — a miniature staging world on loopback with an Auto Scaling\n" +
			"group, a load balancer, NAT gateways, Route 53 failover, CloudWatch alarms, FIS and a\n" +
			"replicated database — and runs experiments/sandbox-demo.hcl against it: all four\n" +
			"faults, stop conditions, a database failover, with live progress and the measured\n" +
			"figures. No AWS account is needed and nothing leaves this machine. Every report\n" +
			"format (JSON, JUnit, Markdown, HTML) is written under reports/ and the paths printed.",
		Flags: append([]cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.BoolFlag{Name: "plain", Destination: &opts.Plain, Usage: "print timestamped progress lines even on a terminal"},
		}, reportFlags(&opts.Reports.Dir)...),
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usageErrorf(f, "demo", "demo takes no arguments (use `gameday run --sandbox FILE` for your own game day)")
			}
			formats, err := reportFormats(f, "demo", c)
			if err != nil {
				return err
			}
			opts.Reports.Formats = formats
			if len(opts.Reports.Formats) == 0 {
				opts.Reports.Formats = dispatch.Formats()
			}
			if opts.Reports.Dir == "" {
				opts.Reports.Dir = DemoReportDir
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runDemo(c.Context, f, b, opts)
		},
	}
}

func runDemo(ctx context.Context, f *Factory, b *Backends, opts *DemoOptions) error {
	if b.Sandbox == nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("the sandbox is not available in this build")}
	}
	// The demo's own report block says nothing the flags have not already
	// decided (every format, into reports/).
	if err := refusePaths(f, "not running the demo", checkRunPaths(nil, opts.StateDir, opts.Reports)); err != nil {
		return err
	}
	be, err := b.Sandbox(ctx)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not running the demo: the sandbox did not start: %w", err)}
	}
	defer be.Close()
	l := newLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: f.environ(), Sandbox: be.Vars, Learner: learner{f}})
	gd, diags := l.LoadSource(experiments.DemoFile, experiments.Demo())
	if diags.HasErrors() {
		_ = writeDiagnostics(f, l.Files(), diags)
		return Silent(engine.ExitInvalid)
	}
	fmt.Fprintf(f.IO.ErrOut, "sandbox up: load balancer %s, DNS %s\n", be.Vars["url"].AsString(), be.Vars["dns_server"].AsString())
	res, rec, live, err := executeRun(ctx, f, be, gd, opts.StateDir, opts.Plain)
	reportRun(ctx, f, be, gd, rec, live, opts.StateDir, opts.Reports)
	if err != nil {
		return err
	}
	return exitFor(res)
}
