package command

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/reporters/console"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
)

// RunOptions are the inputs of `gameday run`.
type RunOptions struct {
	File     string
	Load     config.LoadOptions
	AWS      AWSFlags
	StateDir string
	Plain    bool // plain lines even on a terminal
	Lock     LockFlags
	Reports  ReportOptions
}

// NewCmdRun returns the run verb.
func NewCmdRun(f *Factory, b *Backends, runF func(context.Context, *RunOptions) error) *cli.Command {
	var lf LoadFlags
	opts := &RunOptions{}
	return &cli.Command{
		Name:      "run",
		Usage:     "run a game day: inject, observe, always revert, measure",
		ArgsUsage: "FILE",
		Description: "Runs the game day in FILE: checks the caller's account and region against the guard,\n" +
			"resolves targets, checks permissions (EC2 DryRun), stop alarms and steady state, then\n" +
			"runs each scenario: inject (journaled before every mutation), observe, revert in reverse\n" +
			"order and verify, wait for recovery, measure. A stop condition, Ctrl-C or SIGTERM aborts\n" +
			"and reverts; a second Ctrl-C is reported and reverting continues. If the process dies,\n" +
			"`gameday recover` reverts what its journal says is left.\n\n" +
			"Exit status: 0 objectives met, 1 an objective missed, 2 aborted, 3 invalid input or\n" +
			"refused preflight (nothing touched), 4 a revert could not be completed.\n\n" +
			"Examples:\n" +
			"   gameday run --sandbox experiments/sandbox-demo.hcl\n" +
			"   gameday run --profile staging --var az=us-east-1b experiments/staging-full.hcl",
		Flags: append(append(append([]cli.Flag{
			stateDirFlag(&opts.StateDir, f),
			&cli.BoolFlag{Name: "plain", Destination: &opts.Plain, Usage: "print timestamped progress lines even on a terminal"},
			opts.Lock.Flags()[0], opts.Lock.Flags()[1],
		}, reportFlags(&opts.Reports.Dir)...), opts.AWS.Flags()...), lf.Flags()...),
		Action: func(c *cli.Context) error {
			arg, err := oneArg(f, "run", "game-day FILE", c.Args().Slice())
			if err != nil {
				return err
			}
			opts.File = arg
			opts.Load = lf.Options(f)
			formats, err := reportFormats(f, "run", c)
			if err != nil {
				return err
			}
			opts.Reports.Formats = formats
			if err := refuseFlags(f, "run", append(opts.AWS.check(c), opts.Lock.check()...)); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runRun(c.Context, f, b, opts)
		},
	}
}

func runRun(ctx context.Context, f *Factory, b *Backends, opts *RunOptions) error {
	// Validate before starting anything: bad input touches nothing.
	gd, err := loadGameDay(f, opts.Load, opts.File, nil)
	if err != nil {
		return err
	}
	if err := refusePaths(f, "not running "+opts.File, checkRunPaths(gd, opts.StateDir, opts.Reports)); err != nil {
		return err
	}
	be, err := opts.AWS.open(ctx, b, gd.Region)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not running %s: %w", opts.File, err)}
	}
	defer be.Close()
	if be.Sandbox {
		if gd, err = loadGameDay(f, opts.Load, opts.File, be.Vars); err != nil {
			return err
		}
	}
	res, rec, live, err := executeRun(ctx, f, be, gd, opts.StateDir, opts.Plain, opts.Lock)
	reportRun(ctx, f, be, gd, rec, live, opts.StateDir, opts.Reports)
	if err != nil {
		return err
	}
	return exitFor(res)
}

// executeRun runs a loaded game day on a backend with progress, builds the
// run's record and prints its summary. stateDir is a --state location; lock, when given, carries
// run's --force-unlock and --lock-ttl. With a Slack bot token in the report
// block, the start and each scenario are posted while the run goes on; the
// returned notifier keeps that thread for the final summary.
func executeRun(ctx context.Context, f *Factory, be *Backend, gd *config.GameDay, stateDir string, plain bool, lock ...LockFlags) (*runner.Result, *record.Record, *slack.Notifier, error) {
	st, err := openState(ctx, stateDir)
	if err != nil {
		return nil, nil, nil, &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not running %s: %w", gd.Filename, err)}
	}
	var lk LockFlags
	if len(lock) > 0 {
		lk = lock[0]
	}
	prog := console.NewProgress(f.IO.ErrOut, f.IO.TTY && !plain, int(f.IO.Width))
	var live *slack.Notifier
	if gd.Report != nil {
		so := f.Slack
		so.Logf = prog.Logf
		live = slack.New(gd.Report.Slack, so)
	}
	// Slack is told without holding up the run: a post that fails only warns.
	slackCtx := context.WithoutCancel(ctx)
	var r *runner.Runner
	r, err = runner.New(runner.Options{
		GameDay: gd, Clients: be.Clients, Kinds: catalog.KindsWith(faultOptions(be)), State: st,
		Instruments: instruments.All(),
		ForceUnlock: lk.ForceUnlock, LockTTL: lk.TTL,
		Sandbox: be.Sandbox, Logf: prog.Logf,
		Baseline: be.Tuning.Baseline, SteadyWarmup: be.Tuning.SteadyWarmup,
		RecoveryTimeout: be.Tuning.RecoveryTimeout, VerifyTimeout: be.Tuning.VerifyTimeout,
		OnScenario: func(sr runner.ScenarioResult) {
			// The thread reply says what the summary will: a scenario is
			// judged against its history as soon as it is measured.
			judgeScenario(slackCtx, st, gd, r, be, sr, prog.Logf)
			if err := live.Scenario(slackCtx, slack.ScenarioOf(sr)); err != nil {
				prog.Logf("warning: slack: %v", err)
			}
		},
	})
	if err != nil {
		return nil, nil, nil, &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	prog.Attach(r.Timeline(), gd)
	// The run id is printed once the run is journaled: a run refused
	// before that stored nothing to look up or recover by that id.
	r.Timeline().Subscribe(func(e engine.Event) {
		if e.Type == engine.EvRunStart {
			prog.Logf("run %s of %s (%s)", r.RunID(), gd.Name, gd.Filename)
		}
	})
	if err := live.Start(slackCtx, slack.StartFrom(gd, r.RunID(), be.Sandbox)); err != nil {
		prog.Logf("warning: slack: %v", err)
	}
	res, err := r.Run(ctx)
	judgeHistory(ctx, st, gd, res, prog.Logf)
	prog.Close()
	if runner.IsRefused(err) {
		return nil, nil, nil, &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	var rec *record.Record
	if res != nil {
		rec = record.Build(res, gd)
	}
	if err != nil {
		return res, rec, live, err
	}
	console.Summary(f.IO.Out, rec)
	return res, rec, live, nil
}

func exitFor(res *runner.Result) error {
	code := res.ExitCode()
	if code == engine.ExitOK {
		return nil
	}
	return Silent(code)
}

// faultOptions shortens the fault kinds' waits on the sandbox.
func faultOptions(be *Backend) catalog.Options {
	if !be.Sandbox {
		return catalog.Options{}
	}
	return catalog.Options{FISPollInterval: 200e6, InstancePollInterval: 200e6, RetryBackoff: 50e6, EffectWait: 2e9}
}
